"""Word .docx -> Extracted, with python-docx: paragraphs in body order, styled title and headings,
automatic numbering, tables, footnotes, tracked changes accepted, images as placeholders.

python-docx opens the package and its parts; the body is walked on its XML because
python-docx's Paragraph.text skips runs inside tracked insertions (w:ins) and text boxes,
and it has no API for numbering or footnotes.
"""
from __future__ import annotations

import io
import re
import zipfile

from ..document import Cell
from . import IMAGE, Extracted, IngestError, join_lines, numbered, official_head, shift_lines, table_line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {W + "del", W + "moveFrom", W + "instrText", W + "delText", MC + "Fallback", W + "rPr", W + "pPr"}
_IMAGES = {W + "drawing", W + "pict", W + "object"}
_HEADING = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_GENERIC_AUTHORS = {"", "administrator", "admin", "user", "微软用户", "微软中国", "microsoft", "番茄花园", "雨林木风"}


def _val(el, path: str) -> str | None:
    found = el.find(path) if el is not None else None
    return found.get(W + "val") if found is not None else None


class _Styles:
    """styleId -> (name, basedOn, outline level, numPr) from styles.xml, resolved along basedOn."""

    def __init__(self, root):
        self.raw = {}
        for st in root.iter(W + "style") if root is not None else ():
            sid = st.get(W + "styleId")
            ppr = st.find(W + "pPr")
            num = ppr.find(W + "numPr") if ppr is not None else None
            self.raw[sid] = ((_val(st, W + "name") or "").strip(), _val(st, W + "basedOn"),
                             _val(ppr, W + "outlineLvl"), num)

    def chain(self, sid: str | None):
        seen = set()
        while sid in self.raw and sid not in seen:
            seen.add(sid)
            yield self.raw[sid]
            sid = self.raw[sid][1]

    def role(self, sid: str | None) -> tuple[str, int]:
        """("title"|"subtitle"|"heading"|"body", level) for a paragraph style."""
        for name, _, outline, _ in self.chain(sid):
            low = name.lower()
            if low in ("title", "标题"):
                return "title", 0
            if low in ("subtitle", "副标题"):
                return "subtitle", 0
            m = _HEADING.match(low)
            if m:
                return "heading", int(m.group(1))
            if outline is not None and outline.isdigit() and int(outline) < 9:
                return "heading", int(outline) + 1
        return "body", 0

    def numpr(self, sid: str | None):
        return next((num for *_, num in self.chain(sid) if num is not None), None)


