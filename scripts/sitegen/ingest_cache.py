"""Per-document ingest cache in .cache/ingest.sqlite3: a rebuild after editing one source
ingests that one again and reads every other Document back from disk.

The key of a document is a hash of its file name and bytes, the ingest rules file
and the ingest stage's own code (so changing either re-ingests everything). Only
successful results are cached: a file that fails to ingest is tried again each build.
Entries no build uses any more are removed once they outnumber the used ones.
SITEGEN_NO_CACHE=1 turns the cache off.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import sys
from pathlib import Path
from typing import Callable

VERSION = b"1"


def _code_fingerprint() -> bytes:
    h = hashlib.sha256(VERSION + sys.version.encode())
    package = Path(__file__).resolve().parent / "ingest"
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return h.digest()


class IngestCache:
    """One SQLite file (.cache/ingest.sqlite3): one row per document, pickled.
    (Thousands of small files cost more to create than the documents cost to ingest.)"""

    def __init__(self, root: Path, rules_path: Path):
        self.path = root / ".cache" / "ingest.sqlite3"
        self.enabled = os.environ.get("SITEGEN_NO_CACHE", "") in ("", "0")
        salt = hashlib.sha256(_code_fingerprint())
        try:
            salt.update(Path(rules_path).read_bytes())
        except OSError:
            salt.update(b"<no rules file>")
        self.salt = salt.digest()
        self.used: set[str] = set()
        self.key_of: dict[str, str] = {}  # file name -> key: what the document was made from
        self.new: list[tuple[str, bytes]] = []
        self.hits = self.misses = 0
        self._db = None
        if self.enabled:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=30)
                self._db.execute("CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, doc BLOB)")
            except (OSError, sqlite3.Error):
                self._db = None  # unwritable or damaged: build without the cache

    def ingest(self, name: str, raw: bytes, make: Callable[[], object]):
        """The Document for (name, raw): from the cache, or `make()` and kept for save()."""
        doc = self.lookup(name, raw)
        if doc is None:
            doc = make()
            self.store(name, raw, doc)
        return doc

    def lookup(self, name: str, raw: bytes):
        """The cached Document for (name, raw), or None."""
        if self._db is None:
            return None
        key = self._key(name, raw)
        self.used.add(key)
        self.key_of[name] = key
        try:
            row = self._db.execute("SELECT doc FROM documents WHERE key = ?", (key,)).fetchone()
            if row is not None:
                doc = pickle.loads(row[0])
                self.hits += 1
                return doc
        except Exception:  # a damaged or stale entry: make it again
            pass
        return None

    def store(self, name: str, raw: bytes, doc) -> None:
        """Keep a freshly ingested Document for save()."""
        self.misses += 1
        if self._db is not None:
            key = self.key_of.get(name) or self._key(name, raw)  # lookup() made it already
            self.new.append((key, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)))

    def _key(self, name: str, raw: bytes) -> str:
        # (The salt holds the ingest code and rules: the key names the Document exactly.)
        return hashlib.sha256(self.salt + name.encode("utf-8", "surrogateescape") + b"\0" + raw).hexdigest()

    def save(self) -> None:
        """Store the new documents; drop entries no build used once they outnumber the used."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO documents VALUES (?, ?)", self.new)
                (count,) = self._db.execute("SELECT COUNT(*) FROM documents").fetchone()
                if count > 2 * len(self.used) + 100:
                    stale = [(k,) for (k,) in self._db.execute("SELECT key FROM documents") if k not in self.used]
                    self._db.executemany("DELETE FROM documents WHERE key = ?", stale)
        except sqlite3.Error:
            pass
        finally:
            self._db.close()
            self._db = None
            self.new = []
