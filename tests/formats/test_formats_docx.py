"""Word .docx sources: made by python-docx, read as cleanly as a text source."""
import io
import zipfile

import docx
import pytest
from ingest_helpers import RULES, headings, texts
from office_fixtures import notice_docx, saved

from sitegen.ingest import IngestError, ingest_document
from sitegen.ingest.formats import FORMATS, format_of


@pytest.fixture(scope="module")
def notice():
    return ingest_document("notice.docx", notice_docx(), RULES)


def test_chosen_by_content_not_suffix():
    raw = notice_docx()
    assert format_of(raw).name == "docx"
    doc = ingest_document("renamed.txt", raw, RULES)
    assert doc.format == "docx" and doc.title == "关于开展学习活动的通知"
    # a zip that is not a Word file is still refused as binary by the text reader
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x")
    assert format_of(buf.getvalue()) is None
    with pytest.raises(IngestError, match="binary"):
        ingest_document("a.docx", buf.getvalue(), RULES)
    assert len({f.name for f in FORMATS}) == len(FORMATS)


def test_title_style_headings_and_outline(notice):
    assert notice.title == "关于开展学习活动的通知" and not notice.title_derived
    assert headings(notice)[0] == (1, "总体要求")
    assert (2, "工作安排") in headings(notice)
    assert texts(notice)[0] == "各支部："  # the body's first line stays body when the Title style names the title


def test_soft_break_joined_numbering_kept(notice):
    body = texts(notice)
    assert "各单位要认真组织，确保取得实效。" in body
    assert "一、加强领导。" in body and "二、精心组织。" in body


def test_a_table_is_one_table_block_with_every_cell_in_order(notice):
    (table,) = [b for b in notice.blocks if b.kind == "table"]
    assert [[c.text for c in row] for row in table.rows] == [["阶段", "时间", "内容"], ["学习动员", "一月", "组织学习"], ["分析评议", "三月", ""]]
    assert [c.head for c in table.rows[0]] == [True] * 3  # Word's default table look: the first row is its header
    assert not any(c.head for row in table.rows[1:] for c in row)
    assert table.anchor.startswith("t-") and "学习动员 ｜ 一月 ｜ 组织学习" in table.text
    assert not any("阶段" in t for t in texts(notice) if t is not table.text)  # no paragraph repeats a cell


def test_image_placeholder_tracked_changes_headers(notice):
    body = "\n".join(texts(notice))
    assert "［图片］" in body and any("image" in w for w in notice.warnings)
    assert "要求：按时上报。" in body and "尽快上报" not in body
    assert "页眉" not in body and "页脚" not in body
    assert notice.date == "2005-01-10" and notice.date_source == "落款"
    assert notice.meta["作者"] == "办公室"


def test_core_properties_when_the_body_has_no_title():
    d = docx.Document()
    d.core_properties.title = "属性标题"
    d.core_properties.author = "Administrator"  # Word's default user: not an author
    for _ in range(3):
        d.add_paragraph("这是一段很长的正文，说明了工作的各项要求，并且没有标题。")
    doc = ingest_document("untitled.docx", saved(d), RULES)
    assert doc.title == "属性标题" and not doc.title_derived
    assert "作者" not in doc.meta
    assert doc.date_source == "metadata" and doc.date  # python-docx stamps the created date


def test_outline_level_without_heading_style():
    d = docx.Document()
    d.add_paragraph("文件标题", style="Title")
    p = d.add_paragraph("自定义样式的标题")
    ppr = p._p.get_or_add_pPr()
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), "1")
    ppr.append(lvl)
    d.add_paragraph("正文一句。")
    doc = ingest_document("o.docx", saved(d), RULES)
    assert ("heading", 2, "自定义样式的标题") in [(b.kind, b.level, b.text) for b in doc.blocks]


@pytest.mark.parametrize("number", ["某委发〔2006〕12号", "某委发【2006】12号", "某委发［2006］12号", "某委发 [ 2006 ] 第 12 号"])
def test_a_doc_number_in_any_bracket_form_is_meta(number):
    d = docx.Document()
    d.add_paragraph("中共某某市委员会文件")
    d.add_paragraph(number)
    d.add_paragraph("关于开展学习活动的通知", style="Title")
    d.add_paragraph("各单位要高度重视，认真落实。")
    doc = ingest_document("notice.docx", saved(d), RULES)
    assert doc.meta["文号"] == number.replace(" ", "") and doc.meta["发文机关"] == "中共某某市委员会文件"
    assert all(number.replace(" ", "") not in text.replace(" ", "") for text in texts(doc))  # not body text


def test_without_the_official_head_rule_the_doc_number_stays_in_the_body():
    import dataclasses

    d = docx.Document()
    d.add_paragraph("某委发〔2006〕12号")
    d.add_paragraph("各单位要高度重视，认真落实。")
    doc = ingest_document("notice.docx", saved(d), dataclasses.replace(RULES, official_head=None))
    assert "文号" not in doc.meta and "某委发〔2006〕12号" in [doc.title, *texts(doc)]  # read as text
