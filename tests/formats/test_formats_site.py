"""A .docx and a saved web page dropped into data/sources/: pages in the built site, the 原件 copied
for download with its size, the .docx page found by full-text search in Chromium, and a Word
table shown as a table that a phone scrolls sideways on its own and axe finds no fault with."""
import shutil
import sys
from pathlib import Path

import pytest
from office_fixtures import notice_docx, roster_docx
from web_fixtures import gov_page_bytes

from sitetools import ROOT, copy_project, mkdocs_build, open_search, serve

sys.path.insert(0, str(ROOT / "tests" / "search"))
sys.path.insert(0, str(ROOT / "tests" / "a11y"))
from searchtools import type_query  # noqa: E402
from test_axe import violations  # noqa: E402
from test_reflow import CLIPPED, PAST_EDGE  # noqa: E402

PHRASE = "确保取得实效"  # in a soft-broken paragraph of the notice


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("office") / "project")
    sources = project / "data" / "sources"
    (sources / "notice.docx").write_bytes(notice_docx())
    (sources / "page.htm").write_bytes(gov_page_bytes("gb2312"))
    (sources / "roster.docx").write_bytes(roster_docx())
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr[-3000:]
    yield project / "site"
    shutil.rmtree(project, ignore_errors=True)


def test_document_page_links_the_original_with_its_size(site):
    page = (site / "sources" / "notice.html").read_text(encoding="utf-8")
    assert "关于开展学习活动的通知" in page and PHRASE in page
    assert 'href="originals/notice.docx" download="notice.docx"' in page
    size = len(notice_docx()) / 1024
    assert f"notice.docx（Word 文档（.docx），{size:.1f} KB）" in page
    assert (site / "sources" / "originals" / "notice.docx").read_bytes() == notice_docx()
    web = (site / "sources" / "page.html").read_text(encoding="utf-8")
    assert "page.htm（网页（.html）" in web and "相关文章" not in web.split('class="doc-meta"')[1]


@pytest.mark.browser
def test_a_docx_page_is_found_by_full_text_search(site, page):
    with serve(site) as base:
        open_search(page, base + "index.html")
        href, title, _ = type_query(page, PHRASE)
        assert href and "sources/notice.html" in href, (href, title)


def test_a_word_table_is_a_table_on_its_page(site):
    page = (site / "sources" / "roster.html").read_text(encoding="utf-8")
    assert '<th scope="colgroup" colspan="3">教育活动情况</th>' in page
    assert '<td rowspan="2">第一支部</td>' in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<table id="t-' in page and "本表由各支部于每月五日前报送。" in page


@pytest.mark.browser
def test_a_table_cell_is_found_by_full_text_search(site, page):
    with serve(site) as base:
        open_search(page, base + "index.html")
        href, title, _ = type_query(page, "群众评议满意率")
        assert href and "sources/roster.html" in href, (href, title)


@pytest.mark.browser
def test_a_wide_table_scrolls_on_its_own_at_320px_and_passes_axe(site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    with serve(site) as base:
        page.goto(base + "sources/roster.html")
        table = page.locator("table[id^=t-]").first
        assert table.evaluate("t => t.scrollWidth") > 320  # wide: it has to scroll
        assert page.evaluate("() => document.scrollingElement.scrollWidth - innerWidth") <= 0
        assert page.evaluate(PAST_EDGE) == [] and page.evaluate(CLIPPED) == []
        assert violations(page) == []
    context.close()
