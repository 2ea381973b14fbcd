"""What a rebuild keeps of the site before it: files it would write again byte for byte.

Each document page a build writes, and each source file it publishes as it is (原件), is
recorded under its site-relative path with an identity (what names its content:
docpages.identities; for a copy, its source's inode, size and modification time) and the
inode, size and modification time it was written with (`stamp`). The next build
hard-links a file from the earlier site when the identity is the same and the file
untouched since, instead of making and writing it again. The new site is still a folder
of its own, swapped in whole: linking shares the old files, never changes them. The
search index keeps a record of its own and is updated, not made again (search/update.py).
The record lives in .cache/build/written.json, salted with the code (`load`, `save`).

Written by hand: MkDocs has no notion of an output it need not write again.
"""
from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path


@dataclasses.dataclass
class Earlier:
    """The earlier site's folder and its files: site path -> (identity, inode, size, mtime_ns)."""

    folder: Path | None = None
    files: dict = dataclasses.field(default_factory=dict)

    def link(self, rel: str, identity: str, out: Path) -> bool:
        """Hard-link the earlier `rel` to `out` if it is what `identity` names; False: write it."""
        was = self.files.get(rel)
        if self.folder is None or not isinstance(was, (list, tuple)) or len(was) != 4 or was[0] != identity:
            return False
        old = self.folder / rel
        try:
            st = os.stat(old)
            if (st.st_ino, st.st_size, st.st_mtime_ns) != tuple(was[1:]):
                return False  # changed since (or not the file written then)
            os.link(old, out)
        except OSError:  # gone, another file system, or no hard links there (FAT): written again
            return False
        return True

    def kept(self, written: dict) -> int:
        """How many of the files now written (stamps by site path) are its files."""
        return sum(1 for rel, now in written.items()
                   if isinstance(self.files.get(rel), (list, tuple)) and tuple(self.files[rel]) == now)


def copy_files(sources: dict[str, Path], site_dir: Path, earlier: Earlier) -> dict:
    """Files published as they are (the documents' originals, 原件) into site_dir: linked
    from the earlier site when their source is the file copied then (the same inode, size
    and modification time, as the ingest cache judges a source), copied otherwise.
    Returns their stamps by site path."""
    written, made = {}, set()
    for rel, source in sorted(sources.items()):
        st = os.stat(source)
        identity = f"copy {st.st_ino} {st.st_size} {st.st_mtime_ns}"
        out = site_dir / rel
        if out.parent not in made:
            out.parent.mkdir(parents=True, exist_ok=True)
            made.add(out.parent)
        if not earlier.link(rel, identity, out):
            shutil.copyfile(source, out)
        written[rel] = stamp(out, identity)
    return written


def stamp(out: Path, identity: str) -> tuple:
    """What the next build's Earlier.files holds of a file just written (or linked)."""
    st = os.stat(out)
    return (identity, st.st_ino, st.st_size, st.st_mtime_ns)


def load(manifest: Path, salt: str, folder: Path) -> Earlier:
    """The Earlier a build left in `manifest` (save), if the same code wrote it."""
    try:
        saved = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Earlier()
    if not isinstance(saved, dict) or saved.get("salt") != salt or not isinstance(saved.get("files"), dict):
        return Earlier()
    return Earlier(folder, saved["files"])


def save(manifest: Path, salt: str, written: dict) -> None:
    manifest.parent.mkdir(parents=True, exist_ok=True)
    partial = manifest.with_name(manifest.name + ".partial")
    partial.write_text(json.dumps({"salt": salt, "files": written}, sort_keys=True), encoding="utf-8")
    partial.replace(manifest)
