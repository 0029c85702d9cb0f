#!/usr/bin/env bash
# Start the machine's PostgreSQL 15 cluster on 127.0.0.1 and make sure the ledger's role and
# database exist. Idempotent. Usage: scripts/postgres.sh start|stop|status
set -euo pipefail

PG_VERSION="${INTYG_PG_VERSION:-15}"
PG_CLUSTER="${INTYG_PG_CLUSTER:-main}"
DB="${INTYG_POSTGRES_DB:-intyg}"
USER_NAME="${INTYG_POSTGRES_USER:-intyg}"
PASSWORD="${INTYG_POSTGRES_PASSWORD:-intyg}"

as_postgres() { runuser -u postgres -- "$@"; }

start() {
    if ! pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1==v && $2==c' | grep -q online; then
        pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start -o "-c listen_addresses=127.0.0.1"
    fi
    for _ in $(seq 1 60); do
        pg_isready -q -h 127.0.0.1 -p 5432 && break
        sleep 0.5
    done
    pg_isready -h 127.0.0.1 -p 5432
    as_postgres psql -v ON_ERROR_STOP=1 -q -d postgres <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${USER_NAME}') THEN
    CREATE ROLE ${USER_NAME} LOGIN PASSWORD '${PASSWORD}';
  END IF;
END \$\$;
SQL
    if ! as_postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname='${DB}'" | grep -q 1; then
        as_postgres createdb -O "$USER_NAME" "$DB"
    fi
}

case "${1:-start}" in
    start) start ;;
    stop) pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop || true ;;
    status) pg_isready -h 127.0.0.1 -p 5432 ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
