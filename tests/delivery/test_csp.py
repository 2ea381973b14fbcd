"""The Content-Security-Policy allows no inline script but the site's own (hashed at
build time), and the site works under it: no page kind reports a violation, and search
answers, over HTTP under a sub-path and from file:// (where the iframe-worker shim runs
its frame script under the same policy)."""
from __future__ import annotations

import html
import re

import pytest

from browsing import delivered, sample_pages, watched_page
from sitegen.render.csp import sha256_source
from sitetools import open_search

pytestmark = pytest.mark.browser

MODES = ["http:/sub/path/", "file"]
# Every document and frame (the shim's about:blank frame too) records what its policy refused.
LISTEN = """(() => {
  const seen = [];
  Object.defineProperty(window, '__cspViolations', {value: seen});
  document.addEventListener('securitypolicyviolation', e => seen.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sample || ''} @ ${location.href}`), true);
})()"""
VIOLATIONS = """() => [window, ...[...document.querySelectorAll('iframe')].map(f => {
    try { return f.contentWindow; } catch (e) { return null; } })]
  .filter(Boolean).flatMap(w => { try { return [...(w.__cspViolations || [])]; } catch (e) { return []; } })"""


def policy(page) -> dict[str, str]:
    content = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    return {d.split()[0]: d.strip() for d in content.split(";") if d.strip()}


def test_policy_is_strict_in_the_built_pages(built_site):
    for rel in sample_pages(built_site) + ["404.html"]:
        html = (built_site / rel).read_text(encoding="utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert meta, rel
        directives = {d.split()[0]: d.split()[1:] for d in meta.group(1).split(";") if d.strip()}
        assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
        assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'none'"]
        assert directives["form-action"] == ["'none'"]
        # Every inline script of the page is one the policy names by hash, and no more.
        inline = re.findall(r"<script>(.*?)</script>", html, re.S)
        assert inline and {sha256_source(code) for code in inline} <= set(directives["script-src"]), rel


@pytest.mark.parametrize("mode", MODES)
def test_no_page_kind_reports_a_violation_and_search_answers(browser, built_site, mode):
    with delivered(built_site, mode) as where, watched_page(browser, where) as (page, recorder, dialogs):
        page.context.add_init_script(LISTEN)
        kinds = sample_pages(built_site) + ["404.html"]
        for folder in ("batches", "phases", "roles", "checklists", "glossary", "sources"):
            assert any(k.startswith(folder + "/") and not k.endswith("index.html") for k in kinds), folder
        for rel in kinds:
            page.goto(where.url(rel), wait_until="load")
            page.wait_for_timeout(100)
            assert page.evaluate(VIOLATIONS) == [], rel
            # The bundle ran (not on 404.html: MkDocs gives it root-absolute asset URLs,
            # for a server to answer any missing path with it).
            assert rel == "404.html" or page.evaluate("document.documentElement.classList.contains('js')"), rel

        term = page_heading(built_site / "glossary" / next(k for k in kinds if k.startswith("glossary/term")).split("/")[1])
        open_search(page, where.url("index.html"))
        box = page.locator("input.md-search__input")
        box.fill(term)
        box.press("End")  # Material reads the query on key release
        page.wait_for_selector(".md-search-result__item a[href]", timeout=15000)
        assert term in page.locator(".md-search-result").inner_text()
        assert page.evaluate(VIOLATIONS) == []  # the page and the shim's frame (file://)
        with page.expect_navigation(wait_until="load"):
            box.press("Enter")  # Material follows the first result: the form is never submitted
        assert page.evaluate(VIOLATIONS) == []
        if where.file:
            assert any("iframe-worker-shim.js" in u for u in recorder.requests), "file:// search needs the shim"
        assert not recorder.refused and not recorder.errors and not dialogs, (recorder.refused, recorder.errors)


def page_heading(path) -> str:
    return html.unescape(re.search(r"<h1[^>]*>(.*?)</h1>", path.read_text(encoding="utf-8"), re.S).group(1)).strip()


@pytest.mark.parametrize("mode", MODES)
def test_an_injected_inline_script_is_refused_and_reported(browser, built_site, mode):
    """The control for the test above: an inline script the page did not ship never runs,
    and the listener sees the refusal."""
    with delivered(built_site, mode) as where, watched_page(browser, where) as (page, _, _):
        page.context.add_init_script(LISTEN)
        page.goto(where.url("index.html"), wait_until="load")
        assert "'unsafe-inline'" not in policy(page)["script-src"]
        page.evaluate("""() => {
          const s = document.createElement('script');
          s.textContent = 'window.__ran = 1';
          document.body.appendChild(s);
          const a = document.createElement('a');
          a.href = 'javascript:window.__ran = 2';
          document.body.appendChild(a);
          a.click();
        }""")
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.__ran") == "undefined"
        assert any(v.startswith("script-src") for v in page.evaluate(VIOLATIONS))


def test_mkdocs_serve_allows_its_live_reload_script(browser, tmp_path):
    """`mkdocs serve` injects an inline live-reload script that changes with every
    request: served pages alone allow inline scripts, so live reload runs there."""
    from authoring.servetools import mkdocs_serve
    from sitetools import copy_project

    with mkdocs_serve(copy_project(tmp_path / "serve")) as server:
        assert "livereload(" in server.get("index.html")
        page = browser.new_page()
        try:
            messages = []
            page.on("console", lambda message: messages.append(message.text))
            page.goto(server.url + "index.html", wait_until="load")
            page.wait_for_timeout(500)
            assert "'unsafe-inline'" in policy(page)["script-src"]
            assert "Enabled live reload" in messages, messages
            assert not [m for m in messages if "Content Security Policy" in m]
        finally:
            page.close()
