#!/usr/bin/env bash
# Development PKI (docs/runtime.md): an EC P-256 CA and one leaf per service.
#
#   deploy/scripts/pki.sh DIR           create what is missing; reissue leaves that are invalid or expire within 7 days
#   deploy/scripts/pki.sh --rogue DIR   a separate CA and an impostor "identity" leaf, for tests
set -euo pipefail

readonly LEAVES=(identity profile content pathing coaching-session analytics gateway)
readonly RENEW_BEFORE=$((7 * 24 * 3600))
umask 077

usage() { echo "usage: $0 [--rogue] DIR" >&2; exit 2; }

# new_key FILE: a P-256 key in PKCS#8 PEM ("BEGIN PRIVATE KEY").
new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; chmod 600 "$1"; }

# new_ca DIR CN: a self-signed CA valid for 10 years.
new_ca() {
    new_key "$1/ca.key"
    openssl req -x509 -new -sha256 -days 3650 -key "$1/ca.key" -subj "/CN=$2" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -addext "subjectKeyIdentifier=hash" -out "$1/ca.pem"
    chmod 644 "$1/ca.pem"
}

# new_leaf DIR NAME CN SAN EKU: NAME.key + NAME.pem, signed by DIR/ca.pem.
new_leaf() {
    local dir=$1 name=$2 cn=$3 san=$4 eku=$5
    local err
    new_key "$dir/$name.key"
    # openssl x509 -req chats on stderr even when it succeeds; show it only on failure.
    if ! err=$(openssl req -new -key "$dir/$name.key" -subj "/CN=$cn" |
        openssl x509 -req -sha256 -days 825 -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
            -set_serial "0x$(openssl rand -hex 16)" -out "$dir/$name.pem" -extfile <(printf '%s\n' \
            "basicConstraints=critical,CA:FALSE" \
            "keyUsage=critical,digitalSignature" \
            "extendedKeyUsage=$eku" \
            "subjectAltName=$san" \
            "subjectKeyIdentifier=hash" \
            "authorityKeyIdentifier=keyid") 2>&1); then
        echo "$err" >&2
        return 1
    fi
    chmod 644 "$dir/$name.pem"
}

# valid CERT KEY CA: the certificate chains to CA, lives another 7 days, and matches KEY.
valid() {
    [[ -s $1 && -s $2 ]] &&
        openssl verify -CAfile "$3" "$1" >/dev/null 2>&1 &&
        openssl x509 -checkend "$RENEW_BEFORE" -noout -in "$1" >/dev/null &&
        [[ $(openssl x509 -noout -pubkey -in "$1") == "$(openssl pkey -pubout -in "$2")" ]]
}

# leaf DIR NAME: issue a service certificate unless a valid one is there.
leaf() {
    valid "$1/$2.pem" "$1/$2.key" "$1/ca.pem" && return
    new_leaf "$1" "$2" "$2" "DNS:$2,DNS:localhost,IP:127.0.0.1" "serverAuth,clientAuth"
    echo "issued $1/$2.pem"
}

# bundle OUT CERT KEY: cert + key in one file (HAProxy `crt`), rewritten only when it differs.
bundle() {
    local out=$1
    shift
    if ! cmp -s "$out" <(cat "$@"); then
        cat "$@" >"$out"
        chmod 600 "$out"
        echo "wrote $out"
    fi
}

main() {
    local rogue=false
    if [[ ${1:-} == --rogue ]]; then rogue=true; shift; fi
    [[ $# -eq 1 ]] || usage
    local dir=$1
    (umask 022 && mkdir -p "$dir")
    chmod 755 "$dir"

    if $rogue; then
        [[ -s $dir/ca.pem && -s $dir/ca.key ]] || new_ca "$dir" "Pathwise Rogue CA"
        leaf "$dir" identity
        return
    fi

    if [[ ! -s $dir/ca.pem || ! -s $dir/ca.key ]] ||
        ! openssl x509 -checkend "$RENEW_BEFORE" -noout -in "$dir/ca.pem" >/dev/null; then
        new_ca "$dir" "Pathwise Internal CA"
        echo "issued $dir/ca.pem"
    fi
    local name
    for name in "${LEAVES[@]}"; do leaf "$dir" "$name"; done
    bundle "$dir/gateway.bundle.pem" "$dir/gateway.pem" "$dir/gateway.key"

    # The public listener's certificate lives only inside its bundle.
    local server=$dir/gateway-server.bundle.pem
    if ! valid "$server" "$server" "$dir/ca.pem"; then
        new_leaf "$dir" gateway-server localhost "DNS:localhost,IP:127.0.0.1" serverAuth
        bundle "$server" "$dir/gateway-server.pem" "$dir/gateway-server.key"
        rm -f "$dir/gateway-server.pem" "$dir/gateway-server.key"
    fi
}

main "$@"
