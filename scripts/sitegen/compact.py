"""Whitespace between tags, as Material's templates leave it, squeezed out of each page.

Material's Jinja templates indent every line of the header and the navigation: about
16 KB of a page's 45 KB is spaces and blank lines. Every run of whitespace that holds a
line break becomes one line break, so the page renders the same (HTML collapses such a
run to one space either way), except inside <pre>, <textarea>, <script> and <style>,
which are left alone. Written by hand: htmlmin (pure Python) costs more than laying out
the page, and minify-html rewrites the markup (quotes, optional tags) beyond whitespace.
"""
from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_RUN = re.compile(r"[ \t\r\f]*\n\s*")


def compact_html(html: str) -> str:
    parts = _KEEP.split(html)
    # split() yields: text, whole kept element, its tag name, text, ...
    out = []
    for i in range(0, len(parts), 3):
        out.append(_RUN.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
