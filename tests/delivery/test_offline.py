"""The site as it is delivered: under any sub-path of any static web server (a
Chinese one too) and from file://, it makes no request outside itself, its
styles and scripts load, and every link lands on a page (never a folder)."""
from __future__ import annotations

from urllib.parse import urldefrag

import pytest

from browsing import LINKS, MODES, PAGE_STATE, Recorder, delivered, sample_pages

pytestmark = pytest.mark.browser


@pytest.fixture(params=MODES)
def where(request, built_site):
    with delivered(built_site, request.param) as site:
        yield site


@pytest.fixture
def browsing(browser, where):
    context = browser.new_context()
    recorder = Recorder(where).attach(context)
    page = context.new_page()
    yield page, recorder
    context.close()


def test_pages_load_with_no_outside_request(built_site, where, browsing):
    page, recorder = browsing
    problems = []
    for rel in sample_pages(built_site):
        page.goto(where.url(rel), wait_until="load")
        page.wait_for_timeout(150)  # let the bundle start its workers and lazy requests
        state = page.evaluate(PAGE_STATE)
        if not (state["js"] and state["sheets"] >= 2 and not state["unloaded"] and state["h1"]
                and "Noto Sans CJK SC" in state["siteCss"] and state["headerPosition"] == "sticky"):
            problems.append(f"{rel}: {state}")
    assert len(recorder.requests) > 3 * len(sample_pages(built_site))  # the recorder saw the assets
    assert not recorder.outside(), f"requests outside the site: {recorder.outside()}"
    assert not recorder.failed, f"failed requests: {recorder.failed[:20]}"
    assert not recorder.errors, f"script errors: {recorder.errors[:10]}"
    assert not recorder.refused, f"the site's own policy refused: {recorder.refused[:10]}"
    assert not problems, "pages not styled or scripted:\n" + "\n".join(problems)


def test_every_link_resolves_to_a_page_of_the_site(built_site, where, browsing):
    """The browser's own resolution of every link on a deep page and on the home
    page: inside the site, a file (an .html page, never a folder), that exists."""
    page, recorder = browsing
    targets: set[str] = set()
    for rel in ("index.html", "checklists/checklist-five-four.html", "sources/index.html"):
        if not (built_site / rel).exists():
            continue
        page.goto(where.url(rel))
        for href in page.evaluate(LINKS):
            url = urldefrag(href).url
            if url.startswith(("http:", "https:", "file:")) and where.rel_of(url) is None:
                if href.startswith("https://squidfunk.github.io/"):
                    continue  # Material's "made with" credit: a link, not a request
                pytest.fail(f"{rel}: link outside the site: {href}")
            if url.startswith(("http:", "https:", "file:")):
                targets.add(url)
    bad = []
    for url in sorted(targets):
        rel = where.rel_of(url)
        if not rel.endswith(".html") or not (built_site / rel).is_file():
            bad.append(f"{url} -> {rel!r}")
    assert not bad, "links that land on no page:\n" + "\n".join(bad)
    assert len(targets) > 50


def test_clicking_navigation_lands_on_pages(built_site, where, browsing):
    """Click through the navigation, one entry of every section, each click made on
    the page the previous one landed on: each shows a page of the site, styled,
    never a directory listing."""
    page, recorder = browsing
    deep = "checklists/checklist-five-four.html"
    page.goto(where.url(deep if (built_site / deep).exists() else "checklists/index.html"))
    targets = page.evaluate("""() => [...document.querySelectorAll('.md-nav--primary a.md-nav__link[href]')]
        .filter(a => !a.getAttribute('href').startsWith('#')).map(a => a.href)""")
    chosen, seen = [], set()
    for url in targets:  # the first page of every folder, and every top-level page
        rel = where.rel_of(url)
        assert rel is not None, url
        folder = rel.rsplit("/", 1)[0] if "/" in rel else rel
        if folder not in seen:
            seen.add(folder)
            chosen.append(url)
    assert len(chosen) >= 8, targets
    for url in chosen:
        link = page.locator(".md-nav--primary a.md-nav__link[href]").evaluate_all(
            "(links, url) => links.findIndex(a => a.href === url)", url)
        assert link >= 0, f"{url} is not in the navigation of {page.url}"
        with page.expect_navigation(wait_until="load"):
            # The sidebar scrolls by itself: click the link as the page's own script would.
            page.locator(".md-nav--primary a.md-nav__link[href]").nth(link).evaluate("a => a.click()")
        rel = where.rel_of(page.url.split("#")[0])
        assert rel and rel.endswith(".html") and (built_site / rel).is_file(), f"{url} -> {page.url}"
        state = page.evaluate(PAGE_STATE)
        assert not state["listing"] and state["h1"] and not state["unloaded"], (url, state)
    assert not recorder.outside() and not recorder.failed, (recorder.outside(), recorder.failed)
    assert not recorder.refused, recorder.refused


