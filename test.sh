#!/usr/bin/env bash
# Runs every OneGo test on a fresh machine: builds with warnings as errors, lints the catalog and runs
# the domain and web suites (catalog, plan, lint and API tests against the real application).
# It installs what the tests need when it is missing. CI runs exactly this script (.ci/run).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK 10 is required; on Debian: apt-get install dotnet-sdk-10.0" >&2
  exit 1
fi
# The API tests fix the clock in China Standard Time.
if [ ! -e /usr/share/zoneinfo/Asia/Shanghai ]; then
  echo "== installing tzdata"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends tzdata
fi

echo "== build (warnings are errors)"
dotnet build OneGo.slnx -c Release -nologo -clp:ErrorsOnly

echo "== catalog lint"
dotnet run --project src/OneGo.Web -c Release --no-build -- lint catalog

echo "== tests"
results=$(mktemp -d)
status=0
dotnet test OneGo.slnx -c Release --no-build --nologo --results-directory "$results" --logger "trx" 2>&1 | tee "$results/console.log" || status=$?

# One plain closing line over all suites.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
rm -rf "$results"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
