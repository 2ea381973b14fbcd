"""What the index knows about one page, and how it is read from the rendered HTML."""
from __future__ import annotations

import dataclasses
import html as htmllib
import re
from dataclasses import dataclass, field

from ..packing import Spool, Spooled
from .packed import Packer

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
    # the sections packed as the page's d/<n>.js holds them, once let go (packed()): a str, or
    # where a Spool keeps it (base91: ASCII)
    texts: str | Spooled = ""

    @property
    def text(self) -> str:
        return "\n".join(b.text for s in self.sections for b in s.blocks)

    def packed(self, spool: Spool | None = None, packer: Packer | None = None) -> "SearchPage":
        """The page with its sections packed by packer (the index's, write_index(texts=);
        needed unless packed already): what the index writes of them anyway, about a
        sixth of their memory while every page waits for the index; with a spool, in its
        file instead (a few bytes in memory)."""
        if not self.sections and not (spool and isinstance(self.texts, str) and self.texts):
            return self
        if self.sections and packer is None:
            raise ValueError(f"{self.url}: packing a page's text needs the index's packer")
        texts = pack_record(text_record(self), packer) if self.sections else self.texts
        return dataclasses.replace(self, sections=(), texts=spool.keep(texts.encode("ascii")) if spool else texts)

    @property
    def packed_texts(self) -> str:
        """`texts` as a str ('' when the sections are not packed)."""
        return self.texts.read().decode("ascii") if isinstance(self.texts, Spooled) else self.texts


def text_record(page: SearchPage) -> dict:
    """A page's sections and blocks as the worker reads them for snippets (its url is in
    the page table)."""
    return {"s": [[s.anchor, s.title, s.level, [[b.anchor, b.text] for b in s.blocks]] for s in page.sections]}


# An anchor made by ingest/anchors.py (a letter, "-" and 8 hex digits of a hash) costs a
# page text 13 bytes as text and 4 as bytes, a tenth of the packed text. Packed, such an
# anchor keeps its "h-" and its hash follows the JSON as bytes, in the order the anchors
# come (a section's, then its blocks'); a paragraph's "p-" block is its text alone. The
# worker puts them back (10-load.js withHashes).
_HASHED = re.compile(r"[a-z]-[0-9a-f]{8}")
_BARE = re.compile(r"[a-z]-")


def _each_anchor(record: dict, change) -> dict:
    return {**record, "s": [[change(s[0]), s[1], s[2], [_block(change, b) for b in s[3]]] for s in record["s"]]}


def _block(change, block: list | str) -> list | str:
    if isinstance(block, str):  # packed: a paragraph with a hashed anchor
        return [change("p-"), block]
    anchor = change(block[0])
    return block[1] if anchor == "p-" else [anchor, block[1]]


def block_text(block: list | str) -> str:
    """A block's text in a record packed or not (the index reads no anchor)."""
    return block if isinstance(block, str) else block[1]


def pack_record(record: dict, packer: Packer) -> str:
    """text_record(), packed with its hashed anchors as bytes (as the worker reads it)."""
    hashes, bare = bytearray(), []

    def short(anchor: str) -> str:
        bare.append(_BARE.fullmatch(anchor))
        if not _HASHED.fullmatch(anchor):
            return anchor
        hashes.extend(bytes.fromhex(anchor[2:]))
        return anchor[:2]

    compact = _each_anchor(record, short)
    if any(bare):  # an anchor that is only "p-" would read as one with a hash: keep them all as text
        return packer.pack(record)
    return packer.pack(compact, bytes(hashes))


def packed_text(page: SearchPage, packer: Packer) -> str:
    """What d/<n>.js holds of a page: its packed texts (packed now if they are not yet)."""
    return page.packed_texts or pack_record(text_record(page), packer)


def unpack_record(packed: str, packer: Packer) -> dict:
    return with_hashes(*packer.unpack_parts(packed))


def with_hashes(record: dict, hashes: bytes) -> dict:
    """The record with each bare "h-" anchor given its hash back, in order, and each
    block that is text alone its "p-" anchor."""
    if not hashes:
        return record
    at = iter(range(0, len(hashes), 4))

    def full(anchor: str) -> str:
        if not _BARE.fullmatch(anchor):
            return anchor
        i = next(at)
        return anchor + hashes[i:i + 4].hex()

    return _each_anchor(record, full)


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
    reader = _PageReader(title)
    reader.read(html)
    return SearchPage(
        url=url,
        title=title,
        kind=kind,
        sections=tuple(reader.sections),
        aliases=tuple(a for a in dict.fromkeys(a.strip() for a in [*aliases, *reader.aliases]) if a and a != title),
    )


