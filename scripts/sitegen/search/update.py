"""An edit costs the search index what it touches: the shards of the changed pages' keys,
their texts and base.js, not the whole index.

A full write_index leaves a record (IndexState, in the build cache): every page's url,
names and text digest, its length, the corpus's character counts, the shard parameters,
and each file written with its digest, size, inode and modification time. The next build
with the same pages (urls, titles, kinds) but a few texts changed starts from the
earlier site's index instead of making it again: every file is linked from there
(checked untouched against the record), then for each changed page

- its keys before (from its earlier d/ file) and after are read (index.page_keys); a
  key where its posting keeps the same weight is left alone;
- the posting list of each of those keys is read whole from the earlier files (the
  head in its shard, the tail chunks) and the page's posting replaced; the list is cut
  and encoded as a full build would (same head, same tail chunks); the files that
  changed are written, the rest stay linked;
- the pinyin shards get the keys' new corpus counts; d/<n>.js its new text;
- base.js is written again (character counts, the version).

Anything the record does not allow to be updated this way makes a full build instead:
pages added, removed, renamed or retitled; the length pivot or the shard count moving;
a pinyin shard new or emptied; too many pages changed; an earlier file not as recorded. The result is the same bytes as a full build (tested on random edits).

Written by hand: no library updates our shard format.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import re
from collections import Counter
from pathlib import Path

import numpy as np

from . import index as ix
from .encode import bucket_of, dec, dec_many, enc, enc_many, enc_postings
from .impact import TAIL_POSTINGS, tail_name
from .packed import Packer, json_text, read_script, script as packed_script
from .page import SearchPage, packed_text
from .pinyin import char_readings

STATE_FORMAT = 1
MIN_CHANGED = 16  # pages an update may change whatever the corpus size ...
CHANGED_SHARE = 0.01  # ... or this share of them: more, and a full build is as quick


@dataclasses.dataclass
class IndexState:
    params: str  # what else the index depends on (index.write_index: the dictionary, the heads ...)
    urls: list[str]
    names: list[tuple]  # per page (kind, title, aliases)
    digests: list[str]  # per page, its text's (text_digest)
    lengths: np.ndarray
    ccount: np.ndarray
    pivot: float
    nshards: int
    total: int  # index.shard_count's estimate
    hshards: int
    vnames: list[str]
    records: dict[str, tuple]  # site path -> (digest, size, inode, mtime_ns)
    stats: dict  # what the full write_index returned


def text_digest(page: SearchPage, packer: Packer) -> str:
    return hashlib.blake2b(packed_text(page, packer).encode("ascii"), digest_size=12).hexdigest()


def load(path: Path) -> IndexState | None:
    """The record a full build left (the build cache is ours: a pickle)."""
    try:
        with open(path, "rb") as f:
            saved = pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
        return None
    if not isinstance(saved, tuple) or len(saved) != 2 or saved[0] != STATE_FORMAT:
        return None
    return saved[1] if isinstance(saved[1], IndexState) else None


def save(path: Path, state: IndexState) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "wb") as f:
        pickle.dump((STATE_FORMAT, state), f, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)


def forget(path: Path | None) -> None:
    if path is not None:
        Path(path).unlink(missing_ok=True)


class Stale(Exception):
    """What the record allows does not cover this build: make the index whole."""


def changed_pages(state: IndexState, pages: list[SearchPage], digests: list[str], params: str) -> list[int]:
    """The pages (by number) whose text changed, if an update can make the index."""
    if state.params != params or state.urls != [p.url for p in pages]:
        raise Stale("other pages")
    if state.names != [page_names(p) for p in pages]:
        raise Stale("pages renamed")
    changed = [i for i, (was, now) in enumerate(zip(state.digests, digests)) if was != now]
    if len(changed) > max(MIN_CHANGED, CHANGED_SHARE * len(pages)):
        raise Stale("too many pages changed")
    return changed


def page_names(page: SearchPage) -> tuple:
    return (page.kind, page.title, tuple(page.aliases))


def link_earlier(state: IndexState, earlier: Path, site_dir: Path) -> None:
    """Every file of the earlier index into site_dir (nothing to do in place), once all are
    found as recorded."""
    old, new = f"{earlier}/", f"{site_dir}/"  # (strings: a Path a file costs more than the stat)
    for rel, (_, size, inode, mtime) in state.records.items():
        try:
            st = os.stat(old + rel)
        except OSError:
            raise Stale(f"{rel} is gone") from None
        if (st.st_size, st.st_ino, st.st_mtime_ns) != (size, inode, mtime):
            raise Stale(f"{rel} changed")
    if Path(earlier).resolve() == Path(site_dir).resolve():
        return
    for folder in sorted({rel.rpartition("/")[0] for rel in state.records}):
        os.makedirs(new + folder, exist_ok=True)
    for rel in state.records:
        try:
            os.link(old + rel, new + rel)
        except FileExistsError:  # (Material's search stubs, written before)
            os.unlink(new + rel)
            os.link(old + rel, new + rel)
        except OSError as error:  # no hard links here (FAT): a full build
            raise Stale(f"no hard links ({error})") from None


class _Files:
    """The earlier index's files as the update reads them: parsed once, written back if changed."""

    def __init__(self, earlier: Path, writer: "ix._Writer"):
        self.root, self.writer = Path(earlier) / ix.INDEX_DIR, writer
        self.shards: dict[int, dict] = {}
        self.vocab: dict[str, dict] = {}
        self.dirty: set = set()  # ("p", n) or ("v", name): shards changed

    def read(self, name: str) -> str:
        return (self.root / f"{name}.js").read_text(encoding="ascii")

    def shard(self, n: int) -> dict:
        if n not in self.shards:
            self.shards[n] = read_script(self.read(f"p/{n}"))[0]
        return self.shards[n]

    def vshard(self, name: str) -> dict:
        if name not in self.vocab:
            self.vocab[name] = _parse_vocab(read_script(self.read(f"v/{name}"))[0])
        return self.vocab[name]

    def write(self, name: str, data: str | bytes) -> None:
        self.writer.write(f"{ix.INDEX_DIR}/{name}.js", data, whole=True)

    def remove(self, name: str) -> None:
        rel = f"{ix.INDEX_DIR}/{name}.js"
        (self.writer.root / rel).unlink()
        self.writer.records.pop(rel)

    def flush(self) -> None:
        for kind, n in sorted(self.dirty, key=str):
            self.write(f"{kind}/{n}", shard_text(self.shards[n]) if kind == "p" else json_text(vocab_text(self.vocab[n])))


