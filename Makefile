# MedPath: `make run` to try it, `make test` to check everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
TEST_DATA := $(CURDIR)/.cache/test-data
POSTGRES_URL := $(or $(MEDPATH_TEST_POSTGRES_URL),postgres://postgres@127.0.0.1:5432/postgres)
WORKERS ?= auto
PORT ?= 8000
# The suite runs with its own data directory, never the user's.
PYTEST := MEDPATH_DATA_DIR=$(TEST_DATA) MEDPATH_BASE_URL= MEDPATH_SECRET_KEY= MEDPATH_DEBUG= \
	HYPOTHESIS_PROFILE=$(if $(filter true,$(CI)),ci,dev) $(BIN)/python -m pytest -n $(WORKERS) --route-coverage
# Production-like settings for `check --deploy`.
DEPLOY_ENV := MEDPATH_DATA_DIR=$(TEST_DATA) MEDPATH_DEBUG=false MEDPATH_BASE_URL=https://medpath.example.org \
	MEDPATH_SECRET_KEY=deploy-check-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ

.PHONY: run test lint typecheck checks test-sqlite test-postgres lock clean train-guard

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "MedPath needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version)."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/medpath serve --port $(PORT) --demo-if-empty

test: lint typecheck checks test-sqlite test-postgres

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	MEDPATH_DATA_DIR=$(TEST_DATA) $(BIN)/mypy src tests

checks: $(STAMP)
	MEDPATH_DATA_DIR=$(TEST_DATA) MEDPATH_DATABASE_URL= $(BIN)/medpath manage makemigrations --check --dry-run
	$(DEPLOY_ENV) $(BIN)/medpath manage check --deploy --fail-level WARNING

test-sqlite: $(STAMP)
	@echo "== test suite on SQLite"
	MEDPATH_DATABASE_URL= $(PYTEST)

test-postgres: $(STAMP)
	@if $(BIN)/python scripts/postgres_ready.py "$(POSTGRES_URL)"; then \
		echo "== test suite on PostgreSQL"; \
		MEDPATH_DATABASE_URL="$(POSTGRES_URL)" $(PYTEST); \
	elif [ "$(CI)" = "true" ]; then \
		echo "PostgreSQL does not answer at MEDPATH_TEST_POSTGRES_URL and CI=true: failing."; exit 1; \
	else \
		echo "PostgreSQL pass skipped: no server answers at $(POSTGRES_URL) (set MEDPATH_TEST_POSTGRES_URL)."; \
	fi

# Re-pin dependencies after editing pyproject.toml (needs the package index).
# Retrain the privacy guard's name detector (about a minute); the same seed gives the same file, byte for byte.
train-guard: $(STAMP)
	$(BIN)/python -m medpath.privacy.train --seed 7 --out src/medpath/privacy/data/names.crfsuite

lock:
	$(PYTHON) -m venv .cache/lock-tools && .cache/lock-tools/bin/pip install --quiet pip-tools
	.cache/lock-tools/bin/pip-compile --quiet --extra dev --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) .cache .mypy_cache .ruff_cache
