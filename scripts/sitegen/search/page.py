"""What the index knows about one page, and how it is read from the rendered HTML."""
from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field

KINDS = ("term", "phase", "batch", "role", "checklist", "document", "page")
# Pages "about a thing": when their title matches the query they come first.
TYPED_KINDS = frozenset({"term", "phase", "batch", "role", "checklist"})


@dataclass(frozen=True)
class Block:
    """A paragraph (or list item, table row, ...): its own anchor id ('' = none) and text."""

    anchor: str
    text: str


@dataclass(frozen=True)
class Section:
    """Text under one heading. anchor '' is the top of the page (before the first h2)."""

    anchor: str
    title: str
    level: int
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class SearchPage:
    url: str  # site-relative, e.g. glossary/term-three-represents.html
    title: str
    kind: str
    sections: tuple[Section, ...] = ()
    aliases: tuple[str, ...] = field(default=())  # other names the page is about

    @property
    def text(self) -> str:
        return "\n".join(b.text for s in self.sections for b in s.blocks)


_BLOCK = frozenset(
    "p li dt dd tr pre blockquote figcaption caption summary div table thead tbody tfoot ul ol dl "
    "section article details aside header footer nav main form fieldset hr figure h1 h2 h3 h4 h5 h6 "
    "address center".split()
)
_SPACE = frozenset("td th br".split())
_VOID = frozenset("br hr img input meta link wbr col area base embed source track param".split())
_SKIP = frozenset("script style template noscript svg math button select textarea iframe object".split())
_HEADING = {f"h{i}": i for i in range(1, 7)}

_TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|[^<]+|<", re.S)
_ATTR = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
_WS = re.compile(r"\s+")
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]) (?=[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef])")


def _attrs(raw: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ATTR.finditer(raw):
        value = m.group(2) or ""
        if value[:1] in "\"'":
            value = value[1:-1]
        out.setdefault(m.group(1).lower(), htmllib.unescape(value))
    return out


def clean_text(text: str) -> str:
    """Collapse whitespace; drop spaces between two CJK characters (line breaks in source)."""
    return _CJK_GAP.sub("", _WS.sub(" ", text)).strip()


_VARIANT_SPLIT = re.compile(r"[、，,;；/／]+")


def _split_variants(text: str) -> list[str]:
    """'又作：甲、乙' -> ['甲', '乙'] (the label before the first colon is dropped)."""
    text = clean_text(text)
    for colon in ("：", ":"):
        if colon in text:
            text = text.split(colon, 1)[1]
            break
    return [v.strip() for v in _VARIANT_SPLIT.split(text) if v.strip()]


def page_from_html(url: str, title: str, kind: str, html: str, aliases=()) -> SearchPage:
    """Split a rendered page (its article HTML) into sections by heading and blocks by
    paragraph, keeping each heading's and paragraph's id so a result can link to it.

    Other names of the page come from `aliases` and from a `<p class="variants">` in the
    page (the glossary's "又作：甲、乙" line).

    Text is taken literally (entities decoded): markup in the page text, like `<script>`
    written as text, stays text; the worker escapes everything it shows.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown search page kind {kind!r} (one of {', '.join(KINDS)})")
    sections: list[Section] = []
    sec_anchor, sec_title, sec_level = "", title, 1
    blocks: list[Block] = []
    buf: list[str] = []
    stack: list[tuple[str, str]] = []  # (tag, id) of open elements
    heading: list = []  # [tag, id, parts] while inside a heading
    variants: list = []  # [depth, parts] while inside <p class="variants">
    found_aliases: list[str] = []

    def anchor_now() -> str:
        for tag, ident in reversed(stack):
            if ident and tag in _BLOCK and tag not in _HEADING:
                return ident
        return ""

    def flush() -> None:
        if buf:
            text = clean_text("".join(buf))
            buf.clear()
            if text:
                blocks.append(Block(anchor_now(), text))

    def close_section() -> None:
        flush()
        if blocks or sec_anchor or sections:
            sections.append(Section(sec_anchor, sec_title, sec_level, tuple(blocks)))
        blocks.clear()

    pos, n = 0, len(html)
    while pos < n:
        m = _TOKEN.match(html, pos)
        if m is None:  # pragma: no cover - the pattern matches any character
            break
        pos = m.end()
        tag = m.group(2)
        if tag is None:
            tok = m.group(0)
            if tok.startswith("<") and len(tok) > 1:
                continue  # comment, doctype, processing instruction
            text = htmllib.unescape(tok)
            (heading[2] if heading else buf).append(text)
            if variants:
                variants[1].append(text)
            continue
        tag = tag.lower()
        closing = m.group(1) == "/"
        if closing:
            if tag in _HEADING and heading and heading[0] == tag:
                htext = clean_text("".join(heading[2]))
                if tag == "h1":
                    sec_title = htext or title
                else:
                    close_section()
                    sec_anchor, sec_title, sec_level = heading[1], htext, _HEADING[tag]
                heading = []
            if variants and tag == "p" and len(stack) == variants[0]:
                found_aliases.extend(_split_variants("".join(variants[1])))
                variants = []
            if tag in _BLOCK:
                flush()
            elif tag in _SPACE:
                (heading[2] if heading else buf).append(" ")
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == tag:
                    del stack[i:]
                    break
            continue
        attrs = _attrs(m.group(3) or "")
        classes = attrs.get("class", "").split()
        if tag in _SKIP or "headerlink" in classes or attrs.get("aria-hidden") == "true" and tag == "span" and not heading:
            # Skip the element with its content (permalink anchors, scripts, icons).
            if (m.group(3) or "").rstrip().endswith("/") or tag in _VOID:
                continue
            depth = 1
            inner = re.compile(rf"<(/?){tag}\b[^>]*>", re.I)
            while depth and pos < n:
                mm = inner.search(html, pos)
                if not mm:
                    pos = n
                    break
                pos = mm.end()
                if mm.group(1):
                    depth -= 1
                elif not mm.group(0).endswith("/>") and tag not in ("script", "style"):
                    depth += 1
            continue
        if tag == "p" and "variants" in classes and not variants:
            variants = [len(stack) + 1, []]
        if tag in _HEADING:
            flush()
            heading = [tag, attrs.get("id", ""), []]
        elif tag in _BLOCK:
            flush()
        elif tag in _SPACE:
            (heading[2] if heading else buf).append(" ")
        if tag not in _VOID and not (m.group(3) or "").rstrip().endswith("/"):
            stack.append((tag, attrs.get("id", "")))
    if heading:
        (buf).extend(heading[2])
    close_section()
    if not sections:
        sections.append(Section("", title, 1, ()))
    return SearchPage(
        url=url,
        title=title,
        kind=kind,
        sections=tuple(sections),
        aliases=tuple(a for a in dict.fromkeys(a.strip() for a in [*aliases, *found_aliases]) if a and a != title),
    )
