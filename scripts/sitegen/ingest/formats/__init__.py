"""Office and web formats: one table from a file's signature (its first bytes) to its reader.

Every reader turns a file's bytes into `Extracted`: plain text, one paragraph a line, plus
what the format itself says (a styled title, styled headings, tables, metadata). The pipeline
then treats that text as it treats a .txt source (layouts, outline, anchors), so model, link
and render see the same Document whatever the format. A table is one line of the text (its
cells, for the rules that read the head of a document) and its rows in `tables`; the
pipeline makes it a table block, outside the layout and outline rules.

Adding a format is adding a module here with `read(raw, rules) -> Extracted` and one row
in FORMATS. A file no row claims is read as text (decode.py), which still refuses binary.
"""
from __future__ import annotations

import importlib
import re
import zipfile
import io
from dataclasses import dataclass, field
from typing import Callable

from ..decode import IngestError
from ..document import CELL_SEP, Row


@dataclass
class Extracted:
    text: str  # one paragraph a line
    format: str  # Format.name
    encoding: str  # the character set of the file ("docx": XML in UTF-8 …)
    title: str | None = None  # the format's own title (Word's Title style): wins over the text's
    fallback_title: str | None = None  # metadata title (core properties, <title>): when the body has none
    headings: dict[int, int] = field(default_factory=dict)  # line -> level, from styles
    tables: dict[int, tuple[Row, ...]] = field(default_factory=dict)  # line -> the rows of the table on it
    meta: dict[str, str] = field(default_factory=dict)
    date: str | None = None  # metadata date: when the text gives none
    date_source: str = "metadata"  # Document.date_source of that date ("web-page": a site's stamp)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Format:
    name: str  # "docx", "pdf" … (Document.format)
    label: str  # shown on the document page
    claims: Callable[[bytes], bool]  # does a file with these bytes belong to this format?
    module: str  # reader module in this package (imported on first use: a text-only campaign never loads PDFium or lxml)

    def read(self, raw: bytes, rules) -> Extracted:
        reader = importlib.import_module(f"{__name__}.{self.module}")
        return reader.read(raw, rules)


IMAGE = "［图片］"  # where a picture was: shown, so the reader knows the original has more
_CN_DIGITS = "零一二三四五六七八九"
_FORMATTERS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "chineseCounting": lambda n: cn_numeral(n),
    "chineseCountingThousand": lambda n: cn_numeral(n),
    "taiwaneseCountingThousand": lambda n: cn_numeral(n),
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "ideographZodiac": lambda n: "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12],
    "chineseLegalSimplified": lambda n: cn_numeral(n).translate(str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰")),
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1),
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1),
    "lowerRoman": lambda n: roman(n).lower(),
    "upperRoman": lambda n: roman(n),
}


def cn_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (as Word's chineseCounting writes them)."""
    if n <= 0 or n >= 1000:
        return str(n)
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    out = f"{_CN_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _CN_DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (_CN_DIGITS[ones] if ones else "")


def roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def numbered(n: int, fmt: str) -> str:
    """The visible form of number n in a Word numbering format (decimal for formats not listed)."""
    return _FORMATTERS.get(fmt, str)(n)


def join_lines(parts) -> str:
    """Lines of one paragraph joined as the text reader reads a wrapped line: nothing between
    Chinese characters, one space between two Latin words or numbers."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out


def table_line(rows: tuple[Row, ...]) -> str:
    """A table on one line of Extracted.text: rows joined by ；, cells by CELL_SEP."""
    return "；".join(CELL_SEP.join(cell.text for cell in row) for row in rows)


def shift_lines(found: "Extracted", taken: int) -> None:
    """`taken` lines came off the top of the text: the styled headings and tables move up."""
    found.headings = {no - taken: v for no, v in found.headings.items() if no > taken}
    found.tables = {no - taken: v for no, v in found.tables.items() if no > taken}


def official_head(paragraphs: list[str], found: "Extracted", rules) -> list[str]:
    """Take the 红头 and 文号 off the top of an issued document into found.meta (boilerplate.yml's official_head)."""
    head_rule = rules.official_head
    if head_rule is None:
        return paragraphs
    for i, text in enumerate(paragraphs[:head_rule.lines]):
        compact = re.sub(r"\s+", "", text)
        if head_rule.number.match(compact):
            head = paragraphs[:i]
            if all(len(h) <= head_rule.issuer_max for h in head):
                found.meta[head_rule.number_label] = compact
                if head:
                    found.meta[head_rule.issuer_label] = "；".join(re.sub(r"\s+", "", h) for h in head)
                return paragraphs[i + 1:]
            break
    return paragraphs


OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")  # Compound File: Word 97-2003, WPS, and encrypted OOXML


def _is_zip_with(raw: bytes, member: str) -> bool:
    if not raw.startswith(b"PK\x03\x04"):
        return False
    try:
        return member in zipfile.ZipFile(io.BytesIO(raw)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        # a damaged zip that still names the member in its first local header is a Word file to refuse clearly
        return member.encode() in raw[:4096]


def _is_pdf(raw: bytes) -> bool:
    return b"%PDF-" in raw[:1024]  # the header may follow some junk bytes (the PDF spec allows it)


def _head(raw: bytes) -> bytes:
    """The first kilobyte, lower-cased, without BOM or the NULs of UTF-16, for markup sniffing."""
    head = raw[:2048]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head.replace(b"\x00", b"")
    return head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower()


def _is_mht(raw: bytes) -> bool:
    head = _head(raw)
    return b"mime-version:" in head and b"multipart/related" in head


def _is_html(raw: bytes) -> bool:
    head = _head(raw)
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in raw[:4096].lower():
        return True
    # a fragment saved without the <html> element: it must still open with markup
    return head.startswith(b"<") and any(tag in head for tag in (b"<head", b"<body", b"<meta", b"<title"))


FORMATS: tuple[Format, ...] = (
    Format("docx", "Word 文档（.docx）", lambda raw: _is_zip_with(raw, "word/document.xml"), "docx"),
    Format("pdf", "PDF 文件", _is_pdf, "pdf"),
    Format("word97", "Word 97–2003 / WPS 文档", lambda raw: raw.startswith(OLE2), "word97"),
    Format("mht", "单个文件网页（.mht）", _is_mht, "html"),
    Format("html", "网页（.html）", _is_html, "html"),
)
TEXT_LABEL = "文本文件"
LABELS = {f.name: f.label for f in FORMATS} | {"text": TEXT_LABEL}


def format_of(raw: bytes) -> Format | None:
    """The format whose signature the bytes carry, or None for text."""
    return next((f for f in FORMATS if f.claims(raw)), None)


__all__ = ["Extracted", "FORMATS", "Format", "IMAGE", "IngestError", "LABELS", "format_of", "join_lines", "numbered",
           "shift_lines", "table_line"]
