# Two commands matter: `make site` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt constraints.txt | cksum | cut -d" " -f1)
VENDOR := overrides/assets/javascripts/vendor/iframe-worker-shim.js
IFRAME_WORKER := iframe-worker@1.0.4
# axe-core, the accessibility checker the browser tests inject into every page kind.
AXE_VERSION := 4.14.1
AXE := .cache/npm/axe/package/axe.min.js
# The second engine: ProperDocs, the maintained fork of MkDocs 1.x, in a venv of its own with
# every other pin of constraints.txt (it stands in for the `mkdocs` module; both cannot share a venv).
PROPERDOCS_VERSION := 1.6.7
PD_VENV := .venv-properdocs
# Left out of it: MkDocs itself, and what only the tests and the bench use (a shorter install in CI).
PD_SKIP := mkdocs|mkdocs-get-deps|playwright|greenlet|pytest|pytest-xdist|execnet|iniconfig|pluggy|hypothesis|sortedcontainers|matplotlib|contourpy|cycler|fonttools|kiwisolver|pillow|pyparsing
PD_STAMP := $(PD_VENV)/.installed-$(PROPERDOCS_VERSION)-$(shell cat constraints.txt | cksum | cut -d" " -f1)
N ?= 2000
export PYTHONPATH := $(CURDIR)/scripts
# Material 9.8 prints an end-of-life banner on every build; the README's engine section covers it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: properdocs upgrade site test check serve dist bench screenshots new-campaign draft clean setup browser office-tools ocr-tools libreoffice fuzz

# Progress by stage on a terminal; `make site QUIET=1` (CI) prints only problems.
site: setup
	$(BIN)/mkdocs build $(if $(QUIET),-q)

setup: $(STAMP) $(VENDOR)

# Re-installs only when requirements.txt changes.
$(STAMP): requirements.txt constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt -c constraints.txt
	rm -f $(VENV)/.installed-*
	touch $@

# Material's offline search needs the iframe-worker shim; its plugin would load it
# from a CDN. We take it from the npm registry once and serve it from the site.
$(VENDOR):
	mkdir -p .cache/npm $(dir $@)
	cd .cache/npm && npm pack --silent $(IFRAME_WORKER) >/dev/null
	tar -xzf .cache/npm/iframe-worker-1.0.4.tgz -C .cache/npm
	cp .cache/npm/package/shim/index.js $@

$(AXE):
	mkdir -p .cache/npm/axe
	cd .cache/npm/axe && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && tar -xzf axe-core-$(AXE_VERSION).tgz

# Debian's Chromium and CJK fonts for the browser tests (never `playwright install`).
browser:
	@test -x /usr/bin/chromium && fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk)

properdocs: $(PD_STAMP)

$(PD_STAMP): constraints.txt
	test -x $(PD_VENV)/bin/python || $(PYTHON) -m venv $(PD_VENV)
	grep -v -i -E '^($(PD_SKIP))==' constraints.txt > $(PD_VENV)/constraints.txt
	$(PD_VENV)/bin/pip install -q --disable-pip-version-check --no-deps -r $(PD_VENV)/constraints.txt properdocs==$(PROPERDOCS_VERSION)
	rm -f $(PD_VENV)/.installed-*
	touch $@

# Debian's converters for Word 97-2003 (.doc) and WPS (.wps) sources (ingest/formats/word97.py).
office-tools:
	@command -v antiword >/dev/null && command -v catdoc >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq antiword catdoc)

# Debian's OCR engine and its Simplified Chinese model: scanned PDFs with `ocr: true` in
# data/campaign.yml (ingest/formats/ocr.py); the OCR test measures it.
ocr-tools:
	@command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx chi_sim || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-chi-sim)

# LibreOffice Writer: when installed, .doc/.wps sources are read through it (saved as .docx:
# headings, numbering and tables kept; ingest/formats/word97.py); the tests also use it to save
# genuine .doc files (tests/formats/test_formats_word97.py). No GUI, no recommends: about 250 MB.
# Not part of `make site`: without it .doc files are read by antiword/catdoc, as text.
libreoffice:
	@command -v soffice >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui)

# ProperDocs builds the site too (tests/engines): CI proves the second engine on every run.
test: setup browser office-tools ocr-tools libreoffice $(AXE) properdocs
	$(BIN)/python -m pytest -q -n 2 tests

# `make test` runs the fuzz targets (tests/fuzz) bounded; this runs them long, with the cases tried.
fuzz: setup
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest -q -p no:cacheprovider -m fuzz --hypothesis-show-statistics tests/fuzz

check: setup
	$(BIN)/python -m sitegen check

serve: setup
	$(BIN)/mkdocs serve

dist: site
	$(BIN)/python -m sitegen dist

# Results: bench/out/bench.json, bench/out/bench.png and the table. BENCH_ARGS: e.g. --no-bare,
# --profile (cProfile of the largest build), --keep (keep the built sites).
# N=10000 adds a province-sized corpus to 200 and 2,000 (its growth is judged against 2,000's);
# bare MkDocs is built up to 2,000 documents (quadratic: 10,000 would take hours).
bench: setup browser
	$(BIN)/python -m sitegen.bench --sizes 200,2000,$(N) $(BENCH_ARGS)
	$(BIN)/python -m sitegen.bench.formats --out bench/out

screenshots: site browser
	$(BIN)/python tools/screenshots.py

new-campaign:
	@test -n "$(NAME)" || (echo "usage: make new-campaign NAME=folder" && exit 2)
	$(BIN)/python -m sitegen new-campaign "$(NAME)"

# Moves every pin to its newest release: a scratch venv gets the latest of each direct requirement,
# tools/pins.py writes requirements.txt and constraints.txt from it, then the whole suite runs.
upgrade:
	rm -rf .venv-upgrade && $(PYTHON) -m venv .venv-upgrade
	.venv-upgrade/bin/pip install -q --disable-pip-version-check -U $$(sed -n 's/==.*//p' requirements.txt)
	.venv-upgrade/bin/python tools/pins.py .venv-upgrade
	rm -rf .venv-upgrade
	$(MAKE) test

# Proposed items with their citations, in data/drafts/<doc>.yml, for the editor to accept or delete.
draft: setup
	@test -n "$(SOURCE)" || (echo "usage: make draft SOURCE=data/sources/file.txt [FORCE=1]" && exit 2)
	$(BIN)/python -m sitegen draft "$(SOURCE)" $(if $(FORCE),--force)

clean:
	rm -rf site .site.building-* dist
