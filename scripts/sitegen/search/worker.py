"""The search worker, built from its parts: search/worker/*.js joined in name order.

The worker is one script (a Worker, or under file:// a script in the iframe-worker shim's
frame, loads one file), but 1,000 lines are not one module to read: each part is a section
of it (loading, text, query parsing and pinyin decoding, title matching and postings,
search, suggestions, results and Material's protocol). The parts are fragments of one
function scope (00-head opens it, 70-results closes it): never load one on its own.
"""
from __future__ import annotations

from pathlib import Path

PARTS = Path(__file__).with_name("worker")
WORKER_PATH = "assets/javascripts/workers/search-zh.js"  # where overrides/main.html points Material


def worker_script() -> str:
    return "".join(part.read_text(encoding="utf-8") for part in sorted(PARTS.glob("*.js")))
