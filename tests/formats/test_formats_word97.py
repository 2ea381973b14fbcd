"""Genuine Word 97-2003 files, saved by LibreOffice from a .docx python-docx wrote, read through
LibreOffice and the .docx reader, or by Debian's antiword and catdoc (make office-tools installs
those, make libreoffice LibreOffice)."""
import docx
import pytest
from ingest_helpers import RULES, headings, texts
from office_fixtures import SOFFICE, as_word97, notice_docx, roster_docx, saved

from sitegen.ingest import IngestError, ingest_document
from sitegen.ingest.document import header_rows
from sitegen.ingest.formats import OLE2, word97

pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice makes the .doc files: make libreoffice"),
    pytest.mark.skipif(not all(word97.shutil.which(cmd) for cmd, _ in word97.CONVERTERS), reason="make office-tools"),
]



@pytest.fixture(autouse=True)
def text_converters_only(monkeypatch):
    """antiword and catdoc, as on a machine without LibreOffice (the tests of LibreOffice say so)."""
    monkeypatch.setattr(word97, "LIBREOFFICE", None)


@pytest.fixture
def with_libreoffice(monkeypatch):
    monkeypatch.setattr(word97, "LIBREOFFICE", "soffice")


TITLE = "关于开展学习活动的通知"
PARAGRAPH = "各单位要高度重视，精心组织，认真落实，确保各项工作任务按时保质完成，取得实效。"


def _notice(paragraphs: int) -> bytes:
    d = docx.Document()
    d.add_paragraph(TITLE, style="Title")
    d.add_paragraph("一、总体要求")
    soft = d.add_paragraph("各支部要认真组织，")
    soft.add_run().add_break()  # Shift+Enter: one paragraph on two lines
    soft.add_run("确保取得实效。")
    d.add_paragraph("二、工作安排")
    for n in range(1, paragraphs + 1):
        d.add_paragraph(f"第{n}项：{PARAGRAPH}")
    return as_word97(saved(d))


@pytest.fixture(scope="module")
def long_doc():
    return _notice(30)  # antiword reads it


@pytest.fixture(scope="module")
def short_doc():
    return _notice(2)  # antiword refuses a text stream this small ("too small to handle"): catdoc reads it


def _check(doc, paragraphs: int, soft_break_joined: bool = True):
    assert doc.format == "word97" and doc.title == TITLE
    assert headings(doc) == [(1, "一、总体要求"), (1, "二、工作安排")]
    body = texts(doc)
    assert [f"第{n}项：{PARAGRAPH}" for n in range(1, paragraphs + 1)] == [t for t in body if t.startswith("第")]
    if soft_break_joined:
        assert "各支部要认真组织，确保取得实效。" in body


def test_a_real_doc_through_antiword(long_doc):
    assert long_doc.startswith(OLE2)
    doc = ingest_document("notice.doc", long_doc, RULES)
    assert doc.encoding == "antiword (UTF-8)"
    _check(doc, 30)


def test_a_small_doc_antiword_refuses_is_read_by_catdoc_paragraph_by_paragraph(short_doc):
    doc = ingest_document("notice.doc", short_doc, RULES)
    assert doc.encoding == "catdoc (UTF-8)"
    _check(doc, 2, soft_break_joined=False)  # catdoc writes a soft break as a paragraph break


def test_catdoc_alone_keeps_the_paragraphs_apart(long_doc, monkeypatch):
    monkeypatch.setattr(word97, "CONVERTERS", tuple(c for c in word97.CONVERTERS if c[0] == "catdoc"))
    _check(ingest_document("notice.doc", long_doc, RULES), 30, soft_break_joined=False)


def test_a_doc_renamed_docx_is_read_by_its_content(long_doc):
    _check(ingest_document("notice.docx", long_doc, RULES), 30)


def test_a_doc_renamed_docx_without_converters_is_one_line(long_doc, monkeypatch):
    monkeypatch.setattr(word97.shutil, "which", lambda name: None)
    with pytest.raises(IngestError) as err:
        ingest_document("notice.docx", long_doc, RULES)
    assert "Word 97-2003" in err.value.message and "make office-tools" in err.value.message
    assert "\n" not in err.value.message


@pytest.fixture(scope="module")
def roster_doc():
    return as_word97(roster_docx())


def test_through_libreoffice_a_doc_reads_as_its_docx(with_libreoffice):
    doc = ingest_document("notice.doc", as_word97(notice_docx()), RULES)
    assert doc.format == "word97" and doc.encoding == "LibreOffice (.docx)"
    assert doc.title == "关于开展学习活动的通知" and "一、加强领导。" in texts(doc)  # numbering as Word shows it
    assert "要求：按时上报。" in texts(doc) and "尽快上报" not in "".join(texts(doc))  # tracked deletion dropped
    (table,) = [b for b in doc.blocks if b.kind == "table"]
    assert [c.text for c in table.rows[1]] == ["学习动员", "一月", "组织学习"]


def test_through_libreoffice_merged_cells_survive(with_libreoffice, roster_doc):
    doc = ingest_document("roster.doc", roster_doc, RULES)
    wide = next(b for b in doc.blocks if b.kind == "table")
    assert ("第一支部", 1, 2) in [(c.text, c.colspan, c.rowspan) for row in wide.rows for c in row]
    assert header_rows(wide.rows) == 2  # "repeat as header row" is kept in a .doc
    assert "群众评议满意率百分之九十八" in wide.text and "附：" in texts(doc)


def test_antiword_tables_are_tables():
    doc = ingest_document("notice.doc", as_word97(notice_docx()), RULES)
    assert doc.encoding == "antiword (UTF-8)"
    (table,) = [b for b in doc.blocks if b.kind == "table"]
    assert [[c.text for c in row] for row in table.rows] == [["阶段", "时间", "内容"], ["学习动员", "一月", "组织学习"], ["分析评议", "三月", ""]]


def test_what_antiword_drops_is_read_by_catdoc_with_a_warning(roster_doc):
    """antiword loses the rows of this table and the lines after it, saying nothing."""
    doc = ingest_document("roster.doc", roster_doc, RULES)
    assert doc.encoding == "catdoc (UTF-8)" and any("antiword read" in w and "catdoc" in w for w in doc.warnings)
    body = "".join(texts(doc))
    for kept in ("李红梅", "整改提高阶段按期完成", "附：", "本表由各支部于每月五日前报送。", "动员大会"):
        assert kept in body
