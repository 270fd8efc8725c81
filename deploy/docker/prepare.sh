#!/usr/bin/env bash
# Compose's one-shot `pki` job: certificates in /pki and passwords in /secrets (both volumes),
# each readable by the container user that needs it: services run as uid 1000, the haproxy image
# as 99, the postgres image as 999. Idempotent, like deploy/scripts/pki.sh.
set -euo pipefail

/pathwise/scripts/pki.sh /pki
for name in postgres identity profile content pathing coaching analytics; do
    if [[ ! -s /secrets/$name.password ]]; then
        (umask 077 && openssl rand -hex 16 >"/secrets/$name.password")
    fi
done

chown 1000 /pki/{identity,profile,content,pathing,coaching-session,analytics}.key
chown 1000 /secrets/{identity,profile,content,pathing,coaching,analytics}.password
chown 99 /pki/gateway.bundle.pem /pki/gateway-server.bundle.pem
chown 999 /secrets/postgres.password
