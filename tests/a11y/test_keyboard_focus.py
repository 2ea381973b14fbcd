"""From the keyboard alone, in Chromium: the skip link is the first tab stop on every
page kind and takes the reader to the content; every tab stop shows a focus ring that
stands out from what is behind it (WCAG 2.4.7, and 3:1 as 1.4.11 asks of a ring), and
no tab stop is invisible."""
from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from sitetools import animations_done, page_kinds, served_at_root

pytestmark = pytest.mark.browser

# The focused element's ring and the colour behind it: the backgrounds under the ring
# (from the parent's when the ring is drawn outside the element) composited down to
# the first opaque one; the page is white (or the scheme's background) beneath all.
RING = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  const rgba = c => { const v = c.match(/[\\d.]+/g).map(Number); return v.length === 3 ? [...v, 1] : v; };
  const layers = [];
  for (let a = parseFloat(s.outlineOffset) > 0 ? e.parentElement : e; a; a = a.parentElement) {
    const c = rgba(getComputedStyle(a).backgroundColor);
    if (c[3] > 0) layers.push(c);
    if (c[3] >= 1) break;
  }
  let bg = [255, 255, 255];
  for (const [r, g, b, alpha] of layers.reverse()) bg = [r, g, b].map((v, i) => v * alpha + bg[i] * (1 - alpha));
  return {what: `${e.tagName.toLowerCase()}.${e.className}`.slice(0, 60), style: s.outlineStyle,
          width: parseFloat(s.outlineWidth), color: s.outlineColor, bg: `rgb(${bg.map(Math.round).join(', ')})`,
          visible: e.checkVisibility({opacityProperty: true, visibilityProperty: true}) && e.getBoundingClientRect().width > 0};
}"""


def _luminance(rgb: str) -> float:
    values = [float(v) / 255 for v in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_skip_link_is_the_first_tab_stop_and_reaches_the_content(built_site, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    found = {}
    with served_at_root(built_site) as base:
        for rel in page_kinds(built_site):
            page.goto(base + rel)
            page.keyboard.press("Tab")
            with contextlib.suppress(PlaywrightTimeout):  # it fades in
                page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'", timeout=2000)
            first = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
              return {skip: e.matches('a.md-skip'), href: e.getAttribute('href'), shown: getComputedStyle(e).opacity === '1'
                      && r.top >= 0 && r.bottom <= innerHeight, text: e.textContent.trim()}; }""")
            if not (first["skip"] and first["shown"] and first["text"]):
                found[rel] = first
                continue
            page.keyboard.press("Enter")
            target = page.evaluate("(h) => { const t = document.getElementById(decodeURIComponent(h.slice(1)));"
                                   " return t && t.closest('main') && decodeURIComponent(location.hash) === decodeURIComponent(h); }", first["href"])
            if not target:
                found[rel] = {**first, "reached": False}
    assert found == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_tab_stop_shows_a_ring(built_site, browser, scheme):
    """Tab through a checklist page (skip link, header, tabs, navigation, content links,
    check boxes) and judge the ring of each stop."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    target = sorted(p for p in (built_site / "checklists").glob("*.html") if p.name != "index.html")[0]
    page.goto(target.as_uri())
    stops, weak = [], []
    for _ in range(300):
        page.keyboard.press("Tab")
        # Some controls fade in on focus (the skip link, back to top): judge them shown.
        page.evaluate("() => Promise.allSettled(document.activeElement.getAnimations({subtree: false}).map(a => a.finished))")
        ring = page.evaluate(RING)
        if ring["what"].startswith("body"):
            break
        stops.append(ring["what"])
        if not ring["visible"] or ring["style"] == "none" or ring["width"] < 2 or contrast(ring["color"], ring["bg"]) < 3:
            weak.append(ring)
    context.close()
    kinds = " ".join(stops)
    assert "md-skip" in kinds and "md-tabs__link" in kinds and "input." in kinds, stops[:40]
    assert weak == [], "\n".join(map(str, weak[:8]))


def test_contrast_formula():
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    assert contrast("rgb(82, 108, 254)", "rgb(64, 81, 181)") < 3  # Material's accent on its primary
