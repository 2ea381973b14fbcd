"""Write the chunked search index that the search worker (search/worker/*.js) reads.

Layout under site_dir/search/ (every file is a script `__zhz("<name>", "<packed json>");`,
packed.py, so it loads with a <script> element from file:// as well as with fetch() over
http; d/x.js is `__zhs("d/x", <json>);`):

  zh/base.js        first load, the same size at any corpus size but for the pages about a
                    thing (terms, phases, roles ...): those pages (id, url, title, kind,
                    other names, contextual pinyin and word starts from jieba), the page
                    count, the character table (readings by syllable, frequencies), the t2s
                    folding table and the shard parameters.
  zh/t/<n>.js       page table: url, title and kind of pages n*32 ... n*32+31, loaded for the
                    results shown.
  zh/v/<xy>.js      pinyin decoding shards: every character bigram of the corpus with its
                    count, filed under the first letters (x, y) of the two characters'
                    readings (every pair for polyphones), as " a(b<count>)*" groups. A pinyin,
                    initials or mixed query loads only the letter pairs it spells.
  zh/p/<n>.js       posting shards: CJK bigram (or latin/number token) -> the pages holding it
                    with the term's weight there (weight_level), delta-coded (encode.py);
                    shard = FNV-1a of the key's code points modulo the shard count (a power
                    of two, ~12 KB a shard).
  zh/h/<n>.js       title shards: CJK bigram -> the pages whose title holds it, with where it
                    first is in the title and the title's length (so a query's title tier is
                    known without the titles); sharded like p/.
  zh/pt/<key>-<n>.js, zh/ht/<key>-<n>.js
                    tails of long posting and title lists: a shard keeps a list's best
                    entries and where it was cut ("<head>.<length><bound><chunks>"); the
                    rest is here in chunks, loaded only when the head cannot decide the
                    results shown (impact.py).
  zh/d/<id>.js      page text by section and paragraph (with anchors) for snippets, packed
                    after the dictionary in d/x.js (packed.Packer); loaded for the top
                    results only.
  search_index.json, search_index.js
                    stubs for Material's bundle, which loads one of them before it talks to
                    the worker; they hold no documents (our worker has its own index).

Everything is written sorted and with fixed JSON settings: the same pages give the same bytes.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import os
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Iterable

import numpy as np

from .encode import bucket_of, enc, enc_many, enc_postings, fnv1a_pairs
from .fold import fold, fold_array, t2s_pairs
from .impact import HEAD_POSTINGS, HEAD_TITLES, TAIL_POSTINGS, TAIL_TITLES, chunk_starts, head_mask, split_list, tail_name
from .packed import NO_DICTIONARY, PLAIN, Packer, json_text, script as packed_script
from .page import KINDS, TYPED_KINDS, SearchPage, block_text, packed_text
from .. import forked
from ..packing import Spool, Spooled
from .pinyin import char_readings, contextual_readings, parse_overrides
from .segment import add_words, word_starts
from . import update

FORMAT = 2
_log = logging.getLogger("mkdocs.sitegen")  # (the glue's logger: MkDocs shows its INFO)
INDEX_DIR = "search/zh"
_CJK_RUN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TOKEN = re.compile(r"[a-z0-9]+")
_MAX_TOKEN = 24
_TARGET_SHARD_BYTES = 12_000
_MAX_SHARDS = 1 << 16  # 12 KB shards up to ~800 MB of heads
TABLE_PAGES = 32  # pages per page-table shard t/<n>.js (the worker has the same number)

# BM25's term weight, tf (k1 + 1) / (tf + k1 (1 - b + b len / pivot)), is computed here and
# carried by each posting as one code letter (1 .. 31): the worker then needs no page
# lengths, which would make the first load grow with the site. The pivot is the average
# page length rounded to a half power of two, so an edit seldom changes it (and with it
# every shard). The worker reads a level as level * (k1 + 1) / 31.
BM25_K1, BM25_B = 1.2, 0.4
WEIGHT_LEVELS = 31

MATERIAL_STUB = {
    "config": {"lang": ["zh"], "separator": "[\\s\\-]+", "pipeline": []},
    "docs": [],
}



def _is_cjk(cp: np.ndarray) -> np.ndarray:
    """Mask of the code points the index treats as CJK characters (same as _CJK_RUN)."""
    return (
        (cp == 0x3007)
        | ((cp >= 0x3400) & (cp < 0x4DC0))
        | ((cp >= 0x4E00) & (cp < 0xA000))
        | ((cp >= 0xF900) & (cp < 0xFB00))
    )


def _utf8_3(cp: np.ndarray) -> np.ndarray:
    """UTF-8 bytes of BMP code points >= U+0800 (three bytes each), shape (n, 3)."""
    out = np.empty((len(cp), 3), dtype=np.uint8)
    out[:, 0] = 0xE0 | (cp >> 12)
    out[:, 1] = 0x80 | ((cp >> 6) & 0x3F)
    out[:, 2] = 0x80 | (cp & 0x3F)
    return out


def _assemble(a, b, digits, dfrom, dto, quoted: bool, breaks=None):
    """Bytes of many items at once, with numpy (a Python loop per item is too slow at scale).

    quoted: '"ab":"<digits>"' + NUL per item (posting shards; NUL separates items).
    else:   items sorted by a; a group of items sharing the first character a is written
            ' ' + a + (b + <digits>)* (pinyin shards).
    a, b: code points (CJK, so three UTF-8 bytes each); digits[dfrom[i]:dto[i]] the item's
    encoded numbers. Returns (uint8 buffer, end offset of each item).
    """
    a = np.asarray(a)
    b = np.asarray(b)
    n = len(a)
    dlen = (dto - dfrom).astype(np.int64)
    if quoted:
        head = np.full(n, 10, dtype=np.int64)  # '"' a b '"' ':' '"'
        tail = 2  # '"' NUL
    else:
        group = np.r_[True, a[1:] != a[:-1]] if n else np.zeros(0, bool)
        if breaks is not None and n:
            group = group | breaks
        head = np.where(group, 7, 3).astype(np.int64)  # [' ' a] b
        tail = 0
    size = head + dlen + tail
    ends = np.cumsum(size)
    begin = ends - size
    buf = np.zeros(int(ends[-1]) if n else 0, dtype=np.uint8)
    if not n:
        return buf, ends
    ub = _utf8_3(b)
    bpos = begin + head - (6 if quoted else 3)
    for k in range(3):
        buf[bpos + k] = ub[:, k]
    if quoted:
        ua = _utf8_3(a)
        for k in range(3):
            buf[begin + 1 + k] = ua[:, k]
        buf[begin] = ord('"')
        buf[begin + 7] = ord('"')
        buf[begin + 8] = ord(":")
        buf[begin + 9] = ord('"')
        buf[ends - 2] = ord('"')
    else:
        g = np.flatnonzero(group)
        ua = _utf8_3(a[g])
        buf[begin[g]] = ord(" ")
        for k in range(3):
            buf[begin[g] + 1 + k] = ua[:, k]
    # Digits: one gather with flat indices.
    total = int(dlen.sum())
    before = np.r_[0, np.cumsum(dlen)[:-1]]
    idx = np.arange(total) - np.repeat(before, dlen)
    buf[np.repeat(begin + head, dlen) + idx] = digits[np.repeat(dfrom, dlen) + idx]
    return buf, ends


def length_pivot(mean_length: float) -> float:
    return float(2 ** (round(2 * np.log2(max(mean_length, 1.0))) / 2))


def weight_level(tf, length, pivot: float):
    """Quantized BM25 term weight of term frequencies tf in pages of these lengths (arrays
    or numbers)."""
    tf = np.asarray(tf, dtype=np.float64)
    norm = 1 - BM25_B + BM25_B * np.asarray(length, dtype=np.float64) / pivot
    weight = tf * (BM25_K1 + 1) / (tf + BM25_K1 * norm)
    return np.clip(np.rint(weight / (BM25_K1 + 1) * WEIGHT_LEVELS), 1, WEIGHT_LEVELS).astype(np.int64)


def _letters(readings: Iterable[str]) -> list[str]:
    return sorted({r[0] for r in readings if r})


class _Writer:
    """Collects files; packs and writes them in forked workers (building), or with a few
    threads (serving: file creation dominates otherwise, and zlib lets go of the GIL,
    but the rest of packing holds it). Counts what it wrote by folder."""

    def __init__(self, root: Path, workers: int = 1):
        self.root, self.workers = root, workers
        self.files = 0
        self.bytes = 0
        self.by_folder: Counter = Counter()  # folder under INDEX_DIR -> bytes written
        self.largest: Counter = Counter()  # folder -> its largest file
        self.records: dict[str, tuple] = {}  # rel -> (digest, size, inode, mtime_ns): update.py's record
        self.pending: list[tuple[str, bytes | str, bool]] = []
        self.pending_bytes = 0
        self.folders: set[Path] = set()

    def write(self, rel: str, data: bytes | str, whole: bool = False) -> None:
        """data: a file's bytes, or the JSON a search file holds (str), packed as it is
        written (packed.py). whole: replace the file in one step (`mkdocs serve` rewrites
        the index of a site being browsed: base.js is never seen half written)."""
        self.pending.append((rel, data, whole))
        self.pending_bytes += len(data)
        self.files += 1
        if self.pending_bytes > 32 << 20:  # a large index is not held whole in memory
            self.flush()

    def flush(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        for folder in sorted({(self.root / rel).parent for rel, _, _ in self.pending} - self.folders):
            folder.mkdir(parents=True, exist_ok=True)
            self.folders.add(folder)
        if forked.can_fork(self.workers, len(self.pending), _FORKED_FILES_FROM):
            runs = forked.map_runs(functools.partial(_write_run, self.root), self.pending, self.workers, self.root)
            records = [record for written, _ in runs for record in written]
        else:
            with ThreadPoolExecutor(max_workers=4) as pool:
                records = list(pool.map(functools.partial(_write_file, self.root), self.pending, chunksize=64))
        for (rel, _, _), record in zip(self.pending, records):
            self.records[rel] = record
            size = record[1]
            folder = _folder(rel)
            self.bytes += size
            self.by_folder[folder] += size
            self.largest[folder] = max(self.largest[folder], size)
        self.pending.clear()
        self.pending_bytes = 0


def _folder(rel: str) -> str:
    """'p' for search/zh/p/3.js, 'base' for search/zh/base.js."""
    inner = rel[len(INDEX_DIR) + 1:] if rel.startswith(INDEX_DIR + "/") else rel
    return inner.split("/")[0] if "/" in inner else inner.rsplit(".", 1)[0]


_FORKED_FILES_FROM = 2000  # fewer files are written sooner than processes start


def _write_run(root: Path, run: list, spool: Spool) -> list[tuple]:
    return [_write_file(root, item) for item in run]


def _write_file(root: Path, item: tuple[str, bytes | str, bool]) -> tuple:
    """Writes one file; returns its record (digest of its bytes, size, inode, mtime_ns)."""
    rel, data, whole = item
    if isinstance(data, str):
        data = packed_script(rel[len(INDEX_DIR) + 1:-len(".js")], PLAIN.pack_text(data))
    path = root / rel
    if whole:  # (a new inode: a file linked from the earlier site is never written through)
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(data)
        os.replace(partial, path)
    else:
        path.write_bytes(data)
    st = os.stat(path)
    return (hashlib.blake2b(data, digest_size=12).hexdigest(), st.st_size, st.st_ino, st.st_mtime_ns)


def version_of(records: dict[str, tuple]) -> str:
    """What ties the shards to base.js (cache busting): a hash of every other file's path
    and bytes, whatever the order they were written in (update.py writes a few)."""
    h = hashlib.sha256()
    for rel in sorted(records):
        if rel.startswith(INDEX_DIR + "/") and not rel.endswith("/base.js"):
            h.update(f"{rel}\0{records[rel][0]}\n".encode())
    return h.hexdigest()[:12]


def _title_words(pages: list[SearchPage], dictionary: list[str], overrides: dict, memo) -> dict[str, list]:
    """name -> [pinyin readings, word starts], for typed pages' titles and aliases: from
    memo when the same names were segmented with the same dictionary before."""
    names = sorted({name for page in pages if page.kind in TYPED_KINDS for name in (page.title, *page.aliases)})
    key = ("title words", tuple(sorted(dictionary)), tuple(sorted(overrides.items())), tuple(names))
    found = memo.get(key) if memo is not None else None
    if found is None:
        found = {name: [" ".join(contextual_readings(name, overrides)), word_starts(name)] for name in names}
        if memo is not None:
            memo.put(key, found)
    return found


def _share_aliases(pages: list[SearchPage]) -> list[SearchPage]:
    """Typed pages with the same title are about the same thing (a phase and its glossary
    term): each gets the other names of all of them."""
    by_title: dict[str, list[str]] = {}
    for page in pages:
        if page.kind in TYPED_KINDS:
            by_title.setdefault(fold(page.title), []).extend(page.aliases)
    out = []
    for page in pages:
        shared = by_title.get(fold(page.title)) if page.kind in TYPED_KINDS else None
        if shared:
            aliases = tuple(dict.fromkeys([*page.aliases, *shared]))
            aliases = tuple(a for a in aliases if a != page.title)
            if aliases != page.aliases:
                page = dataclasses.replace(page, aliases=aliases)
        out.append(page)
    return out


# The corpus is read in passes of about this many characters, and its postings are sorted
# in _GROUPS groups of keys (fnv1a(key) & 63, spilled to a file each), so the memory of a
# large build is bounded by one pass and a 64th of the postings, not the whole corpus. A
# shard's keys are in one group (shard & 63) from 64 shards up, in several below; either
# way its items are in key order. The output does not depend on either.
_CHUNK_CHARS = 4_000_000
_GROUPS = 64
_TF_BITS = 12  # term frequency in the low bits of a packed posting; larger ones kept aside


def _page_text(page: SearchPage, packer: Packer) -> str:
    parts = [page.title, *page.aliases]
    if page.texts:  # packed (page.packed): [anchor, title, level, [[anchor, text], ...]] a section
        for _, title, _, blocks in packer.unpack(page.packed_texts)["s"]:  # (anchors as packed: not read)
            if title and title != page.title:
                parts.append(title)
            parts.extend(map(block_text, blocks))
    for section in page.sections:
        if section.title and section.title != page.title:
            parts.append(section.title)
        parts.extend(b.text for b in section.blocks)
    return "\n".join(parts).replace("\x00", " ")


@dataclasses.dataclass
class _Scan:
    lengths: np.ndarray  # keys per page (bigrams and tokens, with repeats)
    ccount: np.ndarray  # corpus count of each BMP CJK character
    tokens: dict  # latin word or number -> Counter(page -> count)
    parts: list  # per group: where spools keep its packed postings (key << 32 | page << 12 | tf), unique (key, page)
    big_tf: dict  # (key, page) -> tf, for tf that does not fit _TF_BITS


_SCAN_FORKED_FROM = 2000  # pages: fewer are read faster than processes start


def _scan(pages: list[SearchPage], chunk_chars: int, spill_dir: Path, packer: Packer, workers: int = 1) -> _Scan:
    """Read the pages' text, a pass of whole pages at a time: each pass is one array of
    code points, folded by table lookup; CJK bigrams are integers (a << 16 | b), counted
    per page by sorting (key << 32 | page << 12). A Python loop over the ~9 M postings of
    2,000 pages would take tens of seconds; this takes a few. The postings go to a spool
    file (in spill_dir) by group, so memory holds one pass, never the whole corpus's
    (8 bytes a posting, 1.6 GB at 100,000 documents). With workers, forked processes
    read runs of pages (forked.map_runs): a group's postings are sorted whole later, so
    where each run put them does not change the index."""
    if not forked.can_fork(workers, len(pages), _SCAN_FORKED_FROM):
        return _scan_run(pages, range(len(pages)), chunk_chars, Spool(spill_dir), packer)
    out = _Scan(np.zeros(len(pages), np.int64), np.zeros(0x10000, np.int64), {}, [[] for _ in range(_GROUPS)], {})
    for run, spool in forked.map_runs(lambda run, spool: _scan_run(pages, run, chunk_chars, spool, packer, portable=True),
                                      range(len(pages)), workers, spill_dir):
        out.lengths += run.lengths
        out.ccount += run.ccount
        for token, found in run.tokens.items():
            out.tokens.setdefault(token, Counter()).update(found)
        out.big_tf.update(run.big_tf)
        for g, kept in enumerate(run.parts):
            out.parts[g].extend(Spooled(spool, offset, size) for offset, size in kept)
    return out


def _scan_run(pages: list[SearchPage], run: range, chunk_chars: int, spool: Spool, packer: Packer,
              portable: bool = False) -> _Scan:
    """_scan of the pages in `run`. portable: the spool is kept as (offset, size), for
    another process to adopt."""
    out = _Scan(np.zeros(len(pages), np.int64), np.zeros(0x10000, np.int64), {}, [[] for _ in range(_GROUPS)], {})
    lo = run.start
    while lo < run.stop:
        texts, size, hi = [], 0, lo
        while hi < run.stop and (hi == lo or size < chunk_chars):
            texts.append(_page_text(pages[hi], packer))
            size += len(texts[-1]) + 1
            hi += 1
        sizes = np.array([len(t) + 1 for t in texts], dtype=np.int64)
        cp, cjk, bmp = _folded_codes(texts)
        del texts
        out.ccount += np.bincount(cp[cjk & bmp], minlength=0x10000)[:0x10000]
        pair = cjk[:-1] & cjk[1:]
        kdocs = np.repeat(np.arange(lo, hi, dtype=np.int64), sizes)[:-1][pair]
        out.lengths[lo:hi] += np.bincount(kdocs - lo, minlength=hi - lo)
        # key = (first char << 16 | second char) << 32 | page << 12
        packed = cp[:-1][pair].astype(np.uint64) << np.uint64(48)
        packed |= cp[1:][pair].astype(np.uint64) << np.uint64(32)
        packed |= kdocs.astype(np.uint64) << np.uint64(_TF_BITS)
        del kdocs, pair
        packed.sort()
        if len(packed):
            _spill(out, packed, spool, portable)
        # Latin words and numbers (few): a plain dictionary.
        found = _tokens_at(cp)
        if found:
            starts = np.r_[0, np.cumsum(sizes)]
            tdocs = np.searchsorted(starts, [pos for pos, _ in found], side="right") - 1 + lo
            for (_, t), d in zip(found, tdocs.tolist()):
                out.tokens.setdefault(t, Counter())[d] += 1
                out.lengths[d] += 1
        lo = hi
    return out


def _folded_codes(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The texts' code points, each followed by a NUL, folded (BMP by table lookup);
    with the masks of CJK characters and of the BMP."""
    cp = np.frombuffer("".join(t + "\x00" for t in texts).encode("utf-32-le"), dtype="<u4").copy()
    bmp = cp < 0x10000
    cp[bmp] = fold_array()[cp[bmp]]
    return cp, _is_cjk(cp), bmp


