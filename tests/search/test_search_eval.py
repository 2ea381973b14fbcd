"""The search evaluation: every query of eval_queries.yml is typed into Material's search
box of the real site (built from this project) in headless Chromium, over http under a
sub-path and from file://. Fails when precision@1 of any kind is below 90% or when any
request leaves the machine. Prints precision@1 per kind at the end of the run."""
from __future__ import annotations

import pytest

from conftest import write_report
from searchtools import Traffic, evaluate, load_queries, precision_by_kind, report
from sitetools import serve

pytestmark = pytest.mark.browser
TARGET = 0.90
START = "glossary/index.html"  # a page one folder deep: relative URLs must hold


def test_eval_file_has_every_kind():
    queries = load_queries()
    kinds = {q["kind"] for q in queries}
    assert len(queries) >= 60
    assert {"characters", "full pinyin", "spaced pinyin", "initials", "mixed", "prefixes", "full-text"} <= kinds
    for q in queries:
        assert q["query"] and q["expect"], q


@pytest.mark.parametrize("where", ["http", "file"])
def test_search_evaluation(built_site, browser, where):
    queries = load_queries()
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        if where == "http":
            with serve(built_site, "/deep/sub-path/") as root:
                traffic = Traffic(root.split("/deep/")[0])
                traffic.attach(page)
                outcomes = evaluate(page, root + START, queries, root=root)
        else:
            traffic = Traffic("file://")
            traffic.attach(page)
            root = built_site.resolve().as_uri() + "/"
            outcomes = evaluate(page, root + START, queries, root=root)
    finally:
        context.close()
    text = report(f"{where}, {len(queries)} queries", outcomes)
    write_report(f"eval-{where}", text)
    assert not traffic.foreign, f"requests left the machine: {traffic.foreign[:5]}"
    assert any("/search/zh/" in u for u in traffic.urls), "the worker never loaded its index"
    assert not dialogs
    for kind, (good, total) in precision_by_kind(outcomes).items():
        assert good / total >= TARGET, text
