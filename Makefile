SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export DEBIAN_FRONTEND := noninteractive
export PYTHAINLP_OFFLINE := 1

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: run test test-postgres test-sqlite bench system-deps system-deps-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

system-deps:
	scripts/system-deps.sh run

system-deps-test:
	scripts/system-deps.sh test

## make run: set up, migrate the embedded database, load the department and demo data, serve on :8000
run: system-deps $(VENV)/.installed
	scripts/run.sh

## make test: lint, the import contracts, the whole suite on a throwaway PostgreSQL, then the subset on SQLite
## Both runs spread their tests over the machine's cores (pytest-xdist; TEST_WORKERS=0 runs in one process).
## `--dist load` hands tests out in the order pytest-django sorts them, so each worker runs the tests that empty
## the database (live server, transaction=True) after the others; work stealing would hand a worker other tests
## after such a flush, with the rows the migrations seed (lead-time rules, stages) gone.
## The test server runs without autovacuum: every test's rows are rolled back, so a vacuum counts the tables
## empty and records 0 rows over the pages they keep, and the planner then reads a test's own thousands of
## uncommitted rows (the demo's round) with nested loops over those pages: the demo's tests took 6 minutes
## instead of 10 seconds late in the run. Left alone, a table keeps the estimate from its size on disk.
TEST_WORKERS ?= auto
test: system-deps-test $(VENV)/.installed
	$(BIN)/ruff check .  # the project's lint rules (pyproject.toml); a finding stops the run here
	$(BIN)/lint-imports  # the layering contracts in .importlinter; a broken one stops the run here
	for lang in en th; do msgfmt -o locale/$$lang/LC_MESSAGES/django.mo locale/$$lang/LC_MESSAGES/django.po; done
	pg=0; PG_EXTRA_OPTIONS="-c autovacuum=off $${PG_EXTRA_OPTIONS:-}" scripts/with-postgres.sh $(BIN)/pytest -q -p no:randomly -n $(TEST_WORKERS) --dist load \
	  $(PYTEST_ARGS) </dev/null || pg=$$?; \
	sq=0; $(MAKE) --no-print-directory test-sqlite || sq=$$?; \
	echo "PostgreSQL suite exit $$pg, SQLite subset exit $$sq"; test $$pg -eq 0 -a $$sq -eq 0

## The SQLite subset (the embedded database of `make run`): the kernel, the unit tree, the plan, the audit
## trail, the main workflows of each domain and the demo load; the whole suite already ran on PostgreSQL.
## `make test-sqlite SQLITE_TESTS=.` runs every non-browser test on SQLite.
SQLITE_TESTS ?= core org plans audit site_shell/tests/test_shell.py reports/tests/test_services_workflow.py \
	reports/tests/test_services_rounds.py reports/tests/test_demo.py reports/tests/test_computed_form.py \
	complaints/tests/test_services.py procurement/tests/test_services.py procurement/tests/test_ocds_import.py \
	procurement/tests/test_ocds.py procurement/tests/test_migration_compressed.py \
	campaigns/tests/test_acknowledge.py budget/tests surveys/tests registers/tests integrity/tests hr/tests \
	infocentre/tests ita/tests/test_ita.py
test-sqlite: $(VENV)/.installed
	DATABASE_URL= $(BIN)/pytest -q -p no:randomly -n $(TEST_WORKERS) --dist load \
	  -m "not browser and not postgres_only" $(PYTEST_ARGS) $(SQLITE_TESTS) </dev/null

bench: $(VENV)/.installed
	@for f in bench/*_bench.py; do echo "== $$f"; $(BIN)/python $$f; done

clean:
	rm -rf $(VENV) build *.egg-info
