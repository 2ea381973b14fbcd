"""Reflow (WCAG 1.4.10) in Chromium: at 320 CSS px no page kind scrolls sideways or
cuts content off, the role x phase matrix becomes a card per role, long lists fold
behind their count, and a 1280 px window zoomed to 200 % loses no text."""
from __future__ import annotations

import pytest

from sitetools import animations_done, page_kinds, served_at_root

pytestmark = pytest.mark.browser

# Elements past the right edge of the viewport, other than those inside a scroller
# that itself fits (a wide data table may scroll on its own: 1.4.10's exception).
# Material sets overflow-x: hidden on <html>, so a page that is too wide does not
# scroll: it is cut off. scrollWidth alone would not see that.
PAST_EDGE = """() => {
  const inScroller = e => { for (let a = e; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if ((o === 'auto' || o === 'scroll') && a.getBoundingClientRect().right <= innerWidth + 1) return true; }
    return false; };
  const past = r => r.width && r.height && r.right > innerWidth + 1;
  const found = [...document.body.querySelectorAll('*')].filter(e =>
    past(e.getBoundingClientRect()) && e.checkVisibility() && !inScroller(e.parentElement));
  // Text running out of its box (an unbreakable line) is past the edge though no box is.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    range.selectNodeContents(t);
    if (t.textContent.trim() && past(range.getBoundingClientRect()) && t.parentElement.checkVisibility()
        && !inScroller(t.parentElement)) found.push(t.parentElement);
  }
  return found.slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`);
}"""

# Text cut off by its own box: a box that hides its overflow and holds more than it
# shows. The page title in the header repeats the page's h1, so it may be shortened;
# a 1 px box is the screen-reader-only pattern (the matrix's column heads on a phone).
CLIPPED = """() => [...document.body.querySelectorAll('*')].filter(e => {
    if (!e.checkVisibility() || !e.textContent.trim() || e.closest('[data-md-component=header-topic]')) return false;
    if (e.offsetWidth <= 1 || e.offsetHeight <= 1) return false;
    const s = getComputedStyle(e);
    const hides = v => v === 'hidden' || v === 'clip';
    return (hides(s.overflowX) && e.scrollWidth > e.clientWidth + 1) ||
           (hides(s.overflowY) && e.scrollHeight > e.clientHeight + 1 && e.clientHeight > 0);
  }).filter(e => !e.closest('.md-sidebar, .md-search, .md-nav, .md-tooltip, .md-tooltip2'))
    .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.trim().slice(0, 30)}`)"""


def reflow_pages(site) -> list[str]:
    """Every page kind, and the index pages of the folders (their lists and tables)."""
    indexes = [f"{folder}/index.html" for folder in ("sources", "checklists", "roles", "phases")]
    return page_kinds(site) + [i for i in indexes if (site / i).exists()]


def _problems(browser, site, viewport: dict, scale: float) -> dict:
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    page = context.new_page()
    found = {}
    with served_at_root(site) as base:
        for rel in reflow_pages(site):
            page.goto(base + rel)
            sideways = page.evaluate("() => document.scrollingElement.scrollWidth - innerWidth")
            past, clipped = page.evaluate(PAST_EDGE), page.evaluate(CLIPPED)
            if sideways > 0 or past or clipped:
                found[rel] = {"sideways": sideways, "past edge": past, "clipped": clipped}
    context.close()
    return found


def test_nothing_scrolls_sideways_at_320px(built_site, browser):
    assert _problems(browser, built_site, {"width": 320, "height": 640}, 1) == {}


def test_200_percent_zoom_loses_nothing(built_site, browser):
    """A 1280 x 800 window at 200 %: 640 x 400 CSS px drawn at twice the scale."""
    assert _problems(browser, built_site, {"width": 640, "height": 400}, 2) == {}


def test_the_checks_see_a_page_too_wide(built_site, browser):
    """The checks above fail on a page with a wide unbreakable line and a cut-off box."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto((built_site / "index.html").as_uri())
    page.evaluate("""() => {
      const article = document.querySelector('article');
      article.insertAdjacentHTML('beforeend', '<p style="white-space:nowrap">' + 'x'.repeat(200) + '</p>' +
        '<p style="overflow:hidden;width:50px;white-space:nowrap">clipped text that is long</p>');
    }""")
    assert page.evaluate(PAST_EDGE) and page.evaluate(CLIPPED)
    context.close()


def test_matrix_is_a_card_per_role_on_a_phone(built_site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto((built_site / "matrix.html").as_uri())
    layout = page.evaluate("""() => {
      const rows = [...document.querySelectorAll('.matrix tbody tr')];
      const cells = rows.flatMap(r => [...r.querySelectorAll('td')]).filter(td => td.textContent.trim());
      return {
        rows: rows.length,
        fullWidth: rows.every(r => r.getBoundingClientRect().width >= innerWidth * 0.8),
        // each filled cell spans its card and is labelled with its phase
        cellsFull: cells.every(td => td.getBoundingClientRect().width >= innerWidth * 0.7),
        labels: cells.map(td => getComputedStyle(td, '::before').content),
        heads: [...document.querySelectorAll('.matrix th')].map(th => [th.getAttribute('scope'), th.getAttribute('role')]),
      };
    }""")
    assert layout["rows"] >= 1 and layout["fullWidth"] and layout["cellsFull"], layout
    assert layout["labels"] and all(label not in ("none", "normal", '""') for label in layout["labels"]), layout
    assert all(scope in ("col", "row") and role in ("columnheader", "rowheader") for scope, role in layout["heads"]), layout
    # Set out as cards, the table is still a table to assistive technology.
    snapshot = page.locator(".matrix table").aria_snapshot()
    assert "- table" in snapshot and "- rowheader" in snapshot and "- cell" in snapshot, snapshot[:500]
    context.close()


def test_matrix_stays_a_table_on_a_desktop(built_site, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto((built_site / "matrix.html").as_uri())
    assert page.evaluate("() => getComputedStyle(document.querySelector('.matrix tbody tr')).display") == "table-row"


def test_long_lists_fold_behind_their_count(built_site, page):
    """A source cited by many items: the list is in a closed <details> whose summary
    counts it; the folded list still holds every item."""
    from sitegen.render.common import LONG_LIST

    folded = None
    for source in sorted((built_site / "sources").glob("*.html")):
        page.goto(source.as_uri())
        folded = page.evaluate("""() => { const d = document.querySelector('#cited-by ~ details.long-list');
          return d && {open: d.open, summary: d.querySelector('summary').textContent, items: d.querySelectorAll('li').length}; }""")
        if folded:
            break
    assert folded, "no source page folds its citing items"
    assert not folded["open"] and folded["items"] > LONG_LIST
    assert f"（{folded['items']}）" in folded["summary"], folded


def test_search_with_results_fits_320px(built_site, browser):
    from test_axe import search_results

    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    with served_at_root(built_site) as base:
        search_results(page, base)
        animations_done(page)  # the dialog slides in
        sideways = page.evaluate("() => document.scrollingElement.scrollWidth - innerWidth")
        assert sideways <= 0 and page.evaluate(PAST_EDGE) == [] and page.evaluate(CLIPPED) == []
    context.close()
