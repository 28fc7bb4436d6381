#!/bin/sh
# Restores a dump made by backup.sh into an empty database: restore.sh /backups/callboard-….dump
set -eu
dump="${1:?usage: restore.sh <dump file>}"
pg_restore --clean --if-exists --no-owner --dbname="$PGDATABASE" "$dump"
echo "restored from $dump"
