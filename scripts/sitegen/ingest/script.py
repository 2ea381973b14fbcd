"""Simplified or traditional script, by OpenCC: convert and compare. The text is never converted."""
from __future__ import annotations

from functools import lru_cache

SAMPLE = 200_000  # characters looked at (the script of a document does not change halfway)


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


# char -> (changes under t2s, changes under s2t); each character is converted once per
# process, not once per document (OpenCC was most of ingesting 2,000 documents).
_CHANGES: dict[str, tuple[bool, bool]] = {}


def _han_counts(text: str) -> dict[str, int]:
    """Han character -> count, counted by numpy (a regex or a Counter over the
    characters was most of ingesting a document)."""
    import numpy as np

    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    cps = cps[((cps >= 0x3400) & (cps <= 0x9FFF)) | (cps >= 0x20000)]
    if not len(cps):
        return {}
    uniq, n = np.unique(cps, return_counts=True)
    return dict(zip(map(chr, uniq.tolist()), n.tolist()))


def detect_script(text: str) -> str:
    """"traditional" when more of the Han characters change under t2s than under s2t."""
    counts = _han_counts(text[:SAMPLE])
    if not counts:
        return "simplified"
    new = [c for c in counts if c not in _CHANGES]
    if new:
        joined = "\n".join(new)
        to_simp = _converter("t2s").convert(joined).split("\n")
        to_trad = _converter("s2t").convert(joined).split("\n")
        if len(to_simp) != len(new) or len(to_trad) != len(new):  # pragma: no cover - defensive
            return "traditional" if _converter("t2s").convert(text[:SAMPLE]) != text[:SAMPLE] else "simplified"
        for c, s, t in zip(new, to_simp, to_trad):
            _CHANGES[c] = (s != c, t != c)
    traditional = sum(n for c, n in counts.items() if _CHANGES[c][0])
    simplified = sum(n for c, n in counts.items() if _CHANGES[c][1])
    return "traditional" if traditional > simplified else "simplified"
