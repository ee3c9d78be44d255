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
dotnet run --project src/OneGo.Web -c Release --no-build -- lint "$PWD/catalog"

echo "== tests"
log=$(mktemp)
status=0
dotnet test OneGo.slnx -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?

# One plain closing line over all suites, from each assembly's "Passed!/Failed!  - Failed: …" summary.
read -r passed failed skipped assemblies < <(awk -F'[:,]' '/^(Passed|Failed)! +- Failed:/ {
    f += $2; p += $4; s += $6; n++ } END { printf "%d %d %d %d\n", p, f, s, n }' "$log")
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ] || [ "$assemblies" -lt 2 ]; then
  exit 1
fi
