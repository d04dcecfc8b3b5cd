#!/usr/bin/env bash
# Runs the test suite with the test host's wall clock moved to another date by libfaketime (Debian package faketime),
# preloaded into the test host only (MSBuild and dotnet test itself keep the real clock).
#   bash scripts/test-on-date.sh "2028-02-29 23:59:30" [dotnet test options]
set -euo pipefail
cd "$(dirname "$0")/.."
when="${1:?give a date, e.g. \"2027-01-01 00:00:05\"}"
shift
lib=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
if [ ! -f "$lib" ]; then
  echo "libfaketime is missing: apt-get install -y faketime" >&2
  exit 1
fi
settings="$(mktemp --suffix=.runsettings)"
trap 'rm -f "$settings"' EXIT
cat > "$settings" <<XML
<RunSettings>
  <RunConfiguration>
    <EnvironmentVariables>
      <LD_PRELOAD>$lib</LD_PRELOAD>
      <FAKETIME>@$when</FAKETIME>
    </EnvironmentVariables>
  </RunConfiguration>
</RunSettings>
XML
dotnet test MyAccount.sln --settings "$settings" "$@"