def update_index(state: IndexState, pages: list[SearchPage], changed: list[int], earlier: Path,
                 site_dir: Path, texts: Packer, head: int, words_of, digests: list[str]) -> dict:
    """The index of `pages` from the earlier one (linked into site_dir already), changing
    what the `changed` pages touch. words_of(pages) -> the titles' words (index._title_words)."""
    writer = ix._Writer(site_dir)
    writer.records = dict(state.records)
    files = _Files(earlier, writer)
    before = {i: ix.page_keys(dataclasses.replace(pages[i], sections=(), texts=_packed(files.read(f"d/{i}"))), texts)
              for i in changed}
    after = {i: ix.page_keys(pages[i], texts) for i in changed}
    lengths, ccount = state.lengths.copy(), state.ccount.copy()
    for i in changed:
        lengths[i] = after[i].length
        for c, n in before[i].chars.items():
            ccount[c] -= n
        for c, n in after[i].chars.items():
            ccount[c] += n
    pivot = ix.length_pivot(float(lengths.mean()) if len(lengths) else 0.0)
    if pivot != state.pivot:
        raise Stale("the length pivot moved")
    total = state.total + _update_postings(files, state.nshards, before, after, state.lengths, lengths, pivot, head)
    if ix.shard_count(total) != state.nshards:
        raise Stale("the shard count moved")
    char_count = ix._char_counts(ccount, pages)
    chars, _, by_syllable = ix.char_table(char_count)
    _update_vocab(files, before, after, set(state.vnames))
    files.flush()
    for i in changed:
        writer.write(f"{ix.INDEX_DIR}/d/{i}.js", packed_script(f"d/{i}", packed_text(pages[i], texts)), whole=True)
    postings = ix._Postings(state.nshards, 0, total, *(np.zeros(0, np.int64),) * 3)
    ix._write_base(writer, pages, words_of(pages), char_count, postings,
                   ix._Vocab(chars, by_syllable, state.vnames), ix._Titles(state.hshards))
    stats = {**state.stats, "updated": {"pages": len(changed), "files": writer.files}}
    stats["files"], stats["bytes"] = len(writer.records), sum(r[1] for r in writer.records.values())
    new = dataclasses.replace(state, digests=digests, lengths=lengths, ccount=ccount, total=total,
                              records=writer.records, stats=stats)
    return stats, new


def _packed(script_text: str) -> str:
    """The packed string of a search file `__zhz("<name>","<packed>");`."""
    return script_text[script_text.index(',"') + 2:script_text.rindex('")')]


