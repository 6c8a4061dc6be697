# ICRtoP website. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := .make

.PHONY: help run setup messages messages-update test test-setup check lint security test-sqlite test-postgres test-browser smoke benchmark clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP)/venv: requirements.txt
	@mkdir -p $(STAMP)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check -r requirements.txt
	@touch $@

$(STAMP)/venv-test: $(STAMP)/venv requirements-test.txt
	$(PIP) install -q --disable-pip-version-check -r requirements-test.txt
	@touch $@

messages: $(STAMP)/venv ## Compile the translation catalogues in locale/
	@command -v msgfmt >/dev/null || { echo "msgfmt missing: installing gettext"; bash tests/tools/system-packages.sh; }
	$(MANAGE) compilemessages --ignore=.venv --ignore=.make -v 0

messages-update: $(STAMP)/venv ## Extract new interface strings into locale/*/django.po (then translate the empty entries)
	@command -v xgettext >/dev/null || { echo "xgettext missing: installing gettext"; bash tests/tools/system-packages.sh; }
	$(MANAGE) makemessages -l fr -l es -l ar -l zh_Hans -l ru --ignore=.venv --ignore=.make --ignore=tests --no-obsolete --add-location=file
	@for po in locale/*/LC_MESSAGES/django.po; do printf '%s: ' "$$po"; msgfmt --statistics -o /dev/null "$$po"; done

setup: $(STAMP)/venv messages ## Install, migrate, load the initial content, make sure an admin exists
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_initial_content
	$(MANAGE) ensure_admin

run: setup ## Set up and serve the site on http://127.0.0.1:8000 (SQLite by default)
	@echo "Serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(MANAGE) runserver $(HOST):$(PORT)

test-setup: $(STAMP)/venv-test ## Install what the tests need (Python packages, PostgreSQL, Chromium)
	bash tests/tools/system-packages.sh
	$(MAKE) --no-print-directory messages

check: test-setup ## Django system checks and missing migrations
	DJANGO_SETTINGS_MODULE=icrtop.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=icrtop.settings.test $(MANAGE) makemigrations --check --dry-run

lint: $(STAMP)/venv-test ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

security: $(STAMP)/venv-test ## bandit static analysis (no medium or high finding)
	$(VENV)/bin/bandit -q -c pyproject.toml -r icrtop pages members offices resources events --severity-level medium

test-sqlite: test-setup ## The test suite on SQLite
	$(VENV)/bin/pytest -m "not browser" -p no:cacheprovider

test-postgres: test-setup ## The test suite (browser tests included) on a private PostgreSQL server
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH bash tests/tools/with-postgres.sh $(VENV)/bin/pytest -p no:cacheprovider

test-browser: test-setup ## Only the browser, accessibility and security checks (PostgreSQL; screenshots in test-artifacts/)
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH bash tests/tools/with-postgres.sh $(VENV)/bin/pytest -p no:cacheprovider tests/browser tests/test_security.py

smoke: test-setup ## The Dockerfile's steps without Docker: production settings, collectstatic, gunicorn
	bash tests/tools/production-smoke.sh

benchmark: test-setup ## Member directory benchmark at 5,000 members (figures in the README)
	$(PY) tests/benchmarks/members_benchmark.py

test: check lint security test-sqlite test-postgres smoke ## Set up and run every check (what CI runs)
	@echo "All checks passed."

clean: ## Remove the virtual environment, the local database and build output
	rm -rf $(VENV) $(STAMP) db.sqlite3 staticfiles media test-artifacts
