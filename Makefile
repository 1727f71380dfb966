# MPP — two commands do everything on a fresh machine with Python >= 3.11:
#   make run    install into .venv, prepare the demo database, serve http://127.0.0.1:8000
#   make test   install the test tools and run every check and test
PYTHON ?= python3
VENV ?= .venv
# Jobs the demo's scheduler leaves out: backups belong to an operator's installation.
DEMO_SKIPPED_JOBS := backup,restore-drill
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := mpp.settings

.PHONY: run serve worker install install-test prepare test lint typecheck pytest e2e-deps bench lock messages clean \
	prod-local backup restore drills drill-restore drill-database drill-redis drill-app-server \
	drill-worker drill-two-servers bench-prod

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "MPP needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.run-installed: requirements.lock pyproject.toml | $(PY)
	$(PIP) install --quiet -r requirements.lock
	$(PIP) install --quiet --no-deps -e .
	touch $@

$(VENV)/.test-installed: requirements-test.lock pyproject.toml | $(PY)
	$(PIP) install --quiet -r requirements-test.lock
	$(PIP) install --quiet --no-deps -e .
	touch $@ $(VENV)/.run-installed

install: $(VENV)/.run-installed
install-test: $(VENV)/.test-installed

# Compile the gettext catalogues (pure Python: no system gettext needed).
messages: install
	$(PY) manage.py compiletranslations

prepare: messages
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py load_national_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0

# The demo: the web server and, beside it, the background worker that sends notifications
# (WhatsApp/SMS to the log, e-mail to the console; see them at /staf/kotak-keluar/) and the
# scheduler of periodic jobs (booking reminders, no-show release, rollups…; no backups).
run: export EMAIL_BACKEND ?= django.core.mail.backends.console.EmailBackend
run: export MPP_DEMO_MODE ?= 1
run: prepare
	@$(PY) manage.py db_worker --queue-name notifications,default --interval 1 & worker=$$!; \
	$(PY) manage.py run_scheduler --skip $(DEMO_SKIPPED_JOBS) & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(MAKE) --no-print-directory serve

# The background worker alone (production runs it next to the web server; ADR 0007).
worker:
	$(PY) manage.py db_worker --queue-name notifications,default --interval 1

serve:
	@echo "MPP demo: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(PY) -m mpp.serve --host $(HOST) --port $(PORT)

# The production topology on this machine (docs/operations.md): needs DATABASE_URL and
# REDIS_URL; DEMO=1 loads the demo; serves http://127.0.0.1:8080 unless PORT is given.
prod-local: messages
	@PY=$(PY) HOST=$(HOST) PORT=$(if $(filter command line environment,$(origin PORT)),$(PORT),8080) \
		bash deploy/prod-local.sh

# Backups (docs/operations.md, "Backups"): make backup; make restore FILE=var/backups/…;
# make drill-restore restores the latest backup into a scratch database and checks it.
backup: install
	$(PY) manage.py backup

restore: install
	@test -n "$(FILE)" || (echo "usage: make restore FILE=var/backups/mpp-backup-….tar[.enc]"; exit 2)
	$(PY) manage.py restore "$(FILE)"

drill-restore: install
	$(PY) manage.py restore_drill --fresh

# Fault drills (docs/operations.md, "Fault drills"). They also run in `make test`; these run
# one alone. The database drill makes its own PostgreSQL cluster (initdb, port 5471-5479),
# the Redis drill its own redis-server (port 6471-6479): never the shared ones.
DRILL_PYTEST = $(VENV)/bin/pytest -p no:cacheprovider -q
drills: install-test
	$(DRILL_PYTEST) tests/operations -k "drill or two_servers" $(PYTEST_ARGS)
drill-database: install-test
	$(DRILL_PYTEST) tests/operations/test_drill_database.py $(PYTEST_ARGS)
drill-redis: install-test
	$(DRILL_PYTEST) tests/operations/test_drill_redis.py $(PYTEST_ARGS)
drill-app-server: install-test
	$(DRILL_PYTEST) tests/operations/test_drill_app_server.py $(PYTEST_ARGS)
drill-worker: install-test
	$(DRILL_PYTEST) tests/operations/test_drill_worker.py $(PYTEST_ARGS)
drill-two-servers: install-test
	$(DRILL_PYTEST) tests/operations/test_two_servers.py $(PYTEST_ARGS)

# Browser-test prerequisites: Debian's Chromium (installed where we are root and apt works)
# and axe-core from npm (test-only). The journey tests skip, saying why, when either is missing.
e2e-deps:
	@bash scripts/install-e2e-deps.sh

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports --no-cache --no-logo

typecheck: install-test
	$(VENV)/bin/mypy mpp

# The compiled catalogues the tests read, remade whenever a .po is newer than its .mo (or a .mo
# is missing): `make pytest` never rewrites a current catalogue, so the two suites `.ci/run`
# runs at once in one checkout never read a half-written one.
LOCALE_PO := $(wildcard mpp/locale/*/LC_MESSAGES/*.po)
LOCALE_MO := $(LOCALE_PO:.po=.mo)
$(LOCALE_MO) &: $(LOCALE_PO) | $(VENV)/.run-installed
	$(PY) manage.py compiletranslations

pytest: install-test $(LOCALE_MO)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: install-test e2e-deps lint typecheck pytest

bench: install-test
	$(PY) bench/run_all.py

# The production profile under load (docs/performance.md, "Production profile"): needs
# DATABASE_URL (the PostgreSQL server; the benchmark makes its own database on it), REDIS_URL,
# wrk and pgbench. BENCH_ARGS="--seconds 15 --repeat 3" by default.
bench-prod: install-test
	$(PY) bench/prod_bench.py $(BENCH_ARGS)

# Re-pin the dependencies after changing pyproject.toml.
lock: install-test
	$(PIP) install --quiet uv  # the resolver, not a dependency of MPP
	$(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 -q -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --python-version 3.11 -q -o requirements-test.lock

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static
