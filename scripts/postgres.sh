#!/usr/bin/env bash
# Makes a local PostgreSQL server available for the tests and benchmarks: installs Debian's postgresql when missing (as root),
# starts its cluster when it is not running, and creates the login role myaccount/myaccount (superuser, so tests can create and
# drop a database per test class). Prints "started" when this call started the server, so the caller can stop it again:
#   started=$(bash scripts/postgres.sh)   …   [ "$started" = started ] && bash scripts/postgres.sh stop
set -euo pipefail

if [ "${1:-}" = "stop" ]; then
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  pg_ctlcluster "$version" main stop >&2 || true
  exit 0
fi

if ! command -v pg_ctlcluster > /dev/null; then
  if [ "$(id -u)" != "0" ]; then
    echo "The PostgreSQL tests need a local server: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql > /dev/null
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >&2
fi

started=""
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start >&2
  started="started"
fi

for _ in $(seq 1 30); do
  if su postgres -c "psql -tAc 'SELECT 1'" > /dev/null 2>&1; then break; fi
  sleep 1
done

if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'myaccount'\"" | grep -q 1; then
  su postgres -c "psql -q -c \"CREATE ROLE myaccount LOGIN SUPERUSER PASSWORD 'myaccount'\"" >&2
fi

echo "$started"
