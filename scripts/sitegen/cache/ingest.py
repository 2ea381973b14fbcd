"""Per-document ingest cache in .cache/build/ingest.sqlite3: a rebuild after editing one source
ingests that one again and reads every other Document back from disk.

The key of a document is its file name and bytes, salted with the ingest rules file and
the ingest stage's own code (so changing either re-ingests everything). Only successful
results are cached: a file that fails to ingest is tried again each build.
The key also names the Document for later stages (sitegen.build: `fingerprints`).
"""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from .disk import CACHE_DIR, DiskCache, code_fingerprint

VERSION = b"2"

# Files remembered by their stat (`seen`, kept by `mkdocs serve` between rebuilds) are
# those whose mtime was older than RACY_S when stated: a write in the same clock tick as
# the stat could leave the signature as it was (git's "racily clean" entries, handled the
# same way). 2 s is FAT's mtime tick (a USB stick): a file remembered had its tick end
# before the stat, so any later write shows.
RACY_S = 2.0


def signature(stat: os.stat_result) -> tuple:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


class IngestCache:
    def __init__(self, root: Path, rules_path: Path, options: str = "", seen: dict | None = None):
        """options: the ingest settings besides the rules file (campaign.yml's ocr): a change reads again.
        seen: file path -> (salt, stat signature, key, Document), kept from one run to the next
        (while serving): a file unchanged since is neither read nor looked up again."""
        package = Path(__file__).resolve().parents[1]
        salt = hashlib.sha256(VERSION + code_fingerprint(package / "ingest", package / "packing.py"))
        try:
            salt.update(Path(rules_path).read_bytes())
        except OSError:
            salt.update(b"<no rules file>")
        salt.update(options.encode())
        self._salt = salt.digest()
        self._disk = DiskCache(root / CACHE_DIR / "ingest.sqlite3", self._salt)
        self.key_of: dict[str, str] = {}  # file name -> key: what the document was made from
        self._seen = seen

    def lookup(self, name: str, raw: bytes):
        """The cached Document for (name, raw), or None."""
        if not self._disk.active:
            return None
        self.key_of[name] = key = self._disk.digest((name, raw))
        return self._disk.get(key)

    def lookup_unchanged(self, path: Path, stat: os.stat_result):
        """The Document of a file unchanged (by its stat) since this process last ingested
        or looked it up, without reading the file or the cache; None if it may have changed.
        It is the very Document the last rebuild had (its blocks in that rebuild's spool):
        serving holds every Document between rebuilds anyway, so this costs no memory, and
        a rebuild does not unpickle every document again (2 s of 5 at 10,000)."""
        known = self._seen.get(str(path)) if self._seen is not None else None
        if not self._disk.active or known is None or known[:2] != (self._salt, signature(stat)):
            return None
        self.key_of[path.name] = known[2]
        return known[3]

    def remember(self, path: Path, stat: os.stat_result, doc) -> None:
        """After lookup() or store() of the file's bytes: its key and Document, for lookup_unchanged()."""
        if self._seen is None:
            return
        key = self.key_of.get(path.name)
        if key is not None and stat.st_mtime_ns < (time.time() - RACY_S) * 1e9:
            self._seen[str(path)] = (self._salt, signature(stat), key, doc)
        else:
            self._seen.pop(str(path), None)

    def forget_others(self, paths) -> None:
        """Let go of the files not among paths (removed since): their Documents are not held."""
        if self._seen:
            kept = {str(path) for path in paths}
            for name in [name for name in self._seen if name not in kept]:
                del self._seen[name]

    def store(self, name: str, raw: bytes, doc) -> None:
        """Keep a freshly ingested Document."""
        self._disk.put(self.key_of.get(name) or (name, raw), doc)

    def save(self) -> None:
        self._disk.save()
