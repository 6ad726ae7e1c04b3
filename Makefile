# Puentes: the Makefile is the CI contract. `make run` and `make test` work on a fresh machine.
PY := .venv/bin/python
MANAGE := $(PY) manage.py

.PHONY: setup run test lint format bench bench-fullpass bench-round bench-web bench-import evaluate evaluate-cv stop messages makemessages

setup:  ## uv, the locked virtualenv, a development .env
	@./scripts/bootstrap.sh

messages: setup  ## compile the committed .po files
	@$(MANAGE) compilemessages --ignore=.venv -v0

run: setup messages  ## database + Redis + migrations + demo data, then web, one worker per queue and beat
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) run_all

test: setup messages  ## lint, types, layers, migrations check, the whole pytest suite (browser tests included)
	@./scripts/ensure-test-tools.sh
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	.venv/bin/lint-imports
	$(MANAGE) makemigrations --check --dry-run
	$(PY) -m pytest

lint: setup  ## ruff, mypy and the import-linter layer contract
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	.venv/bin/lint-imports

format: setup
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

makemessages: setup  ## refresh the .po files after changing strings
	$(MANAGE) makemessages -l en -l es --ignore=.venv --ignore=var --no-obsolete
	$(MANAGE) makemessages -d djangojs -l en -l es --ignore=.venv --ignore=var --ignore=static/js/htmx.min.js --ignore=static/vendor --ignore=tests --no-obsolete

PROFILES ?= 100000
bench: setup  ## matching per kind of need, warm and cold, vs an exact scan in PostgreSQL: make bench PROFILES=1000000
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) bench_matching --profiles $(PROFILES)

bench-round: setup  ## match round at scale: make bench-round ROUND_ARGS="--needs 200 --engine"
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) bench_round $(ROUND_ARGS)

IMPORT_ROWS ?= 10000
bench-import: setup  ## bulk import of a synthetic XLSX (goal: 10,000 rows in 2 minutes): make bench-import IMPORT_ROWS=10000
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) bench_import --rows $(IMPORT_ROWS)

bench-web: setup  ## pages and API lists vs a trivial view on gunicorn, DEBUG off: req/s, p50/p95, server CPU per request (data cached in <db>_webbench)
	$(MANAGE) bench_web

NEEDS ?= 1000
bench-fullpass: setup  ## nightly full pass through real workers, at PROFILES/5 then PROFILES: make bench-fullpass PROFILES=100000 NEEDS=1000
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) bench_fullpass --profiles $(PROFILES) --needs $(NEEDS)

evaluate: setup  ## matching quality: bilingual labelled set + public held-out authorship (MRR, nDCG@10, pair loss)
	$(MANAGE) evaluate_matching

evaluate-cv: setup  ## precision and recall of CV skill proposals on the labelled CVs (prefill/bench/)
	$(MANAGE) evaluate_cv

stop:  ## stop the embedded PostgreSQL and the local Redis started by the project
	@$(PY) -m network.localservices stop
