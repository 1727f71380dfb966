#!/bin/sh
# The container's roles: release (check, migrate; run once per deploy), web, worker,
# scheduler; anything else runs as a management command (e.g. `backup`, `restore FILE`).
set -eu
case "${1:-web}" in
  release)
    python manage.py check --deploy --fail-level ERROR
    exec python manage.py migrate --noinput ;;
  web)
    rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
    exec python -m mpp.serve --host 0.0.0.0 --port 8080 --workers "${MPP_WORKERS:-2}" ;;
  worker)
    exec python manage.py run_worker --queue-name notifications,default ;;
  scheduler)
    exec python manage.py run_scheduler ;;
  *)
    exec python manage.py "$@" ;;
esac
