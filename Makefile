# Two commands: `make demo` (set up, run the main job on the bundled demo corpus) and
# `make test` (set up, run the tests). Both create .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test bench clean chromium screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/conflictcoder demo --db out/demo.duckdb --out out

test: setup chromium
	$(BIN)/python -m pytest

# The browser tests drive Debian's chromium (Playwright never downloads one). CI runs as root;
# elsewhere install it yourself (`apt-get install chromium`) or the browser tests are skipped.
chromium:
	@command -v chromium >/dev/null || { if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing and not root: browser tests will be skipped (apt-get install chromium)"; fi; }

# docs/web-*.png for the README: the analysts' page on the demo store, in Chromium
screenshots: demo chromium
	$(BIN)/python docs/screenshots.py --db out/demo.duckdb

bench: setup
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) out .pytest_cache
