"""PDF with a text layer -> Extracted, with pdfminer.six: lines in reading order, running headers,
footers and page numbers taken out, lines and paragraphs rejoined across line and page breaks,
look-alike radicals mapped to ordinary characters.

A paragraph ends where a line stops short of the right margin, or the next line is indented
(official documents indent a paragraph's first line by two characters), or the gap to the next
line is wider than the line spacing. A line at the top or bottom of the page that repeats on
other pages (digits aside), or holds only a page number, is page furniture.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

import logging

from . import Extracted, IngestError, join_lines, official_head
from .lookalikes import ordinary

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its font warnings are not the editor's problem
EDGE = 0.1  # top and bottom tenth of the page: where running heads and page numbers sit
_PAGE_NO = re.compile(r"^[-－—–\s]*(?:第\s*)?[0-9０-９]{1,4}(?:\s*页)?(?:\s*[/／共]\s*[0-9０-９]{1,4}\s*页?)?[-－—–\s]*$")
_DIGITS = re.compile(r"[0-9０-９]+")


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
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(raw)))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise IngestError("password-protected PDF: save or print it again without a password") from None
    except Exception as exc:  # pdfminer raises many kinds on a damaged file (PDFSyntaxError, struct.error …)
        raise IngestError(f"damaged PDF: {type(exc).__name__}: {str(exc)[:100]}") from None
    return document


def _lines(raw: bytes) -> tuple[list[list[_Line]], list[tuple[float, float]]]:
    """Text lines of each page in reading order, and each page's (width, height)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    document = _open(raw)
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    pages, sizes = [], []
    try:
        for no, page in enumerate(PDFPage.create_pages(document)):
            interpreter.process_page(page)
            layout = device.get_result()
            height = layout.height
            found = []
            for box in layout:
                if isinstance(box, LTTextContainer):
                    for line in box if not isinstance(box, LTTextLine) else [box]:
                        if isinstance(line, LTTextLine) and line.get_text().strip():
                            found.append(_Line(no, line.x0, line.x1, height - line.y1, height - line.y0,
                                               line.height, ordinary(line.get_text().strip())))
            pages.append(found)
            sizes.append((layout.width, height))
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError(f"damaged PDF: {type(exc).__name__}: {str(exc)[:100]}") from None
    if not pages:
        raise IngestError("PDF with no pages")
    return pages, sizes


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
    right = max(line.x1 for line in lines)
    out, current = [], [lines[0]]
    for prev, line in zip(lines, lines[1:]):
        char = max(prev.size, 1.0)
        short = prev.x1 < right - 1.5 * char  # the line stopped before the margin: the paragraph ended
        indented = line.x0 > left + 1.2 * char
        gap = line.page == prev.page and line.top - prev.bottom > 0.9 * char
        if short or indented or gap:
            out.append(join_lines(l.text for l in current))
            current = []
        current.append(line)
    out.append(join_lines(l.text for l in current))
    return out


def read(raw: bytes, rules) -> Extracted:
    pages, sizes = _lines(raw)
    if not any(pages):
        raise IngestError(f"PDF has no text layer (no text on any of its {len(pages)} page(s): a scan?); "
                          "give its text as a .txt or .docx beside it")
    dropped = _furniture(pages, sizes)
    body = [line for page in pages for line in page if id(line) not in dropped]
    found = Extracted("", "pdf", "PDF text layer")
    found.text = "\n".join(official_head(_paragraphs(body), found))
    if dropped:
        found.warnings.append(f"{len(dropped)} running header/footer or page-number line(s) left out")
    return found
