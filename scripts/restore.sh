#!/usr/bin/env bash
# Kinerja restore: checks the backup's SHA-256 list, loads the dump into DATABASE_URL in one transaction (an empty
# database; a failure leaves it empty) and unpacks the media files into MEDIA_ROOT. Stop web, workers and beat first.
#
#   DATABASE_URL=postgres://.../kinerja_restored MEDIA_ROOT=/app/var/media scripts/restore.sh /backups 20261204T020000Z
#
# Then run `python manage.py migrate` (a no-op for a backup of the same release) and start the application.
set -euo pipefail
dir=${1:?usage: restore.sh DIRECTORY STAMP}
stamp=${2:?usage: restore.sh DIRECTORY STAMP}
: "${DATABASE_URL:?set DATABASE_URL to the (empty) database to restore into}"
: "${MEDIA_ROOT:?set MEDIA_ROOT to the media directory to restore into}"
PG_RESTORE=${PG_RESTORE:-pg_restore}
(cd "$dir" && sha256sum --check --quiet "kinerja-$stamp.sha256")
$PG_RESTORE --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$DATABASE_URL" \
  < "$dir/kinerja-$stamp.dump"
mkdir -p "$MEDIA_ROOT"
tar -xzf "$dir/media-$stamp.tar.gz" -C "$MEDIA_ROOT"
echo "restored $stamp"
