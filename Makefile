# simkit — the two commands a trainer or planner needs: `make lab` and `make test`.
# Works on a fresh machine with Python ≥ 3.10: everything goes into .venv beside this file.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Two installs, so a learner's machine gets no test tools: make lab, dashboard and bench need only simkit
# and what it runs on; make test, lint and backtests add pytest, nbval, hypothesis, ruff and Playwright.
LAB_STAMP  := $(VENV)/.installed-lab
TEST_STAMP := $(VENV)/.installed
.PHONY: lab test lint bench backtests clean help

help:
	@echo "make lab    - create .venv, install simkit and open JupyterLab on notebooks/ (PORT=8888)"
	@echo "make test   - create/update .venv with the test tools and run the whole suite (lint, unit tests, notebooks, browser tests)"
	@echo "make dashboard - serve the planner's scenario dashboard as a web app (code hidden) on 127.0.0.1 (PORT=8866)"
	@echo "make replay - serve the animated replay of a day at the centre (two plans side by side) on 127.0.0.1 (PORT=8867)"
	@echo "make workshop - serve the lessons to learners' phones on 127.0.0.1 (PORT=8868; LAN=1 for the Wi-Fi hotspot, with a code)"
	@echo "make bench  - run the performance benchmarks in benchmarks/"
	@echo "make backtests - rewrite the saved model results in tests/backtests/expected (only when results change on purpose)"
	@echo "make clean  - remove .venv and caches"

$(BIN)/python:
	@echo "== Creating the virtual environment $(VENV) =="
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever the declared dependencies change. pip lists each package as it downloads and installs it.
$(LAB_STAMP): pyproject.toml | $(BIN)/python
	@echo "== Installing simkit and what it runs on (JupyterLab, Voilà, SimPy, pandas, matplotlib, Dask…) into $(VENV)"
	@echo "== The first time this takes a few minutes and about 760 MB of disk; later runs take seconds."
	$(BIN)/python -m pip install --progress-bar off -e .
	@touch $@
	@echo "== Installed: $(VENV) now takes $$(du -sh $(VENV) | cut -f1)"

$(TEST_STAMP): pyproject.toml $(LAB_STAMP)
	@echo "== Adding the test tools (pytest, nbval, hypothesis, ruff, Playwright; about 200 MB more) to $(VENV)"
	$(BIN)/python -m pip install --progress-bar off -e '.[test]'
	@touch $@
	@echo "== Installed: $(VENV) now takes $$(du -sh $(VENV) | cut -f1)"

# Served on 127.0.0.1 only; opens the start-here notebook. Jupyter refuses to run as root unless told.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

# lab-settings/ (first on JUPYTER_CONFIG_PATH) opens notebooks in simple mode with the side panel collapsed and
# keeps them clean on open (no "unsaved" dot): see lab-settings/README.md.
lab: PORT ?= 8888
lab: $(LAB_STAMP)
	JUPYTER_CONFIG_PATH=$(CURDIR)/lab-settings$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH)) \
		$(BIN)/jupyter lab --ServerApp.root_dir=notebooks --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
		--LabApp.default_url=/lab/tree/start_here.ipynb $(ALLOW_ROOT)

# The scenario dashboard as a Voilà app on 127.0.0.1 (code hidden; Voilà needs no --allow-root). It uses simkit's
# offline copy of Voilà's page template (simkit/plan/offline), so the browser loads nothing from the internet,
# and Voilà's configuration (simkit/plan/offline/config/voila.py) gives the page the app's words from
# content/ui/plan.yaml and leaves out the notebook's JupyterLab instructions (simkit.plan.app_page).
.PHONY: dashboard
dashboard: PORT ?= 8866
dashboard: $(LAB_STAMP)
	@echo "Bảng điều khiển kịch bản / scenario dashboard: http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	JUPYTER_PATH=$(CURDIR)/simkit/plan/offline JUPYTER_CONFIG_PATH=$(CURDIR)/simkit/plan/offline/config \
		$(BIN)/voila notebooks/plan/scenario_dashboard.ipynb \
		--template=simkit_offline --strip_sources=True --theme=light --no-browser \
		--Voila.ip=127.0.0.1 --port=$(PORT)

# The replay of a day at the centre (notebooks/plan/replay.ipynb) as a Voilà app, with the same offline template
# and configuration. `simkit replay --out FILE.html` writes the same animation as one file that opens without Internet.
.PHONY: replay
replay: PORT ?= 8867
replay: $(LAB_STAMP)
	@echo "Xem lại một ngày tại trung tâm / replay a day at the centre: http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	JUPYTER_PATH=$(CURDIR)/simkit/plan/offline JUPYTER_CONFIG_PATH=$(CURDIR)/simkit/plan/offline/config \
		$(BIN)/voila notebooks/plan/replay.ipynb \
		--template=simkit_offline --strip_sources=True --theme=light --no-browser \
		--Voila.ip=127.0.0.1 --port=$(PORT)

# Workshop mode: the lessons as a code-hidden Voilà app for learners' phones (docs/workshop.md). Only this
# laptop can open it unless LAN=1 (then phones on the hotspot type the workshop code shown, or scan its QR).
.PHONY: workshop
workshop: PORT ?= 8868
workshop: $(LAB_STAMP)
	$(BIN)/simkit workshop --port=$(PORT) $(if $(LAN),--lan)

lint: $(TEST_STAMP)
	$(BIN)/ruff check simkit tests benchmarks
	$(BIN)/mypy

# Browser tests last: Debian's chromium (installed here if missing; Playwright's own download cannot work on
# these machines) drives every notebook in JupyterLab and the Voilà dashboard (tests/browser/README.md).
test: $(TEST_STAMP) lint
	$(BIN)/python -m pytest -m "not browser" -n 2 --dist loadfile tests
	$(BIN)/python -m pytest --nbval-lax --nbval-current-env -p no:randomly notebooks
	bash scripts/ensure_chromium.sh
	$(BIN)/python -m pytest -m browser -p no:randomly tests/browser

# The saved results the back-tests compare exactly (tests/backtests). Rewrite them only when a change alters
# results on purpose, and say in the commit which results changed and why. CASES="a b" rewrites only those.
backtests: $(TEST_STAMP)
	$(BIN)/python -m tests.backtests.regenerate $(CASES)

bench: $(LAB_STAMP)
	$(BIN)/python benchmarks/engine_throughput.py
	$(BIN)/python benchmarks/cli_latency.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
