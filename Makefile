# simkit — the two commands a trainer or planner needs: `make lab` and `make test`.
# Works on a fresh machine with Python ≥ 3.10: everything goes into .venv beside this file.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8888

.PHONY: lab test lint bench backtests clean help

help:
	@echo "make lab    - create .venv, install simkit and open JupyterLab on notebooks/"
	@echo "make test   - create/update .venv and run the whole suite (lint, unit tests, notebooks, browser tests)"
	@echo "make dashboard - serve the planner's scenario dashboard as a web app (code hidden) on 127.0.0.1"
	@echo "make replay - serve the animated replay of a day at the centre (two plans side by side) on 127.0.0.1"
	@echo "make bench  - run the performance benchmarks in benchmarks/"
	@echo "make backtests - rewrite the saved model results in tests/backtests/expected (only when results change on purpose)"
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

# The scenario dashboard as a Voilà app on 127.0.0.1 (code hidden; Voilà needs no --allow-root). It uses simkit's
# offline copy of Voilà's page template (simkit/plan/offline), so the browser loads nothing from the internet.
DASHBOARD_PORT ?= 8866
.PHONY: dashboard
dashboard: $(STAMP)
	@echo "Bảng điều khiển kịch bản / scenario dashboard: http://127.0.0.1:$(DASHBOARD_PORT)/ (Ctrl+C to stop)"
	JUPYTER_PATH=$(CURDIR)/simkit/plan/offline $(BIN)/voila notebooks/plan/scenario_dashboard.ipynb \
		--template=simkit_offline --strip_sources=True --theme=light --no-browser \
		--Voila.ip=127.0.0.1 --port=$(DASHBOARD_PORT)

# The replay of a day at the centre (notebooks/plan/replay.ipynb) as a Voilà app, with the same offline template.
# `simkit replay --out FILE.html` writes the same animation as one file that opens without Internet.
REPLAY_PORT ?= 8867
.PHONY: replay
replay: $(STAMP)
	@echo "Xem lại một ngày tại trung tâm / replay a day at the centre: http://127.0.0.1:$(REPLAY_PORT)/ (Ctrl+C to stop)"
	JUPYTER_PATH=$(CURDIR)/simkit/plan/offline $(BIN)/voila notebooks/plan/replay.ipynb \
		--template=simkit_offline --strip_sources=True --theme=light --no-browser \
		--Voila.ip=127.0.0.1 --port=$(REPLAY_PORT)

lint: $(STAMP)
	$(BIN)/ruff check simkit tests benchmarks

# Browser tests last: Debian's chromium (installed here if missing; Playwright's own download cannot work on
# these machines) drives every notebook in JupyterLab and the Voilà dashboard (tests/browser/README.md).
test: $(STAMP) lint
	$(BIN)/python -m pytest -m "not browser" tests
	$(BIN)/python -m pytest --nbval-lax --nbval-current-env -p no:randomly notebooks
	bash scripts/ensure_chromium.sh
	$(BIN)/python -m pytest -m browser -p no:randomly tests/browser

# The saved results the back-tests compare exactly (tests/backtests). Rewrite them only when a change alters
# results on purpose, and say in the commit which results changed and why. CASES="a b" rewrites only those.
backtests: $(STAMP)
	$(BIN)/python -m tests.backtests.regenerate $(CASES)

bench: $(STAMP)
	$(BIN)/python benchmarks/engine_throughput.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
