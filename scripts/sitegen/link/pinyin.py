"""Pinyin of glossary terms: pypinyin, corrected by the glossary's own overrides."""
from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin, load_phrases_dict


def teach_phrases(overrides: dict[str, str]) -> None:
    """Tell pypinyin how the glossary pronounces its polyphonic terms
    (e.g. 长效机制 is chang xiao, not zhang xiao), so every later call agrees."""
    phrases = {}
    for term, pinyin in overrides.items():
        hanzi = re.sub(r"[^\u4e00-\u9fff]", "", term)
        syllables = pinyin.split()
        if hanzi and len(hanzi) == len(syllables):
            phrases[hanzi] = [[s] for s in syllables]
    if phrases:
        load_phrases_dict(phrases)


def pinyin_of(term: str, override: str | None = None) -> str:
    if override:
        return override
    syllables = lazy_pinyin(term, style=Style.NORMAL, errors=lambda chars: list(chars))
    return " ".join(s for s in syllables if s.strip() and re.match(r"[a-zü]+$", s))


def initial_letter(pinyin: str, term: str) -> str:
    letter = (pinyin[:1] or term[:1]).upper()
    return letter if "A" <= letter <= "Z" else "#"
