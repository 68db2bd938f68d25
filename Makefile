# Django 6.1 needs Python 3.12 or newer: take the first such interpreter on this machine
# (python3 itself, a versioned python3.x, or one installed by pyenv) unless PYTHON is given.
PYTHON ?= $(shell for candidate in python3 python3.14 python3.13 python3.12 \
	$$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	$$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 \
	&& { echo $$candidate; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
HOST_PORT ?= 127.0.0.1:8000

.PHONY: run test install install-dev check-python lock

check-python:
	@test -n "$(PYTHON)" || { echo "Dream Journal needs Python 3.12 or newer (Django 6.1). Install one, or run: make PYTHON=/path/to/python3.12 ..."; exit 1; }

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)

# pip byte-compiles what it installs one file at a time; compileall does it on every core
# (a fresh install with the dev tools: 15 s -> 9 s on 2 cores).
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-compile -c constraints.txt -e .
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib
	@touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-compile -c constraints.txt -e ".[dev]"
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib
	@touch $@ $(VENV)/.installed

# Pin what pyproject.toml's ranges resolve to today, from a scratch environment.
lock: | check-python
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -e ".[dev]"
	{ sed -n 1,2p constraints.txt; .lock-venv/bin/python -m pip freeze --exclude-editable \
		| grep -v '^-e '; } > constraints.new && mv constraints.new constraints.txt
	rm -rf .lock-venv

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

run: install
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py prepare_demo
	DEBUG=true $(BIN)/python manage.py housekeeping --schedule
	@# The task worker runs beside the server; Ctrl-C (or the server ending) stops both.
	DEBUG=true $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(BIN)/python manage.py runserver $(HOST_PORT)

# Test processes in parallel (pytest-xdist; how many: tests/conftest.py), each taking the
# next test as it frees up (worksteal), so that the long browser journeys do not all end up
# at the back of one queue.
test: install-dev
	$(BIN)/python -m pytest -n auto --dist worksteal
