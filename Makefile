# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
# The bank check builds the bundled ICD-10-CM code set here (once), never in the user's data.
CODESETS := $(VENV)/codesets
# Release files: the sdist, and the wheel built from that sdist (so the sdist is proved too).
PKG_DIR := dist/pkg
XDG_DATA_HOME ?= $(HOME)/.local/share

.PHONY: run test lint typecheck bank-check smoke check-installed package dist \
        install-desktop uninstall-desktop icons bench screenshot clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@ $(STAMP_RUN)

# Before Qt starts: can the xcb platform plugin load? If system libraries are missing,
# say which and how to install them, instead of Qt's abort naming another library.
run: $(STAMP_RUN)
	$(BIN)/python -m readiness.system_check
	$(BIN)/python -m readiness

test: $(STAMP_TEST)
	$(BIN)/ruff check readiness tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/python -m readiness.bank check --codesets $(CODESETS)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m readiness --smoke
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(MAKE) check-installed

# Build the sdist and a wheel from it, install the wheel into a fresh virtual environment
# and start it from a folder outside the checkout: what a user installs is what is tested.
check-installed: package
	PYTHON=$(abspath $(BIN)/python) bash scripts/check_installed.sh $(PKG_DIR)

package: $(STAMP_TEST)
	rm -rf $(PKG_DIR)
	$(BIN)/python -m build --outdir $(PKG_DIR) . >/dev/null

lint: $(STAMP_TEST)
	$(BIN)/ruff check readiness tests benchmarks scripts

typecheck: $(STAMP_TEST)
	$(BIN)/mypy

bank-check: $(STAMP_RUN)
	$(BIN)/python -m readiness.bank check --codesets $(CODESETS)

smoke: $(STAMP_RUN)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m readiness --smoke

# The frozen one-folder app (PyInstaller), then its own --smoke.
dist: $(STAMP_TEST)
	$(BIN)/python -m pip install --quiet 'pyinstaller>=6.10'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
	    --distpath dist/frozen --workpath build/pyinstaller packaging/ccs-readiness.spec
	QT_QPA_PLATFORM=offscreen dist/frozen/ccs-readiness/ccs-readiness --smoke

# The desktop entry and icons in the XDG user folders, Exec pointing at the installed
# launcher (the one on PATH, else this checkout's .venv).
install-desktop: $(STAMP_RUN)
	$(BIN)/python -m readiness.desktop install --data-home "$(XDG_DATA_HOME)"

uninstall-desktop:
	PYTHONPATH=. $(PYTHON) -m readiness.desktop uninstall --data-home "$(XDG_DATA_HOME)"

# The PNG icons are rendered from the SVG by Qt and committed (packaging/icons/).
icons: $(STAMP_RUN)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/render_icons.py

bench: $(STAMP_TEST)
	for script in benchmarks/*.py; do QT_QPA_PLATFORM=offscreen $(BIN)/python $$script; done

screenshot: $(STAMP_RUN)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshot.py --demo docs/screenshot.png

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
