"""Stable anchors for blocks.

`p-` (paragraphs), `h-` (headings) or `t-` (tables) + the first 8 hex digits of the SHA-1 of the block's
white-space-folded text (runs of white space made one space, ends trimmed), so an anchor depends
on its own block only: editing another block never moves it. Exact duplicates within a
document (and, should it ever happen, two texts sharing 8 hex digits) get `-2`, `-3` … in
document order.
"""
from __future__ import annotations

import hashlib


def fold_ws(text: str) -> str:
    return " ".join(text.split())


def anchor_base(kind: str, text: str) -> str:
    prefix = {"heading": "h-", "table": "t-"}.get(kind, "p-")
    return prefix + hashlib.sha1(fold_ws(text).encode("utf-8")).hexdigest()[:8]


def assign_anchors(items) -> list[str]:
    """Anchors for (kind, text) pairs, in order."""
    seen: dict[str, int] = {}
    out = []
    for kind, text in items:
        base = anchor_base(kind, text)
        n = seen.get(base, 0) + 1
        seen[base] = n
        out.append(base if n == 1 else f"{base}-{n}")
    return out
