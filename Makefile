# Cổng Hành chính công: one entry point. `make help` lists the targets.
SHELL := /bin/bash
# Python >= 3.11: pyenv's 3.12 where present, else the first interpreter that runs.
PYTHON_BOOTSTRAP ?= $(shell for p in $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3) python3.12 python3.13 python3.11 python3; do \
	if $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then echo $$p; break; fi; done)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev

.DEFAULT_GOAL := help

.PHONY: help install run migrate demo test lint format messages clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-20s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON_BOOTSTRAP) -m venv $(VENV)
	@echo "Installing the project and its dependencies into $(VENV)..."
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet -e ".[test]"
	@touch $@

install: $(VENV)/.installed ## Create or refresh .venv with the project and its test dependencies
	@$(PY) scripts/compile_messages.py

migrate: install ## Apply database migrations (SQLite by default)
	@$(PY) manage.py migrate --noinput --verbosity 0
	@$(PY) manage.py createcachetable --verbosity 0
	@echo "Database migrated."

demo: migrate ## Load the demo content once (idempotent)
	@$(PY) manage.py load_demo

run: demo ## Install, migrate, load demo content and serve on http://127.0.0.1:$(PORT)
	PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install ## Start PostgreSQL and a search node if needed, run the whole suite, stop them
	scripts/run_tests.sh

lint: install ## Ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install ## Extract and compile UI translations (vi, en)
	$(PY) manage.py makemessages -l vi -l en --ignore=.venv --ignore=node_modules --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

clean: ## Remove the virtualenv, the SQLite database and collected files
	rm -rf $(VENV) db.sqlite3 static_collected

-include mk/*.mk
