# Nongfang Hub developer commands.
#
#   make demo   serve the hub with demo data on http://127.0.0.1:$(PORT)/graphql
#   make test   run the linters, the type checker and the test suite
#
# Both create .venv on first use and reinstall the project only when pyproject.toml changes.

PYTHON3 ?= python3
PORT ?= 8000
PYTEST_ARGS ?=

VENV := .venv
VENV_PYTHON := $(VENV)/bin/python
# Touched after each install, so pip runs again only when pyproject.toml is newer.
INSTALL_STAMP := $(VENV)/.install-stamp

AUDIT_DIR := tests/http/audit
# npm ci writes this copy of the lockfile, so it is newer than the lockfile after an install.
AUDIT_INSTALLED := $(AUDIT_DIR)/node_modules/.package-lock.json
HAVE_NODE := $(shell command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && echo yes)

# mypy rejects a folder without Python files, so only folders that contain some are checked.
CHECKED_DIRS := $(shell for dir in core domain schema resolvers integrations workers tests benchmarks; do \
	[ -n "$$(find $$dir -name '*.py' -print -quit 2>/dev/null)" ] && echo $$dir; done)

.PHONY: demo test install lint format-check typecheck pytest

demo: install
	$(VENV)/bin/nongfang demo --port $(PORT)

install: $(INSTALL_STAMP)

$(VENV_PYTHON):
	$(PYTHON3) -m venv $(VENV)

# Order-only on the interpreter: recreating the venv alone must not look like a pyproject change.
$(INSTALL_STAMP): pyproject.toml | $(VENV_PYTHON)
	$(VENV_PYTHON) -m pip install --quiet -e '.[dev]'
	touch $@

$(AUDIT_INSTALLED): $(AUDIT_DIR)/package.json $(AUDIT_DIR)/package-lock.json
	cd $(AUDIT_DIR) && npm ci --no-audit --no-fund
	touch $@

ifeq ($(HAVE_NODE),yes)
AUDIT_DEPENDENCIES := $(AUDIT_INSTALLED)
endif

# Each step is its own target, so `make --keep-going test` reports every failing step at once.
test: install $(AUDIT_DEPENDENCIES) lint format-check typecheck pytest

lint: install
	$(VENV)/bin/ruff check .

format-check: install
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy --explicit-package-bases $(CHECKED_DIRS)

# pytest exits with 5 when it collected no tests; that is reported and fails the target.
pytest: install $(AUDIT_DEPENDENCIES)
	@[ "$(HAVE_NODE)" = yes ] || echo "make: node or npm not found, so the GraphQL over HTTP audit will be skipped"
	@status=0; $(VENV)/bin/pytest -p no:cacheprovider $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "make: pytest collected no tests" >&2; fi; \
	exit $$status