class _Numbering:
    """Word's automatic numbering (numbering.xml): the visible number of each numbered paragraph."""

    def __init__(self, root):
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> ilvl -> (start, numFmt, lvlText)
        abstract = {}
        for an in root.iter(W + "abstractNum") if root is not None else ():
            abstract[an.get(W + "abstractNumId")] = {
                int(lvl.get(W + "ilvl", "0")): (int(_val(lvl, W + "start") or 1), _val(lvl, W + "numFmt") or "decimal",
                                                _val(lvl, W + "lvlText") or "")
                for lvl in an.iter(W + "lvl")
            }
        for num in root.iter(W + "num") if root is not None else ():
            levels = dict(abstract.get(_val(num, W + "abstractNumId"), {}))
            for ov in num.iter(W + "lvlOverride"):
                ilvl, start = int(ov.get(W + "ilvl", "0")), _val(ov, W + "startOverride")
                if start and start.isdigit() and ilvl in levels:
                    levels[ilvl] = (int(start),) + levels[ilvl][1:]
            self.levels[num.get(W + "numId")] = levels
        self.counters: dict[str, list[int]] = {}

    def label(self, num_id: str | None, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        count = self.counters.setdefault(num_id, [0] * 10)
        count[ilvl] = count[ilvl] + 1 if count[ilvl] else levels[ilvl][0]
        for deeper in range(ilvl + 1, 10):
            count[deeper] = 0
        start, fmt, text = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""  # a bullet symbol is not text a reader quotes

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lvl = levels.get(k, (1, "decimal", ""))
            return numbered(count[k] or lvl[0], lvl[1])

        return re.sub(r"%([1-9])", number, text)


def _text(el, notes: dict[str, int], images: list[int]) -> str:
    """Visible text of a paragraph: tracked insertions kept, deletions dropped; soft breaks as \\n."""
    out: list[str] = []
    stack = [el]
    while stack:  # depth-first, in document order, without recursion (deep XML is hostile input too)
        node = stack.pop()
        tag = node.tag
        if tag in _SKIP and node is not el:
            continue
        if tag == W + "t":
            out.append(node.text or "")
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag in (W + "footnoteReference", W + "endnoteReference"):
            key = ("footnote" if tag == W + "footnoteReference" else "endnote") + (node.get(W + "id") or "")
            notes.setdefault(key, len(notes) + 1)
            out.append(f"［注{notes[key]}］")
        elif tag in _IMAGES and node.find(f".//{W}txbxContent") is None:
            images[0] += 1
            out.append(IMAGE)
            continue
        stack.extend(reversed(list(node)))
    return join_lines(re.split(r"[\r\n]", "".join(out)))  # a stray CR in w:t is no line of its own


def _blocks(container):
    """Paragraphs and tables in body order (content controls and custom XML unwrapped)."""
    for child in container:
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag in (W + "sdt", W + "customXml", W + "sdtContent", W + "ins", W + "moveTo"):
            yield from _blocks(child)


class _Reader:
    def __init__(self, document):
        part = document.part
        self.styles = _Styles(_root_of(part, "styles"))
        self.numbering = _Numbering(_root_of(part, "numbering"))
        self.notes: dict[str, int] = {}
        self.images = [0]
        self.lines: list[str] = []
        self.headings: dict[int, int] = {}
        self.tables: dict[int, tuple] = {}  # line -> rows
        self.title: list[str] = []
        self.subtitle: list[str] = []

    def paragraph(self, p) -> tuple[str, str, int]:
        ppr = p.find(W + "pPr")
        sid = _val(ppr, W + "pStyle")
        role, level = self.styles.role(sid)
        outline = _val(ppr, W + "outlineLvl")
        if role == "body" and outline and outline.isdigit() and int(outline) < 9:
            role, level = "heading", int(outline) + 1
        num = ppr.find(W + "numPr") if ppr is not None else None
        num = num if num is not None else self.styles.numpr(sid)
        label = ""
        if num is not None:
            label = self.numbering.label(_val(num, W + "numId"), int(_val(num, W + "ilvl") or 0))
        text = _text(p, self.notes, self.images).strip()
        return role, level, (label + text if text else "")

    def cell(self, tc) -> str:
        parts = []
        for block in _blocks(tc):
            parts.append(self.nested(block) if block.tag == W + "tbl" else self.paragraph(block)[2])
        return " ".join(part for part in parts if part)

    def nested(self, tbl) -> str:
        """A table inside a cell, as text in that cell."""
        return table_line(_rows(self, tbl))

    def walk(self, body) -> None:
        for block in _blocks(body):
            if block.tag == W + "tbl":
                self.table(block)
                continue
            role, level, text = self.paragraph(block)
            if not text:
                continue
            if role == "title" and not self.lines:
                self.title.append(text)
            elif role == "subtitle" and not self.lines:
                self.subtitle.append(text)
            else:
                if role == "heading":
                    self.headings[len(self.lines) + 1] = level
                self.lines.append(text)

    def table(self, tbl) -> None:
        """A table of two or more columns is a table block; a one-column table (a box drawn
        round some paragraphs) is those paragraphs."""
        grid = _grid_rows(tbl)
        if max((len(r) for r in grid), default=0) < 2:
            for tr in grid:
                for tc in tr:
                    self.walk(tc)
            return
        rows = _rows(self, tbl, grid)
        if any(cell.text for row in rows for cell in row):
            self.lines.append(table_line(rows))
            self.tables[len(self.lines)] = rows


def _grid_rows(tbl) -> list[list]:
    """The cells (w:tc) of each row of a table, rows and cells in content controls unwrapped."""
    return [list(_blocks_of(tr, W + "tc")) for tr in _blocks_of(tbl, W + "tr")]


def _blocks_of(el, tag: str):
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (W + "sdt", W + "customXml", W + "sdtContent"):
            yield from _blocks_of(child, tag)


def _header_count(tbl, n_rows: int) -> int:
    """Rows Word repeats as a header on each page (w:tblHeader) at the top; else the first row
    when the table's look sets it apart (w:tblLook firstRow, the default of Word's tables)."""
    marked = 0
    for tr in _blocks_of(tbl, W + "tr"):
        flag = tr.find(f"{W}trPr/{W}tblHeader")
        if flag is None or flag.get(W + "val") in ("0", "false", "off"):
            break
        marked += 1
    if marked:
        return marked
    look = tbl.find(f"{W}tblPr/{W}tblLook")
    if look is None or n_rows < 2:
        return 0
    first = look.get(W + "firstRow")
    if first is not None:
        return 1 if first in ("1", "true", "on") else 0
    bits = look.get(W + "val") or ""  # Word 2007 writes the look as hex bits: 0x0020 is firstRow
    return 1 if re.fullmatch(r"[0-9A-Fa-f]{1,4}", bits) and int(bits, 16) & 0x20 else 0


def _span(value: str | None, limit: int) -> int:
    return max(1, min(int(value), limit)) if value and value.isdigit() else 1


def _rows(reader: "_Reader", tbl, grid: list[list] | None = None) -> tuple:
    """Every cell of a table, in rows: w:gridSpan as colspan; a vertically merged cell
    (w:vMerge restart ... continue) is one cell with a rowspan, the continuations not repeated."""
    grid = _grid_rows(tbl) if grid is None else grid
    heads = _header_count(tbl, len(grid))
    rows: list[list[list]] = []  # [text, colspan, rowspan, head]
    above: dict[int, list] = {}  # grid column -> the cell a vertical merge there continues
    for r, tcs in enumerate(grid):
        row, col = [], 0
        for tc in tcs:
            tcpr = tc.find(W + "tcPr")
            span = _span(_val(tcpr, W + "gridSpan"), 64)
            merge = tcpr.find(W + "vMerge") if tcpr is not None else None
            if merge is not None and merge.get(W + "val") in (None, "continue") and col in above:
                above[col][2] += 1
            else:
                cell = [reader.cell(tc), span, 1, r < heads]
                row.append(cell)
                if merge is not None:
                    above[col] = cell
                else:
                    above.pop(col, None)
            col += span
        rows.append(row)
    return tuple(tuple(Cell(re.sub(r"[\r\n]+", " ", t), c, s, h) for t, c, s, h in row) for row in rows if row)


def _root_of(part, name: str):
    """The XML root of the part related to `part` by relationship type …/`name`, or None."""
    from lxml import etree

    for rel in part.rels.values():
        if not rel.is_external and rel.reltype.endswith("/" + name):
            try:
                return etree.fromstring(rel.target_part.blob, parser=etree.XMLParser(resolve_entities=False, huge_tree=False))
            except etree.XMLSyntaxError:
                return None
    return None


def _notes(part, reader: _Reader) -> list[str]:
    """Footnote and endnote texts, as 注N：… paragraphs at the end, in order of first reference."""
    texts = {}
    for kind in ("footnote", "endnote"):
        root = _root_of(part, kind + "s")
        for note in root if root is not None else ():
            texts[kind + (note.get(W + "id") or "")] = " ".join(reader.paragraph(p)[2] for p in note.iter(W + "p")).strip()
    return [f"注{n}：{texts.get(key, '')}" for key, n in sorted(reader.notes.items(), key=lambda kv: kv[1])]


# A .docx is a zip: a small file can unpack to gigabytes (a zip bomb). zipfile never inflates a
# member past the size its entry declares, so the declared sizes bound the memory reading takes.
MAX_UNPACKED = 256 << 20


def _check_size(raw: bytes) -> None:
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(raw)).infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # _open says what is wrong with it
    if unpacked > MAX_UNPACKED:
        raise IngestError(f"Word file (.docx) unpacks to {unpacked >> 20} MB, over {MAX_UNPACKED >> 20} MB: "
                          "not read (a damaged or hostile file; save it again from Word)")


