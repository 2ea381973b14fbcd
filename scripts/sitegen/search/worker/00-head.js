/*
 * Chinese search worker for Material for MkDocs (answers Material's search UI).
 *
 * Material's bundle starts `new Worker(config.search)` and speaks a small protocol:
 *   SETUP (0) -> READY (1), QUERY (2, data: string) -> RESULT (3, data: {items}),
 * where items is a list of pages, each a list of {location, title, text, score, terms}
 * (first the page itself, location without '#', then its sections). Material inserts
 * title and text as HTML: everything we put there is escaped here, marks are ours.
 *
 * This worker ignores the documents Material sends with SETUP and loads its own chunked
 * index written by scripts/sitegen/search/index.py (search/zh/...): a small first-load
 * file and shards fetched for the query's character pairs or pinyin letters only.
 *
 * Hand-written because no library does it (and nothing may come from a CDN):
 *   - loading shards from http (fetch, in parallel) and from file:// (script elements,
 *     inside the iframe that the iframe-worker shim uses in place of a Worker there);
 *   - decoding pinyin, initials, mixed characters + pinyin and typing prefixes into
 *     Chinese candidates with a character-bigram model of the corpus;
 *   - matching titles against the same inputs, BM25 over character bigrams, the ranking
 *     tiers (pages about a thing first), snippets with marks.
 * Folding traditional -> simplified uses a table derived from OpenCC at build time.
 */
"use strict";
(function () {
  var IFRAME = typeof document !== "undefined";
  var SCRIPT = (IFRAME && document.currentScript && document.currentScript.src) || self.location.href;
  var ROOT = new URL("../../../search/zh/", SCRIPT);
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var MAX_RESULTS = 50, WITH_TEXT = 10, MAX_SUB = 3;
  var LONG_TERM = 12, LONG_COVER = 0.8;
  // Two pages with the same title (a phase and the glossary term for it): the structured
  // page about the thing first, then the glossary entry.
  var KIND_RANK = { phase: 4, batch: 3, role: 2, checklist: 1 };

