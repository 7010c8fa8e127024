#!/usr/bin/env bash
# Installs what the run and test commands need and is not there yet; quick (no apt at all) when nothing is missing.
# Usage: scripts/install-prerequisites.sh [--for run|test]
set -euo pipefail

purpose=run
while [[ $# -gt 0 ]]; do
  case "$1" in
    --for) purpose="${2:?--for needs run or test}"; shift 2 ;;
    *) echo "usage: $0 [--for run|test]" >&2; exit 2 ;;
  esac
done
[[ "$purpose" == run || "$purpose" == test ]] || { echo "--for must be run or test" >&2; exit 2; }

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sudo_cmd=()
[[ "$(id -u)" -eq 0 ]] || sudo_cmd=(sudo)

# The servers run as our own child processes; Chromium drives the browser tests (small enough to install for both).
# DejaVu Sans is the font of the leaders' reports (PDF and charts): it has every Vietnamese diacritic.
packages=(influxdb mosquitto mosquitto-clients postgresql chromium fonts-dejavu-core)
# The report tests read the PDF's text back with pdftotext.
[[ "$purpose" == test ]] && packages+=(poppler-utils)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [[ ${#missing[@]} -gt 0 ]]; then
  echo "Installing: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  # The packages start their own daemons (PostgreSQL on 5432, mosquitto on 1883, influxd on 8086). We start our own
  # on other folders and ports; theirs would only hold ports (1883 is the embedded broker's) and memory.
  "${sudo_cmd[@]}" "$repo/scripts/stop-package-daemons.sh"
fi

web="$repo/OpsCenter.Web"
if [[ -f "$web/package-lock.json" && ! -d "$web/node_modules" ]]; then
  # Dev dependencies (the 34 MB coastline the map was cut from once) are not needed to build or run.
  (cd "$web" && npm ci --omit=dev --no-audit --no-fund)
fi
