#!/usr/bin/env bash
# Makes a local Redis server available (the cluster tests and scripts/cluster.sh): installs Debian's redis-server when missing
# (as root) and starts one on the port (default 6390, away from a system Redis on 6379), daemonized, its files under
# /tmp/myaccount-redis-PORT. Prints "started" when this call started it, so the caller can stop it again:
#   started=$(bash scripts/redis.sh [PORT])   …   [ "$started" = started ] && bash scripts/redis.sh stop [PORT]
set -euo pipefail

if [ "${1:-}" = "stop" ]; then
  port="${2:-6390}"
  redis-cli -p "$port" shutdown nosave > /dev/null 2>&1 || true
  exit 0
fi
port="${1:-6390}"

if ! command -v redis-server > /dev/null; then
  if [ "$(id -u)" != "0" ]; then
    echo "The cluster tests need Redis: sudo apt-get install -y redis-server" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq redis-server > /dev/null
fi

started=""
if ! redis-cli -p "$port" ping > /dev/null 2>&1; then
  dir="/tmp/myaccount-redis-$port"
  mkdir -p "$dir"
  # Local only, no persistence: it carries live events and the SignalR backplane, nothing that must survive a restart.
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2
  for _ in $(seq 1 50); do
    if redis-cli -p "$port" ping > /dev/null 2>&1; then break; fi
    sleep 0.1
  done
  redis-cli -p "$port" ping > /dev/null
  started="started"
fi

echo "$started"
