#!/usr/bin/env bash
# Stops the daemons Debian's influxdb, mosquitto and postgresql packages start on install, and keeps them from
# starting at boot. Touches only those daemons: found by their pidfiles or package config paths, never by a
# broad name match, so servers started by the run command or by tests (own configs, own folders) are left alone.
set -euo pipefail

if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
  for unit in influxdb mosquitto postgresql; do
    systemctl disable --now "$unit" >/dev/null 2>&1 || true
  done
  exit 0
fi

if command -v pg_lsclusters >/dev/null 2>&1; then
  pg_lsclusters --no-header 2>/dev/null | while read -r version cluster _port status _rest; do
    if [[ "$status" == online* ]]; then
      pg_ctlcluster "$version" "$cluster" stop || true
    fi
  done
fi

# stop_daemon USER BINARY CONFIG_PATH PIDFILE...: SIGTERM to processes of BINARY run by USER with the package config.
stop_daemon() {
  local user="$1" binary="$2" config="$3"; shift 3
  local pids=() pidfile pid
  for pidfile in "$@"; do
    [[ -s "$pidfile" ]] && pids+=("$(cat "$pidfile")")
  done
  while read -r pid; do
    [[ -n "$pid" ]] && pids+=("$pid")
  done < <(pgrep -x -u "$user" "$(basename "$binary")" || true)
  for pid in "${pids[@]}"; do
    [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$binary" ]] || continue
    tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$config" || continue
    echo "Stopping the $(basename "$binary") started by its Debian package (pid $pid)"
    kill "$pid" || true
  done
}

stop_daemon mosquitto /usr/sbin/mosquitto /etc/mosquitto/ /run/mosquitto/mosquitto.pid /var/run/mosquitto.pid
stop_daemon influxdb /usr/bin/influxd /etc/influxdb/ /run/influxdb/influxd.pid /var/run/influxdb/influxd.pid
