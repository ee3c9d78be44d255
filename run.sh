#!/usr/bin/env bash
# Runs OneGo on this machine: builds, loads and lints the catalog, listens on http://127.0.0.1:5080.
# Options pass through to the app, e.g. ./run.sh --urls http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: the .NET SDK 10 is required (https://dotnet.microsoft.com); on Debian: apt-get install dotnet-sdk-10.0" >&2
  exit 1
fi
exec dotnet run --project src/OneGo.Web -c Release -- "$@"
