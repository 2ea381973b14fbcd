"""Long lists cut into a head of their best entries and tails (impact ordering, as search
engines keep long posting lists; hand-written, no library writes our shard format).

A key that most pages hold (整改 in a campaign's documents) has a posting list that grows
with the corpus: 270 KB at 100,000 pages. Its shard keeps only the head, the HEAD entries
that rank first; the rest is a tail in chunks of TAIL entries (pt/ and ht/<name>-<n>.js), in page
order. The head says where it was cut, so the worker knows the best an entry of the tail
can score, and loads the tail only when the head cannot decide the results it shows.
"""
from __future__ import annotations

import numpy as np

HEAD_POSTINGS = 1024  # best postings of a key kept in its shard
TAIL_POSTINGS = 8192  # postings per tail chunk
HEAD_TITLES = 256  # title entries of a bigram kept in its h/ shard
TAIL_TITLES = 4096


def head_mask(sizes: np.ndarray, worse: np.ndarray, head: int):
    """Entries grouped by key (sizes[k] entries for key k, contiguous); worse: per entry, a
    number 0..31 that is lower for a better entry (ties are broken by position).
    Returns (keep: bool per entry, long: the keys cut, last: per long key the index of its
    head's worst entry (the bound of its tail))."""
    sizes = np.asarray(sizes, dtype=np.int64)
    keep = np.ones(int(sizes.sum()), dtype=bool)
    long = np.flatnonzero(sizes > head)
    if not len(long):
        return keep, long, np.zeros(0, np.int64)
    starts = np.cumsum(sizes) - sizes
    lsizes = sizes[long]
    lstart = np.cumsum(lsizes) - lsizes
    within = np.arange(int(lsizes.sum())) - np.repeat(lstart, lsizes)
    entries = np.repeat(starts[long], lsizes) + within
    group = np.repeat(np.arange(len(long), dtype=np.int64), lsizes)
    # one sort of (key, worse, position): a position within a key fits 26 bits, worse 5
    order = np.argsort((group << 31) | (np.asarray(worse)[entries].astype(np.int64) << 26) | within)
    ranked = entries[order]
    keep[ranked[within >= head]] = False  # `within` of the sorted order is the rank
    return keep, long, ranked[lstart + head - 1]


def chunk_starts(sizes: np.ndarray, chunk: int) -> np.ndarray:
    """bool per entry: the first of its key or of a chunk of `chunk` entries within its key."""
    sizes = np.asarray(sizes, dtype=np.int64)
    within = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return within % chunk == 0


def split_list(entries: list[tuple], worse, head: int) -> tuple[list[tuple], list[tuple], tuple | None]:
    """The same cut for a list in Python (latin tokens, titles): entries in page order ->
    (head in page order, tail in page order, the head's worst entry or None if not cut)."""
    if len(entries) <= head:
        return entries, [], None
    ranked = sorted(range(len(entries)), key=lambda i: (worse(entries[i]), i))
    chosen = set(ranked[:head])
    return ([e for i, e in enumerate(entries) if i in chosen],
            [e for i, e in enumerate(entries) if i not in chosen], entries[ranked[head - 1]])


def tail_name(key: str) -> str:
    """File stem of a key's tail: hex code points for CJK (four digits each), t<token> for
    latin words and numbers (which are [a-z0-9]: no clash with the hex names)."""
    if key.isascii():
        return "t" + key
    return "".join(f"{ord(c):04x}" for c in key)
