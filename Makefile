# Waymark: two commands on a fresh machine.
#   make serve   set everything up, build with the bundled data, serve at http://127.0.0.1:8000
#   make test    set everything up, run every test
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.waymark-installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Material for MkDocs 9.7+ prints an end-of-life notice on every build; it is known.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup serve build check test test-fast lint bench lock clean browser

help:
	@echo "make serve   set up, build with the bundled data and serve at http://$(HOST):$(PORT)"
	@echo "make test    set up and run every test (installs Chromium with apt when missing)"
	@echo "make test-fast  lint, types and every test but the browser tests (about a minute)"
	@echo "make build   atomic build into site/ (a failed build leaves the old site)"
	@echo "make check   validate data/resources.yaml"
	@echo "make bench   benchmark at 100 / 1,000 / 10,000 entries"
	@echo "make lock    re-pin requirements.lock from requirements.in (needs the network)"

setup: $(STAMP)

# The virtual environment is rebuilt whenever the lock file or the package metadata change.
$(STAMP): requirements.lock pyproject.toml
	@echo "==> Setting up $(VENV) (the first time takes about a minute)"
	@scripts/make-venv "$(PYTHON)" "$(VENV)"
	@echo "==> Installing the pinned packages from requirements.lock"
	@$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	@echo "==> Installing Waymark itself"
	@$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --no-index -e .
	@touch $@

browser: setup
	@scripts/ensure-browser

serve: setup
	@scripts/serve "$(HOST)" "$(PORT)" "$(VENV)"

build: setup
	$(BIN)/python -m generator build

check: setup
	$(BIN)/python -m generator check

# Lint, formatting and types first: they take seconds and name the line to fix.
lint: setup
	@echo "==> Checking style (ruff) and types (mypy)"
	@$(BIN)/ruff check generator tests benchmarks
	@$(BIN)/ruff format --check --quiet generator tests benchmarks
	@$(BIN)/mypy

test: setup browser lint
	@echo "==> Running every test, browser tests included, on every core"
	$(BIN)/python -m pytest -n auto

test-fast: setup lint
	@scripts/ensure-npm
	$(BIN)/python -m pytest -n auto -m "not browser"

bench: setup
	$(BIN)/python -m benchmarks

lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
	  --output-file requirements.lock requirements.in

clean:
	rm -rf site .site-* .pytest_cache .hypothesis benchmarks/out
