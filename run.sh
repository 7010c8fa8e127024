#!/usr/bin/env bash
# The run command: installs what is missing, builds, and starts the whole system (InfluxDB, PostgreSQL, Server with
# the MQTT broker, Ingest, the demo-city simulator). Prints the wall-screen URL; Ctrl-C stops everything.
# Options are passed to the launcher: [--data DIR] [--no-simulator] [--scale demo|district|city]; --help lists them.
# Data is kept in ./data by default.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

"$repo/scripts/install-prerequisites.sh" --for run
dotnet build "$repo/OpsCenter.slnx" -c Release -nologo -v quiet
# The launcher runs directly (not under `dotnet run`) so Ctrl-C and SIGTERM reach the process that stops the children.
# No cd: a relative --data DIR means relative to where the user is.
exec dotnet "$repo/OpsCenter.AppHost/bin/Release/net10.0/OpsCenter.AppHost.dll" "$@"
