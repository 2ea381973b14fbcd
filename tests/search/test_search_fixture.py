"""Search behaviour on our own small fixture site: hostile text stays inert, either script
finds the other, paragraph anchors, highlighting, glossary pinyin overrides."""
from __future__ import annotations

import pytest

from searchtools import Traffic, open_search, site_path, type_query
from sitetools import serve

pytestmark = pytest.mark.browser


@pytest.fixture(params=["http", "file"])
def search_page(request, fixture_site, browser):
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    if request.param == "http":
        with serve(fixture_site, "/x/y/") as root:
            traffic = Traffic(root.split("/x/")[0])
            traffic.attach(page)
            open_search(page, root + "docs/simplified.html")
            yield page, root, dialogs
    else:
        traffic = Traffic("file://")
        traffic.attach(page)
        root = fixture_site.resolve().as_uri() + "/"
        open_search(page, root + "docs/simplified.html")
        yield page, root, dialogs
    context.close()
    assert not traffic.foreign, traffic.foreign


def first(page, root, query):
    href, title, _ = type_query(page, query)
    return (site_path(href, root) if href else None), title


def test_hostile_text_is_shown_literally(search_page):
    page, root, dialogs = search_page
    for query in ("onerror", "危险", "pwned", "script"):
        got, title = first(page, root, query)
        assert got == "docs/hostile.html", query
        results = page.locator(".md-search-result")
        text = results.inner_text()
        assert "<script>window.__pwned=1</script>" in title
        if query != "危险":
            assert "<img src=x onerror=window.__pwned=3>" in text or "<script>window.__pwned=2</script>" in text
        assert results.locator("script, img, b").count() == 0
    assert page.evaluate("() => window.__pwned === undefined")
    assert not dialogs


def test_simplified_finds_traditional_and_keeps_its_script(search_page):
    page, root, _ = search_page
    for query in ("台湾同胞", "实事求是", "taiwan", "调查研究"):
        got, _ = first(page, root, query)
        assert got == "docs/traditional.html", query
    text = page.locator(".md-search-result__item").first.inner_text()
    assert "調查研究" in text and "调查研究" not in text
    assert page.locator(".md-search-result__item").first.locator("mark").count() >= 1


def test_traditional_finds_simplified(search_page):
    page, root, _ = search_page
    assert first(page, root, "學習動員會議")[0] == "docs/simplified.html"
    assert first(page, root, "長效機制")[0] == "glossary/long-term.html"


def test_term_page_first_then_mentions(search_page):
    page, root, _ = search_page
    for query in ("三个代表", "sgdb", "sangedaibiao", "san ge dai biao", "三个db", "sanged"):
        assert first(page, root, query)[0] == "glossary/three-represents.html", query
    hrefs = [site_path(a.get_attribute("href"), root) for a in page.locator(".md-search-result__item > a").all()]
    assert "docs/simplified.html" in hrefs[1:]


def test_pinyin_override_and_paragraph_anchor(search_page):
    page, root, _ = search_page
    assert first(page, root, "changxiaojizhi")[0] == "glossary/long-term.html"
    assert first(page, root, "zhangdejiang")[0] == "docs/simplified.html"
    links = [a.get_attribute("href") for a in page.locator(".md-search-result__item").first.locator("a").all()]
    assert any("#p-0c0c0c02" in (h or "") for h in links), links
