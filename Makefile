# ALT Portal: `make run` to browse the site, `make test` to run every test.
# Both set up what they need first. Python 3.12 or newer is required.

VENV := .venv
BIN := $(VENV)/bin
PYTHON_FOR_VENV := $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: run test bench lighthouse install lock lint format check-python chromium gettext messages

# Debug mode is off unless asked for (alt_portal/settings.py): run, test and lint ask.
run test lint messages: export DJANGO_DEBUG = true

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_content
	$(BIN)/python manage.py create_local_admin
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install chromium gettext
	$(BIN)/pytest

# Each page's req/s against a bare Django view's, in production mode (README).
bench: install
	$(BIN)/python scripts/bench.py

# Lighthouse's mobile scores for home, a cause page, a step and the result (README).
lighthouse: install chromium
	$(BIN)/python scripts/lighthouse.py

install: $(VENV)/.installed

# Installs exactly the locked tree; pip refuses any file whose hash differs.
$(VENV)/.installed: requirements.lock requirements-dev.lock | check-python
	$(PYTHON_FOR_VENV) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $@

# Re-resolve the locks from requirements*.txt; add UPGRADE=1 to move to the newest
# releases those pins allow (edit the pins in requirements*.txt to move further).
LOCK := $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.12 \
	--no-header $(if $(UPGRADE),--upgrade)
lock: install
	$(LOCK) requirements.txt -o requirements.lock
	$(LOCK) requirements-dev.txt -o requirements-dev.lock

check-python:
	@if [ -z "$(PYTHON_FOR_VENV)" ]; then \
		echo "ALT Portal needs Python 3.12 or newer (Django 6.1 does)."; \
		echo "Install it (e.g. 'pyenv install 3.12', or your system's python3.12) and run make again."; \
		exit 1; fi

chromium:
	@scripts/ensure-chromium.sh

# GNU gettext: only to make and compile catalogs (and for the catalog tests).
gettext:
	@scripts/ensure-gettext.sh

# The Chinese interface catalog (README, "Languages"): collect every translatable
# string into locale/zh_Hans/LC_MESSAGES/django.po, then compile the .mo beside it.
# Same options as tests/i18n/test_catalog.py, which fails when this is out of date.
MESSAGES_IGNORE := --ignore=.venv --ignore=tests --ignore=node_modules \
	--ignore=staticfiles --ignore=test-results --ignore=screenshots --ignore=docs
messages: install gettext
	$(BIN)/python manage.py makemessages -l zh_Hans $(MESSAGES_IGNORE)
	$(BIN)/python manage.py compilemessages -l zh_Hans $(MESSAGES_IGNORE)

lint: install gettext
	@for f in requirements requirements-dev; do cp $$f.lock $(VENV)/$$f.lock.check; \
		$(LOCK) $$f.txt -o $(VENV)/$$f.lock.check; \
		cmp -s $$f.lock $(VENV)/$$f.lock.check || { echo "$$f.lock is out of date: run make lock"; exit 1; }; done
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	msgfmt --check --statistics -o /dev/null locale/zh_Hans/LC_MESSAGES/django.po

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
