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
N ?= 2000
export PYTHONPATH := $(CURDIR)/scripts

.PHONY: site test check serve dist bench screenshots new-campaign clean setup browser fuzz

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

test: setup browser $(AXE)
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

screenshots: site browser
	$(BIN)/python tools/screenshots.py

new-campaign:
	@test -n "$(NAME)" || (echo "usage: make new-campaign NAME=folder" && exit 2)
	$(BIN)/python -m sitegen new-campaign "$(NAME)"

clean:
	rm -rf site .site.building-* dist
