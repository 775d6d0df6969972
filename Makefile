# hongguanjia: `make demo` serves a demonstration on http://127.0.0.1:8000,
# `make test` runs the whole suite. Both install what they need first.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/hongguanjia
DEBIAN_PACKAGES := chromium ffmpeg fonts-noto-cjk gettext

.PHONY: demo test test-sqlite test-postgres test-postgres-subset install system-deps lint format messages serve clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# Debian packages for media checks (ffprobe), PDF fonts, browser tests and
# translations; installed when missing and we may (root), otherwise named.
system-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "please install the Debian packages:$$missing"; exit 1; fi; \
	fi

demo: install system-deps
	mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py createcachetable
	$(PY) manage.py load_divisions
	$(PY) manage.py load_plan

	$(PY) manage.py seed_demo
	bin/serve-demo

test: install system-deps lint test-sqlite test-postgres-subset

# Tests run in parallel processes (pytest-xdist), one per core up to four,
# each with its own test database. Handed out in order (xdist's default), so
# that a process runs the tests that empty its tables (transaction=True) only
# after all the others: work stealing would mix them.
PYTEST := $(PY) -m pytest -q -p no:cacheprovider -n auto --maxprocesses=4

test-sqlite:
	$(PYTEST)

# The concurrency tests (real threads, row locks) only mean something on
# PostgreSQL, and the vote is one SQL statement there; `make test` runs those
# tests there, `.ci/run` runs everything there.
test-postgres-subset:
	DATABASE_URL=$(PG_URL) $(PYTEST) -m "postgres or also_postgres"

test-postgres:
	DATABASE_URL=$(PG_URL) $(PYTEST)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	$(PY) manage.py makemessages -l zh_Hans --no-obsolete --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf var
