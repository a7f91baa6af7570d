# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
MANAGE := $(BIN)/python manage.py
# One local worker serves both queues: jobs, and PDF builds (docker-compose.yml splits them).
QUEUES := $(or $(CELERY_QUEUE),gtr),$(or $(CELERY_PDF_QUEUE),$(or $(CELERY_QUEUE),gtr).pdf)

.PHONY: install system-deps run test lint translations worker clean backup restore bench bench-quick

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# Dependencies come from uv.lock only (--frozen): the same versions on every machine.
install: $(BIN)/uv
	$(BIN)/uv sync --frozen --inexact --quiet
	@mkdir -p var/broker/out var/broker/processed var/broker/control var/cache

# Optional system parts, as root on Debian or Ubuntu: Chromium (browser tests), poppler (PDF
# pages as images), gettext (changing translations), HarfBuzz-Subset (smaller PDFs). Without them
# `make test` still passes: the tests that need one skip with a one-line reason (CI fails instead).
SYSTEM_PACKAGES := chromium poppler-utils gettext libharfbuzz-subset0 libpango-1.0-0 \
	libpangoft2-1.0-0 fonts-dejavu-core
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput -v 0
	@if command -v msgfmt >/dev/null; then $(MANAGE) compilemessages --ignore=.venv -v 0; fi
	$(MANAGE) load_demo
	@echo "Starting the background worker (embedded broker unless REDIS_URL is set) and the portal at http://127.0.0.1:8000"
	@trap 'kill 0' EXIT INT TERM; \
	$(BIN)/celery -A gtr_portal worker --beat --loglevel=INFO --concurrency=2 --queues=$(QUEUES) \
	    --schedule=var/celerybeat-schedule > var/worker.log 2>&1 & \
	$(MANAGE) runserver 127.0.0.1:8000

worker: install
	$(BIN)/celery -A gtr_portal worker --beat --loglevel=INFO --queues=$(QUEUES) \
	    --schedule=var/celerybeat-schedule

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

translations: install
	$(MANAGE) makemessages -l fr --ignore=.venv --ignore=var --ignore=tests --no-obsolete
	$(BIN)/python tools/french_typography.py locale/fr/LC_MESSAGES/django.po
	$(MANAGE) compilemessages --ignore=.venv

# One archive (database, both media folders, manifest) into BACKUP_DIR; its path is the last line.
backup: install
	$(MANAGE) backup

# `make restore ARCHIVE=var/backups/gtr-backup-….tar.gz` (FORCE=1 replaces existing data).
restore: install
	@test -n "$(ARCHIVE)" || { echo "Usage: make restore ARCHIVE=path/to/gtr-backup-….tar.gz [FORCE=1]"; exit 2; }
	$(MANAGE) restore "$(ARCHIVE)" $(if $(FORCE),--force)

# Performance (issue 12, docs/performance.md): PostgreSQL and Redis (started if down), data at
# two scales, gunicorn with production settings, load from this machine. Writes
# bench/results/latest.json and prints every target; non-zero exit when one does not hold.
bench: install
	$(BIN)/python bench/run.py

bench-quick: install
	$(BIN)/python bench/run.py --quick

clean:
	rm -rf var staticfiles
