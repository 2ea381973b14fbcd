"""PDF sources with a text layer, printed by Chromium from HTML: clean paragraphs, 红头 and 文号 as meta."""
import re
import unicodedata

import pytest
from ingest_helpers import RULES, texts
from pdf_fixtures import handmade_pdf, image_only_html, official_html, print_pdf

from sitegen.ingest import IngestError, ingest_document
from sitegen.ingest.formats import lookalikes
from sitegen.ingest.formats import pdf
from sitegen.ingest.formats.pdf import _PAGE_NO
from sitegen.model.citations import QuoteIndex, fold

LONG = "各单位要高度重视，精心组织，认真落实，确保各项工作任务按时保质完成，长期坚持，人民满意，高标准严要求。"
PARAGRAPHS = ["为进一步加强基层组织建设，经研究决定，开展学习活动。现将有关事项通知如下。"] + [
    f"第{n}项要求：{LONG * 3}" for n in range(1, 13)]


@pytest.fixture(scope="module")
def official():
    html = official_html("中共某某市委员会文件", "某委发〔2005〕7号", "关于开展学习活动的通知", PARAGRAPHS,
                         ["中共某某市委员会", "2005年1月10日"])
    raw = print_pdf(html)
    return raw, ingest_document("notice.pdf", raw, RULES)


@pytest.mark.browser
def test_red_head_number_title_and_date(official):
    _, doc = official
    assert doc.format == "pdf"
    assert doc.title == "关于开展学习活动的通知"
    assert doc.meta["文号"] == "某委发〔2005〕7号" and doc.meta["发文机关"] == "中共某某市委员会文件"
    assert doc.date == "2005-01-10"


@pytest.mark.browser
def test_paragraphs_rejoined_across_lines_and_pages_furniture_gone(official):
    raw, doc = official
    body = texts(doc)
    for paragraph in PARAGRAPHS:
        assert paragraph in body  # each paragraph whole, wherever the lines and pages broke it
    joined = "\n".join(body)
    assert "内部资料" not in joined and not re.search(r"—\s*\d+\s*—", joined)
    assert not re.search("[\u2e80-\u2fdf]", joined)


@pytest.mark.browser
def test_a_quote_across_a_page_break_verifies(official):
    raw, doc = official
    lines, sizes = pdf._lines(raw)
    furniture = pdf._furniture(lines, sizes)
    pages = ["".join(fold(line.text) for line in page if id(line) not in furniture) for page in lines]
    assert len(pages) >= 3
    spanning = []
    for paragraph in PARAGRAPHS:
        f = fold(paragraph)
        for this, following in zip(pages, pages[1:]):
            # the paragraph's start ends one page and its rest opens the next
            cut = next((k for k in range(10, len(f) - 10) if this.endswith(f[:k]) and following.startswith(f[k:k + 10])), None)
            if cut:
                spanning.append((paragraph, cut))
    assert spanning
    index = QuoteIndex({doc.id: doc})
    for paragraph, cut in spanning:
        quote = paragraph[max(0, cut - 15): cut + 15]  # the words either side of the page break
        assert index.find(doc.id, quote) is not None, quote


@pytest.mark.browser
def test_image_only_pdf_has_no_text_layer():
    with pytest.raises(IngestError, match="no text layer"):
        ingest_document("scan.pdf", print_pdf(image_only_html(), furniture=False), RULES)


@pytest.mark.parametrize("make,expected", [
    (lambda: handmade_pdf(0), "no pages"),
    (lambda: handmade_pdf(1, encrypt=True), "password-protected PDF"),
    (lambda: handmade_pdf(2)[:200], "damaged PDF"),
    (lambda: handmade_pdf(1), "no text layer"),
], ids=["no-pages", "password", "truncated", "blank-page"])
def test_bad_pdfs_are_one_line(make, expected):
    with pytest.raises(IngestError) as err:
        ingest_document("bad.pdf", make(), RULES)
    assert expected in err.value.message and "\n" not in err.value.message


def test_lookalike_radicals_become_ordinary_characters():
    assert lookalikes.ordinary("⾼⼯⻓⺠⻚作，（）：") == "高工长民页作，（）："
    assert len(lookalikes._SUPPLEMENT) == 104  # the two strings of the table line up
    for radical, plain in lookalikes._SUPPLEMENT.items():
        assert 0x2E80 <= ord(radical) <= 0x2EFF and unicodedata.category(plain) == "Lo"
    kangxi = "".join(chr(c) for c in range(0x2F00, 0x2FD6))
    assert not re.search("[\u2f00-\u2fdf]", lookalikes.ordinary(kangxi))


def test_page_number_lines():
    for line in ("— 3 —", "- 12 -", "第 3 页", "3/10", "第2页共5页", "12"):
        assert _PAGE_NO.match(line), line
    for line in ("2005年", "第三部分", "3月10日"):
        assert not _PAGE_NO.match(line), line


@pytest.mark.browser
@pytest.mark.parametrize("number", ["某委发【2006】12号", "某委发［2006］12号", "某委发 [ 2006 ] 第 12 号"])
def test_number_bracket_forms_in_a_pdf_head(number):
    html = official_html("中共某某市委员会文件", number, "关于开展学习活动的通知", PARAGRAPHS[:2],
                         ["中共某某市委员会", "2006年1月10日"])
    doc = ingest_document("n.pdf", print_pdf(html), RULES)
    assert doc.meta["文号"] == re.sub(r"\s+", "", number) and doc.meta["发文机关"] == "中共某某市委员会文件"
    assert doc.title == "关于开展学习活动的通知" and not any(number.replace(" ", "") in t.replace(" ", "") for t in texts(doc))
