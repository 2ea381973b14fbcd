"""What a rebuild need not make again: results kept between runs, by what they were made from.

Two kinds, one interface (`get(key)`, `put(key, value)`, `save()`):

- DiskCache: one SQLite file under .cache/build/ (thousands of small files cost more to create
  than the work they save). A key is a tuple of what the value was made from; it is
  stored as a hash of those parts salted with the code that makes the value, so a code
  change makes every key new. Values are pickled and compressed. Entries no build used
  are dropped once they outnumber the used ones. SITEGEN_NO_CACHE=1 turns it off.
- MemoryMemo: the same between `mkdocs serve` rebuilds, in memory; what a rebuild did
  not use is forgotten.

A process forked to share a stage's work (sitegen.forked) calls in_forked_worker():
every open DiskCache then reads through a connection of its own (SQLite's must not cross
a fork) and hands what it would store to a sink; the parent stores it (take_forked).

Written by hand: MkDocs has no build cache.
"""
from __future__ import annotations

import functools
import hashlib
import os
import sqlite3
import sys
import time
import weakref
from pathlib import Path
from typing import Callable, Iterable

import lz4.block

from ..packing import dumps as _dumps, loads as _loads

CACHE_DIR = Path(".cache") / "build"  # under the project's root


# Seconds every DiskCache of this process spent reading and writing, and its hits and
# misses: what the cache costs a cold build and saves a rebuild (make bench reports it).
STATS = {"read_s": 0.0, "write_s": 0.0, "hits": 0, "misses": 0}
_OPEN: "weakref.WeakSet[DiskCache]" = weakref.WeakSet()  # for in_forked_worker


def enabled() -> bool:
    return os.environ.get("SITEGEN_NO_CACHE", "") in ("", "0")


def code_fingerprint(*places: Path, extra: bytes = b"") -> bytes:
    """Hash of the Python files in `places` (folders or files) and the interpreter version."""
    h = hashlib.sha256(sys.version.encode() + b"\0" + extra)
    for place in places:
        files = sorted(place.rglob("*.py")) if place.is_dir() else [place]
        for path in files:
            name = path.relative_to(place).as_posix() if place.is_dir() else path.name
            h.update(name.encode() + b"\0" + path.read_bytes())
    return h.digest()


