# geomap: `make map` turns seeds/ into maps/; `make test` runs the tests.
# Both install what they need into .venv on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: map test lint accuracy screenshot gazetteer browser qgis clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

gazetteer: $(STAMP)
	$(BIN)/geomap gazetteer info

map: gazetteer
	$(BIN)/geomap map seeds/ -o maps/ --png map.png

# Debian's Chromium, for the browser tests and the README screenshot.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "chromium missing: run 'sudo apt-get install chromium' (browser tests will skip)"; \
	  fi; }

# Debian's QGIS Python bindings (system python3), for the test that opens our layers in QGIS.
qgis:
	@/usr/bin/python3 -c 'import qgis.core' >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-qgis; \
	  else \
	    echo "python3-qgis missing: run 'sudo apt-get install python3-qgis' (QGIS tests will skip)"; \
	  fi; }

test: $(STAMP) browser qgis gazetteer
	$(BIN)/ruff check geomap gazetteer tests benchmarks
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check geomap gazetteer tests benchmarks

accuracy: gazetteer
	$(BIN)/python benchmarks/accuracy.py

screenshot: map browser
	$(BIN)/python -c "from geomap.maps import screenshot; screenshot('maps/map.html', 'docs/map.png')"

clean:
	rm -rf $(VENV) out build *.egg-info
