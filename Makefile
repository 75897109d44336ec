# Wrench: `make run` serves the demo plant (web, task worker and `wrench tick`), `make test` runs every check. Nothing else needed
# on a fresh machine but Python 3.11+, make and git.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Two workers: CI and a developer's machine have two cores. `make test PYTEST_ARGS=` runs serially.
PYTEST_ARGS ?= -n 2

.PHONY: run install dev test lint types migrations-check pytest fuzz bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Wrench needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)

# Installs are keyed on the lock files: a changed lock reinstalls, an unchanged one is a no-op.
$(VENV)/.installed-run: requirements/base.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements/base.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e . 2>/dev/null || $(BIN)/pip install -q --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: requirements/dev.lock $(VENV)/.installed-run
	$(BIN)/pip install -q -r requirements/dev.lock
	@touch $@

install: $(VENV)/.installed-run
dev: $(VENV)/.installed-dev

run: install
	$(BIN)/wrench migrate --no-input -v 0
	$(BIN)/wrench demo
	$(BIN)/wrench run

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: dev
	$(BIN)/mypy wrench

migrations-check: dev
	$(BIN)/wrench makemigrations --check --dry-run

pytest: dev
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint types migrations-check pytest

# The long fuzz (not in CI): schemathesis at FUZZ_EXAMPLES generated requests per API
# operation over HTTP against a live server (every answer as documented, never a 5xx);
# DATABASE_URL=postgres://... for PostgreSQL. The counts land in var/fuzz-report.json.
FUZZ_EXAMPLES ?= 50
fuzz: dev
	WRENCH_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) WRENCH_FUZZ_LIVE=1 $(BIN)/pytest -p no:xdist wrench/tests/test_openapi.py -q -rfE; \
	  status=$$?; cat $${WRENCH_VAR_DIR:-var}/fuzz-report.json; exit $$status

# Figures at BENCH_SCALE work orders (default 1,000,000) on SQLite and, when DATABASE_URL is
# set or PostgreSQL answers on 127.0.0.1:5432, on PostgreSQL. Databases are cached in var/bench/.
BENCH_SCALE ?= 1000000
bench: dev
	BENCH_SCALE=$(BENCH_SCALE) $(BIN)/python -m wrench.bench.runner

clean:
	rm -rf $(VENV) var/static var/test*.sqlite3 .mypy_cache .ruff_cache .pytest_cache
