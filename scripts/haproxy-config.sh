#!/usr/bin/env bash
# The HAProxy configuration of a MyAccount cluster, written to standard output. One generator for scripts/cluster.sh and the
# cluster browser tests (MyAccount.Tests/Cluster/Balancer.cs), so the tests go through the balancer the local cluster runs.
#   bash scripts/haproxy-config.sh BALANCER_PORT PIDFILE NAME=HOST:PORT [NAME=HOST:PORT …]
# Each NAME is the instance's Cluster:InstanceName: HAProxy's MYACCOUNT_INSTANCE cookie carries it, as does the instances'
# X-MyAccount-Instance response header.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: bash scripts/haproxy-config.sh BALANCER_PORT PIDFILE NAME=HOST:PORT [NAME=HOST:PORT …]" >&2
  exit 2
fi
balancer_port="$1"
pidfile="$2"
shift 2

cat <<CFG
global
    daemon
    pidfile $pidfile

defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    # Blazor circuits and /hubs/account are WebSockets: HAProxy passes the Upgrade through and keeps the tunnel open this long.
    timeout tunnel 1h

frontend myaccount
    bind 127.0.0.1:$balancer_port
    default_backend instances

backend instances
    balance roundrobin
    # Sticky sessions: a browser keeps its instance (its Blazor circuit lives there) until that instance is down.
    cookie MYACCOUNT_INSTANCE insert indirect nocache httponly
    option httpchk GET /healthz/ready
    http-check expect status 200
    # X-Forwarded-For (appended: the instance trusts loopback proxies and takes the last address) and the original scheme.
    option forwardfor
    http-request set-header X-Forwarded-Proto https if { ssl_fc }
    http-request set-header X-Forwarded-Proto http if !{ ssl_fc }
CFG
for server in "$@"; do
  name="${server%%=*}"
  address="${server#*=}"
  echo "    server $name $address check cookie $name"
done