def _update_postings(files: _Files, nshards: int, before: dict, after: dict, old_lengths: np.ndarray,
                     lengths: np.ndarray, pivot: float, head: int) -> int:
    """Each key of the changed pages, before or after, with those pages' postings made
    again; returns how the shard-count estimate moved."""
    moved = 0
    keys: dict[str, dict[int, int]] = {}  # key -> changed page -> its count there now (0: none)
    for i in before:
        was, now = _levels(before[i], old_lengths[i], pivot), _levels(after[i], lengths[i], pivot)
        for key in {*was, *now}:
            if was.get(key) != now.get(key):  # (a posting of the same weight changes nothing)
                keys.setdefault(key, {})
    for key, changes in keys.items():
        for i in before:
            changes[i] = after[i].bigrams.get(_code(key), 0) if not key.isascii() else after[i].tokens.get(key, 0)
    for key in sorted(keys):
        shard = files.shard(bucket_of(key, nshards))
        was = shard.get(key)
        if was is not None and "." not in was and len(was) < _SHORT:
            value, tails, chunks, entries = _short_list(was, keys[key], lengths, pivot, head)
            old_bytes = key_bytes_of(key, was, len(dec(was)) // 2, head)
        else:
            docs, levels, chunks = _read_list(files, key, was)
            old_bytes = key_bytes_of(key, was, len(docs), head)
            docs, levels = _with_changes(docs, levels, keys[key], lengths, pivot)
            (value, tails), entries = cut(docs, levels, head), len(docs)
        moved += key_bytes_of(key, value, entries, head) - old_bytes
        if value != was:
            files.dirty.add(("p", bucket_of(key, nshards)))
        if value is None:
            shard.pop(key, None)
        else:
            shard[key] = value
        for c, text in enumerate(tails):
            if c >= len(chunks) or chunks[c] != text:
                files.write(f"pt/{tail_name(key)}-{c}", json_text(text))
        for c in range(len(tails), len(chunks)):
            files.remove(f"pt/{tail_name(key)}-{c}")
    return moved


_SHORT = 400  # digits of a list read in Python: numpy's calls cost more on short ones


def _short_list(value: str, changes: dict[int, int], lengths, pivot, head: int):
    """_read_list, _with_changes and cut for a short list that is not cut, in Python."""
    nums = dec(value)
    entries, page = {}, 0
    for i in range(0, len(nums), 2):
        page += nums[i]
        entries[page] = nums[i + 1]
    for page in changes:
        entries.pop(page, None)
    now = sorted(d for d, n in changes.items() if n)
    if now:
        entries.update(zip(now, ix.weight_level([changes[d] for d in now], lengths[now], pivot).tolist()))
    if len(entries) > head:
        docs = np.array(sorted(entries), np.int64)
        value, tails = cut(docs, np.array([entries[d] for d in docs.tolist()], np.int64), head)
        return value, tails, [], len(entries)
    flat = [x for d in sorted(entries) for x in (d, entries[d])]
    return (enc_postings(flat) if flat else None), [], [], len(entries)


def _bigram(key: int) -> str:
    return chr(key >> 16) + chr(key & 0xFFFF)


def _code(key: str) -> int:
    return ord(key[0]) << 16 | ord(key[1])


def _levels(keys: "ix.PageKeys", length: int, pivot: float) -> dict[str, int]:
    """key -> the weight level of a page's posting there."""
    names = [*map(_bigram, keys.bigrams), *keys.tokens]
    tf = [*keys.bigrams.values(), *keys.tokens.values()]
    return dict(zip(names, ix.weight_level(tf, length, pivot).tolist())) if tf else {}


def key_bytes_of(key: str, value: str | None, entries: int, head: int) -> int:
    if value is None:
        return 0
    return ix.key_bytes(key, len(value.split(".", 1)[0]), entries, head)


def _read_list(files: _Files, key: str, value: str | None) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """A key's whole posting list (pages ascending, their levels) and its tail chunks' texts."""
    if value is None:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), []
    digits, _, mark = value.partition(".")
    parts, chunks = [_pairs(digits)], []
    if mark:
        for c in range(int(dec_many(mark)[-1])):
            chunks.append(read_script(files.read(f"pt/{tail_name(key)}-{c}"))[0])
            parts.append(_pairs(chunks[-1]))
    docs = np.concatenate([p[0] for p in parts])
    levels = np.concatenate([p[1] for p in parts])
    order = np.argsort(docs, kind="stable")
    return docs[order], levels[order], chunks