def _tokens_at(cp: np.ndarray) -> list[tuple[int, str]]:
    """(position, token) of the latin words and numbers indexed in folded code points."""
    found = [(m.start(), m.group()) for m in _TOKEN.finditer(cp.tobytes().decode("utf-32-le"))]
    return [(pos, t) for pos, t in found if len(t) <= _MAX_TOKEN and (len(t) > 1 or t.isdigit())]


@dataclasses.dataclass
class PageKeys:
    """What one page adds to the index (update.py): its bigram keys (a << 16 | b) with
    their counts, its tokens with theirs, its length and its CJK characters' counts."""

    bigrams: dict[int, int]
    tokens: dict[str, int]
    length: int
    chars: dict[int, int]


def page_keys(page: SearchPage, packer: Packer) -> PageKeys:
    """_scan_run's reading of one page, as a dictionary (the same keys and counts)."""
    cp, cjk, bmp = _folded_codes([_page_text(page, packer)])
    pair = cjk[:-1] & cjk[1:]
    keys = (cp[:-1][pair].astype(np.int64) << 16) | cp[1:][pair].astype(np.int64)
    bigrams = Counter(keys.tolist())
    tokens = Counter(t for _, t in _tokens_at(cp))
    chars = Counter(cp[cjk & bmp].tolist())
    return PageKeys(dict(bigrams), dict(tokens), len(keys) + sum(tokens.values()), dict(chars))


