#!/usr/bin/env bash
# make prod-local — the production topology on this machine, in one command:
# production settings, keys generated once into var/prod-local.env, migrations, the demo when
# DEMO=1, then the app server (several processes), the worker(s) and the scheduler under
# honcho, serving http://$HOST:$PORT. Ctrl+C stops everything. See docs/operations.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PY:-.venv/bin/python}"
export HOST="${HOST:-127.0.0.1}"
export PORT="${PORT:-8080}"

if [ -z "${DATABASE_URL:-}" ] || [ -z "${REDIS_URL:-}" ]; then
  cat >&2 <<'MSG'
make prod-local runs the production topology and needs PostgreSQL and Redis:

  DATABASE_URL=postgres://USER@127.0.0.1:5432/DBNAME \
  REDIS_URL=redis://127.0.0.1:6379/0 \
  DEMO=1 make prod-local

(create the database first: createdb DBNAME). For a demo without them: make run.
MSG
  exit 2
fi

mkdir -p var
# Keys: made once for this checkout, kept out of git (var/ is ignored) and readable only by
# you. A real installation keeps them in its key store (docs/operations.md, "Keys").
# MPP_KEYS_FILE names another file (the production benchmark keeps its own).
KEYS="${MPP_KEYS_FILE:-var/prod-local.env}"
mkdir -p "$(dirname "$KEYS")"
if [ ! -f "$KEYS" ]; then
  umask 077
  "$PY" - > "$KEYS" <<'PYKEYS'
import secrets
from cryptography.fernet import Fernet
print(f"SECRET_KEY={secrets.token_urlsafe(50)}")
print(f"FIELD_ENCRYPTION_KEY={Fernet.generate_key().decode()}")
print(f"NIK_HMAC_KEY={secrets.token_urlsafe(48)}")
print(f"AUDIT_HMAC_KEY={secrets.token_urlsafe(48)}")
print(f"BACKUP_ENCRYPTION_KEY={Fernet.generate_key().decode()}")
print(f"MPP_METRICS_TOKEN={secrets.token_urlsafe(24)}")
PYKEYS
  echo "Generated keys in $KEYS (keep this file: the data is unreadable without it)."
fi
set -a
# shellcheck source=/dev/null
case "$KEYS" in /*) . "$KEYS" ;; *) . "./$KEYS" ;; esac
set +a

# Production settings (the defaults are already the production ones where they can be).
export DJANGO_SETTINGS_MODULE=mpp.settings
export DEBUG=false
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-$HOST,localhost,127.0.0.1}"
export SITE_URL="${SITE_URL:-http://$HOST:$PORT}"
export CSRF_TRUSTED_ORIGINS="${CSRF_TRUSTED_ORIGINS:-http://$HOST:$PORT,http://localhost:$PORT}"
export TASKS_BACKEND=database
export LOG_FORMAT="${LOG_FORMAT:-json}"
export MPP_ACCESS_LOG="${MPP_ACCESS_LOG:-true}"
# The access lines go to a file, written in batches: relayed through honcho, a line per
# request cost 0.28 ms of honcho's CPU, about 6 % of the machine's per kiosk ticket
# (docs/performance.md). Set it empty (MPP_ACCESS_LOG_FILE=) to see them among the others.
export MPP_ACCESS_LOG_FILE="${MPP_ACCESS_LOG_FILE-$PWD/var/log/access.log}"
export MPP_WORKERS="${MPP_WORKERS:-2}"
export PYTHONUNBUFFERED=1
PATH="$(cd "$(dirname "$PY")" && pwd):$PATH"
export PATH
# Request metrics of all app processes, summed at every scrape; emptied at each start.
export PROMETHEUS_MULTIPROC_DIR="$PWD/var/prometheus-$PORT"
rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"

echo "Waiting for the database…"
for _ in $(seq 1 30); do
  if "$PY" - <<'PYWAIT' 2>/dev/null; then break; fi
import django, sys
django.setup()
from django.db import connection
connection.ensure_connection()
PYWAIT
  sleep 1
done

"$PY" manage.py check --deploy --fail-level ERROR
"$PY" manage.py migrate --noinput
# Static files: collected again only when a source file (or the storage setting) changed since
# the last collection; collectstatic hashes and compresses every file (about 30 s).
read -r STATIC_SOURCES STATIC_DIR < <("$PY" - <<'PYSTATIC'
import hashlib, os
import django
django.setup()
from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
digest = hashlib.sha256(repr((settings.STORAGES["staticfiles"], settings.STATIC_URL)).encode())
for finder in get_finders():
    for path, storage in sorted(finder.list(["CVS", ".*", "*~"]), key=lambda item: item[0]):
        stat = os.stat(storage.path(path))
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
print(digest.hexdigest(), settings.STATIC_ROOT)
PYSTATIC
)
if [ -f "$STATIC_DIR/staticfiles.json" ] && [ "$(cat "$STATIC_DIR.sources" 2>/dev/null)" = "$STATIC_SOURCES" ]; then
  echo "Static files are up to date (collectstatic skipped)."
else
  "$PY" manage.py collectstatic --noinput --verbosity 0
  echo "$STATIC_SOURCES" > "$STATIC_DIR.sources"
fi
if [ "${DEMO:-0}" = "1" ]; then
  "$PY" manage.py load_demo
fi

echo "MPP production topology: http://$HOST:$PORT/  (readiness: /readyz, metrics: /metrics)"
case "${MPP_ACCESS_LOG,,}" in
  1|true|yes|on) [ -n "$MPP_ACCESS_LOG_FILE" ] && echo "Access log: $MPP_ACCESS_LOG_FILE" ;;
esac
exec "$(dirname "$PY")/honcho" start -f deploy/Procfile -d . -c "worker=${MPP_TASK_WORKERS:-1}"
