"""Markup in every free-text field of every data file (and in a source's file name) is
shown as text on every page kind, in tooltips and in search results, and runs nothing."""
from __future__ import annotations

import html.parser
import json

import pytest

from browsing import sample_pages, guarded_page
from hostile_model import HOSTILE, HOSTILE_NAME, SOURCE_ID, hostile_data
from sitegen.render.paths import page_of
from sitetools import copy_project, mkdocs_build, open_search
from test_hostile import PWNED

pytestmark = pytest.mark.browser

# Elements or attributes the hostile strings would create if any field reached the page as markup.
INJECTED = """() => [...document.querySelectorAll(
    '[onerror], [onload], img[src="x"], a[href^="javascript:" i], script, iframe[srcdoc]')]
  .filter(e => e.tagName !== 'SCRIPT' || /__pwned/.test(e.textContent)).map(e => e.outerHTML.slice(0, 120))"""


class _LiveMarkup(html.parser.HTMLParser):
    """Every start tag or attribute in a page that the hostile strings could have made live."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._tag = [], ""

    def handle_starttag(self, tag, attrs):
        self._tag = tag
        for name, value in attrs:
            if name.startswith("on") or (name in ("href", "src", "action") and (value or "").strip().lower()
                                         .startswith(("javascript:", "data:text", "vbscript:"))):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x>")

    def handle_data(self, data):
        if self._tag == "script" and "__pwned" in data:
            self.found.append(f"<script>{data[:60]}")


@pytest.fixture(scope="module")
def hostile_model_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile-model"))
    hostile_data(project / "data")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def test_no_page_holds_live_markup_and_the_search_data_is_json(hostile_model_site):
    pages = sorted(hostile_model_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        parser = _LiveMarkup()
        parser.feed(path.read_text(encoding="utf-8"))
        assert not parser.found, (path, parser.found[:3])
    data = [p for p in (hostile_model_site / "search").rglob("*") if p.suffix == ".json"]
    for path in data:
        json.loads(path.read_text(encoding="utf-8"))
    index = (hostile_model_site / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in index and "{% raw %}" in index  # Jinja never ran on data


def _chosen(site) -> list[str]:
    """One page of every kind, the hostile source's page and the page of the source named in markup."""
    named = [page_of("document", doc_id)[: -len(".md")] + ".html" for doc_id in (SOURCE_ID, HOSTILE_NAME)]
    assert all((site / rel).is_file() for rel in named)
    return list(dict.fromkeys(sample_pages(site) + named))


def _assert_inert(page, where: str) -> None:
    page.wait_for_timeout(200)  # time for an onerror or onload to fire, if one could
    assert set(page.evaluate(PWNED)) == {"undefined"}, where
    assert page.evaluate(INJECTED) == [], where


@pytest.mark.parametrize("mode", ["http:/先进性教育/", "file"])
def test_every_page_kind_and_search_show_the_markup_as_text(browser, hostile_model_site, mode):
    with guarded_page(browser, hostile_model_site, mode) as (where, page):
        for rel in _chosen(hostile_model_site):
            page.goto(where.url(rel), wait_until="load")
            _assert_inert(page, rel)
            assert "__pwned" in page.locator("body").inner_text(), rel  # shown, as text
        open_search(page, where.url("index.html"))
        page.locator("input.md-search__input").press_sequentially("pwned", delay=20)
        # Shown, as text: in a result's title or excerpt (results come in as the worker answers).
        page.wait_for_function("() => /__pwned/.test(document.querySelector('.md-search-result').innerText)",
                               timeout=15000)
        _assert_inert(page, "search results")


def test_every_tooltip_shows_the_markup_as_text(browser, hostile_model_site):
    with guarded_page(browser, hostile_model_site, "file") as (where, page):
        hovered = 0
        for rel in _chosen(hostile_model_site):
            page.goto(where.url(rel), wait_until="load")
            # Handles, not a locator's nth(): a tooltip opened by a hover changes what the selector finds.
            for link in page.query_selector_all("article a.term, article [title]")[:15]:  # each hover opens a tooltip
                if not link.is_visible():
                    continue
                link.scroll_into_view_if_needed()
                link.hover()
                page.wait_for_timeout(50)
                hovered += 1
            _assert_inert(page, rel)
        assert hovered > 0


def test_the_hostile_string_is_in_every_free_text_field():
    """The fixture itself: a field left out would go untested."""
    from hostile_model import poison

    item = {"id": "x", "title": "t", "steps": [{"id": "s", "title": "u", "responsible": ["r"]}],
            "sources": [{"doc": "d", "quote": "q", "note": "n"}], "related": ["a"], "kind": "role"}
    out = poison(item)
    assert out["title"] == "t" + HOSTILE and out["steps"][0]["title"] == "u" + HOSTILE
    assert out["steps"][0]["responsible"] == ["r"] and out["related"] == ["a"] and out["kind"] == "role"
    assert out["sources"][0]["note"] == "n" + HOSTILE and out["sources"][-1]["doc"] == SOURCE_ID
