"""Which files under data/ the build may read: none that resolves outside data/.

data/ is edited by many hands and filled from the web: a symbolic link (or a
folder link) placed in it must not publish a file of the build machine, and a
pipe or device must not hang the build. Every file is judged by where it
really is (links resolved) before a byte of it is read.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .problems import Problem, one_line


def refusal(path: Path, data_dir: Path) -> str | None:
    """Why `path` must not be read, or None when it is a regular file inside data/."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a link to nothing, or a loop of links
        return "symbolic link to nothing (or a loop of links): not read"
    if not real.is_relative_to(data_dir.resolve()):
        what = "symbolic link" if path.is_symlink() else "path"
        return f"{what} resolves outside data/: not read (copy the file into data/ instead)"
    if not stat.S_ISREG(real.stat().st_mode):
        return "not a regular file (a folder, device, pipe or socket): not read"
    return None


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def rel_path(path: Path, root: Path) -> str:
    """The path as problems name it: relative to the project (the path as given, links not
    resolved), on one printable line (a name's control characters and undecodable bytes escaped)."""
    try:
        text = path.relative_to(root).as_posix()
    except ValueError:
        text = path.as_posix()
    return one_line(os.fsencode(text).decode("utf-8", "backslashreplace"))


def name_refusal(name: str) -> str | None:
    """Why a file name cannot name a page or be shown: bytes that are not UTF-8, control characters."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # os.listdir's surrogate escapes: the name's bytes are not UTF-8
        return "file name is not UTF-8 text: not read (rename the file)"
    if _CONTROL.search(name):
        return "file name holds a control character (a line break, a tab...): not read (rename the file)"
    return None


def refused_file(path: Path, root: Path, data_dir: Path) -> Problem | None:
    """One problem if `path` (an optional file of data/: absent is fine) must not be read."""
    if not path.exists() and not path.is_symlink():
        return None
    reason = refusal(path, data_dir)
    return Problem(rel_path(path, root), 1, reason) if reason else None


def _refusal_in_walk(path: Path, data_dir: Path) -> str | None:
    """refusal() for a file os.walk found under a folder already judged inside data/ (its
    folders are never links): a regular file that is not a link is where it seems, known
    from one lstat, not the dozen calls of resolving its path (a tenth of a rebuild's
    ingest at 10,000 documents). Anything else is judged in full."""
    try:
        if stat.S_ISREG(os.lstat(path).st_mode):
            return None
    except OSError:
        pass
    return refusal(path, data_dir)


def source_files(root: Path, data_dir: Path) -> tuple[list[Path], list[Problem]]:
    """The files of data/sources/ to ingest (hidden ones aside), sorted; one problem per file refused."""
    source_dir = data_dir / "sources"
    if not source_dir.exists() and not source_dir.is_symlink():
        return [], []
    if not source_dir.resolve().is_relative_to(data_dir.resolve()):  # data/sources itself a link
        return [], [Problem(rel_path(source_dir, root), 1, "symbolic link resolves outside data/: not read")]
    files: list[Path] = []
    problems: list[Problem] = []
    # os.walk does not follow links to folders: such a link is listed and refused, never walked.
    for folder, dirs, names in os.walk(source_dir):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in list(dirs):
            reason = name_refusal(name)
            if (here / name).is_symlink():
                reason = "symbolic link to a folder: not followed (copy the files into data/sources/ instead)"
            if reason:
                dirs.remove(name)
                problems.append(Problem(rel_path(here / name, root), 1, reason.replace("file name", "folder name")))
        for name in names:
            if name.startswith("."):
                continue
            reason = name_refusal(name) or _refusal_in_walk(here / name, data_dir)
            if reason:
                problems.append(Problem(rel_path(here / name, root), 1, reason))
            else:
                files.append(here / name)
    return sorted(files), problems
