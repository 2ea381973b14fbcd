"""Where each generated page lives, and relative links between pages.

Pages are linked with their final `.html` names (use_directory_urls is off so
that the site works from file://), relative to the linking page, so the site
works under any sub-path.
"""
from __future__ import annotations

import posixpath

FOLDERS = {
    "batch": "batches",
    "phase": "phases",
    "role": "roles",
    "checklist": "checklists",
    "term": "glossary",
    "document": "sources",
}


def page_of(kind: str, item_id: str) -> str:
    return f"{FOLDERS[kind]}/{item_id}.md"


def url_of(md_path: str) -> str:
    return md_path[:-3] + ".html" if md_path.endswith(".md") else md_path


def rel(from_md: str, to_md: str, anchor: str = "") -> str:
    """Relative URL from one generated page to another (or to an anchor in it)."""
    target = url_of(to_md)
    here = posixpath.dirname(from_md) or "."
    link = posixpath.relpath(target, here) if target != url_of(from_md) else posixpath.basename(target)
    return f"{link}#{anchor}" if anchor else link