def test_search_works_and_stays_inside(built_site, where, browsing):
    """Search from a deep page: the worker (or, from file://, the iframe-worker
    shim served by the site) loads its index from the site only, and a result
    leads to the page it names."""
    page, recorder = browsing
    deep = "checklists/checklist-five-four.html"
    page.goto(where.url(deep if (built_site / deep).exists() else "index.html"))
    page.wait_for_selector("input.md-search__input", state="attached")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")  # Material's own shortcut opens the search box
    # Material shows "正在初始化搜索引擎" until the worker answered.
    page.wait_for_function("""() => { const m = document.querySelector('.md-search-result__meta');
        return m && !/初始化|Initializing/.test(m.textContent); }""", timeout=15000)
    box = page.locator("input.md-search__input")
    box.fill("五有四到位")
    box.press("End")  # Material reads the query on key release
    page.wait_for_selector(".md-search-result__item a[href]", timeout=15000)
    href = page.locator(".md-search-result__item a[href]").first.evaluate("a => a.href")
    rel = where.rel_of(href.split("#")[0])
    assert rel and rel.endswith(".html") and (built_site / rel).is_file(), href
    with page.expect_navigation(wait_until="load"):
        page.locator(".md-search-result__item a[href]").first.click()
    assert page.evaluate(PAGE_STATE)["h1"]
    index_requests = [u for u in recorder.requests if "/search/" in u]
    assert index_requests, "the search index was not loaded from the site"
    if where.file:
        assert any("iframe-worker-shim.js" in u for u in recorder.requests), "file:// search needs the shim"
    assert not recorder.outside(), f"requests outside the site: {recorder.outside()}"
    assert not recorder.failed, f"failed requests: {recorder.failed[:20]}"
    assert not recorder.errors, f"script errors: {recorder.errors[:10]}"
    assert not recorder.refused, f"the site's own policy refused: {recorder.refused[:10]}"


def test_a_script_that_tries_to_reach_out_is_refused(built_site, where, browsing):
    """Whatever asks (a script, a stylesheet, an image, a frame, fetch), the page's
    Content-Security-Policy lets the browser fetch from the site only."""
    page, recorder = browsing
    page.goto(where.url("index.html"))
    assert "default-src 'self'" in page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    page.evaluate("""() => {
      const add = (tag, attrs) => document.body.appendChild(Object.assign(document.createElement(tag), attrs));
      add('img', {src: 'http://192.0.2.1/x.png'});
      add('script', {src: 'https://unpkg.com/mermaid@11/dist/mermaid.min.js'});
      add('link', {rel: 'stylesheet', href: 'https://fonts.googleapis.com/css?family=Roboto'});
      add('iframe', {src: 'https://example.org/'});
      fetch('https://api.github.com/').catch(() => {});
    }""")
    page.wait_for_timeout(500)
    # Chromium may announce a request before its policy check: none may get an answer.
    let_through = [url for url in recorder.outside()
                   if url in recorder.answered or recorder.failures.get(url) not in ("csp", "net::ERR_BLOCKED_BY_CSP")]
    assert not let_through, f"outside requests not refused: {let_through} ({recorder.failures})"
    assert len(recorder.refused) >= 5, recorder.refused
