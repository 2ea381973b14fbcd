"""Small text helpers shared by the ingest modules: lines, folding, dates, numerals."""
from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple

from .rules import IngestRules

_NEWLINE = re.compile(r"\r\n|\r|\n")
_SPACE = re.compile(r"\s+")


class Line(NamedTuple):
    """A non-blank source line: 1-based line number and text stripped of outer white space."""

    no: int
    text: str


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF only (not on the other characters str.splitlines knows)."""
    return _NEWLINE.split(text)


def nonblank(lines: list[str], first_no: int = 1) -> list[Line]:
    """Strip each line's leading/trailing white space (incl. U+3000, NBSP); drop blank ones."""
    return [Line(first_no + i, text) for i, text in enumerate(raw.strip() for raw in lines) if text]


def fold(text: str) -> str:
    """Remove all white space (for comparing text across line breaks and indentation)."""
    return _SPACE.sub("", text)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """fold(text) and, for each of its characters, the index it came from."""
    chars, index = [], []
    for i, ch in enumerate(text):
        if not ch.isspace():
            chars.append(ch)
            index.append(i)
    return "".join(chars), index


_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_number(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 一百零五 -> 105; None when not a numeral."""
    if not text:
        return None
    if all(ch in _CN_DIGITS for ch in text) and len(text) > 1:
        # digit by digit, as in years: 二〇〇五
        value = 0
        for ch in text:
            value = value * 10 + _CN_DIGITS[ch]
        return value
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def to_int(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    try:
        return int(text)  # also full-width digits
    except ValueError:
        return cn_number(text)


def parse_date(text: str, rules: IngestRules) -> str | None:
    """The first date in `text` as ISO YYYY-MM-DD (patterns from the rules), or None."""
    for pattern in rules.dates:
        for m in pattern.finditer(text):
            y, mo, d = (to_int(m.group(k)) for k in ("y", "m", "d"))
            if y is None or mo is None or d is None:
                continue
            try:
                return _dt.date(y, mo, d).isoformat()
            except ValueError:
                continue
    return None


def ends_sentence(text: str, rules: IngestRules) -> bool:
    """Does the line end a sentence (after skipping closing quotes and brackets)?"""
    i = len(text) - 1
    while i >= 0 and (text[i] in rules.closing or text[i].isspace()):
        i -= 1
    if i < 0:
        return True
    if text[i] in rules.terminal:
        return True
    # a closing quote/bracket right after the text also closes a quoted sentence or a title
    return i < len(text) - 1 and text[i + 1] in rules.closing and text[i] not in rules.clause_end
