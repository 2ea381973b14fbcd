"""ingest_document: bytes of one source file -> Document. A plain function, no file I/O."""
from __future__ import annotations

import os

from .anchors import assign_anchors
from .dates import settle_date
from .decode import decode_bytes
from .document import Block, Document
from .layouts import parse
from .outline import build
from .rules import IngestRules
from .script import detect_script
from .titles import derive_title


def document_id(filename: str) -> str:
    """The file name without directory and extension, kept as it is (000_821a5f6d3bb30ab6)."""
    name = os.path.basename(filename.replace("\\", "/"))
    stem, _ = os.path.splitext(name)
    return stem or name


def ingest_document(filename: str, raw: bytes, rules: IngestRules) -> Document:
    """Decode, recognise the layout, take out title/date/meta/furniture, build the outline.

    Raises IngestError only when `raw` is not a text document (empty, binary, not text in
    any encoding); any text yields a Document.
    """
    text, encoding, warnings = decode_bytes(raw, rules)
    parsed = parse(text, rules)
    warnings.extend(parsed.warnings)
    date, date_source = settle_date(parsed.date, parsed.upload_date, parsed.body, parsed.title, rules, warnings)
    pieces = build(parsed.body, rules, warnings)

    doc_id = document_id(filename)
    script = detect_script(text)
    title, derived = parsed.title, False
    if not title:
        title = derive_title(pieces, parsed.speech, rules, doc_id, script == "traditional")
        derived = True
        warnings.append("no title in the source; title derived from the content")

    anchors = assign_anchors((p.kind, p.text) for p in pieces)
    blocks = [
        Block(kind=p.kind, text=p.text, line=p.line, level=p.level, anchor=a)
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
        script=script,
        meta=parsed.meta,
        blocks=blocks,
        removed=sorted(parsed.removed, key=lambda r: r.line),
        warnings=warnings,
    )
