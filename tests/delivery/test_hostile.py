"""A source document full of markup is shown literally, and nothing in it runs:
on its own page, in the lists that show its title, and in search results."""
from __future__ import annotations

import pytest

from browsing import guarded_page
from sitecrawl import check_site
from sitetools import copy_project, mkdocs_build

pytestmark = pytest.mark.browser

TITLE = "关于<script>window.__pwned=4</script>测试**恶意**内容的通知"
LINES = [
    "一、原文中的脚本：<script>window.__pwned=1</script>应当原样显示。",
    '二、原文中的图片：<img src=x onerror="window.__pwned=2">应当原样显示。',
    "三、原文中的链接：[x](javascript:window.__pwned=3)应当原样显示。",
    "四、原文中的标记：<b>粗体</b> **星号** _下划线_ `代码` &lt;实体&gt; &amp; {#id} {{ jinja }} "
    "{% raw %} <!-- 注释 --> ]]> <style>body{display:none}</style>",
    "# 井号开头的行",
    "| 表格 | 竖线 |",
    "|---|---|",
]
SOURCE = "\n\n".join([TITLE + "\n2005年3月1日", *LINES]) + "\n"

PWNED = """() => [window, ...[...document.querySelectorAll('iframe')].map(f => {
    try { return f.contentWindow; } catch (e) { return null; } })]
  .filter(Boolean).map(w => { try { return typeof w.__pwned; } catch (e) { return 'undefined'; } })"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    (project / "data" / "sources" / "hostile-doc.txt").write_text(SOURCE, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"
    assert (site / "sources" / "hostile-doc.html").is_file()
    return site


def test_hostile_source_builds_with_no_live_markup(hostile_site):
    problems, _ = check_site(hostile_site)
    assert not problems, problems[:20]
    html = (hostile_site / "sources" / "hostile-doc.html").read_text(encoding="utf-8")
    for live in ("<script>window", "<img src=x", 'href="javascript:', "<b>粗体", "<style>body"):
        assert live not in html


@pytest.mark.parametrize("mode", ["http:/先进性教育/", "file"])
def test_hostile_source_shows_literally_and_runs_nothing(browser, hostile_site, mode):
    with guarded_page(browser, hostile_site, mode) as (where, page):
        page.goto(where.url("sources/hostile-doc.html"), wait_until="load")
        page.wait_for_timeout(300)  # time for an onerror to fire, if it could
        assert set(page.evaluate(PWNED)) == {"undefined"}
        article = page.locator("article.md-content__inner")
        text = article.inner_text()
        assert page.locator("article h1").inner_text().strip() == TITLE
        assert page.title().startswith(TITLE + " - ")
        assert TITLE in page.locator(".md-header__topic").last.inner_text()
        for line in LINES:
            assert line in text, line
        assert article.locator("script, img, b, style").count() == 0
        assert page.locator('a[href^="javascript:"]').count() == 0
        assert article.is_visible()  # the <style> in the text hid nothing

        # Where the title is listed: the sources index and the build report.
        for rel in ("sources/index.html", "report.html"):
            page.goto(where.url(rel), wait_until="load")
            page.wait_for_timeout(100)
            assert set(page.evaluate(PWNED)) == {"undefined"}, rel
            assert TITLE in page.locator("article.md-content__inner").inner_text(), rel

        # Search results carry the text (Material inserts them as HTML).
        page.goto(where.url("sources/hostile-doc.html"), wait_until="load")
        page.locator("body").click(position={"x": 5, "y": 300})
        page.keyboard.press("/")
        page.wait_for_function("""() => { const m = document.querySelector('.md-search-result__meta');
            return m && !/初始化|Initializing/.test(m.textContent); }""", timeout=15000)
        box = page.locator("input.md-search__input")
        box.press_sequentially("pwned", delay=20)
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        page.wait_for_timeout(300)
        results = page.locator(".md-search-result")
        assert "__pwned" in results.inner_text() and TITLE in results.inner_text()
        assert results.locator("script, img, style").count() == 0
        assert page.locator('a[href^="javascript:"]').count() == 0
        assert set(page.evaluate(PWNED)) == {"undefined"}
