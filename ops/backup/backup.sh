#!/bin/sh
# One verified backup of the Callboard database: pg_dump's custom format (compressed), named by
# its UTC time, checked with `pg_restore --list`, then backups older than BACKUP_KEEP_DAYS are
# removed. Runs in the backup service (docker-compose.prod.yml) or by hand; the outcome goes to
#   $BACKUP_STATUS_DIR/backup-status.json   for the admin status page (the api service mounts it
#                                           read-only at /var/lib/callboard/backup-status)
#   $BACKUP_STATUS_DIR/callboard_backup.prom for node-exporter's textfile collector (alerts)
# Environment: DATABASE_URL (required), BACKUP_DIR (default /backups), BACKUP_STATUS_DIR
# (default $BACKUP_DIR), BACKUP_KEEP_DAYS (default 14).
set -eu

: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
dir="${BACKUP_DIR:-/backups}"
status_dir="${BACKUP_STATUS_DIR:-$dir}"
keep_days="${BACKUP_KEEP_DAYS:-14}"
case "$keep_days" in '' | *[!0-9]*) echo "BACKUP_KEEP_DAYS must be a whole number" >&2; exit 2 ;; esac
mkdir -p "$dir" "$status_dir"

now_ms() { date +%s%3N; }
started_ms=$(now_ms)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$dir/callboard-$stamp.dump"
partial="$target.partial"

# Writes the status file and the metrics atomically (a reader never sees half of either).
# The last success's time is kept through a failure, so "no backup in 26 h" still counts from it.
write_status() { # status file bytes entries error
  finished_ms=$(now_ms)
  duration=$(awk "BEGIN { printf \"%.3f\", ($finished_ms - $started_ms) / 1000 }")
  finished_at=$(date -u -d "@$((finished_ms / 1000))" +%Y-%m-%dT%H:%M:%SZ)
  last_success=$(sed -n 's/^callboard_backup_last_success_timestamp_seconds //p' \
    "$status_dir/callboard_backup.prom" 2>/dev/null || true)
  if [ "$1" = ok ]; then last_success=$((finished_ms / 1000)); fi
  last_success_at=""
  if [ -n "$last_success" ]; then last_success_at=$(date -u -d "@$last_success" +%Y-%m-%dT%H:%M:%SZ); fi
  error_json=$(printf '%s' "$5" | sed 's/\\/\\\\/g; s/"/\\"/g' | tr '\t\r\n' '   ')
  cat > "$status_dir/backup-status.json.tmp" <<EOF
{
  "status": "$1",
  "file": "$2",
  "bytes": $3,
  "entries": $4,
  "durationSeconds": $duration,
  "finishedAt": "$finished_at",
  "lastSuccessAt": "$last_success_at",
  "keepDays": $keep_days,
  "error": "$error_json"
}
EOF
  mv "$status_dir/backup-status.json.tmp" "$status_dir/backup-status.json"
  {
    echo '# HELP callboard_backup_last_run_success Whether the last backup run succeeded (1) or failed (0).'
    echo '# TYPE callboard_backup_last_run_success gauge'
    echo "callboard_backup_last_run_success $([ "$1" = ok ] && echo 1 || echo 0)"
    if [ -n "$last_success" ]; then
      echo '# HELP callboard_backup_last_success_timestamp_seconds When the last verified backup finished.'
      echo '# TYPE callboard_backup_last_success_timestamp_seconds gauge'
      echo "callboard_backup_last_success_timestamp_seconds $last_success"
    fi
    echo '# HELP callboard_backup_last_size_bytes Size of the last backup file.'
    echo '# TYPE callboard_backup_last_size_bytes gauge'
    echo "callboard_backup_last_size_bytes $3"
    echo '# HELP callboard_backup_last_duration_seconds How long the last backup run took.'
    echo '# TYPE callboard_backup_last_duration_seconds gauge'
    echo "callboard_backup_last_duration_seconds $duration"
  } > "$status_dir/callboard_backup.prom.tmp"
  mv "$status_dir/callboard_backup.prom.tmp" "$status_dir/callboard_backup.prom"
}

fail() {
  rm -f "$partial"
  write_status failed "" 0 0 "$1"
  echo "backup failed: $1" >&2
  exit 1
}

errors="$(mktemp)"
toc="$(mktemp)"
trap 'rm -f "$errors" "$toc"' EXIT

# Level 6 zlib: most of the size gain of 9 at a fraction of its time.
pg_dump --format=custom --compress=6 --no-owner --file="$partial" "$DATABASE_URL" 2>"$errors" ||
  fail "pg_dump: $(cat "$errors")"
# A dump that pg_restore cannot read is no backup: check its table of contents before keeping it.
pg_restore --list "$partial" >"$toc" 2>"$errors" || fail "pg_restore --list: $(cat "$errors")"
entries=$(grep -c '^[0-9]' "$toc" || true)
[ "$entries" -gt 0 ] || fail "pg_restore --list found no entries in the dump"
mv "$partial" "$target"
bytes=$(wc -c < "$target" | tr -d ' ')

# Only after a verified backup exists: old ones go, and never the one just written.
find "$dir" -maxdepth 1 -name 'callboard-*.dump' -mtime "+$keep_days" ! -name "$(basename "$target")" -delete
find "$dir" -maxdepth 1 -name 'callboard-*.dump.partial' -mmin +60 -delete

write_status ok "$(basename "$target")" "$bytes" "$entries" ""
echo "backup written: $target ($bytes bytes, $entries entries, ${duration}s)"
