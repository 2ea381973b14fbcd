"""ingest_document: bytes of one source file -> Document. A plain function, no file I/O."""
from __future__ import annotations

import os

from .anchors import assign_anchors
from .dates import settle_date
from .decode import decode_bytes
from .document import Block, Document, table_text
from .formats import Extracted, format_of
from .layouts import parse
from .outline import Piece, build
from .rules import IngestRules
from .script import detect_script
from .textutil import Line, split_lines
from .titles import derive_title


def document_id(filename: str) -> str:
    """The file name without directory and extension, kept as it is (000_821a5f6d3bb30ab6)."""
    name = os.path.basename(filename.replace("\\", "/"))
    stem, _ = os.path.splitext(name)
    return stem or name


def ingest_document(filename: str, raw: bytes, rules: IngestRules) -> Document:
    """Decode, recognise the layout, take out title/date/meta/furniture, build the outline.

    An office or web file (formats.FORMATS, by its signature) is first read to text by its
    format's reader. Raises IngestError when `raw` is neither a file of a known format nor a
    text document (empty, binary, not text in any encoding), or is a damaged file of its format.
    """
    extracted = read_source(raw, rules)
    text, encoding, warnings = extracted.text, extracted.encoding, extracted.warnings
    parsed = parse(without_tables(text, extracted.tables), rules)
    warnings.extend(parsed.warnings)
    if extracted.title:  # the format's own title (Word's Title style) is the title; the text's first line is body
        if parsed.title:
            no = next((i for i, line in enumerate(split_lines(text), 1) if line.strip() == parsed.title), 1)
            parsed.body.insert(0, Line(no, parsed.title))
        parsed.title = extracted.title
    for key, value in extracted.meta.items():
        parsed.add_meta(key, value)
    date, date_source = settle_date(parsed.date, parsed.upload_date, parsed.body, parsed.title, rules, warnings)
    if date is None and extracted.date:
        date, date_source = extracted.date, extracted.date_source
        where = {"web-page": "the web page's date stamp"}.get(date_source, "the file's properties")
        warnings.append(f"document date taken from {where} ({date}); the text gives none")
    pieces = with_tables(styled_headings(build(parsed.body, rules, warnings), extracted.headings), extracted.tables)

    doc_id = document_id(filename)
    script = detect_script(text)
    title, derived = parsed.title or extracted.fallback_title, False
    if not title:
        title = derive_title(pieces, parsed.speech, rules, doc_id, script == "traditional")
        derived = True
        warnings.append("no title in the source; title derived from the content")

    anchors = assign_anchors((p.kind, p.text) for p in pieces)
    blocks = [
        Block(kind=p.kind, text=p.text, line=p.line, level=p.level, anchor=a, rows=p.rows)
        for p, a in zip(pieces, anchors)
    ]
    if not blocks:
        warnings.append("no body text")
    return Document(
        id=doc_id,
        filename=filename,
        title=title,
        title_derived=derived,
        date=date,
        date_source=date_source,
        layout=parsed.layout,
        encoding=encoding,
        format=extracted.format,
        size=len(raw),
        script=script,
        meta=parsed.meta,
        blocks=blocks,
        removed=sorted(parsed.removed, key=lambda r: r.line),
        warnings=warnings,
    )


def read_source(raw: bytes, rules: IngestRules) -> Extracted:
    """The file's text: by its format's reader, or decoded as text when no format claims it."""
    fmt = format_of(raw)
    if fmt is not None:
        return fmt.read(raw, rules)
    text, encoding, warnings = decode_bytes(raw, rules)
    return Extracted(text, "text", encoding, warnings=warnings)


def styled_headings(pieces: list[Piece], headings: dict[int, int]) -> list[Piece]:
    """Lines the format marks as headings (Word's Heading styles, outline levels) are one
    heading each at that level, whatever the numbering analysis made of them."""
    if not headings:
        return pieces
    out: list[Piece] = []
    for piece in pieces:
        level = headings.get(piece.line)
        if level is None:
            out.append(piece)
        elif out and out[-1].line == piece.line and out[-1].kind == "heading":
            out[-1].text += piece.text  # the numbering analysis split this line: one heading again
        else:
            out.append(Piece("heading", piece.text, piece.line, level))
    return out


def without_tables(text: str, tables: dict) -> str:
    """The text with its table lines blank: a table is no title, date, heading or wrapped line
    to the layout and outline rules (line numbers stay, so nothing joins across a table)."""
    if not tables:
        return text
    lines = split_lines(text)
    return "\n".join("" if no in tables else line for no, line in enumerate(lines, 1))


def with_tables(pieces: list[Piece], tables: dict) -> list[Piece]:
    """The format's tables put among the pieces, in line order."""
    if not tables:
        return pieces
    table_pieces = [Piece("table", table_text(rows), no, rows=rows) for no, rows in tables.items()]
    return sorted(pieces + table_pieces, key=lambda p: p.line)  # stable: pieces of one line keep their order
