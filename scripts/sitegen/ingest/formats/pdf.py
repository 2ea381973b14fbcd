"""PDF with a text layer -> Extracted, with pypdfium2 (PDFium, Chromium's PDF engine): lines in reading order, running headers,
footers and page numbers taken out, lines and paragraphs rejoined across line and page breaks,
look-alike radicals mapped to ordinary characters.

A paragraph ends where a line stops short of the right margin (after a full stop, or by more
than a line-breaking rule explains), or the next line is indented
(official documents indent a paragraph's first line by two characters), or the gap to the next
line is wider than the line spacing. A line at the top or bottom of the page that repeats on
other pages (digits aside), or holds only a page number, is page furniture.

pdfminer.six was tried first: the same layout analysis came out, but at about 200 ms a page
(a 70-page PDF in 14 s); PDFium reads it in under 0.4 s.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from . import Extracted, IngestError, join_lines, ocr, official_head
from .lookalikes import ordinary

EDGE = 0.1  # top and bottom tenth of the page: where running heads and page numbers sit
_PAGE_NO = re.compile(r"^[-－—–\s]*(?:第\s*)?[0-9０-９]{1,4}(?:\s*页)?(?:\s*[/／共]\s*[0-9０-９]{1,4}\s*页?)?[-－—–\s]*$")
_DIGITS = re.compile(r"[0-9０-９]+")
_EMPTY_TREE = re.compile(rb"<<(?=[^<>]*/Type\s*/Pages\b)[^<>]*/Count\s+0\b[^<>]*>>")
_PARAGRAPH_END = frozenset("。！？…”’」』）!?)")  # not ；： — a wrapped line ends with them as often
OCR_META = ("文字来源", "OCR识别")  # shown on the document page: recognised text may hold errors
_LINE = re.compile(r"[^\r\n]*[^\s][^\r\n]*")  # a line with something on it


@dataclass
class _Line:
    page: int
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float
    size: float  # line height
    text: str


def _open(raw: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise IngestError("password-protected PDF: save or print it again without a password") from None
        if _EMPTY_TREE.search(raw):  # PDFium refuses an empty page tree as if the file were damaged
            raise IngestError("PDF with no pages") from None
        raise IngestError(f"damaged PDF: {str(exc)[:120]}") from None


def _page_lines(no: int, page) -> list[_Line]:
    """The text lines of one page, in PDFium's reading order, each with its box."""
    height = page.get_size()[1]
    textpage = page.get_textpage()
    text = textpage.get_text_range(0, textpage.count_chars())
    found = []
    for m in _LINE.finditer(text):  # PDFium's text has one char per glyph, line ends included: offsets are char indexes
        line = m.group(0)
        first = m.start() + len(line) - len(line.lstrip())
        last = m.start() + len(line.rstrip()) - 1
        # loose boxes: the glyph's advance and the font's height, not its ink (an opening quote's ink
        # sits in the right half of its box and would look like an indent)
        (left, b0, _, t0), (_, b1, right, t1) = textpage.get_charbox(first, loose=True), textpage.get_charbox(last, loose=True)
        found.append(_Line(no, left, right, height - max(t0, t1), height - min(b0, b1), max(t0 - b0, 1.0),
                           ordinary(line.strip())))
    return found


def _lines(raw: bytes, read_page=None) -> tuple[list[list[_Line]], list[tuple[float, float]]]:
    """Text lines of each page in reading order, and each page's (width, height).
    read_page(no, page): the lines of one page (default: its text layer)."""
    document = _open(raw)
    try:
        if len(document) == 0:
            raise IngestError("PDF with no pages")
        pages, sizes = [], []
        for no in range(len(document)):
            page = document[no]
            pages.append((read_page or _page_lines)(no, page))
            sizes.append(page.get_size())
        return pages, sizes
    finally:
        document.close()


