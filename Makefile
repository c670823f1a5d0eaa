# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed

.PHONY: run test lint typecheck bench floors clean system-deps

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

## run the nightly flow on the bundled snapshot into data/
run: $(STAMP) system-deps
	$(VENV)/bin/plangap run

## lint (ruff, with import sorting), types (mypy), then the whole test suite, slow tests included
test: lint typecheck system-deps
	$(PY) -m pytest

## Chinese fonts for the charts and Chromium for the browser tests, when missing (.ci/system-deps)
system-deps:
	.ci/system-deps

lint: $(STAMP)
	$(VENV)/bin/ruff check .

typecheck: $(STAMP)
	.ci/typecheck

clean:
	rm -rf $(VENV) data .pytest_cache .typecheck .mypy_cache

## the nightly run measured end to end on generated pages (README "Measuring speed"; make bench PAGES=1000)
bench: $(STAMP)
	$(VENV)/bin/plangap bench $(if $(PAGES),--pages $(PAGES))

## what the stack itself costs under the bench's figures: imports' memory, a conditional GET, lxml's parse (README "Measuring speed")
floors: $(STAMP)
	$(VENV)/bin/python -m plangap.floors $(if $(PAGES),--pages $(PAGES))
