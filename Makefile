# Two commands on a fresh machine: `make run` (service + demo data) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint migrations install lock

LOCK := requirements.lock

# Installs exactly the locked versions, each checked against its hash; then the project itself
# (no dependencies of its own to resolve, built with the locked setuptools).
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	# the CJK font of the consent-record PDF (models/referrals/export.py): Debian keeps one, PyPI no maintained one
	test -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || \
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends fonts-wqy-microhei; }
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) -m server migrate
	$(PY) -m server seed-demo
	$(PY) -m server serve

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

# After changing models: writes a migration for SQLite and for PostgreSQL.
migrations: $(STAMP)
	$(PY) -m server makemigrations $(NAME)

# After changing dependencies in pyproject.toml: pins and hashes for them, the other pins kept
# (`make lock LOCK_ARGS=--upgrade` moves every package to the newest its range allows,
# `LOCK_ARGS="--upgrade-package NAME"` one package).
lock:
	test -x $(VENV)/bin/pip-compile || { $(PYTHON) -m venv $(VENV) && \
		$(PY) -m pip install --quiet 'pip-tools>=7.4,<8'; }
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links --extra dev $(LOCK_ARGS) -o $(LOCK) pyproject.toml
