"""Saved web pages (.html in GB2312/GBK/UTF-8, .mht): the article only, with the page's title and date."""
import pytest
from ingest_helpers import RULES, headings, texts
from web_fixtures import ARTICLE, gov_page, gov_page_bytes, mht

from sitegen.ingest import IngestError, ingest_document
from sitegen.ingest.formats import format_of

FURNITURE = ("首页", "当前位置", "相关文章", "工作部署会议", "版权所有", "ICP", "统计代码", "打印本页", "font-size", "_hmt", "浏览次数")


def _clean(doc):
    body = "\n".join(texts(doc))
    assert not [word for word in FURNITURE if word in body]
    assert doc.title == ARTICLE[0]  # the page's own title, without the site's name after it
    assert doc.date == "2005-03-18" and doc.date_source == "web-page"
    assert "一、指导思想" in [t for _, t in headings(doc)]
    assert ARTICLE[1][-1] in texts(doc)


@pytest.mark.parametrize("layout_table", [False, True], ids=["div-page", "layout-table"])
def test_gbk_page_article_only(layout_table):
    raw = gov_page_bytes("gb2312", layout_table=layout_table)
    assert "关于".encode("gbk") in raw and format_of(raw).name == "html"
    doc = ingest_document("page.htm", raw, RULES)
    assert doc.format == "html" and doc.encoding == "gb18030"
    _clean(doc)


def test_layout_table_br_paragraphs_are_paragraphs_and_info_fields_kept_as_meta():
    doc = ingest_document("old.html", gov_page_bytes("gbk", layout_table=True), RULES)
    assert texts(doc)[0] == ARTICLE[1][0]
    assert doc.meta.get("来源") == "市委组织部"


@pytest.mark.parametrize("encoding", ["quoted-printable", "base64"])
def test_mht_single_file_page(encoding):
    raw = mht(gov_page_bytes("gbk"), "gbk", encoding)
    assert format_of(raw).name == "mht"
    doc = ingest_document("page.mht", raw, RULES)
    assert doc.format == "mht"
    _clean(doc)


def test_utf8_bom_page_without_meta_and_a_lying_meta():
    page = gov_page("utf-8").replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "")
    doc = ingest_document("bom.html", b"\xef\xbb\xbf" + page.encode("utf-8"), RULES)
    _clean(doc)
    lying = gov_page("utf-8").encode("gb18030")  # says utf-8, is GBK
    doc = ingest_document("lying.html", lying, RULES)
    _clean(doc)
    assert any("declares charset utf-8" in w for w in doc.warnings)


def test_data_table_keeps_every_cell_and_an_image_is_shown():
    page = gov_page("utf-8").replace(
        "<p>二、工作步骤</p>",
        '<p>二、工作步骤</p><table><tr><th>阶段</th><th>时间</th></tr><tr><td>学习动员</td><td>一月</td></tr>'
        '<tr><td>分析评议</td><td>二月至三月中旬，各支部召开组织生活会</td></tr></table>'
        '<p><img src="a.jpg" alt="会议现场"></p>')
    doc = ingest_document("t.html", page.encode("utf-8"), RULES)
    (table,) = [b for b in doc.blocks if b.kind == "table"]
    assert [[(c.text, c.head) for c in row] for row in table.rows] == [
        [("阶段", True), ("时间", True)], [("学习动员", False), ("一月", False)],
        [("分析评议", False), ("二月至三月中旬，各支部召开组织生活会", False)]]
    assert "［图片：会议现场］" in texts(doc)


def test_a_page_without_article_text_is_one_line():
    raw = b"<!DOCTYPE html><html><head><title>x</title><script>var a = 1;</script></head><body><img src=a.gif></body></html>"
    with pytest.raises(IngestError) as err:
        ingest_document("empty.html", raw, RULES)
    assert "\n" not in err.value.message and "web page" in err.value.message