def _spill(out: _Scan, packed: np.ndarray, spool: Spool, portable: bool) -> None:
    """One pass's sorted keys: counted into postings, kept in the spool by group."""
    at = np.flatnonzero(np.r_[True, packed[1:] != packed[:-1]])
    tf = np.diff(np.r_[at, len(packed)]).astype(np.int64)
    packed = packed[at]
    over = np.flatnonzero(tf >= 1 << _TF_BITS)
    for i in over.tolist():
        out.big_tf[int(packed[i])] = int(tf[i])
    packed |= np.minimum(tf, (1 << _TF_BITS) - 1).astype(np.uint64)
    group = fnv1a_pairs((packed >> np.uint64(48)).astype(np.int64),
                        ((packed >> np.uint64(32)) & np.uint64(0xFFFF)).astype(np.int64)) & np.uint64(_GROUPS - 1)
    group = group.astype(np.uint8)
    packed = packed[np.argsort(group, kind="stable")]  # (a radix sort: one pass, not one per group)
    bounds = np.r_[0, np.cumsum(np.bincount(group, minlength=_GROUPS))].tolist()
    for g in range(_GROUPS):
        if bounds[g + 1] > bounds[g]:
            kept = spool.keep(packed[bounds[g]:bounds[g + 1]].tobytes())
            out.parts[g].append((kept.offset, kept.size) if portable else kept)


