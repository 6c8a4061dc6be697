# ICRtoP website. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Where make run serves the site, for the links in staff e-mails (notifications, moderation, 2FA) and
# pages' full addresses (the default Site record): the admin base URL of the dev server and scheduler.
# Production sets WAGTAILADMIN_BASE_URL in its environment (docs/operations.md).
BASE_URL = http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)
STAMP := .make

.PHONY: help run setup map-data messages messages-update test test-fast test-setup check lint security test-sqlite test-postgres test-browser smoke benchmark benchmark-search benchmark-cache lock clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-17s %s\n", $$1, $$2}'

# Installs check every file against the hashes locked in requirements*.txt (docs/security.md, "Dependencies").
PIP_INSTALL := $(PIP) install -q --disable-pip-version-check --require-hashes

$(STAMP)/venv: requirements.txt
	@mkdir -p $(STAMP)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	@touch $@

$(STAMP)/venv-test: $(STAMP)/venv requirements-test.txt
	$(PIP_INSTALL) -r requirements-test.txt
	@touch $@

PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
# Needs only pip-tools (not an install of the old lock, which may not verify after a merge).
lock: ## Re-lock requirements.txt / requirements-test.txt (with hashes) from the .in files
	@test -x $(VENV)/bin/pip-compile || { test -x $(PY) || python3 -m venv $(VENV); $(PIP) install -q pip-tools==7.6.2; }
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-test.txt requirements-test.in
	@echo "Locked. Review 'git diff requirements*.txt', then 'make test'."

messages: $(STAMP)/venv ## Compile the translation catalogues in locale/
	@command -v msgfmt >/dev/null || { echo "msgfmt missing: installing gettext"; bash tests/tools/system-packages.sh; }
	$(MANAGE) compilemessages --ignore=.venv --ignore=.make -v 0

messages-update: $(STAMP)/venv ## Extract new interface strings into locale/*/django.po (then translate the empty entries)
	@command -v xgettext >/dev/null || { echo "xgettext missing: installing gettext"; bash tests/tools/system-packages.sh; }
	$(MANAGE) makemessages -l fr -l es -l ar -l zh_Hans -l ru --ignore=.venv --ignore=.make --ignore=tests --no-obsolete --add-location=file
	@for po in locale/*/LC_MESSAGES/django.po; do printf '%s: ' "$$po"; msgfmt --statistics -o /dev/null "$$po"; done

map-data: ## Install the member map's country shapes (pages/map_data: world-atlas, locked; npm ci)
	@bash pages/map_data/install.sh

setup: $(STAMP)/venv messages map-data ## Install, migrate, load the initial content, make sure an admin exists
	@# Quiet on success (wagtail-modeltranslation prints its schema sync blocks); everything on failure.
	@mkdir -p $(STAMP)
	@$(MANAGE) migrate --noinput -v 0 > $(STAMP)/migrate.log 2>&1 \
		&& echo "Database migrated (details: $(STAMP)/migrate.log)" \
		|| { cat $(STAMP)/migrate.log; exit 1; }
	$(MANAGE) load_initial_content
	$(MANAGE) rebuild_site_search
	HOST=$(HOST) PORT=$(PORT) $(MANAGE) ensure_admin
	$(MANAGE) set_site_address $(BASE_URL)

run: setup ## Set up and serve the site on http://127.0.0.1:8000 (SQLite by default; make run PORT=8001)
	@echo "Serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/), scheduled jobs beside it"
	@# The scheduled jobs (scheduled publishing, the outbox, data retention) run beside the dev server
	@# and stop with it (core/scheduler.py).
	@export WAGTAILADMIN_BASE_URL=$(BASE_URL); \
	$(MANAGE) run_scheduled_jobs --loop & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

test-setup: ## Install what the tests need (Python packages, PostgreSQL, Redis, Varnish, Chromium, Java, Lighthouse, the Nu HTML Checker)
	@rm -f $(STAMP)/test-setup
	@$(MAKE) --no-print-directory $(STAMP)/test-setup

# Done once, again when a lock, an install script or a catalogue changes (the stages that run side by
# side in `make test` then never compile the catalogues at the same time).
$(STAMP)/test-setup: requirements.txt requirements-test.txt tests/tools/system-packages.sh tests/tools/lighthouse-install.sh \
		tests/tools/vnu-install.sh tests/lighthouse/package-lock.json tests/vnu/package-lock.json \
		pages/map_data/package-lock.json $(wildcard locale/*/LC_MESSAGES/django.po)
	@# The Python packages and the Debian ones (then Lighthouse and the HTML checker) download side by side.
	@$(MAKE) --no-print-directory -j2 $(STAMP)/venv-test vnu-install
	@$(MAKE) --no-print-directory messages map-data
	@touch $@

.PHONY: system-packages lighthouse-install vnu-install
system-packages:
	@bash tests/tools/system-packages.sh
lighthouse-install: system-packages
	@bash tests/tools/lighthouse-install.sh
vnu-install: lighthouse-install
	@bash tests/tools/vnu-install.sh

