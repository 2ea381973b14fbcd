"""Scanned PDFs read by OCR (opt-in: `ocr: true` in data/campaign.yml; tesseract chi_sim, make ocr-tools).

The scan is made here: paragraphs of the campaign's own sources printed by Chromium, each page
rasterised at 200 dpi (grey) into an image-only PDF, then read back by OCR and compared with the
text printed. Measured on this machine (tesseract 5.3.0, Debian's chi_sim 4.1.0, one thread, pages
rendered for OCR at 200 dpi): this test's 3 pages (3 paragraphs of data/sources/000_…, 16 pt) read at
0.985 in about 1,570 ms a page. Six paragraphs on 5 pages: 0.986 at 1,750 ms a page; scanned at 150 or
300 dpi instead 0.985-0.987; in 10.5 pt type 0.992. Rendering at 300 dpi read worse (0.965-0.975) and
a third slower, so ocr.DPI is 200; chi_sim+eng, --oem 1, --psm 4 or 6 changed nothing. The red 26 pt
红头 fares worst (某某 read as 东菜, 〔 as [ or 【), and a lone 1 in Noto Serif is often read as ]
(2005年]月10日): a scan's date may be missed, so this test does not ask for it.
Accuracy = matched characters / characters printed (difflib, white space ignored).
"""
import dataclasses
import difflib
import re
import time

import pytest
from ingest_helpers import RULES, SOURCES, texts
from pdf_fixtures import handmade_pdf, official_html, print_pdf, scanned

from sitegen.ingest import IngestError, ingest_document, with_settings
from sitegen.ingest.formats import ocr, pdf

OCR_RULES = dataclasses.replace(RULES, ocr=True)
needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="tesseract with chi_sim is not installed: make ocr-tools")
MIN_ACCURACY = 0.9  # measured 0.985: a margin for another tesseract build, not for a broken rejoin


def campaign_paragraphs(count: int) -> list[str]:
    """The first long paragraphs of the first source: real text of the campaign, not made up."""
    first = sorted(SOURCES.glob("*.txt"))[0].read_text(encoding="utf-8")
    return [line.strip() for line in first.splitlines() if len(line.strip()) > 60][:count]


def accuracy(printed: str, read: str) -> float:
    """1 - (edit distance / length), as matched characters over characters printed."""
    printed, read = re.sub(r"\s+", "", printed), re.sub(r"\s+", "", read)
    blocks = difflib.SequenceMatcher(None, printed, read, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(printed)


@pytest.fixture(scope="module")
def scan():
    paragraphs = campaign_paragraphs(3)
    html = official_html("中共某某市委员会文件", "某委发〔2005〕7号", "关于开展学习活动的通知", paragraphs,
                         ["中共某某市委员会", "2005年1月10日"])
    return paragraphs, scanned(print_pdf(html))


@pytest.mark.browser
@needs_tesseract
def test_a_scan_is_read_by_ocr_accurately_and_says_so(scan):
    paragraphs, raw = scan
    pages = len(pdf._open(raw))
    started = time.perf_counter()
    doc = ingest_document("scan.pdf", raw, OCR_RULES)
    ms_per_page = (time.perf_counter() - started) * 1000 / pages
    body = [t for t in texts(doc) if len(t) > 60]
    assert len(body) == len(paragraphs)  # lines rejoined into the paragraphs printed, across pages
    score = accuracy("".join(paragraphs), "".join(body))
    print(f"OCR: accuracy {score:.3f}, {ms_per_page:.0f} ms a page, {pages} pages")
    assert score >= MIN_ACCURACY
    assert doc.format == "pdf" and doc.encoding == "OCR (chi_sim)"
    assert doc.meta["文字来源"] == "OCR识别"  # shown on the document page with the other metadata
    assert any("recognised by OCR" in w for w in doc.warnings)


@pytest.mark.browser
def test_a_scan_without_ocr_is_one_line_saying_how_to_read_it(scan):
    with pytest.raises(IngestError) as err:
        ingest_document("scan.pdf", scan[1], RULES)
    message = err.value.message
    assert "no text layer" in message and "ocr: true" in message and "make ocr-tools" in message
    assert "\n" not in message


def test_ocr_on_without_tesseract_says_what_to_install(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(IngestError, match="not installed: make ocr-tools"):
        ingest_document("scan.pdf", handmade_pdf(1), OCR_RULES)


def test_a_scan_too_long_to_ocr_is_one_line(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "MAX_PAGES", 2)
    with pytest.raises(IngestError, match="more pages than OCR reads"):
        ingest_document("long.pdf", handmade_pdf(3), OCR_RULES)


@needs_tesseract
def test_a_blank_scan_is_one_line():
    with pytest.raises(IngestError, match="OCR found no text"):
        ingest_document("blank.pdf", handmade_pdf(1), OCR_RULES)


@pytest.mark.parametrize("settings,on", [("ocr: true\n", True), ("ocr: false\n", False), ("title: x\n", False),
                                         ("ocr: yes please\n", False), ("ocr: [\n", False)])
def test_the_setting_comes_from_campaign_yml(tmp_path, settings, on):
    (tmp_path / "campaign.yml").write_text(settings, encoding="utf-8")
    assert with_settings(RULES, tmp_path).ocr is on


def test_the_build_reads_scans_by_the_setting_and_rereads_when_it_changes(tmp_path, monkeypatch):
    from sitegen.build import ingest_sources

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "page_lines", lambda page: [(90.0, 100.0, 500.0, 116.0, ["扫描件的正文一段。"])])
    data = tmp_path / "data"
    (data / "sources").mkdir(parents=True)
    (data / "sources" / "scan.pdf").write_bytes(handmade_pdf(1))
    (data / "campaign.yml").write_text("title: t\nocr: true\n", encoding="utf-8")
    documents, _ = ingest_sources(tmp_path, data)
    assert documents["scan"].meta["文字来源"] == "OCR识别"
    (data / "campaign.yml").write_text("title: t\n", encoding="utf-8")
    documents, problems = ingest_sources(tmp_path, data)  # not the cached OCR reading: the setting is off now
    assert "scan" not in documents and any("no text layer" in p.message and "ocr: true" in p.message for p in problems)


def test_a_page_read_by_ocr_says_so_on_the_built_page(tmp_path, monkeypatch):
    import shutil

    from lxml import html

    from sitegen.build import generate
    from sitetools import ROOT

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "page_lines", lambda page: [(90.0, 100.0, 500.0, 116.0, ["扫描件的正文一段。"])])
    shutil.copytree(ROOT / "tests" / "fixtures" / "campaign2" / "data", tmp_path / "data")
    settings = tmp_path / "data" / "campaign.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "ocr: true\n", encoding="utf-8")
    (tmp_path / "data" / "sources" / "scan.pdf").write_bytes(handmade_pdf(1))
    generated = generate(tmp_path)
    (page,) = [p for p in generated.direct.values() if "扫描件的正文一段。" in p.html]
    rows = {tr.findtext("th"): tr.find("td").text_content() for tr in html.fromstring(f"<div>{page.html}</div>").xpath("//div[@class='doc-meta']//tr")}
    assert rows["文字来源"] == "OCR识别" and "PDF" in rows["原件"]
    assert any("OCR" in p.message and p.path.endswith("scan.pdf") and p.severity == "warning" for p in generated.problems)
