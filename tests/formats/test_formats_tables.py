"""Tables of Word files and saved web pages: one table block with every cell, header rows and
spans as the original has them, rendered as an accessible <table>, quotable and searchable."""
import docx
import pytest
from ingest_helpers import RULES, texts
from office_fixtures import ROSTER_COLUMNS, roster_docx, saved
from web_fixtures import gov_page

from sitegen.ingest import ingest_document
from sitegen.ingest.document import Block, Cell, header_rows
from sitegen.model.citations import QuoteIndex
from sitegen.render.documents import table_html


@pytest.fixture(scope="module")
def roster():
    return ingest_document("roster.docx", roster_docx(), RULES)


def tables(doc):
    return [b for b in doc.blocks if b.kind == "table"]


def grid(block):
    return [[(c.text, c.colspan, c.rowspan, c.head) for c in row] for row in block.rows]


def test_header_rows_group_heading_and_merged_cells(roster):
    wide = tables(roster)[0]
    assert header_rows(wide.rows) == 2  # both rows Word repeats on each page
    assert ("教育活动情况", 3, 1, True) in grid(wide)[0]  # a heading over three columns
    assert [c.text for c in wide.rows[1]] == list(ROSTER_COLUMNS)
    first, second = grid(wide)[2:4]
    assert first[1] == ("第一支部", 1, 2, False)  # merged down two rows: one cell, not repeated
    assert [c[0] for c in second] == ["2", "李红梅", "委员", "集中学习三十六学时", "查摆问题三条，已逐条整改", "完善学习制度", ""]
    assert sum(c.colspan for c in wide.rows[1]) == sum(c.colspan for c in wide.rows[0]) == len(ROSTER_COLUMNS)


def test_a_box_is_its_paragraphs_and_a_table_in_a_cell_stays_in_that_cell(roster):
    assert "本表由各支部于每月五日前报送。" in texts(roster)  # a one-column table is no data table
    nested = tables(roster)[1]
    assert grid(nested)[1] == [("一、学习动员", 1, 1, False), ("三月 ｜ 动员大会", 1, 1, False)]
    assert not any(b.kind == "heading" and "学习动员" in b.text for b in roster.blocks)  # a cell is not a heading
    assert len(tables(roster)) == 2


def test_a_table_first_in_the_body_is_no_title_and_no_date():
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "时间", "内容"
    t.cell(1, 0).text, t.cell(1, 1).text = "二〇〇五年一月十日", "动员大会"
    d.add_paragraph("各支部要按照安排认真组织学习。")
    doc = ingest_document("plan.docx", saved(d), RULES)
    assert doc.blocks[0].kind == "table" and doc.title != "时间 ｜ 内容"
    assert doc.date_source != "落款"  # a date in a cell is the table's, not the document's 落款
    assert "动员大会" in doc.blocks[0].text


def test_a_table_without_a_header_look_has_no_header_cells():
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t._tbl.tblPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblLook").set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}firstRow", "0")
    for r in range(2):
        t.cell(r, 0).text, t.cell(r, 1).text = f"甲{r}", f"乙{r}"
    (table,) = tables(ingest_document("t.docx", saved(d), RULES))
    assert header_rows(table.rows) == 0 and not any(c.head for row in table.rows for c in row)


def test_html_head_cells_spans_and_word_saved_cells():
    page = gov_page("utf-8").replace("<p>二、工作步骤</p>", (
        '<p>二、工作步骤</p><table border=1><thead><tr><th>阶段</th><th colspan="2">时间</th></tr></thead>'
        '<tbody><tr><th>学习动员</th><td rowspan="2">一月</td><td>集中学习</td></tr>'
        '<tr><th>分析评议</th><td><p class=MsoNormal>各支部召开组织生活会</p></td></tr>'
        '<tr><td colspan="99999">合计</td><td rowspan="-3">x</td><td colspan="abc">y</td></tr></tbody></table>'))
    (table,) = tables(ingest_document("t.html", page.encode("utf-8"), RULES))
    assert header_rows(table.rows) == 1
    assert grid(table)[1] == [("学习动员", 1, 1, True), ("一月", 1, 2, False), ("集中学习", 1, 1, False)]
    assert grid(table)[2][1] == ("各支部召开组织生活会", 1, 1, False)  # Word's saved HTML wraps each cell in <p>
    assert grid(table)[3] == [("合计", 64, 1, False), ("x", 1, 1, False), ("y", 1, 1, False)]  # hostile spans bounded


def test_html_one_row_of_two_columns_is_a_layout_not_a_table():
    left, right = "各支部要把学习贯穿活动始终，做到学有所得。", "各级党组织要加强督促检查，确保工作质量。"
    page = gov_page("utf-8").replace("<p>二、工作步骤</p>", (
        f'<p>二、工作步骤</p><table width="100%"><tr><td>{left}</td><td>{right}</td></tr></table>'))
    doc = ingest_document("t.html", page.encode("utf-8"), RULES)
    assert not tables(doc) and left in texts(doc) and right in texts(doc)


def test_rendered_table_scopes_headers_keeps_spans_and_escapes(roster):
    html = table_html(tables(roster)[0], lambda text: text.replace("&", "&amp;").replace("<", "&lt;"))
    assert html.startswith(f'<table id="{tables(roster)[0].anchor}">') and "<thead>" in html
    assert '<th scope="colgroup" colspan="3">教育活动情况</th>' in html
    assert '<th scope="col">分析评议意见</th>' in html and '<td rowspan="2">第一支部</td>' in html
    assert "<td></td>" in html.split("</thead>")[0]  # an empty corner is not an empty header
    assert "&lt;script>" in html and "<script>" not in html
    row_head = Block("table", "", 1, anchor="t-1", rows=((Cell("甲", head=True), Cell("1")),))
    assert '<th scope="row">甲</th><td>1</td>' in table_html(row_head, str)


def test_a_quote_from_a_cell_verifies_and_points_at_the_table(roster):
    quotes = QuoteIndex({"roster": roster})
    block = quotes.find("roster", "群众评议满意率百分之九十八")
    assert block is not None and block.kind == "table" and block.anchor.startswith("t-")
    assert quotes.find("roster", "张建国 ｜ 书记") is block  # a run of cells, as the page's text shows it
