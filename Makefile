# Puentes: the Makefile is the CI contract. `make run` and `make test` work on a fresh machine.
PY := .venv/bin/python
MANAGE := $(PY) manage.py

.PHONY: setup run test lint format bench stop messages e2e

setup:  ## uv, the locked virtualenv, a development .env
	@./scripts/bootstrap.sh

messages: setup  ## compile the committed .po files
	@$(MANAGE) compilemessages --ignore=.venv -v0

run: setup messages  ## database + Redis + migrations + demo data, then web, worker and beat
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) run_all

test: setup messages  ## lint, migrations check, the whole pytest suite (browser tests included)
	@./scripts/ensure-test-tools.sh
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(PY) -m pytest

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

makemessages: setup  ## refresh the .po files after changing strings
	$(MANAGE) makemessages -l en -l es --ignore=.venv --ignore=var --no-obsolete
	$(MANAGE) makemessages -d djangojs -l en -l es --ignore=.venv --ignore=var --ignore=static/js/htmx.min.js --no-obsolete

stop:  ## stop the embedded PostgreSQL and the local Redis started by the project
	@$(PY) -m network.localservices stop
