"""Find glossary terms inside Chinese running text.

Written by hand because no library fits: Python-Markdown's abbr extension
matches on word boundaries, which Chinese has none of. The matching itself is
pyahocorasick's (leftmost-longest, non-overlapping), not a loop of str.find.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import ahocorasick


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term_id: str


class TermMatcher:
    def __init__(self, forms: dict[str, list[str]]):
        """`forms`: term id -> every surface form (the term and its variants)."""
        self._automaton = ahocorasick.Automaton()
        for term_id, surfaces in sorted(forms.items()):
            for surface in surfaces:
                surface = surface.strip()
                # Single characters would link half of every sentence.
                if len(surface) >= 2 and surface not in self._automaton:
                    self._automaton.add_word(surface, (term_id, len(surface)))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches, the longest one winning where they overlap."""
        if self._empty or not text:
            return []
        return [
            Match(end - length + 1, end + 1, term_id)
            for end, (term_id, length) in self._automaton.iter_long(text)
        ]

    def count(self, text: str) -> Counter:
        if self._empty or not text:
            return Counter()
        return Counter(term_id for _end, (term_id, _length) in self._automaton.iter_long(text))


def term_forms(terms) -> dict[str, list[str]]:
    """Surface forms of each glossary item (term, variants, and the quoted-less
    forms of formulas written with quotes, e.g. “三个代表” -> 三个代表)."""
    forms: dict[str, list[str]] = {}
    for item in terms:
        surfaces = [item.data["term"], *item.data.get("variants", [])]
        forms[item.id] = sorted({s.strip("“”\"「」") for s in surfaces if s.strip("“”\"「」")}, key=lambda s: (-len(s), s))
    return forms
