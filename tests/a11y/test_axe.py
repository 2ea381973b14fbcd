"""axe-core (pinned, fetched by `make test` into .cache/npm/axe) run in Chromium on every
page kind, on the search dialog with results open and in the print view: no serious or
critical WCAG 2.0/2.1 A/AA violation."""
from __future__ import annotations

import pytest

from sitetools import ROOT, open_search, page_kinds, results_settled, served_at_root

pytestmark = pytest.mark.browser

AXE = ROOT / ".cache" / "npm" / "axe" / "package" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """(only) => axe.run(document, {runOnly: only})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, count: v.nodes.length,
    target: v.nodes[0].target.join(' '), summary: v.nodes[0].failureSummary})))"""


def violations(page, rules: list[str] | None = None, impacts=("serious", "critical")) -> list[dict]:
    """axe-core's violations of the WCAG A/AA rules (or of `rules`) of those impacts (None: all)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} missing: run `make test` (it fetches axe-core from npm)")
    # Evaluated through DevTools: the site's CSP refuses an added inline <script>, as it should.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    return [v for v in page.evaluate(RUN_AXE, only) if impacts is None or v["impact"] in impacts]


def test_every_page_kind_has_each_kind(built_site):
    kinds = page_kinds(built_site)
    assert len(kinds) >= 11, kinds


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_kinds_pass_axe(built_site, browser, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = {}
    with served_at_root(built_site) as base:
        for rel in page_kinds(built_site):
            page.goto(base + rel)
            found[rel] = violations(page)
    context.close()
    assert not any(found.values()), {k: v for k, v in found.items() if v}


def test_print_view_passes_axe(built_site, page):
    page.emulate_media(media="print")
    page.goto((built_site / "matrix.html").as_uri())
    assert violations(page) == []


def search_results(page, base: str) -> None:
    """Open search with "/" (keyboard only) and type a word taken from a term page's title."""
    site_term = page.context.new_page()
    site_term.goto(base + "glossary/index.html")
    word = site_term.locator("article a.term, article li a").first.inner_text().strip()[:2]
    site_term.close()
    open_search(page, base + "index.html")
    page.keyboard.type(word)
    page.keyboard.press("End")  # the key release Material listens to
    assert page.input_value("input.md-search__input") == word  # typed as typed, in order
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    results_settled(page)
    # The results fade in: judge the colours once the fade is over.
    page.wait_for_function("() => getComputedStyle(document.querySelector('.md-search__output')).opacity === '1'")


def test_search_dialog_with_results_passes_axe(built_site, page):
    with served_at_root(built_site) as base:
        search_results(page, base)
        assert violations(page) == []


def test_search_results_chosen_with_arrows_and_enter(built_site, page):
    with served_at_root(built_site) as base:
        search_results(page, base)
        page.keyboard.press("ArrowDown")
        page.wait_for_function("() => document.activeElement.matches('a.md-search-result__link')")
        target = page.evaluate("() => document.activeElement.href")
        page.keyboard.press("Enter")
        page.wait_for_url(target.split("#")[0] + "*")