@functools.cache
def build_salt() -> bytes:
    """What every page-making cache is salted with: this package's code and the versions of
    the libraries that convert and lay out pages and segment their titles (an upgrade
    starts afresh). Once a process."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:  # one engine of the two is installed (ProperDocs stands in for MkDocs)
            return "-"

    libraries = " ".join(f"{name} {installed(name)}" for name in (
        "mkdocs", "properdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pygments", "pyahocorasick",
        "jieba", "pypinyin"))
    return code_fingerprint(Path(__file__).resolve().parents[1], extra=libraries.encode())


def _feed(h, part) -> None:
    """Hash a key part unambiguously: type tag and length before the value; nested
    values by their repr (the large parts, page text, are top-level strings)."""
    if isinstance(part, str):
        data, tag = part.encode("utf-8", "surrogatepass"), b"s"
    elif isinstance(part, bytes):
        data, tag = part, b"b"
    else:
        data, tag = repr(part).encode("utf-8", "surrogatepass"), b"r"
    h.update(tag + b"%d:" % len(data))
    h.update(data)


class DiskCache:
    """Values are pickled and compressed with LZ4 (a page's HTML at about 750 MB/s, to a
    third; zlib takes six times as long): a cold build pays little for filling the cache.

    dictionary=True: values are alike (the theme around every page), so each is compressed
    against the first value the file ever stored (kept in it): a page's frame takes
    about a kilobyte instead of ten. Nothing is synced to disk: a cache lost in a crash is
    only a slower next build, and at 10,000 documents waiting for the disk cost more
    than filling the cache."""

    def __init__(self, path: Path, salt: bytes, dictionary: bool = False):
        self.path = Path(path)
        self.salt = salt
        self.used: set[str] = set()
        self.hits = self.misses = 0
        self._last: tuple = (None, "")  # (key, digest) of the last get(): put() after a miss
        self._db: sqlite3.Connection | None = None
        self._dictionary = dictionary
        self._dict: bytes | None = None  # what values are compressed against (dictionary=True)
        self._sink: Callable[[str, str, bytes], None] | None = None  # (in a forked worker)
        if enabled():
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=30)
                self._db.execute("PRAGMA synchronous = OFF")
                self._db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB)")
                self._db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB)")
                if dictionary:
                    row = self._db.execute("SELECT value FROM meta WHERE name = 'dictionary'").fetchone()
                    self._dict = row[0] if row else None
            except (OSError, sqlite3.Error):
                self._db = None  # unwritable or damaged: build without the cache
        _OPEN.add(self)

    @property
    def active(self) -> bool:
        return self._db is not None

    def digest(self, key: tuple) -> str:
        h = hashlib.sha256(self.salt)
        h.update(b"%d:" % len(key))
        for part in key:
            _feed(h, part)
        return h.hexdigest()

    def get(self, key: tuple | str):
        """The value stored under key (a tuple of what it was made from, or its digest()), or None."""
        if self._db is None:
            return None
        started = time.perf_counter()
        digest = key if isinstance(key, str) else self.digest(key)
        self.used.add(digest)
        self._last = (key, digest)
        value = None
        try:
            row = self._db.execute("SELECT value FROM entries WHERE key = ?", (digest,)).fetchone()
            if row is not None:
                data = lz4.block.decompress(row[0], dict=self._dict) if self._dict else lz4.block.decompress(row[0])
                value = _loads(data)
        except Exception:  # a damaged or stale entry: the caller makes it again
            value = None
        found = "hits" if value is not None else "misses"
        setattr(self, found, getattr(self, found) + 1)
        STATS[found] += 1
        STATS["read_s"] += time.perf_counter() - started
        return value

    def put(self, key: tuple | str, value) -> None:
        """Store value under key (kept when save() commits)."""
        if self._db is None:
            return
        started = time.perf_counter()
        if isinstance(key, str):
            digest = key
        else:  # (after a missed get() of the same key, its digest is known)
            digest = self._last[1] if self._last[0] is key else self.digest(key)
        self.used.add(digest)
        data = _dumps(value)
        if self._sink is not None:  # a forked worker: the parent stores it
            if not (self._dictionary and self._dict is None):  # (the parent chooses the dictionary)
                self._sink(str(self.path), digest, self._compress(data))
            STATS["write_s"] += time.perf_counter() - started
            return
        try:
            if self._dictionary and self._dict is None:
                self._dict = data[-65536:]  # (LZ4 looks back 64 KB at most)
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('dictionary', ?)", (self._dict,))
            blob = self._compress(data)
            self._db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?)", (digest, blob))
        except sqlite3.Error:
            pass
        STATS["write_s"] += time.perf_counter() - started

    def _compress(self, data: bytes) -> bytes:
        return lz4.block.compress(data, dict=self._dict) if self._dict else lz4.block.compress(data)

    def _forked(self, sink) -> None:
        try:  # (the parent's connection is never used here, nor closed: the worker ends with os._exit)
            self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        except sqlite3.Error:
            self._db = None
        self.used, self._sink = set(), sink

    def take(self, used: set[str], stored: Iterable[tuple[str, bytes]]) -> None:
        """What a forked worker used and would have stored (in_forked_worker)."""
        if self._db is None:
            return
        self.used |= used
        try:
            self._db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", stored)
        except sqlite3.Error:
            pass

    def save(self) -> None:
        """Commit what put() stored; drop entries no run used once they outnumber the used."""
        if self._db is None:
            return
        started = time.perf_counter()
        try:
            with self._db:
                (count,) = self._db.execute("SELECT COUNT(*) FROM entries").fetchone()
                if count > 2 * len(self.used) + 100:
                    stale = [(k,) for (k,) in self._db.execute("SELECT key FROM entries") if k not in self.used]
                    self._db.executemany("DELETE FROM entries WHERE key = ?", stale)
        except sqlite3.Error:
            pass
        finally:
            self._db.close()
            self._db = None
            STATS["write_s"] += time.perf_counter() - started


def before_fork() -> None:
    """In the parent, before forking workers: commit what every open cache stored so far.
    (A transaction whose changes outgrew SQLite's page cache holds the file exclusively:
    a worker reading it would wait for the parent's commit, and the parent for the worker.)"""
    for cache in list(_OPEN):
        if cache._db is not None:
            try:
                cache._db.commit()
            except sqlite3.Error:
                pass


def in_forked_worker(sink: Callable[[str, str, bytes], None]) -> Callable[[], dict[str, set[str]]]:
    """In a process forked from the build: every open cache reads on its own connection
    and gives sink(cache path, digest, compressed value) what it would store. Returns
    what tells the parent which entries the worker used: {cache path: digests}."""
    caches = [c for c in _OPEN if c.active]
    for cache in caches:
        cache._forked(sink)
    return lambda: {str(c.path): c.used for c in caches}


def take_forked(used: dict[str, set[str]], stored: dict[str, Iterable[tuple[str, bytes]]]) -> None:
    """In the parent: store what forked workers gave their sinks, and count what they used."""
    for cache in list(_OPEN):
        path = str(cache.path)
        if path in used or path in stored:
            cache.take(used.get(path, set()), stored.get(path, []))


class MemoryMemo:
    """get/put/save like DiskCache, in memory: what one run made, for the next."""

    def __init__(self):
        self.was: dict = {}
        self.now: dict = {}
        self.hits = self.misses = 0

    def get(self, key):
        value = self.now.get(key)
        if value is None:
            value = self.was.get(key)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
            self.now[key] = value
        return value

    def put(self, key, value) -> None:
        self.now[key] = value

    def save(self) -> None:
        """Start the next run: keep what this one used or made, forget the rest."""
        self.was, self.now = self.now, {}
