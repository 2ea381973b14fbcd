"""The search evaluation: every query of eval_queries.yml is typed into Material's search
box of the real site (built from this project) in headless Chromium, over http under a
sub-path and from file://. Fails when precision@1 of any kind is below 90%, when a query
that must find nothing finds something, or when any request leaves the machine. The same
over the site of tests/fixtures/campaign2 with its own queries. Prints precision@1 per
kind and precision/recall over the set at the end of the run."""
from __future__ import annotations

import pytest

from conftest import write_report
from searchtools import EVAL_FILE_CAMPAIGN2, NONE, Traffic, evaluate, load_queries, precision_by_kind, report
from sitetools import serve

pytestmark = pytest.mark.browser
TARGET = 0.90
START = "glossary/index.html"  # a page one folder deep: relative URLs must hold


@pytest.mark.parametrize("path", [None, EVAL_FILE_CAMPAIGN2])
def test_eval_file_has_every_kind(path):
    queries = load_queries(path) if path else load_queries()
    kinds = {q["kind"] for q in queries}
    assert len(queries) >= (60 if path is None else 25)
    assert {"characters", "full pinyin", "initials", "mixed", "prefixes", "negative", "near-miss"} <= kinds
    for q in queries:
        assert q["query"] and q["expect"], q
        assert (q["kind"] in ("negative", "near-miss")) == (q["expect"] == NONE), q
        assert (q["kind"] == "near-miss") == bool(q.get("suggest")), q


@pytest.mark.parametrize("where", ["http", "file"])
def test_search_evaluation(built_site, browser, where):
    run_evaluation(built_site, browser, where, load_queries(), "")


def test_search_evaluation_campaign2(campaign2_site, browser):
    run_evaluation(campaign2_site, browser, "http", load_queries(EVAL_FILE_CAMPAIGN2), "campaign2, ")


def run_evaluation(built_site, browser, where, queries, label):
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
    text = report(f"{label}{where}, {len(queries)} queries", outcomes)
    write_report(f"eval-{label.strip(', ')}{where}", text)
    assert not traffic.foreign, f"requests left the machine: {traffic.foreign[:5]}"
    assert any("/search/zh/" in u for u in traffic.urls), "the worker never loaded its index"
    assert not dialogs
    for kind, (good, total) in precision_by_kind(outcomes).items():
        assert good / total >= TARGET, text
    assert all(o.got is None for o in outcomes if o.expect == NONE), text
