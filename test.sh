#!/usr/bin/env bash
# Runs every OneGo test on a fresh machine: builds with warnings as errors, lints the catalog and runs
# the domain and web suites (catalog, plan, lint and API tests against the real application) on SQLite,
# then the database suites again on a private PostgreSQL cluster that it starts and stops itself.
# The browser tests drive Debian's Chromium (Playwright) against the real application on both databases.
# It installs what the tests need when it is missing (tzdata, OpenSSL, PostgreSQL, Chromium, CJK fonts, poppler, zbar). CI runs exactly
# this script (.ci/run). Browser screenshots land in artifacts/screenshots/.
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

# The license-signature tests check that OpenSSL 3 verifies OneGo's SM2 signatures.
if ! command -v openssl >/dev/null 2>&1; then
  echo "== installing openssl"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openssl
fi

# Browser tests: Debian's Chromium (its major version matches Playwright 1.64's) and CJK fonts so Chinese renders.
# (grep reads all of fc-list's output: with -q it would stop at the first match, fc-list would die of SIGPIPE, and
# pipefail would report the fonts missing.)
if [ ! -x /usr/lib/chromium/chromium ] || ! fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null; then
  echo "== installing chromium and fonts-noto-cjk"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk fontconfig
fi
# License PDFs are read back as a verifier would: poppler (pdftotext, pdfinfo, pdftoppm) and zbar (zbarimg).
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v zbarimg >/dev/null 2>&1; then
  echo "== installing poppler-utils and zbar-tools"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends poppler-utils zbar-tools
fi
rm -rf artifacts/screenshots

# PostgreSQL: the server binaries from Debian, a throw-away cluster on port 5433 (see docs/operations.md).
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/postgres" ]; then
  echo "== installing postgresql"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PGPORT=${ONEGO_TEST_PG_PORT:-5433}
PGROOT=$(mktemp -d)
chmod 700 "$PGROOT"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PGROOT"
stop_pg() { as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$PGROOT"; }
trap stop_pg EXIT

echo "== build (warnings are errors)"
dotnet build OneGo.slnx -c Release -nologo -clp:ErrorsOnly

echo "== catalog lint"
dotnet run --project src/OneGo.Web -c Release --no-build -- lint "$PWD/catalog"

echo "== tests (SQLite)"
log=$(mktemp)
status=0
dotnet test OneGo.slnx -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?

echo "== tests (PostgreSQL: the database suites again)"
as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth-local=trust --auth-host=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/log" -w -t 60 \
  -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
ONEGO_TEST_DATABASE=postgres ONEGO_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres" \
  dotnet test tests/OneGo.Web.Tests -c Release --no-build --nologo --filter "Category=Database" 2>&1 | tee -a "$log" || status=$?

# One plain closing line over all suites, from each assembly's "Passed!/Failed!  - Failed: …" summary.
read -r passed failed skipped assemblies < <(awk -F'[:,]' '/^(Passed|Failed)! +- Failed:/ {
    f += $2; p += $4; s += $6; n++ } END { printf "%d %d %d %d\n", p, f, s, n }' "$log")
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ] || [ "$assemblies" -lt 3 ]; then
  exit 1
fi
