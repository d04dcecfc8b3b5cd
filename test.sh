#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing, then runs every test — once on SQLite (all tests,
# browser journeys included) and once on a real PostgreSQL (the domain, API and app tests; the browser journeys and the
# SQLite-only tuning tests are skipped there; the cluster tests, their Chromium and HAProxy ones included, run there only). The
# local PostgreSQL server and a local Redis (port 6390) are started if they are not running, and stopped again afterwards if this
# script started them.
#   bash test.sh              all tests, both providers
#   bash test.sh [dotnet test options]   e.g. --filter "FullyQualifiedName~Billing"
#   MYACCOUNT_TEST_PROVIDERS=sqlite bash test.sh      one provider only (sqlite or postgresql)
set -euo pipefail
cd "$(dirname "$0")"
providers="${MYACCOUNT_TEST_PROVIDERS:-sqlite postgresql}"

# Browser tests drive Debian's Chromium (Playwright never downloads a browser here).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium > /dev/null
  else
    echo "The browser tests need Chromium at /usr/bin/chromium: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

# The sign-in browser test runs a local OpenID Connect provider (npm: oauth2-mock-server).
if [ ! -d MyAccount.Tests/Browser/oidc/node_modules/oauth2-mock-server ]; then
  npm ci --prefix MyAccount.Tests/Browser/oidc --no-audit --no-fund
fi

status=0
if [[ " $providers " == *" sqlite "* ]]; then
  dotnet test MyAccount.sln "$@" || status=$?
fi

if [[ " $providers " == *" postgresql "* ]]; then
  # The cluster browser tests put Debian's HAProxy in front of two app processes (MyAccount.Tests/Cluster/Balancer.cs).
  if ! command -v haproxy > /dev/null && [ ! -x /usr/sbin/haproxy ]; then
    if [ "$(id -u)" = "0" ]; then
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq haproxy > /dev/null
    else
      echo "The cluster tests need HAProxy: sudo apt-get install -y haproxy" >&2
      exit 1
    fi
  fi
  started="$(bash scripts/postgres.sh)"
  # The cluster tests (two app processes on one PostgreSQL database) also need Redis: scripts/redis.sh, port 6390.
  redis_started="$(bash scripts/redis.sh)"
  trap '[ "$started" = started ] && bash scripts/postgres.sh stop; [ "$redis_started" = started ] && bash scripts/redis.sh stop' EXIT
  # The same options, with the PostgreSQL run's own TRX file and the browser and SQLite-only tests left out.
  args=()
  filter="FullyQualifiedName!~MyAccount.Tests.Browser&Provider!=Sqlite"
  while [ $# -gt 0 ]; do
    case "$1" in
      --filter) filter="($2)&$filter"; shift 2 ;;
      *LogFileName=*) args+=("${1/LogFileName=/LogFileName=postgresql-}"); shift ;;
      *) args+=("$1"); shift ;;
    esac
  done
  MYACCOUNT_TEST_DATABASE=PostgreSQL dotnet test MyAccount.sln "${args[@]}" --filter "$filter" || status=$?
fi

exit "$status"