def _pairs(digits: str) -> tuple[np.ndarray, np.ndarray]:
    nums = dec_many(digits)
    return np.cumsum(nums[0::2]), nums[1::2]


def _with_changes(docs, levels, changes: dict[int, int], lengths, pivot) -> tuple[np.ndarray, np.ndarray]:
    keep = ~np.isin(docs, list(changes))
    now = sorted(d for d, n in changes.items() if n)
    new_levels = ix.weight_level([changes[d] for d in now], lengths[now], pivot) if now else np.zeros(0, np.int64)
    docs = np.r_[docs[keep], np.array(now, np.int64)]
    levels = np.r_[levels[keep], new_levels]
    order = np.argsort(docs, kind="stable")
    return docs[order], levels[order]


def cut(docs: np.ndarray, levels: np.ndarray, head: int) -> tuple[str | None, list[str]]:
    """A key's shard value and tail chunks, as the full build cuts and encodes them
    (index._group_postings, impact.head_mask): the best `head` by level then page."""
    n = len(docs)
    if not n:
        return None, []
    if n <= head:
        return _digits(docs, levels), []
    ranked = np.lexsort((np.arange(n), ix.WEIGHT_LEVELS - levels))
    top = np.zeros(n, bool)
    top[ranked[:head]] = True
    last = ranked[head - 1]
    rest = np.flatnonzero(~top)
    chunks = [rest[c:c + TAIL_POSTINGS] for c in range(0, len(rest), TAIL_POSTINGS)]
    mark = ix._cut_mark(n, int(levels[last]), int(docs[last]), chunks=len(chunks))
    return _digits(docs[top], levels[top]) + mark, [_digits(docs[c], levels[c]) for c in chunks]


def _digits(docs: np.ndarray, levels: np.ndarray) -> str:
    nums = np.empty(2 * len(docs), np.int64)
    nums[0::2] = np.diff(docs, prepend=0)
    nums[1::2] = levels
    return enc_many(nums)[0]


def shard_text(items: dict[str, str]) -> str:
    """A posting shard's JSON in the full build's order: whole bigram lists by key, latin
    tokens, then the cut bigram lists (index._write_postings)."""
    cjk = sorted(k for k in items if not k.isascii())
    order = ([k for k in cjk if "." not in items[k]] + sorted(k for k in items if k.isascii())
             + [k for k in cjk if "." in items[k]])
    return "{" + ",".join(f'"{k}":"{items[k]}"' for k in order) + "}"


def _update_vocab(files: _Files, before: dict, after: dict, names: set[str]) -> None:
    """The changed pages' bigrams' corpus counts into the pinyin shards that file them
    (under the first letters of each character's own readings: index._write_pinyin_shards)."""
    readings = _Readings()
    delta: Counter = Counter()
    for i in before:
        delta.update(after[i].bigrams)
        delta.subtract(before[i].bigrams)
    for key, moved in sorted(delta.items()):
        a, b = chr(key >> 16), chr(key & 0xFFFF)
        la, lb = ix._letters(readings[a]), ix._letters(readings[b])
        if not moved or not la or not lb:
            continue
        for name in (x + y for x in la for y in lb):
            if name not in names:
                raise Stale(f"a pinyin shard {name} new")
            counts = files.vshard(name)
            files.dirty.add(("v", name))
            now = counts.get((a, b), 0) + moved
            if now:
                counts[(a, b)] = now
            else:
                counts.pop((a, b), None)
            if not counts:
                raise Stale(f"the pinyin shard {name} empty")


class _Readings(dict):
    def __missing__(self, char: str) -> list[str]:
        self[char] = char_readings(char)
        return self[char]


_VOCAB_ITEM = re.compile(r"([^\x00-\x7f])([\x21-\x7e]+)")


def _parse_vocab(text: str) -> dict[tuple[str, str], int]:
    """A pinyin shard ' a(b<count>)*' groups (index._write_pinyin_shards) -> (a, b) -> count."""
    out = {}
    for group in text.split(" "):
        a = group[0]
        for m in _VOCAB_ITEM.finditer(group, 1):
            out[(a, m[1])] = dec(m[2])[0]
    return out


def vocab_text(counts: dict[tuple[str, str], int]) -> str:
    parts, last = [], None
    for (a, b) in sorted(counts):
        if a != last:
            parts.append(" " + a)
            last = a
        parts.append(b + enc(counts[(a, b)]))
    return "".join(parts).lstrip()
