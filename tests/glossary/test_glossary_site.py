"""Glossary pages, cross-links and tooltips on the real five-document site."""
import re

import pytest

from sitegen.build import generate
from sitegen.coverage import coverage
from sitetools import ROOT


@pytest.fixture(scope="module")
def generated():
    return generate(ROOT)


def test_no_term_candidate_is_left_undecided(generated):
    rows = coverage(generated, ROOT)
    undecided = [f"{c.path}:{c.line}: {c.text}" for c, status, _ in rows if status == "undecided"]
    assert rows and undecided == []
    quoted = [c for c, status, _ in rows if c.source == "quoted"]
    assert any(c.text == "三个代表" for c in quoted)


def test_term_page_heading_pinyin_expansion_and_usage(built_site):
    html = (built_site / "glossary" / "term-five-haves-four-in-place.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>五有、四到位</h1>", html)
    assert "wu you si dao wei" in html
    assert "有考勤" in html  # expansion
    match = re.search(r"共 (\d+) 次，(\d+) 个页面", html)
    assert match and int(match.group(1)) >= 2


def test_polyphone_override_is_used(built_site):
    html = (built_site / "glossary" / "term-long-term-mechanism.html").read_text(encoding="utf-8")
    assert "chang xiao ji zhi" in html


def test_index_groups_terms_by_pinyin_initial(built_site):
    html = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    letters = re.findall(r'<h2 id="letter-([A-Z#])"', html)
    assert letters == sorted(letters) and len(letters) >= 10
    s_section = html.split('id="letter-S"')[1].split("<h2")[0]
    assert "三个代表" in s_section


def test_terms_link_once_per_paragraph_and_never_inside_headings(built_site):
    html = (built_site / "sources" / "004_0e20f6ddf0c95574.html").read_text(encoding="utf-8")
    for paragraph in re.findall(r"<p id=\"p-[^\"]+\">(.*?)</p>", html, re.S):
        targets = re.findall(r'<a href="([^"]+)" class="term"', paragraph)
        assert len(targets) == len(set(targets))
    for heading in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html, re.S):
        assert 'class="term"' not in heading
    assert 'class="term"' in html and 'class="term" title=' not in html  # definitions: one shared file
    assert '<script src="../glossary/tooltips.js"></script>' in html
    tooltips = (built_site / "glossary" / "tooltips.js").read_text(encoding="utf-8")
    assert '"term-five-haves-four-in-place":"' in tooltips and "考勤" in tooltips


@pytest.mark.browser
def test_hovering_a_term_in_a_source_page_shows_its_definition(built_site, page):
    page.goto((built_site / "sources" / "004_0e20f6ddf0c95574.html").as_uri())
    term = page.locator("article a.term", has_text="五有、四到位").first
    term.hover()
    tooltip = page.locator("[role=tooltip].term-tip").filter(has_text="考勤").first
    tooltip.wait_for(state="visible", timeout=5000)
    assert "五有" in tooltip.inner_text() or "考勤" in tooltip.inner_text()