@dataclasses.dataclass
class _Group:
    keys: np.ndarray  # uint64 a << 16 | b, ascending
    counts: np.ndarray  # corpus count of each key
    digits: np.ndarray | None  # uint8: every key's head postings then the tails, encoded (encode.py)
    dfrom: np.ndarray | None  # where each key's head starts in `digits`
    dto: np.ndarray | None
    cut: "_Cut"


@dataclasses.dataclass
class _Cut:
    """The keys whose postings were cut (impact.py): per key its index in the group, page
    count, the bound of its tail (weight level and page of the head's worst posting) and
    the digit range of each tail chunk."""

    keys: np.ndarray
    df: np.ndarray
    level: np.ndarray
    doc: np.ndarray
    chunks: np.ndarray  # tail chunks per cut key
    cfrom: np.ndarray  # per chunk, in key order
    cto: np.ndarray


def _group_postings(scan: _Scan, g: int, pivot: float, head: int = HEAD_POSTINGS) -> _Group:
    """One group's postings, sorted by key then page, delta-coded, with weight levels; a
    long list keeps its best `head` in the shard and the rest as tail chunks."""
    parts, scan.parts[g] = scan.parts[g], None
    packed = np.empty(sum(p.size for p in parts) // 8, dtype=np.uint64)
    at = 0
    for part in parts:
        part.read_into(memoryview(packed).cast("B")[at:at + part.size])
        at += part.size
    del parts
    packed.sort()
    fkeys = packed >> np.uint64(32)
    fdocs = ((packed >> np.uint64(_TF_BITS)) & np.uint64(0xFFFFF)).astype(np.int64)
    ftf = (packed & np.uint64((1 << _TF_BITS) - 1)).astype(np.int64)
    if scan.big_tf:
        for i in np.flatnonzero(ftf == (1 << _TF_BITS) - 1).tolist():
            ftf[i] = scan.big_tf.get(int(packed[i]) & ~((1 << _TF_BITS) - 1), ftf[i])
    del packed
    empty = np.zeros(0, np.int64)
    if not len(fkeys):
        return _Group(np.zeros(0, np.uint64), empty, np.zeros(0, np.uint8), empty, empty,
                      _Cut(empty, empty, empty, empty, empty, empty, empty))
    starts = np.flatnonzero(np.r_[True, fkeys[1:] != fkeys[:-1]])
    sizes = np.diff(np.r_[starts, len(fkeys)]).astype(np.int64)
    keys = fkeys[starts]
    del fkeys
    counts = np.add.reduceat(ftf, starts)
    levels = weight_level(ftf, scan.lengths[fdocs], pivot)
    del ftf
    keep, long, last = head_mask(sizes, WEIGHT_LEVELS - levels, head)
    hsizes = sizes.copy()
    hsizes[long] = head
    tsizes = sizes[long] - head
    # Head postings (key by key), then the tails: each delta-coded from its key's or chunk's start.
    order = np.r_[np.flatnonzero(keep), np.flatnonzero(~keep)]
    docs = fdocs[order]
    restart = np.r_[chunk_starts(hsizes, int(hsizes.max()) + 1), chunk_starts(tsizes, TAIL_POSTINGS)]
    delta = np.diff(docs, prepend=0)
    delta[restart] = docs[restart]
    nums = np.empty(2 * len(delta), dtype=np.int64)
    nums[0::2] = delta
    nums[1::2] = levels[order]
    digits, num_ends = enc_many(nums, as_bytes=True)
    num_ends = np.r_[0, num_ends]
    hstart = np.r_[0, np.cumsum(hsizes)]
    nhead = int(hstart[-1])
    cstart = np.r_[nhead + np.flatnonzero(restart[nhead:]), len(docs)]
    cut = _Cut(long, sizes[long], levels[last], fdocs[last], -(-tsizes // TAIL_POSTINGS),
               num_ends[2 * cstart[:-1]], num_ends[2 * cstart[1:]])
    return _Group(keys, counts, digits, num_ends[2 * hstart[:-1]], num_ends[2 * hstart[1:]], cut)


def write_index(
    pages: list[SearchPage],
    site_dir: Path,
    dictionary: list[str],
    pinyin_overrides: dict[str, str] | None = None,
    chunk_chars: int = _CHUNK_CHARS,
    memo=None,
    head_postings: int = HEAD_POSTINGS,
    head_titles: int = HEAD_TITLES,
    workers: int = 1,
    texts: Packer | None = None,
    earlier: Path | None = None,
    state_file: Path | None = None,
    salt: str = "",
) -> dict:
    """Write every search file under site_dir/search/ and return
    {files, bytes, first_load_bytes, pages, shards: {...}}.

    dictionary: glossary terms and variants, added to jieba (kept whole when titles are
    segmented). pinyin_overrides: term -> "space separated syllables" for polyphones.
    chunk_chars: page text read per pass (memory; the output does not depend on it).
    memo: get/put (cache.disk.DiskCache): keeps the titles' pinyin and word starts for the
    next build, which then need not load jieba (about a second) when no title changed.
    head_postings, head_titles: entries of a long list kept in its shard (impact.py).
    workers: processes that read the pages' text (forked: not while serving).
    texts: how the pages' texts are packed (d/, packed.py), with the dictionary they
    were packed after; the pages packed already (page.packed) used the same.
    state_file: where the index's record is kept for the next build (update.py); with
    earlier, the folder of the site the record describes (site_dir itself when serving),
    an edit of a few pages' texts updates that index instead of making it whole.
    salt: what else the record must match (the build's code).
    """
    # Over 60 lines only by the figures it returns (a third of it); each stage is a function.
    site_dir = Path(site_dir)
    overrides = parse_overrides(pinyin_overrides)
    add_words(list(dictionary) + list(overrides))
    pages = _share_aliases(sorted(pages, key=lambda p: p.url))
    urls = [p.url for p in pages]
    if len(set(urls)) != len(urls):
        dup = sorted({u for u in urls if urls.count(u) > 1})
        raise ValueError(f"search: duplicate page urls {dup[:5]}")

    texts = texts or NO_DICTIONARY
    params = json_text([FORMAT, sorted(dictionary), sorted(overrides.items()), head_postings, head_titles,
                        texts.digest, salt])
    if state_file:  # (their texts are digested for the record, then written: packed once)
        pages = [page.packed(packer=texts) for page in pages]
    digests = [update.text_digest(p, texts) for p in pages] if state_file else []
    done = _updated(pages, site_dir, earlier, state_file, params, digests, texts, head_postings,
                    functools.partial(_title_words, dictionary=list(dictionary), overrides=overrides, memo=memo))
    if done is not None:
        return done

    out_root = site_dir / INDEX_DIR
    if out_root.exists():
        shutil.rmtree(out_root)
    writer = _Writer(site_dir, workers)

    # Full text: keys per page and corpus statistics, read in passes (memory bounded).
    if len(pages) >= 1 << 20:
        raise ValueError("search: more than a million pages")
    site_dir.mkdir(parents=True, exist_ok=True)
    text = _scan(pages, chunk_chars, site_dir, texts, workers)
    lengths = text.lengths
    pivot = length_pivot(float(lengths.mean()) if len(lengths) else 0.0)
    token_postings: dict[str, list[int]] = {}
    for t in sorted(text.tokens):
        docs = sorted(text.tokens[t])
        levels = weight_level([text.tokens[t][d] for d in docs], lengths[docs], pivot).tolist()
        token_postings[t] = [x for d, level in zip(docs, levels) for x in (d, level)]
    groups = []
    for g in range(_GROUPS):
        groups.append(_group_postings(text, g, pivot, head_postings))
        _write_tails(writer, groups[-1])
    char_count = _char_counts(text.ccount, pages)
    ccount = text.ccount
    del text

    postings = _write_postings(writer, groups, token_postings, head_postings)
    del groups  # (the keys and counts the pinyin shards need are in postings)
    vocab = _write_pinyin_shards(writer, char_count, postings)
    _write_texts(writer, pages, texts)
    _write_table(writer, pages)
    titles = _write_title_shards(writer, pages, head_titles)
    words = _title_words(pages, list(dictionary), overrides, memo)
    _write_base(writer, pages, words, char_count, postings, vocab, titles)

    stub = json.dumps(MATERIAL_STUB, separators=(",", ":"), sort_keys=True)
    writer.write("search/search_index.json", stub.encode(), whole=True)
    writer.write("search/search_index.js", f"var __index = {stub};\n".encode(), whole=True)
    writer.flush()

    size = writer.by_folder
    stats = {
        "files": writer.files,
        "bytes": writer.bytes,
        "first_load_bytes": size["base"],
        "pages": len(pages),
        "shards": {
            "postings": postings.nshards,
            "postings_bytes": size["p"],
            "tails_bytes": size["pt"] + size["ht"],
            "pinyin": len(vocab.names),
            "pinyin_bytes": size["v"],
            "texts_bytes": size["d"],
            "table_bytes": size["t"],
            "titles": titles.nshards,
            "titles_bytes": size["h"],
        },
        "keys": postings.nkeys + len(token_postings),
        "max_postings_shard": writer.largest["p"],
        "max_pinyin_shard": writer.largest["v"],
        "chars": len(vocab.chars),
        "avg_page_keys": round(float(lengths.mean()) if len(lengths) else 0.0, 1),
    }
    if state_file is not None:
        update.save(state_file, update.IndexState(
            params, urls, [update.page_names(p) for p in pages], digests, lengths, ccount, pivot, postings.nshards,
            postings.total, titles.nshards, vocab.names, writer.records, stats))
    return stats


def _updated(pages, site_dir: Path, earlier: Path | None, state_file: Path | None, params: str,
             digests: list[str], texts: Packer, head: int, words_of) -> dict | None:
    """The index updated from the earlier one (update.py), or None: make it whole. The
    record is dropped first, so an update cut short is never taken for a whole index."""
    state = update.load(state_file) if state_file is not None and earlier is not None else None
    update.forget(state_file)
    if state is None:
        return None
    try:
        changed = update.changed_pages(state, pages, digests, params)
        update.link_earlier(state, Path(earlier), site_dir)
        stats, new = update.update_index(state, pages, changed, Path(earlier), site_dir, texts, head,
                                         words_of, digests)
    except (update.Stale, OSError, ValueError, KeyError, IndexError) as why:  # (an earlier file not as written)
        _log.info(f"sitegen: search index made whole ({why})")
        return None
    update.save(state_file, new)
    _log.info(f"sitegen: search index updated ({len(changed)} pages changed, {stats['updated']['files']} files written)")
    return stats


def _char_counts(ccount, pages: list[SearchPage]) -> Counter:
    """Character frequencies in the corpus (titles and aliases add characters with frequency 0)."""
    char_count: Counter = Counter()
    for c in np.flatnonzero(ccount).tolist():
        char_count[chr(c)] = int(ccount[c])
    for page in pages:
        for title in (page.title, *page.aliases):
            for run in _CJK_RUN.findall(fold(title)):
                for c in run:
                    char_count.setdefault(c, 0)
    return char_count


@dataclasses.dataclass
class _Postings:
    """What writing the posting shards leaves for the rest: their figures, and every
    character-pair key (a, b sorted) with its corpus count, for the pinyin shards."""

    nshards: int
    nkeys: int
    total: int  # the shards' estimated bytes the shard count was chosen from (shard_count)
    ka: np.ndarray
    kb: np.ndarray
    counts: np.ndarray


def shard_count(total: int) -> int:
    """Posting shards for `total` estimated bytes: a power of two, near _TARGET_SHARD_BYTES each."""
    nshards = 8
    while nshards < _MAX_SHARDS and total / nshards > _TARGET_SHARD_BYTES:
        nshards *= 2
    return nshards


def key_bytes(key: str, head_digits: int, entries: int, head: int) -> int:
    """What a key adds to the estimate shard_count is given: a bigram its head's digits
    and 12, a latin token its length, 4 a head posting and 6."""
    return head_digits + 12 if not key.isascii() else len(key) + 4 * min(entries, head) + 6


def _write_postings(writer: "_Writer", groups: list, token_postings: dict[str, list[int]], head: int) -> _Postings:
    """The posting shards p/<i>.js, as many as keep each near _TARGET_SHARD_BYTES, and the
    tails pt/<key>-<n>.js of the lists cut (impact.py)."""
    nkeys = sum(len(g.keys) for g in groups)
    total = sum(int((g.dto - g.dfrom).sum()) for g in groups) + 12 * nkeys
    total += sum(key_bytes(k, 0, len(v) // 2, head) for k, v in token_postings.items())
    nshards = shard_count(total)
    extra: list[list[str]] = [[] for _ in range(nshards)]
    for tok in sorted(token_postings):
        item, tails = _cut_item(tok, list(zip(token_postings[tok][0::2], token_postings[tok][1::2])), head)
        extra[bucket_of(tok, nshards)].append(item)
        for name, text in tails:
            writer.write(f"{INDEX_DIR}/{name}.js", json_text(text))
    whole_items: list[list[list[str]]] = [[] for _ in range(nshards)]  # per shard, per group: items in key order
    cut_items: list[list[str]] = [[] for _ in range(nshards)]
    for g, group in enumerate(groups):
        # Every shard of this group: items '"ab":"<digits>"' in key order, assembled as
        # bytes with numpy; the cut keys' items (few) as strings.
        ka, kb = (group.keys >> np.uint64(16)).astype(np.int64), (group.keys & np.uint64(0xFFFF)).astype(np.int64)
        _cut_heads(group, ka, kb, nshards, cut_items)
        shard_of = (fnv1a_pairs(ka, kb) & np.uint64(nshards - 1)).astype(np.int64)
        whole = np.ones(len(ka), dtype=bool)
        whole[group.cut.keys] = False
        order = np.flatnonzero(whole)
        order = order[np.argsort(shard_of[order], kind="stable")]
        body, item_ends = _assemble(ka[order], kb[order], group.digits, group.dfrom[order], group.dto[order], quoted=True)
        shard_bounds = np.searchsorted(shard_of[order], np.arange(nshards + 1))
        item_ends = np.r_[0, item_ends]
        for i in range(g % nshards, nshards, _GROUPS):
            chunk = body[item_ends[shard_bounds[i]]:item_ends[shard_bounds[i + 1]]].tobytes().decode("utf-8")
            if chunk:
                whole_items[i].append(chunk[:-1].split("\x00"))
        group.digits = group.dfrom = group.dto = None  # assembled: free them
    for i in range(nshards):
        parts = whole_items[i]
        items = parts[0] if len(parts) == 1 else sorted(item for part in parts for item in part)  # ('"ab":…': key order)
        items = [*items, *extra[i], *sorted(cut_items[i])]
        whole_items[i] = cut_items[i] = None
        writer.write(f"{INDEX_DIR}/p/{i}.js", f'{{{",".join(items)}}}')
    # Every key, sorted (a, then b), with its corpus count: for the pinyin shards.
    keys = np.concatenate([g.keys for g in groups]) if groups else np.zeros(0, np.uint64)
    counts = np.concatenate([g.counts for g in groups]) if groups else np.zeros(0, np.int64)
    by_key = np.argsort(keys, kind="stable")
    keys, counts = keys[by_key], counts[by_key]
    ka, kb = (keys >> np.uint64(16)).astype(np.int64), (keys & np.uint64(0xFFFF)).astype(np.int64)
    return _Postings(nshards, nkeys, total, ka, kb, counts)


def _cut_mark(count: int, *bound: int, chunks: int) -> str:
    """What a cut list's head ends with: '.' then its full length, the bound of its tail
    (the head's worst entry) and its number of tail chunks."""
    return "." + "".join(enc(int(n)) for n in (count, *bound, chunks))


def _write_tails(writer: "_Writer", group: _Group) -> None:
    """A group's tail chunks, each a file, written as soon as the group is sorted: then the
    group keeps only its heads' digits (the tails hold most postings of a large corpus)."""
    cut, digits, chunk = group.cut, group.digits, 0
    for i, k in enumerate(cut.keys.tolist()):
        key = chr(int(group.keys[k] >> np.uint64(16))) + chr(int(group.keys[k] & np.uint64(0xFFFF)))
        for c in range(int(cut.chunks[i])):
            name = f"pt/{tail_name(key)}-{c}"
            text = digits[cut.cfrom[chunk]:cut.cto[chunk]].tobytes().decode("ascii")
            writer.write(f"{INDEX_DIR}/{name}.js", f'"{text}"')
            chunk += 1
    group.digits = digits[:int(group.dto.max()) if len(group.dto) else 0].copy()  # (heads come first)


def _cut_heads(group: _Group, ka, kb, nshards: int, extra: list[list[str]]) -> None:
    """A group's cut keys: the head (and its cut mark) among its shard's items."""
    cut, digits = group.cut, group.digits
    for i, k in enumerate(cut.keys.tolist()):
        key = chr(ka[k]) + chr(kb[k])
        head = digits[group.dfrom[k]:group.dto[k]].tobytes().decode("ascii")
        mark = _cut_mark(cut.df[i], cut.level[i], cut.doc[i], chunks=int(cut.chunks[i]))
        extra[bucket_of(key, nshards)].append(f'"{key}":"{head}{mark}"')


def _cut_item(key: str, entries: list[tuple[int, int]], head: int) -> tuple[str, list[tuple[str, str]]]:
    """A latin token's item (its postings [(page, level)] cut like the bigrams') and tails."""
    top, rest, last = split_list(entries, lambda e: WEIGHT_LEVELS - e[1], head)
    digits = enc_postings([x for e in top for x in e])
    if last is None:
        return f'"{key}":"{digits}"', []
    chunks = [rest[i:i + TAIL_POSTINGS] for i in range(0, len(rest), TAIL_POSTINGS)]
    mark = _cut_mark(len(entries), last[1], last[0], chunks=len(chunks))
    return f'"{key}":"{digits}{mark}"', [
        (f"pt/{tail_name(key)}-{c}", enc_postings([x for e in ch for x in e])) for c, ch in enumerate(chunks)]


@dataclasses.dataclass
class _Vocab:
    """The character table and the pinyin-decoding shards v/<letters>.js written."""

    chars: list[str]  # by frequency
    by_syllable: dict[str, list[str]]
    names: list[str]  # shard names (letter pairs), sorted


def char_table(char_count: Counter) -> tuple[list[str], dict[str, list[str]], dict[str, list[str]]]:
    """The characters by frequency, each one's readings, and the characters of each
    syllable in frequency order."""
    chars = sorted(char_count, key=lambda c: (-char_count[c], c))
    readings = {c: char_readings(c) for c in chars}
    by_syllable: dict[str, list[str]] = {}
    for c in chars:  # frequency order inside each syllable
        for r in readings[c]:
            by_syllable.setdefault(r, []).append(c)
    return chars, readings, by_syllable


def _write_pinyin_shards(writer: "_Writer", char_count: Counter, postings: _Postings) -> _Vocab:
    """Every character pair filed under the first letters of its characters' readings."""
    ka, kb, counts = postings.ka, postings.kb, postings.counts
    chars, readings, by_syllable = char_table(char_count)
    # Every bigram is filed under each (first letter of a reading of a, of b) pair.
    letter_sets = sorted({"".join(_letters(readings[c])) for c in chars})
    set_id = np.full(0x10000, -1, dtype=np.int64)
    for c in chars:
        if ord(c) < 0x10000 and _letters(readings[c]):
            set_id[ord(c)] = letter_sets.index("".join(_letters(readings[c])))
    sa, sb = set_id[ka], set_id[kb]
    ok = (sa >= 0) & (sb >= 0)
    vcount_str, vcount_ends = enc_many(counts)
    vcount_ends = np.r_[0, vcount_ends]
    vbig = np.frombuffer(vcount_str.encode("ascii"), np.uint8)
    names, rows = [], []
    combo = np.where(ok, sa * len(letter_sets) + sb, -1)
    corder = np.argsort(combo, kind="stable")
    cbounds = np.flatnonzero(np.r_[True, combo[corder][1:] != combo[corder][:-1], True]) if len(combo) else np.zeros(0, np.int64)
    for lo, hi in zip(cbounds[:-1].tolist(), cbounds[1:].tolist()):
        c = int(combo[corder[lo]])
        if c < 0:
            continue
        la, lb = letter_sets[c // len(letter_sets)], letter_sets[c % len(letter_sets)]
        sel = corder[lo:hi]
        for x in la:
            for y in lb:
                names.append(x + y)
                rows.append(sel)
    vocab_rows: dict[str, list] = {}
    for name, sel in zip(names, rows):
        vocab_rows.setdefault(name, []).append(sel)
    vnames = sorted(vocab_rows)
    vsel = [np.sort(np.concatenate(vocab_rows[name])) for name in vnames]  # by a, then b
    vcounts = np.array([len(x) for x in vsel], dtype=np.int64)
    allsel = np.concatenate(vsel) if vsel else np.zeros(0, np.int64)
    vbucket = np.repeat(np.arange(len(vnames)), vcounts)
    # One pass for all shards: groups restart at every shard boundary.
    chunk, vends = _assemble(ka[allsel], kb[allsel], vbig, vcount_ends[allsel], vcount_ends[allsel + 1],
                             quoted=False, breaks=np.r_[True, vbucket[1:] != vbucket[:-1]] if len(vbucket) else None)
    vends = np.r_[0, vends]
    vbounds = np.r_[0, np.cumsum(vcounts)]
    for i, name in enumerate(vnames):
        text = chunk[vends[vbounds[i]]:vends[vbounds[i + 1]]].tobytes().decode("utf-8").lstrip()
        writer.write(f"{INDEX_DIR}/v/{name}.js", f'"{text}"')
    return _Vocab(chars, by_syllable, vnames)


def _write_texts(writer: "_Writer", pages: list[SearchPage], texts: Packer) -> None:
    """Each page's sections and blocks, d/<n>.js (packed after the dictionary, d/x.js):
    fetched for the snippets of its results."""
    writer.write(f"{INDEX_DIR}/d/x.js", _plain_script("d/x", [len(texts.dictionary), texts.prefix]))
    for doc, page in enumerate(pages):
        writer.write(f"{INDEX_DIR}/d/{doc}.js", packed_script(f"d/{doc}", packed_text(page, texts)))


def _plain_script(name: str, obj) -> bytes:
    """A search file the worker reads as it is (the dictionary: packing it gains nothing)."""
    return f'__zhs("{name}",{json_text(obj)});\n'.encode("utf-8")


def _write_table(writer: "_Writer", pages: list[SearchPage]) -> None:
    """The page table t/<n>.js: [url, title, kind] of TABLE_PAGES pages each."""
    for n in range(0, len(pages), TABLE_PAGES):
        rows = [[p.url, p.title, KINDS.index(p.kind)] for p in pages[n:n + TABLE_PAGES]]
        writer.write(f"{INDEX_DIR}/t/{n // TABLE_PAGES}.js", json_text(rows))


@dataclasses.dataclass
class _Titles:
    nshards: int


def _title_bigrams(title: str) -> dict[str, tuple[int, int]]:
    """CJK bigram of a folded title -> (first position, title length), in UTF-16 units as the
    worker counts them."""
    folded = fold(title)
    units = [0]
    for ch in folded:
        units.append(units[-1] + (2 if ord(ch) > 0xFFFF else 1))
    out: dict[str, tuple[int, int]] = {}
    for run in _CJK_RUN.finditer(folded):
        for i in range(run.start(), run.end() - 1):
            out.setdefault(folded[i:i + 2], (units[i], units[-1]))
    return out


def _write_title_shards(writer: "_Writer", pages: list[SearchPage], head: int) -> _Titles:
    """h/<n>.js: bigram -> (page, first position, title length) for pages not in base (the
    pages about a thing are matched on their names there). A bigram in many titles keeps
    the `head` that rank first (at the title's start, then shortest) and tails ht/<key>-<n>.js."""
    by_key: dict[str, list[tuple[int, int, int]]] = {}
    size = 0
    for doc, page in enumerate(pages):
        if page.kind in TYPED_KINDS:
            continue
        for key, (at, length) in _title_bigrams(page.title).items():
            by_key.setdefault(key, []).append((doc, at, length))
            size += 5 if len(by_key[key]) <= head else 0
    nshards = 8
    while nshards < _MAX_SHARDS and size / nshards > _TARGET_SHARD_BYTES:
        nshards *= 2
    shards: list[dict[str, str]] = [{} for _ in range(nshards)]
    for key in sorted(by_key):
        top, rest, last = split_list(by_key[key], lambda e: (e[1] != 0, e[2]), head)
        shards[bucket_of(key, nshards)][key] = _title_digits(top) + (
            "" if last is None else _cut_mark(len(by_key[key]), int(last[1] != 0), last[2], last[0],
                                              chunks=-(-len(rest) // TAIL_TITLES)))
        for c in range(0, len(rest), TAIL_TITLES):
            name = f"ht/{tail_name(key)}-{c // TAIL_TITLES}"
            writer.write(f"{INDEX_DIR}/{name}.js", json_text(_title_digits(rest[c:c + TAIL_TITLES])))
    for i, shard in enumerate(shards):
        writer.write(f"{INDEX_DIR}/h/{i}.js", json_text(shard))
    return _Titles(nshards)


def _title_digits(entries: list[tuple[int, int, int]]) -> str:
    out, prev = [], 0
    for doc, at, length in entries:
        out.append(enc(doc - prev) + enc(at) + enc(length))
        prev = doc
    return "".join(out)


def _write_base(writer: "_Writer", pages: list[SearchPage], words: dict, char_count: Counter,
                postings: _Postings, vocab: _Vocab, titles: _Titles) -> None:
    """base.js, the first load: the pages about a thing with their names, the character
    table and what names the shards. Other pages are in t/ and h/ (the first load does not
    grow with the documents)."""
    typed = []
    for doc, page in enumerate(pages):
        if page.kind in TYPED_KINDS:
            names = [[name, *words[name]] for name in (page.title, *page.aliases)]
            typed.append([doc, page.url, page.title, KINDS.index(page.kind), names])
    pairs = t2s_pairs()
    base = {
        "format": FORMAT,
        "kinds": list(KINDS),
        "typed": sorted(KINDS.index(k) for k in TYPED_KINDS),
        "npages": len(pages),
        "pages": typed,
        "table": TABLE_PAGES,
        "levels": [WEIGHT_LEVELS, BM25_K1],
        "pshards": postings.nshards,
        "hshards": titles.nshards,
        "vshards": vocab.names,
        "syl": {r: "".join(cs) for r, cs in sorted(vocab.by_syllable.items())},
        "chars": "".join(vocab.chars),
        "counts": "".join(enc(char_count[c]) for c in vocab.chars),
        "total": sum(char_count.values()),
        "t2s": ["".join(s for s, _ in pairs), "".join(d for _, d in pairs)],
    }
    writer.flush()
    base["version"] = version_of(writer.records)
    writer.write(f"{INDEX_DIR}/base.js", json_text(base), whole=True)
    writer.flush()