def _ocr_page_lines(no: int, page) -> list[_Line]:
    """The lines tesseract recognises on a page, their ink boxes grown to the em (ocr.INK_TO_EM)."""
    found = []
    for left, top, right, bottom, words in ocr.page_lines(page):
        ink = max(bottom - top, 1.0)
        grow = ink * (ocr.INK_TO_EM - 1) / 2
        found.append(_Line(no, left, right, top - grow, bottom + grow, ink * ocr.INK_TO_EM, ordinary(join_lines(words))))
    return found


def _furniture(pages: list[list[_Line]], sizes) -> set[int]:
    """ids of lines that are running heads, footers or page numbers."""
    def edge(line: _Line) -> bool:
        height = sizes[line.page][1]
        return line.top < EDGE * height or line.bottom > (1 - EDGE) * height

    repeats = Counter(_DIGITS.sub("#", line.text) for page in pages for line in {l.text: l for l in page if edge(l)}.values())
    need = max(2, (len(pages) + 1) // 2)
    return {
        id(line) for page in pages for line in page
        if edge(line) and (_PAGE_NO.match(line.text) or (len(pages) > 1 and repeats[_DIGITS.sub("#", line.text)] >= need))
    }


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Body lines (all pages, in order) -> paragraphs, rejoined across line and page breaks."""
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    # the text column's right edge: where most full lines end (the longest line may overrun it)
    ends = sorted(line.x1 for line in lines)
    right = ends[int(0.8 * (len(ends) - 1))]
    char = max(statistics.median(line.size for line in lines), 1.0)  # the body text's size
    out, current = [], [lines[0]]
    for prev, line in zip(lines, lines[1:]):
        # A line that stops before the margin ends its paragraph: well before it, or a little before
        # it after a full stop (a wrapped line falls short by a character or two where the line-breaking
        # rules keep a character with the punctuation after it).
        short_by = right - prev.x1
        short = short_by > 3 * char or (short_by > char and prev.text[-1] in _PARAGRAPH_END)
        indented = line.x0 > left + 1.2 * char
        gap = line.page == prev.page and line.top - prev.bottom > 0.9 * char
        if short or indented or gap:
            out.append(join_lines(l.text for l in current))
            current = []
        current.append(line)
    out.append(join_lines(l.text for l in current))
    return out


def _scanned(raw: bytes, page_count: int, rules) -> tuple[list[list[_Line]], list[tuple[float, float]]]:
    """The lines of a PDF without a text layer, by OCR when it is on and installed; else one line saying how."""
    scan = f"PDF has no text layer (no text on any of its {page_count} page(s): a scan?)"
    if not rules.ocr:
        raise IngestError(f"{scan}; give its text as a .txt or .docx beside it, or set `ocr: true` in "
                          f"data/campaign.yml to read it by OCR ({ocr.INSTALL})")
    if not ocr.available():
        raise IngestError(f"{scan} and OCR is on, but tesseract with its Chinese model is not installed: {ocr.INSTALL}")
    if page_count > ocr.MAX_PAGES:
        raise IngestError(f"{scan} with more pages than OCR reads ({ocr.MAX_PAGES}): split it")
    pages, sizes = _lines(raw, _ocr_page_lines)
    if not any(pages):
        raise IngestError(f"{scan}; OCR found no text on it either")
    return pages, sizes


def read(raw: bytes, rules) -> Extracted:
    pages, sizes = _lines(raw)
    recognised = not any(pages)
    if recognised:
        pages, sizes = _scanned(raw, len(pages), rules)
    dropped = _furniture(pages, sizes)
    body = [line for page in pages for line in page if id(line) not in dropped]
    found = Extracted("", "pdf", f"OCR ({ocr.LANGUAGE})" if recognised else "PDF text layer")
    found.text = "\n".join(official_head(_paragraphs(body), found, rules))
    if recognised:
        found.meta.update([OCR_META])
        found.warnings.append(f"text recognised by OCR (tesseract {ocr.LANGUAGE}) from {len(pages)} scanned page(s): "
                              "it may hold misread characters; check quotes against the original")
    if dropped:
        found.warnings.append(f"{len(dropped)} running header/footer or page-number line(s) left out")
    return found
