# SMART: two commands do all the set-up.
#   make run   install what is missing, migrate, load the demo regency, serve
#   make test  install what is missing, run the whole test suite
# Everything SMART writes at run time lives under SMART_DATA_DIR (default ./var).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SMART_DATA_DIR ?= $(CURDIR)/var
export SMART_DATA_DIR

.PHONY: run test lint e2e-browser clean help setup messages otp bench bench-data bench-load bench-import

help:
	@echo "make run    start SMART with the demo regency on http://127.0.0.1:$(PORT)/"
	@echo "make test   run the whole test suite"
	@echo "make lint   ruff and the import-layer contract"

# --- Python ------------------------------------------------------------------
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "SMART butuh Python 3.11 atau lebih baru: pasang python3 (>= 3.11) lalu jalankan lagi perintah ini."; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { \
	  echo "Modul venv Python belum terpasang: jalankan 'sudo apt-get install python3-venv' lalu ulangi perintah ini."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Memasang paket Python (sekali saja)..."
	@# (This machine's pip config lists local mirrors that may be absent; hide that noise.)
	@set -o pipefail; $(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt 2>&1 \
	  | { grep -v "^WARNING: Location 'file:" || true; }
	@touch $@

# --- Front-end assets from npm (lockfile), copied into git-ignored static/vendor
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "Node.js/npm tidak ditemukan: pasang dengan 'sudo apt-get install nodejs npm' lalu jalankan lagi perintah ini."; exit 1; }
	@echo "Memasang aset front-end dari npm (sekali saja)..."
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static/vendor/.copied: node_modules/.installed scripts/copy_vendor_assets.py
	@$(PY) scripts/copy_vendor_assets.py
	@touch $@

# --- Translations: .po in git, .mo compiled here (Babel: no gettext needed) ---
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
locale/%.mo: locale/%.po $(VENV)/.installed
	@$(VENV)/bin/pybabel compile -i $< -o $@ >/dev/null 2>&1 || $(VENV)/bin/pybabel compile -i $< -o $@

setup: $(VENV)/.installed static/vendor/.copied $(MO_FILES)

# --- The two commands ----------------------------------------------------------
run: setup
	@$(PY) manage.py serve_demo --port $(PORT)

test: setup e2e-browser
	@$(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest menemukan 0 tes: periksa pola pencarian tes."; exit 1; fi; \
	exit $$rc

# Debian's Chromium for the end-to-end tests: installed when missing and we may
# install packages (root, as in CI); otherwise the e2e tests skip with one line.
e2e-browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Memasang Chromium untuk tes end-to-end..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "Chromium tidak dapat dipasang; tes end-to-end akan dilewati."; \
	  else \
	    echo "Chromium tidak ada: tes end-to-end dilewati (pasang dengan 'sudo apt-get install chromium')."; \
	  fi; \
	fi

# After changing UI text: refresh the Indonesian catalogue, then translate the new entries
# (tests/test_i18n.py fails while any entry is untranslated). Needs gettext's xgettext.
messages: $(VENV)/.installed
	@$(PY) manage.py makemessages -l id --no-location --ignore=.venv --ignore=node_modules --ignore=var

# The demo administrators' current sign-in codes (TOTP), for trying the demo without a phone.
otp: setup
	@$(PY) manage.py demo_otp

# --- Benchmark (issue 10; docs/performance.md) --------------------------------------
# make bench-data SIZE=10000   N synthetic employees into an empty database
# make bench SIZE=10000        page table (median, p95, queries, memory, SQL floor) + JSON
#                              (BENCH_ONLY="employee list,profile" keeps those rows only)
# make bench-load              bounded load run against gunicorn with 2 workers on loopback
SIZE ?= 10000
SEED ?= 2026
BENCH_JSON ?= $(SMART_DATA_DIR)/bench-$(SIZE).json
BENCH_ONLY ?=
bench-data: setup
	@$(PY) manage.py migrate -v0
	@$(PY) manage.py scale_generate --employees $(SIZE) --seed $(SEED)

bench: setup
	@$(PY) manage.py collectstatic --noinput -v0
	@$(PY) manage.py bench --size $(SIZE) --json $(BENCH_JSON) --only "$(BENCH_ONLY)"

bench-load: setup
	@$(PY) manage.py collectstatic --noinput -v0
	@$(PY) manage.py bench_load --seconds 20 --requests 3000 --json $(SMART_DATA_DIR)/bench-load.json

# make bench-import ROWS=10000   a generated SIASN export through the importer (preview +
# apply) into a fresh SQLite database under $(SMART_DATA_DIR)/bench-import: rows/s, memory
ROWS ?= 10000
bench-import: setup
	@rm -rf $(SMART_DATA_DIR)/bench-import
	@SMART_DATA_DIR=$(SMART_DATA_DIR)/bench-import DATABASE_URL= $(PY) manage.py migrate -v0
	@SMART_DATA_DIR=$(SMART_DATA_DIR)/bench-import DATABASE_URL= $(PY) manage.py bench_import --rows $(ROWS)
	@rm -f $(SMART_DATA_DIR)/bench-import/smart.sqlite3
	@SMART_DATA_DIR=$(SMART_DATA_DIR)/bench-import DATABASE_URL= $(PY) manage.py migrate -v0
	@SMART_DATA_DIR=$(SMART_DATA_DIR)/bench-import DATABASE_URL= $(PY) manage.py bench_import --rows $(ROWS) --trace-memory

lint: $(VENV)/.installed
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) node_modules static/vendor