class _PageReader:
    """One pass over a page's HTML tokens (_TOKEN), on the markup of our renderer and
    Material. Written before html.parser was weighed: measured on the seed site's document
    pages, html.parser doing nothing takes as long (0.19 s for 1.7 MB) as this reader doing
    everything. Moving onto it would be a fair change; the search files must stay the same."""

    def __init__(self, title: str):
        self.title = title
        self.sections: list[Section] = []
        self.aliases: list[str] = []
        self.sec_anchor, self.sec_title, self.sec_level = "", title, 1
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.stack: list[tuple[str, str]] = []  # (tag, id) of open elements
        self.heading: list = []  # [tag, id, parts] while inside a heading
        self.variants: list = []  # [depth, parts] while inside <p class="variants">

    def read(self, html: str) -> None:
        pos, n = 0, len(html)
        while pos < n:
            m = _TOKEN.match(html, pos)
            if m is None:  # pragma: no cover - the pattern matches any character
                break
            pos = m.end()
            tag = m.group(2)
            if tag is None:
                self._text(m.group(0))
            elif m.group(1) == "/":
                self._close(tag.lower())
            else:
                pos = self._open(tag.lower(), m.group(3) or "", html, pos)
        if self.heading:
            self.buf.extend(self.heading[2])
        self._close_section()
        if not self.sections:
            self.sections.append(Section("", self.title, 1, ()))

    def _parts(self) -> list[str]:
        return self.heading[2] if self.heading else self.buf

    def _text(self, tok: str) -> None:
        if tok.startswith("<") and len(tok) > 1:
            return  # comment, doctype, processing instruction
        text = htmllib.unescape(tok)
        self._parts().append(text)
        if self.variants:
            self.variants[1].append(text)

    def _close(self, tag: str) -> None:
        heading = self.heading
        if tag in _HEADING and heading and heading[0] == tag:
            htext = clean_text("".join(heading[2]))
            if tag == "h1":
                self.sec_title = htext or self.title
            else:
                self._close_section()
                self.sec_anchor, self.sec_title, self.sec_level = heading[1], htext, _HEADING[tag]
            self.heading = []
        if self.variants and tag == "p" and len(self.stack) == self.variants[0]:
            self.aliases.extend(_split_variants("".join(self.variants[1])))
            self.variants = []
        if tag in _BLOCK:
            self._flush()
        elif tag in _SPACE:
            self._parts().append(" ")
        stack = self.stack
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == tag:
                del stack[i:]
                break

    def _open(self, tag: str, raw: str, html: str, pos: int) -> int:
        """An opening tag; returns where reading goes on (past a skipped element's content)."""
        attrs = _attrs(raw)
        classes = attrs.get("class", "").split()
        self_closing = raw.rstrip().endswith("/")
        if tag in _SKIP or "headerlink" in classes or attrs.get("aria-hidden") == "true" and tag == "span" and not self.heading:
            # Skip the element with its content (permalink anchors, scripts, icons).
            return pos if self_closing or tag in _VOID else _skip_element(tag, html, pos)
        if tag == "p" and "variants" in classes and not self.variants:
            self.variants = [len(self.stack) + 1, []]
        if tag in _HEADING:
            self._flush()
            self.heading = [tag, attrs.get("id", ""), []]
        elif tag in _BLOCK:
            self._flush()
        elif tag in _SPACE:
            self._parts().append(" ")
        if tag not in _VOID and not self_closing:
            self.stack.append((tag, attrs.get("id", "")))
        return pos

    def _anchor_now(self) -> str:
        for tag, ident in reversed(self.stack):
            if ident and tag in _BLOCK and tag not in _HEADING:
                return ident
        return ""

    def _flush(self) -> None:
        if self.buf:
            text = clean_text("".join(self.buf))
            self.buf.clear()
            if text:
                self.blocks.append(Block(self._anchor_now(), text))

    def _close_section(self) -> None:
        self._flush()
        if self.blocks or self.sec_anchor or self.sections:
            self.sections.append(Section(self.sec_anchor, self.sec_title, self.sec_level, tuple(self.blocks)))
        self.blocks.clear()


def _skip_element(tag: str, html: str, pos: int) -> int:
    """Where the element opened just before `pos` ends (nested ones of the same tag counted)."""
    depth, n = 1, len(html)
    inner = re.compile(rf"<(/?){tag}\b[^>]*>", re.I)
    while depth and pos < n:
        mm = inner.search(html, pos)
        if not mm:
            return n
        pos = mm.end()
        if mm.group(1):
            depth -= 1
        elif not mm.group(0).endswith("/>") and tag not in ("script", "style"):
            depth += 1
    return pos
