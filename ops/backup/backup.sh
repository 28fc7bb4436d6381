#!/bin/sh
# Nightly logical backup of the Callboard database, keeping the last $BACKUP_KEEP_DAYS days.
# Runs in the postgres image (pg_dump available); PGHOST/PGUSER/PGPASSWORD/PGDATABASE from env.
set -eu
target="/backups/callboard-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump --format=custom --file="$target.partial"
mv "$target.partial" "$target"
find /backups -name 'callboard-*.dump' -mtime "+${BACKUP_KEEP_DAYS:-14}" -delete
echo "backup written: $target"
