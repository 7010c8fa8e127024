#!/usr/bin/env bash
# The test command: installs what is missing (Chromium included), builds, and runs every test project in the solution.
# The whole output is also kept in TestResults/test-run.log; the exit code is dotnet test's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

scripts/install-prerequisites.sh --for test
dotnet build OpsCenter.slnx -c Release -nologo -v quiet
mkdir -p TestResults
dotnet test --solution OpsCenter.slnx -c Release --no-build --no-progress 2>&1 | tee TestResults/test-run.log
exit "${PIPESTATUS[0]}"
