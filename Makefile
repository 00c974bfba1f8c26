# The course's commands. `make book` and `make test` set everything up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(abspath $(VENV))/bin
STAMP := $(VENV)/.installed-stamp
EXTRAS ?= book,test,grading
NODE_STAMP := node_modules/.installed-stamp
CHROMIUM := /usr/bin/chromium
# apt-get needs root: as another user, run it through sudo.
APT := $(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get

export PATH := $(BIN):$(PATH)
export TF_CPP_MIN_LOG_LEVEL := 3
export PYTHONHASHSEED := 0

CHAPTERS := $(sort $(wildcard book/*.ipynb))

.PHONY: help install web browser data book outputs test bench release grade check clean

help:
	@echo "make book    install, fetch data, execute every chapter, build _build/html and check its"
	@echo "             links and that no solution reached it"
	@echo "make test    install, fetch data, run unit tests, nbval over every chapter, build the"
	@echo "             book from the checked outputs and test it in headless Chromium"
	@echo "make outputs re-execute the chapters in place (run before committing a chapter)"
	@echo "make release regenerate exercises/ (student notebooks) from solutions/"
	@echo "make grade   autograde submitted/<student>/<assignment>/, write feedback and grades.csv"
	@echo "make check NB=path/to/notebook.ipynb  validate one notebook, as a student"
	@echo "make bench   time chapter execution, a cold build and a cached rebuild"

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[$(EXTRAS)]'
	touch $@

install: $(STAMP)

# MathJax (served with the book) and axe-core (the accessibility check), pinned by hash in
# package-lock.json and installed from the npm registry.
$(NODE_STAMP): package.json package-lock.json
	command -v npm >/dev/null || ($(APT) update -qq && $(APT) install -y -qq nodejs npm)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

web: $(NODE_STAMP)

# Debian's Chromium, which the browser test drives through Playwright.
$(CHROMIUM):
	$(APT) update -qq
	$(APT) install -y -qq --no-install-recommends chromium fonts-liberation fonts-dejavu-core

browser: $(CHROMIUM)

data: install
	$(BIN)/python -m rnncourse.data fetch

book: data web
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going
	$(BIN)/python -m rnncourse.sitecheck _build/html

outputs: data
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.kernel_name=python3 $(or $(NB),$(CHAPTERS))

test: data web browser
	$(BIN)/python -m pytest tests book --nbval-lax --nbval-sanitize-with tests/nbval_sanitize.cfg \
	  --nbval-cell-timeout=600 -p no:cacheprovider

release: data
	$(BIN)/python -m rnncourse.autograde release

grade: data
	$(BIN)/python -m rnncourse.autograde grade $(GRADE_ARGS)

check: data
	$(BIN)/python -m rnncourse.autograde check "$(NB)"

bench: data web
	$(BIN)/python benchmarks/book_timing.py

clean:
	rm -rf _build
