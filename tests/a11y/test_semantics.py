"""What a screen reader is told, in Chromium: the page language (zh-CN), one h1 per
page, landmarks (axe-core's landmark rules), header cells with scope in the generated
tables, and a label on every check box."""
from __future__ import annotations

import pytest
from test_axe import violations

from sitetools import page_kinds, served_at_root

pytestmark = pytest.mark.browser

# axe-core's best-practice rules on headings and landmarks (not in the WCAG tags run by
# test_axe, which therefore does not check them).
STRUCTURE_RULES = ["page-has-heading-one", "landmark-one-main", "landmark-unique", "region",
                   "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo",
                   "landmark-banner-is-top-level", "landmark-main-is-top-level", "landmark-contentinfo-is-top-level",
                   "heading-order", "empty-heading"]


def test_language_h1_and_landmarks_on_every_page_kind(built_site, page):
    found = {}
    with served_at_root(built_site) as base:
        for rel in page_kinds(built_site):
            page.goto(base + rel)
            facts = page.evaluate("""() => ({lang: document.documentElement.lang,
              h1: document.querySelectorAll('h1').length,
              main: document.querySelectorAll('main, [role=main]').length,
              banner: document.querySelectorAll('body > header, [role=banner]').length,
              nav: document.querySelectorAll('nav, [role=navigation]').length})""")
            problems = violations(page, rules=STRUCTURE_RULES, impacts=None)
            if facts != {**facts, "lang": "zh-CN", "h1": 1, "main": 1, "banner": 1} or not facts["nav"] or problems:
                found[rel] = {**facts, "axe": problems}
    assert found == {}


def test_generated_tables_scope_their_header_cells(built_site, page):
    """Every header cell of the tables the generator writes says what it heads."""
    seen = {}
    pages = [p for p in page_kinds(built_site) if p != "guide.html"] + ["sources/index.html", "report.html"]
    for rel in pages:
        page.goto((built_site / rel).as_uri())
        seen[rel] = page.evaluate("() => [...document.querySelectorAll('article th')].map(th => th.getAttribute('scope'))")
    assert sum(map(len, seen.values())) > 20, seen  # the matrix, the home timeline, metadata...
    assert {rel: s for rel, s in seen.items() if set(s) - {"col", "row"}} == {}


def test_every_check_box_is_labelled_by_its_item(built_site, page):
    checklists = sorted(p for p in (built_site / "checklists").glob("*.html") if p.name != "index.html")
    page.goto(checklists[0].as_uri())
    boxes = page.get_by_role("checkbox")
    assert boxes.count() >= 1
    items = page.locator("ol.checklist > li")
    assert items.count() == boxes.count()
    for n in range(boxes.count()):
        # The accessible name Chromium computes is the item's own text.
        name = boxes.nth(n).evaluate("e => e.labels[0].textContent.trim()")
        assert name and name == items.nth(n).inner_text().strip()
        assert page.get_by_role("checkbox", name=name[:20]).count() >= 1


def test_the_structure_check_sees_text_outside_landmarks(built_site, page):
    page.goto((built_site / "index.html").as_uri())
    page.evaluate("() => document.body.insertAdjacentHTML('afterbegin', '<div>stray text</div>')")
    assert "region" in {v["id"] for v in violations(page, rules=STRUCTURE_RULES, impacts=None)}
