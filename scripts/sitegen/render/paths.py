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
    """An ASCII file name for any id: document ids come from file names, which
    may hold spaces or Chinese (关于 通知 -> guan-yu-tong-zhi-1a2b). Model ids
    are ASCII already and stay as they are."""
    if re.fullmatch(r"[A-Za-z0-9_.-]+", name) and not name.startswith("."):
        return name
    from pypinyin import lazy_pinyin

    words = re.findall(r"[A-Za-z0-9]+", " ".join(lazy_pinyin(name)))
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]
    return "-".join([*words[:12], digest]).lower()


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
