#!/bin/sh
# The backup service's loop: a backup at start when the last good one is over a day old (a new
# install is covered from its first hour), then one every day at BACKUP_AT (HH:MM, UTC); after
# a failure, another try every hour until one succeeds.
set -u
here=$(dirname "$0")
at="${BACKUP_AT:-03:00}"
metrics="${BACKUP_STATUS_DIR:-${BACKUP_DIR:-/backups}}/callboard_backup.prom"
date -u -d "today $at" +%s >/dev/null 2>&1 || { echo "BACKUP_AT must be HH:MM, not $at" >&2; exit 2; }

# `sleep & wait` so that docker stop's SIGTERM ends the wait at once.
trap 'exit 0' TERM INT
pause() { sleep "$1" & wait $!; }
backup() { "$here/backup.sh" || { echo "next try in an hour" >&2; return 1; }; }

last=$(sed -n 's/^callboard_backup_last_success_timestamp_seconds //p' "$metrics" 2>/dev/null)
retry=no
if [ -z "$last" ] || [ $(($(date +%s) - last)) -gt 86400 ]; then backup || retry=yes; fi
while true; do
  if [ "$retry" = yes ]; then
    pause 3600
  else
    now=$(date -u +%s)
    next=$(date -u -d "today $at" +%s)
    [ "$next" -gt "$now" ] || next=$(date -u -d "tomorrow $at" +%s)
    pause $((next - now))
  fi
  if backup; then retry=no; else retry=yes; fi
done
