# simkit — the two commands a trainer or planner needs: `make lab` and `make test`.
# Works on a fresh machine with Python ≥ 3.10: everything goes into .venv beside this file.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8888

.PHONY: lab test lint bench clean help

help:
	@echo "make lab    - create .venv, install simkit and open JupyterLab on notebooks/"
	@echo "make test   - create/update .venv and run the whole test suite (lint, unit tests, notebooks)"
	@echo "make bench  - run the performance benchmarks in benchmarks/"
	@echo "make clean  - remove .venv and caches"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever the declared dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# Served on 127.0.0.1 only; opens the start-here notebook. Jupyter refuses to run as root unless told.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
		--LabApp.default_url=/lab/tree/start_here.ipynb $(ALLOW_ROOT)

lint: $(STAMP)
	$(BIN)/ruff check simkit tests benchmarks

test: $(STAMP) lint
	$(BIN)/python -m pytest tests
	$(BIN)/python -m pytest --nbval-lax --nbval-current-env -p no:randomly notebooks

bench: $(STAMP)
	$(BIN)/python benchmarks/engine_throughput.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
