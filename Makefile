# Kinerja: `make run` sets up everything and serves the demo; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test install lint format migrate demo serve worker bench bench-quick lock messages clean

install: $(VENV)/.installed node_modules/.installed .env

# The development checkout runs with DEBUG on; production has no .env and is configured by its environment.
.env:
	printf '# Local development settings (not committed). Production sets its variables in the environment.\nDEBUG=True\n' > $@

$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: install
	DEBUG=True $(PY) manage.py migrate --noinput
	DEBUG=True $(PY) manage.py seed_demo
	@echo "Kinerja: http://$(HOST):$(PORT)/  (demo logins in README.md)"
	DEBUG=True $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=True $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrate: install
	DEBUG=True $(PY) manage.py migrate --noinput

demo: migrate
	DEBUG=True $(PY) manage.py seed_demo

worker: install
	$(VENV)/bin/celery -A kinerja worker -Q default,reports -l info

# PostgreSQL and Redis (BENCH_DATABASE_URL, BENCH_REDIS_URL): generate the load, measure, write docs/benchmarks.*.
bench: install
	$(PY) -m benchmarks $(BENCH_ARGS)

bench-quick: install
	$(PY) -m benchmarks --quick $(BENCH_ARGS)

# Re-pin the whole dependency tree from requirements.in (run after changing it).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet -r requirements.in
	.venv-lock/bin/pip freeze --exclude-editable > requirements.lock && rm -rf .venv-lock

messages: install
	DEBUG=True $(PY) manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=benchmarks --no-obsolete
	DEBUG=True $(PY) manage.py compilemessages -l en --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules var db.sqlite3
