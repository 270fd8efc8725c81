#!/usr/bin/env bash
# Local PostgreSQL clusters for development and tests (docs/runtime.md).
#
#   deploy/scripts/postgres.sh start     DATADIR PORT dev|test  initdb when empty, then start (no-op when running)
#   deploy/scripts/postgres.sh bootstrap DATADIR PORT dev|test  dev: database pathwise + roles + role passwords
#                                                        test: pathwise_template (+ a copy, pathwise)
#   deploy/scripts/postgres.sh stop      DATADIR                fast shutdown; fine when not running
#   deploy/scripts/postgres.sh destroy   DATADIR                stop, then delete the cluster
#   deploy/scripts/postgres.sh roles                            bootstrap.sql + role passwords on a running server
#                                                        reached through PG* variables (compose's bootstrap
#                                                        job); PGPASSWORD defaults to the postgres secret
#
# dev: scram-sha-256 on 127.0.0.1, superuser password in $SECRETS_DIR/postgres.password.
# test: trust on 127.0.0.1 and fsync off, for a throwaway cluster.
# Both: log_error_verbosity=terse, so that error reports in the log carry no values (docs/security.md).
# PostgreSQL refuses to run as root, so as root the server side runs as the `postgres` OS user.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RUN_DIR=${RUN_DIR:-$ROOT/.run}
SECRETS_DIR=${SECRETS_DIR:-$RUN_DIR/secrets}
BOOTSTRAP_SQL=$ROOT/deploy/postgres/bootstrap.sql
ROLES=(identity profile content pathing coaching analytics)
PSQL=(env PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1)
pwfile=""

die() { echo "postgres.sh: $*" >&2; exit 1; }

