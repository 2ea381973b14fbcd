"""Script and width folding shared by the index builder and the browser worker.

Both sides fold with the SAME character table, so a query in simplified characters finds
text written in traditional characters and the reverse. The table is derived from OpenCC
(t2s, tw2s, hk2s) one character at a time and keeps only one-to-one mappings inside the
Basic Multilingual Plane: folding never changes the length of a string (in code points or
in UTF-16 units), so a match found in folded text is at the same offsets in the original
text, which is what pages and snippets show.
"""
from __future__ import annotations

import functools

_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@functools.lru_cache(maxsize=1)
def t2s_pairs() -> tuple[tuple[str, str], ...]:
    """(traditional, simplified) character pairs, sorted, from OpenCC."""
    import opencc

    chars = "".join(chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi))
    mapping: dict[str, str] = {}
    for config in ("t2s", "tw2s", "hk2s"):
        converted = opencc.OpenCC(config + ".json").convert("\n".join(chars)).split("\n")
        if len(converted) != len(chars):  # pragma: no cover - OpenCC changed its behaviour
            raise RuntimeError(f"OpenCC {config} did not keep one line per character")
        for src, dst in zip(chars, converted):
            if src != dst and len(dst) == 1 and ord(dst) < 0x10000:
                mapping.setdefault(src, dst)
    # Resolve chains (a -> b, b -> c) so that folding is idempotent.
    for src in list(mapping):
        seen = {src}
        dst = mapping[src]
        while dst in mapping and dst not in seen:
            seen.add(dst)
            dst = mapping[dst]
        mapping[src] = dst
    return tuple(sorted((s, d) for s, d in mapping.items() if s != d))


@functools.lru_cache(maxsize=1)
def _table() -> dict[int, int]:
    table = {ord(s): ord(d) for s, d in t2s_pairs()}
    for c in range(0xFF01, 0xFF5F):  # full-width ASCII -> ASCII
        table[c] = c - 0xFEE0
    table[0x3000] = 0x20  # ideographic space
    for c in range(ord("A"), ord("Z") + 1):
        table[c] = c + 32
    for c in range(0xFF21, 0xFF3B):  # full-width A-Z -> a-z
        table[c] = c - 0xFEE0 + 32
    return table


def fold(text: str) -> str:
    """Length-preserving fold: traditional -> simplified, full-width -> ASCII, A-Z -> a-z."""
    return text.translate(_table())


@functools.lru_cache(maxsize=1)
def fold_array():
    """fold() as a numpy lookup table over the Basic Multilingual Plane."""
    import numpy as np

    arr = np.arange(0x10000, dtype=np.int64)
    for src, dst in _table().items():
        if src < 0x10000:
            arr[src] = dst
    return arr
