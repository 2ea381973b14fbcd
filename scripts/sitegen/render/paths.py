"""Where each generated page lives, and relative links between pages.

Pages are linked with their final `.html` names (use_directory_urls is off so
that the site works from file://), relative to the linking page, so the site
works under any sub-path.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from functools import lru_cache

FOLDERS = {
    "batch": "batches",
    "phase": "phases",
    "role": "roles",
    "checklist": "checklists",
    "term": "glossary",
    "document": "sources",
}


def page_of(kind: str, item_id: str) -> str:
    return f"{FOLDERS[kind]}/{safe_name(item_id)}.md"


def safe_name(name: str) -> str:
    """A portable ASCII file name for any id: document ids come from file names, which
    may hold spaces or Chinese (关于 通知 -> guan-yu-tong-zhi-1a2b). Model ids are ASCII
    already and stay as they are, unless FAT/exFAT/NTFS would refuse or misread them
    (CON, nul.txt, a trailing dot) or they would replace a folder's index page: those
    get the digest too, which keeps them distinct."""
    if _PLAIN.fullmatch(name) and not _UNPORTABLE.fullmatch(name):
        return name
    from pypinyin import lazy_pinyin

    words = re.findall(r"[A-Za-z0-9]+", " ".join(lazy_pinyin(name)))
    digest = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return "-".join([*(w[:_MAX_WORD] for w in words[:12]), digest]).lower()


# Names kept as they are: ASCII, no leading dot, short enough for any file system with ".html".
_PLAIN = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}")
_MAX_WORD = 16
# Windows' device names, with any extension (nul.txt is the device too); a trailing dot,
# which Windows drops; index(-N): a folder's own index pages (sources/index-2.md).
_UNPORTABLE = re.compile(r"(?i)((con|prn|aux|nul|com\d|lpt\d|conin\$|conout\$)(\..*)?|.*\.|index(-\d+)?)")


def collisions(entries: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(path, origin) pairs -> (path, first origin, other origin) for every output path
    that another origin's equals or differs from only by letter case: one would
    overwrite the other (by case: on a FAT/exFAT USB stick, Windows or macOS)."""
    first: dict[str, str] = {}
    found = []
    for path, origin in entries:
        other = first.setdefault(path.casefold(), origin)
        if other != origin:
            found.append((path, other, origin))
    return found


def url_of(md_path: str) -> str:
    return md_path[:-3] + ".html" if md_path.endswith(".md") else md_path


def rel(from_md: str, to_md: str, anchor: str = "") -> str:
    """Relative URL from one generated page to another (or to an anchor in it)."""
    target = url_of(to_md)
    link = _relpath(target, posixpath.dirname(from_md) or ".") if target != url_of(from_md) else posixpath.basename(target)
    return f"{link}#{anchor}" if anchor else link


@lru_cache(maxsize=1 << 17)
def _relpath(target: str, here: str) -> str:
    # Cached by folder, not by page: a few folders times the link targets. posixpath.relpath
    # calls os.getcwd() twice per call, which was a fifth of rendering 2,000 documents.
    return posixpath.relpath(target, here)
