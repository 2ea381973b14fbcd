"""Saved web pages (.html/.htm, and .mht "单个文件网页") -> Extracted: the article only.

The charset comes from a byte-order mark, the page's <meta> (or the .mht part's header),
strict UTF-8, or detection (decode.py). readability-lxml picks the article: it keeps the
article of an old layout-table page whole, where trafilatura fell back to the whole page
with its navigation and 相关文章 list, and takes a few milliseconds. What readability keeps
around the article (发布时间：…, 【打印本页】) is site furniture the text layouts already know.
"""
from __future__ import annotations

import codecs
import email
import email.policy
import re

from ..decode import decode_bytes
from ..document import Cell
from . import IMAGE, Extracted, IngestError, _is_mht, join_lines, table_line

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"}
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "ul", "ol", "dl", "dt", "dd",
           "blockquote", "pre", "section", "article", "header", "footer", "center", "hr", "form", "address"}
_DROP = {"script", "style", "noscript", "iframe", "object", "embed", "template", "select", "button"}
_TITLE_SPLIT = re.compile(r"\s*(?:_|\s-\s|\s–\s|\s—\s|\||｜|－{1,2}|——)\s*")  # 标题_站点名 / 标题 - 站点名
_DATE_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date", "date")
_IMAGE_ONLY = re.compile(r"［图片(?:：[^］]*)?］")


def _mht_part(raw: bytes) -> tuple[bytes, str | None]:
    """The HTML part of a MIME .mht file, its transfer encoding undone, and its charset."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return payload, part.get_content_charset()
    raise IngestError("saved web page (.mht) without an HTML part")


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.lower().strip()
    if name in _GB:
        return "gb18030"  # the superset: pages declared gb2312 hold GBK characters all the time
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_page(raw: bytes, declared: str | None, rules) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings): BOM, then the declared charset, then decode.py's detection."""
    if raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_bytes(raw, rules)
    found = _META_CHARSET.search(raw[:8192])
    for name in (declared, found.group(1).decode("ascii", "replace") if found else None):
        codec = _codec(name)
        if codec:
            try:
                return raw.decode(codec), codec, []
            except UnicodeDecodeError:
                pass
    text, encoding, warnings = decode_bytes(raw, rules)
    if found or declared:
        warnings.append(f"the page declares charset {declared or found.group(1).decode('ascii', 'replace')} "
                        f"but is not in it; read as {encoding}")
    return text, encoding, warnings


