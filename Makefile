# Two commands on a fresh machine: `make run` (service + demo data) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint migrations install

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	# the CJK font of the consent-record PDF (models/referrals/export.py): Debian keeps one, PyPI no maintained one
	test -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || \
		apt-get install -y --no-install-recommends fonts-wqy-microhei
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
