"""Printing: phase, role and checklist pages print on A4 with content only, and
every checklist fits on one A4 page (Chromium's own PDF output)."""
from __future__ import annotations

import re

import pytest

from sitetools import page_kinds, served_at_root

pytestmark = pytest.mark.browser

MM = 96 / 25.4  # CSS px per mm
# @page in site.css: A4 with 15 mm margins all round.
PRINT_WIDTH = round((210 - 30) * MM)  # 680 px
PRINT_HEIGHT = (297 - 30) * MM  # 1009 px
A4_POINTS = (595.28, 841.89)

SWAP_ARTICLE = """(html) => {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  document.querySelector('article.md-content__inner').innerHTML =
    doc.querySelector('article.md-content__inner').innerHTML;
  return Math.ceil(document.documentElement.scrollHeight);
}"""

CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search",
          ".md-footer", ".md-top", ".md-skip", ".md-dialog"]


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def media_box(pdf: bytes) -> tuple[float, float]:
    numbers = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf).groups()
    x0, y0, x1, y1 = map(float, numbers)
    return x1 - x0, y1 - y0


@pytest.fixture
def print_page(browser):
    # The layout viewport is the printable width of an A4 page; a short height
    # makes scrollHeight the height of the content itself.
    context = browser.new_context(viewport={"width": PRINT_WIDTH, "height": 100})
    page = context.new_page()
    yield page
    context.close()


def _checklists(site):
    return sorted(p for p in (site / "checklists").glob("*.html") if p.name != "index.html")


def test_checklist_prints_on_one_a4_page(built_site, print_page):
    target = built_site / "checklists" / "checklist-five-four.html"
    if not target.exists():
        target = _checklists(built_site)[0]
    print_page.goto(target.as_uri())
    pdf = print_page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf_pages(pdf) == 1
    width, height = media_box(pdf)
    assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2, (width, height)


def test_every_checklist_fits_one_a4_page(built_site, print_page):
    """Each checklist's content is laid out in the print layout of one page and
    measured; the measure is checked against Chromium's PDF on the tallest one,
    and on that one made taller than a page."""
    checklists = _checklists(built_site)
    assert len(checklists) >= 10
    print_page.goto(checklists[0].as_uri())
    print_page.emulate_media(media="print")
    heights = {p.name: print_page.evaluate(SWAP_ARTICLE, p.read_text(encoding="utf-8")) for p in checklists}
    too_tall = {name: h for name, h in heights.items() if h > PRINT_HEIGHT}
    assert not too_tall, f"more than one A4 page ({PRINT_HEIGHT:.0f} px): {too_tall}"

    tallest = max(heights, key=heights.get)
    print_page.evaluate(SWAP_ARTICLE, (built_site / "checklists" / tallest).read_text(encoding="utf-8"))
    assert pdf_pages(print_page.pdf(format="A4", prefer_css_page_size=True)) == 1, tallest
    # The measure predicts Chromium's page breaks: grow the tallest past one page.
    grown = print_page.evaluate("""(limit) => {
      const list = document.querySelector('ol.checklist');
      const items = [...list.children];
      while (document.documentElement.scrollHeight <= limit)
        for (const item of items) list.appendChild(item.cloneNode(true));
      return document.documentElement.scrollHeight;
    }""", PRINT_HEIGHT)
    assert grown > PRINT_HEIGHT
    assert pdf_pages(print_page.pdf(format="A4", prefer_css_page_size=True)) >= 2


LAYOUT = """() => {
  const article = document.querySelector('article.md-content__inner');
  const link = article.querySelector('a[href]:not([href^="#"])');
  const style = (e, p) => getComputedStyle(e).getPropertyValue(p);
  return {
    articleWidth: article.getBoundingClientRect().width,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    linkColor: link && style(link, 'color'), textColor: link && style(link.parentElement, 'color'),
    linkDecoration: link && style(link, 'text-decoration-line'),
    h2After: [...article.querySelectorAll('h2, h3')].map(h => style(h, 'break-after')),
    liInside: [...article.querySelectorAll('li, tr')].map(li => style(li, 'break-inside')),
    // folded lists and quoted sources print open: nothing the screen folds is lost on paper
    folded: [...article.querySelectorAll('details li')].filter(li => !li.checkVisibility()).length,
  };
}"""


def test_every_page_kind_prints_on_a4_with_content_only(built_site, print_page):
    """Each page kind in the print layout: no site chrome, the content the full width
    of the paper, nothing wider, no break inside an item or after a heading, folded
    lists open; and Chromium's PDF of it is A4."""
    found = {}
    with served_at_root(built_site) as base:  # the 404 page takes its assets from "/"
        for rel in page_kinds(built_site):
            print_page.goto(base + rel)
            print_page.emulate_media(media="print")
            shown = print_page.evaluate("""(selectors) => selectors.filter(s =>
                [...document.querySelectorAll(s)].some(e => e.checkVisibility()))""", CHROME)
            layout = print_page.evaluate(LAYOUT)
            wrong = [shown and f"chrome shown: {shown}", layout["articleWidth"] < PRINT_WIDTH - 2 and "narrow",
                     layout["overflow"] > 0 and "too wide", layout["folded"] and "folded items",
                     not set(layout["h2After"]) <= {"avoid"} and "break after a heading",
                     not set(layout["liInside"]) <= {"avoid"} and "break inside an item"]
            if layout["linkColor"] and (layout["linkColor"] != layout["textColor"] or layout["linkDecoration"] != "none"):
                wrong.append("links look like links")
            width, height = media_box(print_page.pdf(format="A4", prefer_css_page_size=True))
            if abs(width - A4_POINTS[0]) >= 2 or abs(height - A4_POINTS[1]) >= 2:
                wrong.append(f"paper {width} x {height}")
            if any(wrong):
                found[rel] = [w for w in wrong if w]
    assert found == {}


def test_checklists_print_their_boxes_and_citations(built_site, print_page):
    cited = 0
    for checklist in _checklists(built_site):
        print_page.goto(checklist.as_uri())
        print_page.emulate_media(media="print")
        printed = print_page.evaluate("""() => {
          const seen = s => [...document.querySelectorAll(s)].map(e => e.checkVisibility() && e.getBoundingClientRect().width > 4);
          return {boxes: seen('ol.checklist input[type=checkbox]'), cites: seen('article .cite'),
                  items: document.querySelectorAll('ol.checklist > li').length};
        }""")
        assert printed["boxes"] and all(printed["boxes"]) and len(printed["boxes"]) == printed["items"], (checklist.name, printed)
        assert all(printed["cites"]), (checklist.name, printed)
        cited += bool(printed["cites"])
    assert cited >= len(_checklists(built_site)) // 2  # most checklists cite their sources


def test_outside_links_print_their_address(built_site, print_page):
    print_page.goto((built_site / "index.html").as_uri())
    print_page.emulate_media(media="print")
    after = print_page.evaluate("""() => {
      const a = document.createElement('a');
      a.href = 'https://example.org/x'; a.textContent = 'x';
      document.querySelector('article.md-content__inner').appendChild(a);
      return getComputedStyle(a, '::after').content;
    }""")
    assert "https://example.org/x" in after
