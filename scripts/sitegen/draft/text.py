"""Text helpers of drafting: verbatim quotes around a match, Chinese numerals, ASCII ids."""
from __future__ import annotations

import re

from ..ingest.textutil import cn_number

QUOTE_MAX = 120  # MODEL-FORMAT.md: quotes of one clause or sentence, <= 120 characters
SENTENCE_END = "。！？；!?;"
CLAUSE_END = "，,：:"
NUMERAL = "一二两兩三四五六七八九十"


def both_scripts(words: list[str]) -> list[str]:
    """The words in simplified and traditional script (OpenCC): the patterns are written
    once, in simplified, and find a traditional source's 階段, 領導小組 as well."""
    from ..ingest.script import _converter

    traditional = _converter("s2t").convert("\n".join(words)).split("\n")
    return list(dict.fromkeys([*words, *traditional]))


def to_number(numeral: str) -> int | None:
    return cn_number(re.sub("[两兩]", "二", numeral))
_TRIM = " \t　，,。；;：:、"


def _bounds(text: str, start: int, end: int, stops: str) -> tuple[int, int]:
    """The span around [start, end) up to the nearest stop character on each side."""
    left = max((text.rfind(ch, 0, start) for ch in stops), default=-1) + 1
    rights = [i for i in (text.find(ch, end) for ch in stops) if i >= 0]
    return left, min(rights, default=len(text))


def quote_around(text: str, start: int, end: int, limit: int = QUOTE_MAX) -> str:
    """A verbatim quote holding text[start:end]: its sentence, else its clause, else a window.
    Always a substring of `text` (one block), so the citation verifies."""
    for stops in (SENTENCE_END, SENTENCE_END + CLAUSE_END):
        left, right = _bounds(text, start, end, stops)
        quote = text[left:right].strip(_TRIM)
        if len(quote) <= limit and quote:
            return quote
    spare = max(0, limit - (end - start)) // 2
    return text[max(0, start - spare): min(len(text), end + spare)].strip(_TRIM) or text[start:end]


def trim(text: str) -> str:
    return text.strip(_TRIM)


def numeral_value(text: str) -> int | None:
    """The number a formula starts with: 四不放过 -> 4, 八个一 -> 8, 两个务必 -> 2."""
    found = re.match(f"[{NUMERAL}]+", text)
    return to_number(found.group(0)) if found else None


def ascii_slug(text: str, limit: int = 6) -> str:
    """Pinyin syllables of the first `limit` characters, dash-joined (ids are ASCII)."""
    from ..link.pinyin import pinyin_of

    syllables = pinyin_of(text).replace("ü", "v").split()[:limit]
    slug = "-".join(s for s in syllables if re.fullmatch(r"[a-z]+", s))
    return slug or "item"
