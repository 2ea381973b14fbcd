"""Simplified or traditional script, by OpenCC: convert and compare. The text is never converted."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

SAMPLE = 200_000  # characters looked at (the script of a document does not change halfway)


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def detect_script(text: str) -> str:
    """"traditional" when more of the Han characters change under t2s than under s2t."""
    counts = Counter(ch for ch in text[:SAMPLE] if "\u3400" <= ch <= "\u9fff" or ch >= "\U00020000")
    if not counts:
        return "simplified"
    chars = list(counts)
    joined = "\n".join(chars)
    to_simp = _converter("t2s").convert(joined).split("\n")
    to_trad = _converter("s2t").convert(joined).split("\n")
    if len(to_simp) != len(chars) or len(to_trad) != len(chars):  # pragma: no cover - defensive
        return "traditional" if _converter("t2s").convert(text[:SAMPLE]) != text[:SAMPLE] else "simplified"
    traditional = sum(counts[c] for c, s in zip(chars, to_simp) if s != c)
    simplified = sum(counts[c] for c, t in zip(chars, to_trad) if t != c)
    return "traditional" if traditional > simplified else "simplified"