check: $(STAMP)/test-setup ## Django system checks and missing migrations
	DJANGO_SETTINGS_MODULE=icrtop.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=icrtop.settings.test $(MANAGE) makemigrations --check --dry-run

lint: $(STAMP)/venv-test ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

security: $(STAMP)/venv-test ## bandit static analysis (no medium or high finding)
	$(VENV)/bin/bandit -q -c pyproject.toml -r icrtop core security pages members offices publishing resources untexts events sitesearch engagement sitecache translations --severity-level medium

# pytest over every core (pytest-xdist; a database, cache and live site per worker), a JUnit report per stage.
# The browser stage hands out units of work (--dist loadgroup: tests/conftest.py, PageVisitScheduling): a page
# type's design rules and screenshot share one page load on one worker; units keep the collection's order.
PYTEST_SERIAL := $(VENV)/bin/pytest -p no:cacheprovider --durations=5
PYTEST := $(PYTEST_SERIAL) -n $(or $(PYTEST_WORKERS),auto) --maxprocesses=8
JUNIT = --junitxml=test-artifacts/junit/$(@:test-%=%).xml
WITH_SERVERS := PATH=$(CURDIR)/$(VENV)/bin:$$PATH bash tests/tools/with-postgres.sh bash tests/tools/with-redis.sh

# test-fast keeps its SQLite test databases in .make/ between runs (--reuse-db applies new migrations;
# after editing an existing migration, delete .make/test-fast.sqlite3*).
test-fast: $(STAMP)/venv-test ## The edit-and-test loop (at most 3 minutes): lint, format, missing migrations, then the suite on SQLite without browser and slow tests
	@command -v msgfmt >/dev/null && $(MAKE) --no-print-directory messages >/dev/null || true
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=icrtop.settings.test $(MANAGE) makemigrations --check --dry-run
	TEST_DATABASE_FILE=$(STAMP)/test-fast.sqlite3 $(PYTEST) -q --reuse-db -m "not browser and not slow"

test-sqlite: $(STAMP)/test-setup ## Tests of what make run relies on and of what differs between the databases, on SQLite
	$(PYTEST) $(JUNIT) -m "sqlite and not browser"

test-postgres: $(STAMP)/test-setup ## The suite without the browser tests, on private PostgreSQL and Redis servers
	$(WITH_SERVERS) $(PYTEST) $(JUNIT) -m "not browser"

test-browser: $(STAMP)/test-setup ## Browser, accessibility and Lighthouse checks against live gunicorn sites (PostgreSQL, Redis; screenshots in test-artifacts/)
	$(WITH_SERVERS) bash -c '$(PYTEST) $(JUNIT) --dist loadgroup --no-loadscope-reorder -m "browser and not lighthouse" \
		&& $(PYTEST_SERIAL) --junitxml=test-artifacts/junit/lighthouse.xml -m lighthouse'


smoke: $(STAMP)/test-setup ## The Dockerfile's steps without Docker: production settings, collectstatic, gunicorn
	bash tests/tools/production-smoke.sh

benchmark: $(STAMP)/test-setup ## Site benchmark: page types cached/uncached vs static, 5,000 members (figures in docs/performance.md)
	$(PY) tests/benchmarks/site_benchmark.py
	$(PY) tests/benchmarks/members_benchmark.py

benchmark-search: $(STAMP)/test-setup ## Site search benchmark on PostgreSQL: 5,000 members, 1,000 articles (figures in docs/performance.md)
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH bash tests/tools/with-postgres.sh $(PY) tests/benchmarks/search_benchmark.py

benchmark-cache: test-setup ## Cache benchmark: disk cache, Django's file cache and Redis at 0 to 100,000 entries
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH bash tests/tools/with-redis.sh $(PY) tests/benchmarks/cache_benchmark.py --file-cache

STAGE := bash tests/tools/stage.sh
test: ## Set up and run every check, as CI does; prints each stage's time and the 20 slowest tests
	@rm -rf test-artifacts/stages.tsv test-artifacts/junit
	@$(STAGE) setup $(MAKE) --no-print-directory test-setup
	@$(STAGE) static $(MAKE) --no-print-directory check lint security
	@$(STAGE) sqlite $(MAKE) --no-print-directory test-sqlite
	@$(STAGE) postgres $(MAKE) --no-print-directory test-postgres
	@# The smoke test (mostly one core) runs beside the browser stage, whose first minute, building the
	@# live sites' content, leaves a core free. Its output is printed when both are done.
	@{ $(STAGE) smoke $(MAKE) --no-print-directory smoke >test-artifacts/smoke.log 2>&1; echo $$? >test-artifacts/smoke.status; } & \
		$(STAGE) browser $(MAKE) --no-print-directory test-browser; browser=$$?; wait; \
		cat test-artifacts/smoke.log; [ $$browser -eq 0 ] && [ "$$(cat test-artifacts/smoke.status)" -eq 0 ]
	@python3 tests/tools/report.py
	@echo "All checks passed."

clean: ## Remove the virtual environment, the local database, the cache and build output
	rm -rf $(VENV) $(STAMP) db.sqlite3 .cache staticfiles media test-artifacts
