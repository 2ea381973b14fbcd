"""A glossary term whose definition is markup: its tooltip shows the text literally on
hover and on keyboard focus, runs nothing, is a role=tooltip the link points to with
aria-describedby, and Esc, blur or the pointer leaving close it."""
from __future__ import annotations

import pytest
import yaml

from browsing import delivered, watched_page
from sitetools import copy_project, mkdocs_build

pytestmark = pytest.mark.browser

SHORT = "<img src=x onerror=window.__pwned=1>\"'&amp;</script><!--<b>粗</b>\u2028{{ x }}"
EXPLANATION = "<img src=x onerror=window.__pwned=2><script>window.__pwned=3</script>"
TERM_ID = "term-five-haves-four-in-place"
PAGE = "sources/004_0e20f6ddf0c95574.html"  # a source page that uses the term


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile-term"))
    path = project / "data" / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    terms = yaml.safe_load(text)
    term = next(t for t in terms if t["id"] == TERM_ID)
    term["short"], term["explanation"] = SHORT, EXPLANATION
    schema_line = text.splitlines()[0] + "\n" if text.startswith("#") else ""
    path.write_text(schema_line + yaml.safe_dump(terms, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def test_term_page_shows_the_markup_as_text(site):
    html = (site / "glossary" / f"{TERM_ID}.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<script>window" not in html
    assert "&lt;img src=x onerror=window.__pwned=1&gt;" in html


def hover_term(page, where):
    """Open the page that uses the term, hover its first link; (link, tooltip) once shown."""
    page.goto(where.url(PAGE), wait_until="load")
    link = page.locator(f'article a.term[href$="{TERM_ID}.html"]').first
    tip = page.locator("[role=tooltip].term-tip")
    link.hover()
    tip.wait_for(state="visible", timeout=5000)
    return link, tip


@pytest.mark.parametrize("mode", ["http:/sub/path/", "file"])
def test_tooltip_is_text_on_hover_and_focus_and_closes(browser, site, mode):
    with delivered(site, mode) as where, watched_page(browser, where) as (page, recorder, dialogs):
        link, tip = hover_term(page, where)
        assert tip.evaluate("t => t.textContent") == SHORT
        assert link.get_attribute("aria-describedby") == tip.get_attribute("id")
        assert tip.locator("*").count() == 0  # one text node, no element made from the data
        page.mouse.move(1, 1)
        tip.wait_for(state="hidden", timeout=5000)
        assert link.get_attribute("aria-describedby") is None

        link.focus()
        tip.wait_for(state="visible", timeout=5000)
        assert tip.evaluate("t => t.textContent") == SHORT
        tip_id = link.get_attribute("aria-describedby")
        assert tip_id and page.locator(f"#{tip_id}").get_attribute("role") == "tooltip"
        page.keyboard.press("Escape")
        tip.wait_for(state="hidden", timeout=5000)
        assert link.get_attribute("aria-describedby") is None

        page.evaluate("document.activeElement.blur()")
        link.focus()  # focused again: shown again; blur closes it too
        tip.wait_for(state="visible", timeout=5000)
        page.evaluate("document.activeElement.blur()")
        tip.wait_for(state="hidden", timeout=5000)

        page.wait_for_timeout(300)  # time for an onerror to fire, if it could
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.locator("img[src=x], .term-tip b").count() == 0
        assert not dialogs and not recorder.errors, (dialogs, recorder.errors)


def test_pointer_can_move_onto_the_tooltip(browser, site):
    """WCAG 1.4.13: the tooltip stays while the pointer crosses from the link onto it."""
    with delivered(site, "file") as where, watched_page(browser, where) as (page, _, _):
        _, tip = hover_term(page, where)
        box = tip.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
        page.wait_for_timeout(600)
        assert tip.is_visible() and "__pwned" in tip.inner_text()
