#!/usr/bin/env bash
# A local cluster in one command: PostgreSQL (scripts/postgres.sh), Redis (scripts/redis.sh, port 6391), two MyAccount instances
# (ports 5031 and 5032, Development sign-in, demo data loaded by the first) and HAProxy in front on port 5030, with sticky
# sessions (cookie MYACCOUNT_INSTANCE) and WebSockets. Installs Debian's postgresql, redis-server and haproxy when missing (as root).
#   bash scripts/cluster.sh          build, start everything, print the address
#   bash scripts/cluster.sh stop     stop what it started
# The instances inherit this environment: e.g. Billing__Scheduler__Enabled=false bash scripts/cluster.sh.
# Logs and state: $MYACCOUNT_CLUSTER_DIR (default /tmp/myaccount-cluster). Every response names the instance that answered in
# the X-MyAccount-Instance header: curl -sI http://localhost:5030/healthz/ready | grep -i instance
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${MYACCOUNT_CLUSTER_DIR:-/tmp/myaccount-cluster}"
balancer_port=5030
redis_port=6391
ports=(5031 5032)
names=(a b)
database=myaccount_cluster

stop() {
  for name in "${names[@]}" haproxy; do
    if [ -f "$dir/$name.pid" ]; then
      kill "$(cat "$dir/$name.pid")" 2> /dev/null || true
      rm -f "$dir/$name.pid"
    fi
  done
  if [ -f "$dir/redis.started" ]; then bash scripts/redis.sh stop "$redis_port"; rm -f "$dir/redis.started"; fi
  if [ -f "$dir/postgres.started" ]; then bash scripts/postgres.sh stop; rm -f "$dir/postgres.started"; fi
  echo "Cluster stopped."
}

if [ "${1:-}" = "stop" ]; then
  stop
  exit 0
fi

mkdir -p "$dir"
if [ -f "$dir/a.pid" ] && kill -0 "$(cat "$dir/a.pid")" 2> /dev/null; then
  echo "The cluster is already running (bash scripts/cluster.sh stop first)." >&2
  exit 1
fi

if ! command -v haproxy > /dev/null; then
  if [ "$(id -u)" != "0" ]; then
    echo "The cluster needs HAProxy: sudo apt-get install -y haproxy" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq haproxy > /dev/null
fi

[ "$(bash scripts/postgres.sh)" = started ] && touch "$dir/postgres.started"
[ "$(bash scripts/redis.sh "$redis_port")" = started ] && touch "$dir/redis.started"
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = '$database'\"" | grep -q 1; then
  su postgres -c "createdb -O myaccount -l C.UTF-8 -T template0 $database"
fi

echo "Building MyAccount.Web…"
dotnet build MyAccount.Web -c Release -v quiet -nologo > "$dir/build.log" || { cat "$dir/build.log" >&2; exit 1; }
web="$(pwd)/MyAccount.Web/bin/Release/net10.0"

wait_ready() {
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$1/healthz/ready" > /dev/null; then return 0; fi
    sleep 0.5
  done
  echo "The instance on port $1 did not become ready; see $dir/*.log" >&2
  return 1
}

# One after the other: the first applies the migrations, loads the demo data and creates the data-protection key; the second
# finds them. Both run the billing scheduler; the PostgreSQL advisory lock lets one bill at a time.
for i in 0 1; do
  name="${names[$i]}"
  port="${ports[$i]}"
  (
    cd "$web"
    ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Database__Provider=PostgreSQL \
    ConnectionStrings__MyAccount="Host=127.0.0.1;Database=$database;Username=myaccount;Password=myaccount" \
    ConnectionStrings__Redis="127.0.0.1:$redis_port" \
    Cluster__InstanceName="$name" \
    App__PublicBaseUrl="http://localhost:$balancer_port/" \
    Email__PickupFolder="$dir/mail-outbox" \
    nohup dotnet MyAccount.Web.dll > "$dir/$name.log" 2>&1 &
    echo $! > "$dir/$name.pid"
  )
  wait_ready "$port"
  echo "Instance $name is ready on port $port."
done

# The balancer's configuration comes from scripts/haproxy-config.sh (the cluster tests use the same generator).
bash scripts/haproxy-config.sh "$balancer_port" "$dir/haproxy.pid" \
  "${names[0]}=127.0.0.1:${ports[0]}" "${names[1]}=127.0.0.1:${ports[1]}" > "$dir/haproxy.cfg"
haproxy -c -q -f "$dir/haproxy.cfg"
haproxy -f "$dir/haproxy.cfg"
wait_ready "$balancer_port"

echo
echo "MyAccount cluster: http://localhost:$balancer_port  (HAProxy → instances a :${ports[0]} and b :${ports[1]} → PostgreSQL $database + Redis :$redis_port)"
echo "Sign in at http://localhost:$balancer_port/dev/signin; the X-MyAccount-Instance response header names the instance. Logs: $dir. Stop: bash scripts/cluster.sh stop"
