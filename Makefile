# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
# The bank check builds the bundled ICD-10-CM code set here (once), never in the user's data.
CODESETS := $(VENV)/codesets

.PHONY: run test lint typecheck bank-check smoke bench screenshot clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml setup.py | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/python -m readiness

test: $(STAMP_TEST)
	$(BIN)/ruff check readiness tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/python -m readiness.bank check --codesets $(CODESETS)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m readiness --smoke
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bank-check: $(STAMP_RUN)
	$(BIN)/python -m readiness.bank check --codesets $(CODESETS)

smoke: $(STAMP_RUN)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m readiness --smoke

bench: $(STAMP_TEST)
	for script in benchmarks/*.py; do QT_QPA_PLATFORM=offscreen $(BIN)/python $$script; done

screenshot: $(STAMP_RUN)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot.py --demo docs/screenshot.png

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