def _open(raw: bytes):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_size(raw)
    try:
        return docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, EOFError, OSError) as exc:
        raise IngestError(f"damaged Word file (.docx): cannot be opened ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # lxml's XMLSyntaxError and the like: a broken part inside the package
        raise IngestError(f"damaged Word file (.docx): {type(exc).__name__}: {str(exc)[:120]}") from None


def read(raw: bytes, rules) -> Extracted:
    document = _open(raw)
    reader = _Reader(document)
    try:
        reader.walk(document.element.body)
        notes = _notes(document.part, reader)
    except Exception as exc:  # a part python-docx opened but whose XML is not what Word writes
        raise IngestError(f"damaged Word file (.docx): {type(exc).__name__}: {str(exc)[:120]}") from None
    found = Extracted("", "docx", "utf-8", headings=reader.headings, tables=reader.tables)
    body = official_head(reader.lines, found, rules)
    shift_lines(found, len(reader.lines) - len(body))  # lines taken off the top
    found.text = "\n".join(body + notes)
    if reader.title:
        found.title = join_lines(reader.title)
    if reader.subtitle:
        found.meta["副标题"] = join_lines(reader.subtitle)
    core = document.core_properties
    found.fallback_title = (core.title or "").strip() or None
    if (core.author or "").strip().lower() not in _GENERIC_AUTHORS:
        found.meta["作者"] = core.author.strip()
    stamp = core.created or core.modified
    found.date = stamp.date().isoformat() if stamp else None
    if reader.images[0]:
        found.warnings.append(f"{reader.images[0]} image(s) shown as the placeholder {IMAGE}; their content is not read")
    return found