# as_postgres CMD...: run a server-side command as the postgres OS user when we are root.
as_postgres() {
    if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

give_to_postgres() {
    if [[ $EUID -eq 0 ]]; then chown postgres: "$@"; fi
}

pg_bin() {
    local dir=${PG_BIN:-/usr/lib/postgresql/15/bin}
    [[ -x $dir/pg_ctl ]] || dir=$(dirname "$(command -v pg_ctl || die "pg_ctl not found: run make setup")")
    echo "$dir/$1"
}

# secret FILE: a random password, created once (32 hex characters).
secret() {
    if [[ ! -s $1 ]]; then
        (umask 077 && mkdir -p "$(dirname "$1")" && openssl rand -hex 16 >"$1")
    fi
    local value
    value=$(<"$1")
    [[ $value =~ ^[A-Za-z0-9._~-]+$ ]] || die "$1: use letters, digits and ._~- only"
    echo "$value"
}

is_running() { [[ -s $1/PG_VERSION ]] && as_postgres "$(pg_bin pg_ctl)" status -D "$1" >/dev/null 2>&1; }

check_mode() { [[ $1 == dev || $1 == test ]] || die "MODE must be dev or test, not '$1'"; }

start() {
    local data=$1 port=$2 mode=$3
    check_mode "$mode"
    mkdir -p "$data" "$RUN_DIR/logs"
    data=$(cd "$data" && pwd)
    local sock=$data-sock log=$RUN_DIR/logs/postgres.log
    [[ $mode == test ]] && log=$RUN_DIR/logs/postgres-test.log
    if is_running "$data"; then
        echo "postgres already running in $data"
        return
    fi
    mkdir -p "$sock"
    chmod 700 "$data" "$sock"
    touch "$log"
    give_to_postgres "$data" "$sock" "$log"
    if [[ $EUID -eq 0 ]]; then chmod o+x "$(dirname "$data")" "$(dirname "$log")"; fi
    as_postgres test -x "$data" -a -w "$log" ||
        die "the postgres user cannot reach $data: make its parent directories traversable (chmod o+x)"

    if [[ ! -s $data/PG_VERSION ]]; then
        local auth=(--auth-local=peer --auth-host=trust)
        if [[ $mode == dev ]]; then
            pwfile=$(mktemp)
            trap 'rm -f "$pwfile"' EXIT
            secret "$SECRETS_DIR/postgres.password" >"$pwfile"
            give_to_postgres "$pwfile"
            auth=(--auth-local=peer --auth-host=scram-sha-256 --pwfile="$pwfile")
        fi
        echo "initdb $data ($mode)"
        as_postgres "$(pg_bin initdb)" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 "${auth[@]}" >>"$log"
    fi

    # Terse error reports: no DETAIL line, which would carry the values (a unique violation names the
    # duplicate email). Statements are logged with their $n placeholders; bound values never are.
    local opts="-c listen_addresses=127.0.0.1 -p $port -k '$sock' -c max_connections=300 -c log_error_verbosity=terse"
    [[ $mode == test ]] && opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_postgres "$(pg_bin pg_ctl)" start -D "$data" -l "$log" -w -t 60 -o "$opts" >/dev/null ||
        die "postgres did not start; see $log"
    echo "postgres ($mode) on 127.0.0.1:$port, data in $data"
}

# set_role_passwords DATABASE: ALTER ROLE ... PASSWORD from $SECRETS_DIR/<role>.password.
set_role_passwords() {
    local role password
    for role in "${ROLES[@]}"; do
        password=$(secret "$SECRETS_DIR/$role.password")
        # Through stdin, so that the password never shows in a process listing.
        printf "ALTER ROLE %s PASSWORD '%s';\n" "$role" "$password"
    done | "${PSQL[@]}" -d "$1"
}

bootstrap() {
    local port=$2 mode=$3
    check_mode "$mode"
    export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres
    if [[ $mode == dev ]]; then
        PGPASSWORD=$(secret "$SECRETS_DIR/postgres.password")
        export PGPASSWORD
        if [[ -z $("${PSQL[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'pathwise'") ]]; then
            "${PSQL[@]}" -d postgres -c "CREATE DATABASE pathwise"
        fi
        "${PSQL[@]}" -d pathwise -f "$BOOTSTRAP_SQL"
        set_role_passwords pathwise
        echo "bootstrapped database pathwise; role passwords in $SECRETS_DIR"
    else
        "${PSQL[@]}" -d postgres <<'SQL'
SELECT 'ALTER DATABASE pathwise_template IS_TEMPLATE false'
  FROM pg_database WHERE datname = 'pathwise_template' \gexec
DROP DATABASE IF EXISTS pathwise_template WITH (FORCE);
DROP DATABASE IF EXISTS pathwise WITH (FORCE);
CREATE DATABASE pathwise_template;
SQL
        "${PSQL[@]}" -d pathwise_template -f "$BOOTSTRAP_SQL"
        "${PSQL[@]}" -d postgres \
            -c "ALTER DATABASE pathwise_template WITH IS_TEMPLATE true ALLOW_CONNECTIONS false" \
            -c "CREATE DATABASE pathwise TEMPLATE pathwise_template"
        echo "bootstrapped template pathwise_template and database pathwise"
    fi
}

stop() {
    [[ -d $1 ]] || return 0
    local data
    data=$(cd "$1" && pwd)
    if is_running "$data"; then
        as_postgres "$(pg_bin pg_ctl)" stop -D "$data" -m fast -w -t 60 >/dev/null
        echo "postgres stopped ($data)"
    fi
}

destroy() {
    local data=${1%/}
    stop "$data"
    rm -rf "$data" "$data-sock"
}

roles() {
    if [[ -z ${PGPASSWORD:-} && -s $SECRETS_DIR/postgres.password ]]; then
        PGPASSWORD=$(<"$SECRETS_DIR/postgres.password")
        export PGPASSWORD
    fi
    "${PSQL[@]}" -f "$BOOTSTRAP_SQL"
    set_role_passwords "${PGDATABASE:-pathwise}"
}

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0" >&2; exit 2; }

case ${1:-} in
    start | bootstrap) [[ $# -eq 4 ]] || usage; "$1" "$2" "$3" "$4" ;;
    stop | destroy) [[ $# -eq 2 ]] || usage; "$1" "$2" ;;
    roles) roles ;;
    *) usage ;;
esac
