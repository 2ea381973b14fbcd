"""Compact number lists for the index files (hand-written: no library writes this format).

A number is written in base 32, most significant digit first; every digit but the last comes
from CONT, the last from TERM. Both alphabets are plain ASCII that needs no escaping in JSON
or JavaScript, so a posting list is an ordinary string in a `.js` file that also loads from
file:// (no fetch/XHR, no binary). The worker decodes it with the same two alphabets.
"""
from __future__ import annotations

import numpy as np

TERM = "0123456789abcdefghijklmnopqrstuv"
CONT = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
assert len(TERM) == 32 and len(CONT) == 32 and not set(TERM) & set(CONT)

_SMALL = []
for _n in range(32 * 32 * 4):
    _d = []
    _x = _n
    _d.append(TERM[_x & 31])
    _x >>= 5
    while _x:
        _d.append(CONT[_x & 31])
        _x >>= 5
    _SMALL.append("".join(reversed(_d)))
_NSMALL = len(_SMALL)


def enc(n: int) -> str:
    if n < _NSMALL:
        return _SMALL[n]
    digits = [TERM[n & 31]]
    n >>= 5
    while n:
        digits.append(CONT[n & 31])
        n >>= 5
    return "".join(reversed(digits))


def enc_postings(flat: list[int]) -> str:
    """[doc, value, doc, value, ...] with ascending docs -> deltas and values, encoded."""
    out = []
    prev = 0
    small = _SMALL
    for i in range(0, len(flat), 2):
        d = flat[i] - prev
        prev = flat[i]
        t = flat[i + 1]
        out.append(small[d] if d < _NSMALL else enc(d))
        out.append(small[t] if t < _NSMALL else enc(t))
    return "".join(out)


def dec(s: str) -> list[int]:
    """Inverse of a concatenation of enc() (used by tests)."""
    out, cur = [], 0
    for ch in s:
        i = TERM.find(ch)
        if i >= 0:
            out.append(cur * 32 + i)
            cur = 0
        else:
            cur = cur * 32 + CONT.index(ch)
    return out


FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193


def fnv1a(key: str) -> int:
    """FNV-1a (32 bit) over the key's code points; the worker computes the same."""
    h = FNV_OFFSET
    for ch in key:
        h = ((h ^ ord(ch)) * FNV_PRIME) & 0xFFFFFFFF
    return h


def fnv1a_pairs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """fnv1a() of many two-character keys at once (code point arrays a and b)."""
    h = ((np.uint64(FNV_OFFSET) ^ a.astype(np.uint64)) * np.uint64(FNV_PRIME)) & np.uint64(0xFFFFFFFF)
    return ((h ^ b.astype(np.uint64)) * np.uint64(FNV_PRIME)) & np.uint64(0xFFFFFFFF)


def bucket_of(key: str, buckets: int) -> int:
    """Shard number of a key (buckets is a power of two)."""
    return fnv1a(key) & (buckets - 1)


_TERM_B = np.frombuffer(TERM.encode(), dtype=np.uint8)
_CONT_B = np.frombuffer(CONT.encode(), dtype=np.uint8)


def enc_many(x: np.ndarray, as_bytes: bool = False) -> tuple[str, np.ndarray]:
    """Encode many numbers at once: (the concatenation, end offset of each number);
    as_bytes: the concatenation as a uint8 array (ASCII), not a str."""
    x = np.asarray(x, dtype=np.int64)
    ndig = np.ones(len(x), dtype=np.int8)
    limit = 32
    big = x >= limit
    while big.any():
        ndig += big
        limit *= 32
        big = x >= limit
    ends = np.cumsum(ndig, dtype=np.int64)
    buf = np.empty(int(ends[-1]) if len(ends) else 0, dtype=np.uint8)
    buf[ends - 1] = _TERM_B[x & 31]
    j = 1
    rest = np.flatnonzero(ndig > 1)
    while len(rest):
        buf[ends[rest] - 1 - j] = _CONT_B[(x[rest] >> (5 * j)) & 31]
        j += 1
        rest = rest[ndig[rest] > j]
    return (buf if as_bytes else buf.tobytes().decode("ascii")), ends


_DIGIT = np.full(128, -1, dtype=np.int64)
_DIGIT[_TERM_B] = np.arange(32)
_DIGIT[_CONT_B] = np.arange(32)


def dec_many(s: str) -> np.ndarray:
    """dec() with numpy: the numbers of a concatenation of enc() (long lists, update.py)."""
    raw = np.frombuffer(s.encode("ascii"), dtype=np.uint8)
    if not len(raw):
        return np.zeros(0, np.int64)
    digit = _DIGIT[raw]
    if (digit < 0).any():
        raise ValueError("not an encoded number list")
    ends = np.flatnonzero(np.isin(raw, _TERM_B))
    if not len(ends) or ends[-1] != len(raw) - 1:
        raise ValueError("an encoded number list cut short")
    starts = np.r_[0, ends[:-1] + 1]
    power = np.repeat(ends, np.diff(np.r_[starts, len(raw)])) - np.arange(len(raw))  # digits after each
    return np.add.reduceat(digit << (5 * power), starts)
