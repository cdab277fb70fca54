# Two commands do all set-up on a fresh machine: `make serve` and `make test`.
# The virtual environment is created here from the hash-pinned lock file.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# Reproducible output: dates in the build (sitemap) come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.DEFAULT_GOAL := help
.PHONY: help venv exports check build serve test unit linkcheck linkchecker browser bench lighthouse engines lock clean fmt fmt-check new-claim add-ref register-diff readability refresh-refs

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed ($(PYTHON))"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP)  ## create .venv, install the pinned dependencies and this library (editable)

check: $(STAMP)  ## validate the register, bibliography, audits and markers (fast)
	$(BIN)/claims check

readability: $(STAMP)  ## readability table: grade per page, section and plain statement (thresholds in schema/readability.yml)
	$(BIN)/claims readability

exports: $(STAMP)  ## write the data exports and feeds to exports/ without building the site (claims export)
	$(BIN)/claims export --out exports

build: check  ## validate, then build the site into site/ with --strict
	$(BIN)/mkdocs build --strict --quiet

serve: check  ## validate, then serve the site at http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

unit: $(STAMP)  ## unit and integration tests (pytest), failing if none were collected
	$(PY) scripts/run_pytest.py -m "not browser"

linkcheck: build  ## check internal links and anchors of the built site, offline
	$(PY) scripts/linkcheck.py site

linkchecker: build  ## cross-check links and anchors with linkchecker over a local server (slower; same coverage)
	$(PY) scripts/linkchecker_crosscheck.py site

browser: build  ## real-browser tests in headless Chromium (skipped with a notice if it is missing)
	$(PY) scripts/run_pytest.py -m browser

test: $(STAMP)  ## unit tests, validator, strict build, link check, browser tests (CI adds `make engines`)
	$(PY) scripts/run_pytest.py -m "not browser"
	$(BIN)/claims check
	$(BIN)/claims fmt --check
	$(BIN)/mkdocs build --strict --quiet
	$(PY) scripts/linkcheck.py site
	$(PY) scripts/run_pytest.py -m browser

bench: $(STAMP)  ## benchmarks (validation and build at several sizes); writes bench/results.md
	$(PY) scripts/bench.py

bench/node_modules/.bin/lighthouse: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund
	@touch $@

lighthouse: build bench/node_modules/.bin/lighthouse  ## Lighthouse (mobile) scores of four pages, offline; writes bench/lighthouse.md
	$(PY) scripts/lighthouse.py site

engines: $(STAMP)  ## build with MkDocs and with ProperDocs and check that the outputs agree (CI)
	$(PY) scripts/engines.py

fmt: $(STAMP)  ## format claims files and references.bib canonically (keeps comments and values)
	$(BIN)/claims fmt

fmt-check: $(STAMP)  ## list files that fmt would change; change nothing (CI)
	$(BIN)/claims fmt --check

new-claim: $(STAMP)  ## add a claim (asks for each field; or pass ARGS="--id ... --topic ..."; a new topic needs --new-topic)
	$(BIN)/claims new $(ARGS)

add-ref: $(STAMP)  ## add a reference from a BibTeX or RIS file: make add-ref FILE=entry.bib (or entry.ris) [ARGS="--design rct ..."]
	$(BIN)/claims add-ref $(or $(FILE),-) $(ARGS)

register-diff: $(STAMP)  ## register changes as Markdown, from BASE to your working tree (uncommitted work included): make register-diff BASE=origin/main [HEAD=HEAD to compare commits only]
	@$(BIN)/claims diff $(or $(BASE),origin/main) $(HEAD)

refresh-refs: $(STAMP)  ## look every DOI up in Crossref and PMID in PubMed (online): report; ARGS=--write records statuses
	$(BIN)/claims refresh-refs $(ARGS)

lock:  ## re-resolve requirements.lock from pyproject.toml (needs network)
	$(PY) -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --no-emit-index-url --no-emit-find-links --generate-hashes --all-extras --strip-extras --allow-unsafe -o requirements.lock pyproject.toml

clean:  ## remove the build output and caches (keeps .venv)
	rm -rf site .pytest_cache test-artifacts .cache/engines
