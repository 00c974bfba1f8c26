# The course's commands. `make book` and `make test` set everything up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(abspath $(VENV))/bin
STAMP := $(VENV)/.installed-stamp
EXTRAS ?= book,test,grading

export PATH := $(BIN):$(PATH)
export TF_CPP_MIN_LOG_LEVEL := 3
export PYTHONHASHSEED := 0

CHAPTERS := $(sort $(wildcard book/*.ipynb))

.PHONY: help install data book outputs test bench release grade check clean

help:
	@echo "make book    install, fetch data, execute every chapter and build _build/html"
	@echo "make test    install, fetch data, run unit tests, nbval over every chapter, build check"
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

data: install
	$(BIN)/python -m rnncourse.data fetch

book: data
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going

outputs: data
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.kernel_name=python3 $(or $(NB),$(CHAPTERS))

test: data
	$(BIN)/python -m pytest tests book --nbval-lax --nbval-sanitize-with tests/nbval_sanitize.cfg \
	  --nbval-cell-timeout=600 -p no:cacheprovider

release: data
	$(BIN)/python -m rnncourse.autograde release

grade: data
	$(BIN)/python -m rnncourse.autograde grade $(GRADE_ARGS)

check: data
	$(BIN)/python -m rnncourse.autograde check "$(NB)"

bench: data
	$(BIN)/python benchmarks/book_timing.py

clean:
	rm -rf _build