class _Lines:
    """An element tree -> paragraphs: block elements and <br> end a line; a data table is one
    line with its rows in `tables`; the cells of a layout table are paragraphs."""

    def __init__(self):
        self.lines: list[str] = []
        self.current: list[str] = []
        self.headings: dict[int, int] = {}
        self.tables: dict[int, tuple] = {}  # line -> rows
        self.images = 0

    def end(self, heading: int = 0) -> None:
        text = join_lines(self.current)
        if "\n" in text or "\r" in text:  # a line break in the markup is white space: line numbers key the tables
            text = join_lines(re.split(r"[\r\n]+", text))
        text = text.replace("\xa0", " ").strip()
        self.current = []
        if text:
            self.lines.append(text)
            if heading:
                self.headings[len(self.lines)] = heading

    def walk(self, el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _DROP or not tag:  # scripts, styles, comments: their text is not the page's
            self.current.append(el.tail or "")
            return
        if tag in _BLOCKS:
            self.end()
        if tag == "img":
            alt = (el.get("alt") or "").strip()
            self.images += 1
            self.current.append(f"［图片：{alt}］" if alt else IMAGE)
        elif tag == "br":
            self.end()
        elif tag == "table":
            self.table(el)
            self.current.append(el.tail or "")
            return
        self.current.append(el.text or "")
        for child in el:
            self.walk(child)
        if tag in _BLOCKS:
            self.end(int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else 0)
        self.current.append(el.tail or "")

    def table(self, table) -> None:
        grid = _grid(table)
        if not _is_data_table(table, grid):
            for _, cells in grid:  # a layout table: each cell's paragraphs as they are
                for cell in cells:
                    self.walk(cell)
                    self.end()
            return
        rows = tuple(tuple(self.cell(c, in_head) for c in cells) for in_head, cells in grid if cells)
        self.end()
        self.lines.append(table_line(rows))
        self.tables[len(self.lines)] = rows

    def cell(self, el, in_head: bool) -> Cell:
        inner = _Lines()
        inner.current.append(el.text or "")
        for child in el:
            inner.walk(child)
        inner.end()
        self.images += inner.images
        return Cell(" ".join(inner.lines), _span(el.get("colspan"), 64), _span(el.get("rowspan"), 1000),
                    in_head or el.tag.lower() == "th")


def _grid(table) -> list[tuple[bool, list]]:
    """(in <thead>, cells) for each row of a table (not of the tables inside it)."""
    rows = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append((False, child))
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend((tag == "thead", tr) for tr in child if isinstance(tr.tag, str) and tr.tag.lower() == "tr")
    return [(head, [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]) for head, tr in rows]


_CELL_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6"}


def _is_data_table(table, grid) -> bool:
    """Rows of two or more filled cells, at least two of them, and no cell holding paragraphs
    or another table: an old page's layout table (the article in one cell, <br> between its
    paragraphs; navigation beside it) is not data."""
    filled = [sum(1 for c in cells if "".join(c.itertext()).strip()) for _, cells in grid]
    if sum(1 for n in filled if n >= 2) < 2:
        return False
    for _, cells in grid:
        for cell in cells:
            inner = [e.tag.lower() for e in cell.iterdescendants() if isinstance(e.tag, str)]
            if "table" in inner or sum(1 for t in inner if t in _CELL_BLOCKS) > 2:
                return False
    return True


def _span(value: str | None, limit: int) -> int:
    value = (value or "").strip()
    return max(1, min(int(value), limit)) if value.isdigit() else 1


def _title(tree, lines: list[str]) -> str | None:
    """The page's own title: an <h1> of the article that the <title> begins with, else the <title>
    without the site's name after it."""
    page = join_lines(tree.findtext(".//title") or "").strip()
    for line in lines[:5]:
        if page and (page.startswith(line) or line in page) and len(line) >= 4:
            return line
    parts = [p for p in _TITLE_SPLIT.split(page) if p]
    return max(parts[:1] or [None], key=lambda p: len(p or "")) if parts else None


def _meta_date(tree, rules) -> str | None:
    from ..textutil import parse_date

    for meta in tree.iter("meta"):
        name = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        if name in _DATE_META and meta.get("content"):
            iso = parse_date(meta.get("content"), rules)
            if iso:
                return iso
    return None


_FIELDS = re.compile(r"\s{2,}|\u3000+")


def split_fields(lines: list[str], rules) -> list[str]:
    """A page's info line holds several fields (发布时间：…  来源：…  浏览次数：…): one line each
    when one of them is site furniture, so the web-page layout takes each out and keeps its value."""
    out = []
    for line in lines:
        fields = [f for f in _FIELDS.split(line) if f]
        if len(fields) > 1 and any(rule.match(f) for f in fields for rule in rules.furniture):
            out.extend(fields)
        else:
            out.append(line)
    return out


def _page_stamp(tree, rules) -> str | None:
    """The page's date stamp (发布时间：…), wherever the page shows it: outside the article too."""
    from ..textutil import parse_date

    label = rules.meta_labels.get("upload_time")
    whole = _Lines()
    whole.walk(tree.find("body") if tree.find("body") is not None else tree)
    whole.end()
    for line in split_fields(whole.lines, rules):
        for rule in rules.furniture:
            m = rule.match(line) if rule.meta == label else None
            if m and "value" in m.groupdict() and m.group("value"):
                iso = parse_date(m.group("value"), rules)
                if iso:
                    return iso
    return None


def _entries(out: _Lines, rules) -> list[tuple[str, int, tuple]]:
    """(text, heading level, table rows) a line, an info line split into its fields."""
    entries = []
    for no, line in enumerate(out.lines, 1):
        level, rows = out.headings.get(no, 0), out.tables.get(no, ())
        fields = [line] if level or rows else split_fields([line], rules)
        entries.extend((field, level, rows) for field in fields)
    return entries


def read(raw: bytes, rules) -> Extracted:
    import lxml.html
    from readability import Document as Readable

    fmt, declared = "html", None
    if _is_mht(raw):
        fmt = "mht"
        raw, declared = _mht_part(raw)
    text, encoding, warnings = decode_page(raw, declared, rules)
    if not text.strip():
        raise IngestError("empty web page")
    try:
        tree = lxml.html.document_fromstring(text)
        article = lxml.html.fragment_fromstring(Readable(text).summary(html_partial=True), create_parent="div")
    except Exception as exc:  # lxml/readability on markup that is not HTML at all
        raise IngestError(f"cannot read this web page: {type(exc).__name__}: {str(exc)[:100]}") from None
    out = _Lines()
    out.walk(article)
    out.end()
    if not any(_IMAGE_ONLY.sub("", line).strip() for line in out.lines):
        raise IngestError("saved web page with no article text (only navigation, scripts or pictures)")
    title = _title(tree, out.lines)
    found = Extracted("", fmt, encoding, title=title, warnings=warnings)
    entries = _entries(out, rules)
    if title and entries and entries[0][0] == title:
        entries = entries[1:]
    found.text = "\n".join(text for text, _, _ in entries)
    found.headings = {no: level for no, (_, level, _) in enumerate(entries, 1) if level}
    found.tables = {no: rows for no, (_, _, rows) in enumerate(entries, 1) if rows}
    stamp = _page_stamp(tree, rules)
    found.date, found.date_source = (stamp, "web-page") if stamp else (_meta_date(tree, rules), "metadata")
    if out.images:
        found.warnings.append(f"{out.images} image(s) shown as placeholders; their content is not read")
    return found
