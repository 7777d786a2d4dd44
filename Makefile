# Justice Health Explorer. Two commands for a new machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
PYTEST_ARGS ?=

.PHONY: run test test-unit lint install install-dev chromium data data-import bench bench-map clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## Start the app on http://localhost:8501
run: install
	$(BIN)/python -m streamlit run app.py --server.port $(PORT)

## Debian's chromium for the browser tests (Playwright never downloads a browser here)
chromium:
	@if command -v chromium >/dev/null 2>&1; then echo "chromium: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -q && sudo apt-get install -y -q chromium; \
	else echo "chromium is missing and cannot be installed without root: apt-get install chromium" >&2; exit 1; fi

## Run every test: unit, AppTest and real-browser tests
test: install-dev chromium
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Unit and AppTest tests only (no browser)
test-unit: install-dev
	$(BIN)/python -m pytest -m "not e2e" $(PYTEST_ARGS)

## Lint (ruff)
lint: install-dev
	$(BIN)/ruff check .

## Download every data file from its publisher
data: install
	$(BIN)/python -m acquire.download

## Import an offline data folder laid out like the publishers' downloads: make data-import SRC=../shared/data
data-import: install
	@test -n "$(SRC)" || (echo "usage: make data-import SRC=<folder>" >&2; exit 2)
	$(BIN)/python -m acquire.importer import "$(SRC)"

## Measure first-load and rerun times (results in bench/results/)
bench: install-dev chromium
	$(BIN)/python bench/load_times.py

## Map benchmark against a plain folium.Choropleth baseline, both measured in the same run (about 12 minutes)
bench-map: install-dev chromium
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -r bench/requirements.txt
	$(BIN)/python bench/map_bench.py

clean:
	rm -rf $(VENV) .pytest_cache test-results
