"""Pinyin for the search index (pypinyin, toneless, ü written as v).

Two kinds of readings are produced:

* every reading of a character (pypinyin heteronyms), used by the worker to match pinyin,
  initials and typing prefixes against any text in the corpus;
* the reading of each character *in context* for titles and glossary terms (pypinyin's
  phrase dictionary, our phrase fixes below, then the glossary's own overrides), used to
  rank the intended reading above the other readings of a polyphone.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from pypinyin import Style, lazy_pinyin, pinyin

# Phrases pypinyin reads wrongly in this domain (checked by tests/search/test_pinyin.py).
PHRASE_FIXES: dict[str, str] = {
    "长效": "chang xiao",
    "长效机制": "chang xiao ji zhi",
}

_SYLLABLE = re.compile(r"^[a-z]+$")


def is_han(ch: str) -> bool:
    c = ord(ch)
    return 0x3400 <= c < 0xA000 or 0xF900 <= c < 0xFB00 or 0x20000 <= c < 0x32000


def _clean(reading: str) -> str | None:
    reading = reading.strip().lower().replace("ü", "v")
    return reading if _SYLLABLE.match(reading) else None


@functools.lru_cache(maxsize=None)
def char_readings(ch: str) -> tuple[str, ...]:
    """All toneless readings of one character, the most common first ('' for none).

    A reading with v (lv, nve) is followed by the same with u (lu, nue): people type both.
    """
    if len(ch) != 1 or not is_han(ch):
        return ()
    out: list[str] = []
    for raw in pinyin(ch, style=Style.NORMAL, heteronym=True, errors=lambda _x: [[""]])[0]:
        reading = _clean(raw)
        if not reading:
            continue
        for variant in (reading, reading.replace("v", "u")):
            if variant not in out:
                out.append(variant)
    return tuple(out)


def _toneless(value: str) -> str:
    value = value.strip().lower()
    for marked, plain in (("ǖ", "v"), ("ǘ", "v"), ("ǚ", "v"), ("ǜ", "v"), ("ü", "v")):
        value = value.replace(marked, plain)
    value = unicodedata.normalize("NFD", value)
    return "".join(c for c in value if not unicodedata.combining(c))


def _parse_override(text: str, value: str) -> list[str] | None:
    syllables = [s for s in re.split(r"[\s'’\-]+", _toneless(value)) if s]
    han = [ch for ch in text if is_han(ch)]
    if len(syllables) != len(han) or not all(_SYLLABLE.match(s) for s in syllables):
        return None
    return syllables


def contextual_readings(text: str, overrides: dict[str, str] | None = None) -> list[str]:
    """The reading of every character of `text` in context ('' where it has none).

    Overrides (term -> "space separated syllables") win over PHRASE_FIXES, which win over
    pypinyin's own phrase dictionary; the longest override occurring in the text wins.
    """
    fixes = dict(PHRASE_FIXES)
    if overrides:
        fixes.update(overrides)
    out = [""] * len(text)
    fixed = [False] * len(text)
    for term in sorted(fixes, key=lambda t: (-len(t), t)):
        if not term or term not in text:
            continue
        syllables = _parse_override(term, fixes[term])
        if syllables is None:
            continue
        start = text.find(term)
        while start != -1:
            span = range(start, start + len(term))
            if not any(fixed[i] for i in span):
                it = iter(syllables)
                for i in span:
                    if is_han(text[i]):
                        out[i] = next(it)
                    fixed[i] = True
            start = text.find(term, start + 1)
    # Everything not fixed: pypinyin on each maximal run of unfixed characters.
    i = 0
    while i < len(text):
        if fixed[i]:
            i += 1
            continue
        j = i
        while j < len(text) and not fixed[j]:
            j += 1
        run = text[i:j]
        readings = lazy_pinyin(run, style=Style.NORMAL, errors=lambda x: [""] * len(x))
        if len(readings) == len(run):
            for k, r in enumerate(readings):
                if is_han(run[k]):
                    out[i + k] = _clean(r) or ""
        else:  # pragma: no cover - pypinyin grouped non-Han text differently
            for k, ch in enumerate(run):
                rs = char_readings(ch)
                out[i + k] = rs[0] if rs else ""
        i = j
    return out


def parse_overrides(overrides: dict[str, str] | None) -> dict[str, str]:
    """Keep only well-formed overrides (one syllable per Han character)."""
    good: dict[str, str] = {}
    for term, value in (overrides or {}).items():
        if isinstance(term, str) and isinstance(value, str) and _parse_override(term, value):
            good[term] = " ".join(_parse_override(term, value) or [])
    return good
