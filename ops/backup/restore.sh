#!/bin/sh
# Restores a dump made by backup.sh into the database of DATABASE_URL, replacing what is there:
#   restore.sh --yes-overwrite-database /backups/callboard-20260101T030000Z.dump
# Stop every process that uses the database first (api, realtime, web): a relay still running
# would write its in-memory documents back over the restored ones. The restore runs in one
# transaction: if any part fails, the database is left as it was.
set -eu

usage="usage: restore.sh --yes-overwrite-database DUMP_FILE   (DATABASE_URL names the target)"
confirmed=no
dump=""
for arg in "$@"; do
  case "$arg" in
    --yes-overwrite-database) confirmed=yes ;;
    -*) echo "$usage" >&2; exit 2 ;;
    *) dump="$arg" ;;
  esac
done
[ -n "$dump" ] || { echo "$usage" >&2; exit 2; }
: "${DATABASE_URL:?set DATABASE_URL to the database to restore into}"
[ -r "$dump" ] || { echo "cannot read $dump" >&2; exit 1; }
if [ "$confirmed" != yes ]; then
  echo "restore.sh replaces everything in the database of DATABASE_URL with $dump." >&2
  echo "Run it again with --yes-overwrite-database to go ahead." >&2
  exit 2
fi

# Refuse a file pg_restore cannot read before touching the database.
pg_restore --list "$dump" >/dev/null

others=$(psql "$DATABASE_URL" -XAtc \
  "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'")
if [ "$others" -gt 0 ]; then
  echo "$others other connection(s) use this database: stop api, realtime and web first" >&2
  echo "(docker compose --env-file ops/.env.production -f docker-compose.prod.yml stop api realtime web)" >&2
  exit 1
fi

# --clean --if-exists drops each object of the dump before creating it again.
pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error \
  --dbname="$DATABASE_URL" "$dump"
echo "restored $dump"
