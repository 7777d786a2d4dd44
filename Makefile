# Justice Health Explorer. Two commands for a new machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
PYTEST_ARGS ?=
# JUNIT_DIR=<folder>: each test step also writes <folder>/junit-<step>.xml (CI reads them)
JUNIT_DIR ?=
junit = $(if $(JUNIT_DIR),--junitxml=$(JUNIT_DIR)/junit-$(1).xml)

.PHONY: run test test-unit test-backtest test-e2e lint assets install install-dev chromium deploy-tools image data data-import starter bench bench-map bench-load clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

## Leaflet from the pinned xstatic-leaflet package into static/ (the app serves it; the server only checks it)
assets: $(VENV)/.installed
	$(BIN)/python -m ui.assets

install: $(VENV)/.installed assets

install-dev: $(VENV)/.installed-dev assets

## Start the app on http://localhost:8501
run: install
	$(BIN)/python -m streamlit run app.py --server.port $(PORT)

## Debian's chromium for the browser tests (Playwright never downloads a browser here)
chromium:
	@if command -v chromium >/dev/null 2>&1; then echo "chromium: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -q && sudo apt-get install -y -q chromium; \
	else echo "chromium is missing and cannot be installed without root: apt-get install chromium" >&2; exit 1; fi

## Run every test, in three steps so a failure says which group broke: unit and AppTest, back-tests on the real
## data, real-browser tests (make -k test runs all three even when one fails)
test: test-unit test-backtest test-e2e

## Unit and AppTest tests only (no browser, no back-test)
test-unit: install-dev
	$(BIN)/python -m pytest -m "not e2e and not backtest" $(call junit,unit) $(PYTEST_ARGS)

## Back-tests: the values of the real data (data/*.csv and ../shared/data); a data refresh fails these
test-backtest: install-dev
	$(BIN)/python -m pytest -m backtest $(call junit,backtest) $(PYTEST_ARGS)

## Debian's nginx (the two-replica run, deploy/run_two_replicas.sh), podman and debootstrap (the image test)
deploy-tools:
	@if command -v nginx >/dev/null && command -v podman >/dev/null && command -v debootstrap >/dev/null; then \
		echo "nginx, podman, debootstrap: present"; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q nginx podman debootstrap; \
	elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -q && sudo apt-get install -y -q nginx podman debootstrap; \
	else echo "cannot install nginx, podman and debootstrap without root: their tests are skipped" >&2; fi

## The container image (podman; where Docker Hub is out of reach: make image BASE=localhost/jhe-debian-python:bookworm
## after deploy/build_offline_base.sh)
image:
	podman build --isolation=chroot $(if $(BASE),--build-arg BASE=$(BASE)) -t justice-health-explorer .

## Real-browser tests only (Debian chromium; nginx, podman and debootstrap for the deployment tests)
test-e2e: install-dev chromium deploy-tools
	$(BIN)/python -m pytest -m e2e $(call junit,e2e) $(PYTEST_ARGS)

## Lint: ruff, the layer rules in .importlinter, the Dockerfile (hadolint) and the Kubernetes manifests
lint: install-dev
	$(BIN)/ruff check --no-cache .
	$(BIN)/lint-imports
	$(BIN)/hadolint Dockerfile
	$(BIN)/kubernetes-validate --quiet --strict -k 1.30.0 deploy/k8s/deployment.yaml deploy/k8s/service.yaml \
		deploy/k8s/ingress.yaml deploy/k8s/hpa.yaml deploy/k8s/pvc.yaml

## Download every data file from its publisher into .data/ (or $JHE_DATA_DIR), swapped in only when all arrived valid
data: install
	$(BIN)/python -m acquire download

## Import an offline data folder laid out like the publishers' downloads: make data-import SRC=../shared/data
data-import: install
	@test -n "$(SRC)" || (echo "usage: make data-import SRC=<folder>" >&2; exit 2)
	$(BIN)/python -m acquire import "$(SRC)"

## Rebuild the starter snapshot committed in data/starter/ (what `make run` reads before any refresh) from an offline
## data folder: make starter SRC=../shared/data. The same inputs give the same bytes (a back-test checks it).
starter: install
	@test -n "$(SRC)" || (echo "usage: make starter SRC=<folder>" >&2; exit 2)
	$(BIN)/python -m acquire snapshot "$(SRC)" --dest data/starter

## Measure first-load and rerun times (results in bench/results/)
bench: install-dev chromium
	$(BIN)/python -m bench.load_times

## Map benchmark against a plain folium.Choropleth baseline, both measured in the same run (about 12 minutes)
bench-map: install-dev chromium
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -r bench/requirements.txt
	$(BIN)/python -m bench.map

## Load test: 1, 10, 25 and 50 sessions against one server, then against two replicas behind nginx (THINK=10 s
## between a user's actions; about 20 minutes); results and charts in bench/results/, summary in bench/README.md
THINK ?= 10
bench-load: install-dev deploy-tools
	$(BIN)/python -m bench.load_test --think $(THINK) --label one-server
	deploy/run_two_replicas.sh start
	$(BIN)/python -m bench.load_test --think $(THINK) --label nginx-2 --url http://127.0.0.1:8600 \
		--pids "$$(paste -sd, $${TMPDIR:-/tmp}/jhe-nginx-8600/app.pids)" \
		--warm http://127.0.0.1:8601,http://127.0.0.1:8602; status=$$?; \
		deploy/run_two_replicas.sh stop; exit $$status

clean:
	rm -rf $(VENV) .pytest_cache test-results ci-results
