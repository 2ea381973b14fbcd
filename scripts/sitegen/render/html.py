"""Literal text into safe HTML and Markdown.

Source text is never markup: everything is escaped, so `<script>`, `*`, `#`
and friends show exactly as written.
"""
from __future__ import annotations

import html
import re

from ..link.terms import TermMatcher

# Python-Markdown's backslash-escapable characters (plus | for tables).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def md_inline(text: str) -> str:
    """Text for a Markdown heading or table cell: HTML-escaped, then Markdown-escaped."""
    escaped = html.escape(" ".join(str(text).split()), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", escaped)


# A URL's scheme as a browser reads it: it drops tabs and line breaks anywhere and blanks at the ends.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_IGNORED = re.compile(r"[\x00-\x20\x7f]")
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def safe_url(url: str) -> bool:
    """Whether a link may point at `url`: http(s), mailto, or relative within the site.
    javascript:, data:, vbscript: ... run or embed content; //host leaves the offline site.
    (Written here: the sanitizer libraries judge whole HTML fragments, not one href.)"""
    bare = _IGNORED.sub("", str(url))
    scheme = _SCHEME.match(bare)
    if scheme:
        return scheme.group(1).lower() in SAFE_SCHEMES
    return not bare.startswith(("//", "\\\\", "/\\", "\\/"))


def link(href: str, text: str, title: str = "", cls: str = "") -> str:
    """<a> to `href`; an href that safe_url refuses gives the text alone, never a live link."""
    if not safe_url(href):
        return esc(text)
    attrs = f' href="{esc(href)}"'
    if cls:
        attrs += f' class="{esc(cls)}"'
    if title:
        attrs += f' title="{esc(title)}"'
    return f"<a{attrs}>{esc(text)}</a>"


class Linker:
    """Turns literal text into HTML with glossary terms linked once per paragraph."""

    def __init__(self, matcher: TermMatcher, terms: dict[str, str]):
        self.matcher = matcher
        self.terms = terms  # term id -> md page path
        self._opening: dict[tuple[str, str], str] = {}  # (folder, term id) -> '<a href=… class="term">'

    def text(self, text: str, page: str, rel, skip: frozenset = frozenset()) -> str:
        # A hot loop (every paragraph of every document): most paragraphs have nothing to
        # escape, and a link's opening tag depends only on the linking page's folder.
        escape = esc if _TO_ESCAPE.search(text) else _same
        folder = page.rpartition("/")[0]
        out, last, seen = [], 0, set(skip)
        for match in self.matcher.find(text):
            if match.term_id in seen or match.term_id not in self.terms:
                continue
            seen.add(match.term_id)
            opening = self._opening.get((folder, match.term_id))
            if opening is None:
                # No title here: the definition would repeat in every paragraph that uses
                # the term (a fifth of a document page); glossary/tooltips.js shows it.
                target = self.terms[match.term_id]
                opening = self._opening[(folder, match.term_id)] = f'<a href="{esc(rel(page, target))}" class="term">'
            out.append(escape(text[last : match.start]))
            out.append(opening)
            out.append(escape(text[match.start : match.end]))
            out.append("</a>")
            last = match.end
        out.append(escape(text[last:]))
        return "".join(out)


_TO_ESCAPE = re.compile("[&<>\"']")


def _same(text: str) -> str:
    return text
