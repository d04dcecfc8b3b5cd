#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing, then runs every test.
#   bash test.sh              all tests
#   bash test.sh [dotnet test options]   e.g. --filter "FullyQualifiedName~Billing"
set -euo pipefail
cd "$(dirname "$0")"

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

dotnet test MyAccount.sln "$@"
