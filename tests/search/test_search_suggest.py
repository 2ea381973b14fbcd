"""Nothing found: Material's "no results" line, and under it the worker's "您是不是要找 X"
(assets/javascripts/search-suggest.js), a button that runs X; over http and from file://.
The suggestion is text, whatever the data holds."""
from __future__ import annotations

import pytest

from searchtools import open_search, site_path, suggestion, type_query
from sitetools import serve

pytestmark = pytest.mark.browser
NONE_TEXT = "没有找到符合条件的结果"  # Material's zh search.result.none


@pytest.fixture(params=["http", "file"])
def seed_search(request, built_site, browser):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    if request.param == "http":
        with serve(built_site, "/s/t/") as root:
            open_search(page, root + "glossary/index.html")
            yield page, root
    else:
        root = built_site.resolve().as_uri() + "/"
        open_search(page, root + "glossary/index.html")
        yield page, root
    context.close()
    assert not errors, errors


def meta(page) -> str:
    return page.locator(".md-search-result__meta").inner_text().strip()


def test_near_miss_offers_the_term_and_runs_it(seed_search):
    page, root = seed_search
    href, _, _ = type_query(page, "sgbd")  # 三个代表 is sgdb
    assert href is None
    assert meta(page) == NONE_TEXT
    assert suggestion(page) == "三个代表"
    page.locator("[data-sitegen=suggest] button").click()
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    first = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert site_path(first, root) == "glossary/term-three-represents.html"
    assert page.locator("input.md-search__input").input_value() == "三个代表"
    assert suggestion(page) is None


def test_nonsense_finds_nothing_and_suggests_nothing(seed_search):
    page, _ = seed_search
    for query in ("qxzv", "asdfgh", "zxcvbn"):
        href, _, _ = type_query(page, query)
        assert href is None, query
        assert meta(page) == NONE_TEXT, query
        assert suggestion(page) is None, query


def test_suggestion_goes_with_a_result_or_an_empty_box(seed_search):
    page, _ = seed_search
    type_query(page, "三个代彪")
    assert suggestion(page) == "三个代表"
    href, _, _ = type_query(page, "三个代表")
    assert href and suggestion(page) is None
    type_query(page, "三个代彪")
    box = page.locator("input.md-search__input")
    box.press("Control+a")
    box.press("Backspace")
    page.wait_for_timeout(200)
    assert suggestion(page) is None


# A worker named like ours whose answer carries markup: the page shows it as text.
_HOSTILE_WORKER = """() => new Promise(resolve => {
  const hostile = '<img src=x onerror="window.__pwned=1">';
  const code = 'onmessage = () => postMessage({type: 3, data: {items: [], didYouMean: {query: ' + JSON.stringify(hostile) + '}}});';
  const url = URL.createObjectURL(new Blob([code], {type: 'text/javascript'}));
  const w = new Worker(url + '#search-zh.js');
  w.addEventListener('message', () => setTimeout(resolve, 50));
  setTimeout(resolve, 3000);  // no answer: the assertions below say so
  w.postMessage({type: 2, data: 'x'});
})"""


def test_suggestion_from_data_is_text(built_site, page):
    # Over http only: from file:// the iframe-worker shim would run the blob as a script,
    # which the CSP refuses (script-src has no blob:); the page script is the same.
    with serve(built_site, "/h/") as root:
        open_search(page, root + "index.html")
        type_query(page, "qxzv")
        page.evaluate(_HOSTILE_WORKER)
        shown = suggestion(page)
        images = page.locator(".md-search-result img").count()
        pwned = page.evaluate("() => window.__pwned")
    assert shown == '<img src=x onerror="window.__pwned=1">'
    assert images == 0 and pwned is None
