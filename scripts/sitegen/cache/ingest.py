"""Per-document ingest cache in .cache/build/ingest.sqlite3: a rebuild after editing one source
ingests that one again and reads every other Document back from disk.

The key of a document is its file name and bytes, salted with the ingest rules file and
the ingest stage's own code (so changing either re-ingests everything). Only successful
results are cached: a file that fails to ingest is tried again each build.
The key also names the Document for later stages (sitegen.build: `fingerprints`).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .disk import CACHE_DIR, DiskCache, code_fingerprint

VERSION = b"2"


class IngestCache:
    def __init__(self, root: Path, rules_path: Path, options: str = ""):
        """options: the ingest settings besides the rules file (campaign.yml's ocr): a change reads again."""
        package = Path(__file__).resolve().parents[1]
        salt = hashlib.sha256(VERSION + code_fingerprint(package / "ingest", package / "packing.py"))
        try:
            salt.update(Path(rules_path).read_bytes())
        except OSError:
            salt.update(b"<no rules file>")
        salt.update(options.encode())
        self._disk = DiskCache(root / CACHE_DIR / "ingest.sqlite3", salt.digest())
        self.key_of: dict[str, str] = {}  # file name -> key: what the document was made from

    def lookup(self, name: str, raw: bytes):
        """The cached Document for (name, raw), or None."""
        if not self._disk.active:
            return None
        self.key_of[name] = key = self._disk.digest((name, raw))
        return self._disk.get(key)

    def store(self, name: str, raw: bytes, doc) -> None:
        """Keep a freshly ingested Document."""
        self._disk.put(self.key_of.get(name) or (name, raw), doc)

    def save(self) -> None:
        self._disk.save()
