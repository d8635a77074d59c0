#!/usr/bin/env bash
# Kinerja backup: the database in pg_dump's custom format, the media files (evidence, certificates, reports) as a
# tar archive, and a SHA-256 list of both, all named by one UTC time stamp. docs/operations.md shows it with compose.
#
#   DATABASE_URL=postgres://... MEDIA_ROOT=/app/var/media scripts/backup.sh /backups
#
# Prints the stamp (restore.sh takes it). PG_DUMP may name another pg_dump command (one in a container, say); it gets
# pg_dump's options and writes the dump to its standard output.
set -euo pipefail
dir=${1:?usage: backup.sh DIRECTORY}
: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
: "${MEDIA_ROOT:?set MEDIA_ROOT to the media directory}"
PG_DUMP=${PG_DUMP:-pg_dump}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$dir"
# Written under a temporary name first, so that a failed run never leaves a file that looks complete.
$PG_DUMP --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" > "$dir/kinerja-$stamp.dump.part"
mv "$dir/kinerja-$stamp.dump.part" "$dir/kinerja-$stamp.dump"
mkdir -p "$MEDIA_ROOT"
tar -czf "$dir/media-$stamp.tar.gz.part" -C "$MEDIA_ROOT" .
mv "$dir/media-$stamp.tar.gz.part" "$dir/media-$stamp.tar.gz"
(cd "$dir" && sha256sum "kinerja-$stamp.dump" "media-$stamp.tar.gz" > "kinerja-$stamp.sha256")
echo "$stamp"
