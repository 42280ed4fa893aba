# Two commands for a fresh machine:
#   make build   set up .venv, install qtreport, compile data/ into build/<name>.docx
#   make test    set up .venv with the test tools, run ruff, mypy and the tests (on every core)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: build test check lint clean bench

$(BIN)/qtreport: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

build: $(BIN)/qtreport
	$(BIN)/qtreport build

check: $(BIN)/qtreport
	$(BIN)/qtreport check

lint: $(BIN)/qtreport
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

test: $(BIN)/qtreport lint
	$(BIN)/pytest -n auto

clean:
	rm -rf $(VENV) build

bench: $(BIN)/qtreport
	$(BIN)/python bench/run.py
