"""The ingest stage's output: a source document as metadata plus literal blocks."""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..packing import Spool, Spooled, pack, unpack


@dataclass(frozen=True)
class Cell:
    """One cell of a table: its text, its spans, and whether it is a header cell."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    head: bool = False


Row = tuple[Cell, ...]
CELL_SEP = " ｜ "  # between the cells of a row in a table's plain text (search, quotes, reports)


def table_text(rows: tuple[Row, ...]) -> str:
    """A table as plain text: a line a row, its filled cells joined by CELL_SEP."""
    return "\n".join(CELL_SEP.join(cell.text for cell in row if cell.text) for row in rows)


def header_rows(rows: tuple[Row, ...]) -> int:
    """How many rows at the top are header rows (every cell a header cell)."""
    n = 0
    while n < len(rows) and rows[n] and all(cell.head for cell in rows[n]):
        n += 1
    return n


@dataclass(frozen=True)
class Block:
    """One heading, paragraph or table of a source document.

    `text` is literal: it is never markup, whatever characters it holds.
    `line` is the 1-based line of the decoded source where the block starts.
    `anchor` is stable: derived from the block's own text, so edits elsewhere
    in the document do not move it.
    """

    kind: str  # "heading" | "paragraph" | "table"
    text: str  # a table's: table_text(rows)
    line: int
    level: int = 0  # outline depth for headings: 1 = 一、, 2 = （一）, 3 = 1、, 4 = 第一，
    anchor: str = ""
    rows: tuple[Row, ...] = ()  # a table's rows, every cell (a cell covered by a span is not repeated)


@dataclass(frozen=True)
class Removed:
    """Something ingest took out of the body, kept for the build report."""

    line: int
    text: str
    reason: str


class PackedBlocks(Sequence):
    """A document's blocks, packed while no stage reads them (sitegen.packing), in memory or
    in a Spool's file: at 100,000 documents the ingested text waits from ingest to render.
    Each read unpacks them all (about 50 µs), so read them once: `for block in doc.blocks`."""

    __slots__ = ("_packed", "_count", "_digest", "_paragraphs")

    def __init__(self, blocks, spool: Spool | None = None):
        blocks = list(blocks)
        data = pack(blocks)
        self._packed, self._count = (spool.keep(data) if spool else data), len(blocks)
        self._digest = text_digest(blocks)
        self._paragraphs = _paragraph_count(blocks)

    def paragraph_count(self) -> int:
        """How many blocks are paragraphs, kept from when they were packed (the sources
        index shows it for every document)."""
        if self._paragraphs is None:
            self._paragraphs = _paragraph_count(self.unpacked())
        return self._paragraphs

    def text_digest(self) -> bytes:
        """text_digest() of the blocks, kept from when they were packed: a rebuild compares
        documents' texts without unpacking any."""
        if self._digest is None:
            self._digest = text_digest(self.unpacked())
        return self._digest

    def packed(self) -> bytes:
        return self._packed.read() if isinstance(self._packed, Spooled) else self._packed

    def spooled(self, spool: Spool) -> "PackedBlocks":
        """The same blocks, kept in spool."""
        return self if isinstance(self._packed, Spooled) else _packed_blocks(spool.keep(self._packed), self._count,
                                                                             self._digest, self._paragraphs)

    def unpacked(self) -> list[Block]:
        return unpack(self.packed())

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return self.unpacked()[index]

    def __iter__(self):
        return iter(self.unpacked())

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"PackedBlocks({self.unpacked()!r})"

    def __reduce__(self):  # pickled as bytes (the ingest cache, the ingest processes)
        return (_packed_blocks, (self.packed(), self._count, self._digest, self._paragraphs))


def _packed_blocks(packed, count: int, digest: bytes | None = None, paragraphs: int | None = None) -> PackedBlocks:
    blocks = PackedBlocks.__new__(PackedBlocks)
    blocks._packed, blocks._count, blocks._digest, blocks._paragraphs = packed, count, digest, paragraphs
    return blocks


def _paragraph_count(blocks) -> int:
    return sum(1 for b in blocks if b.kind == "paragraph")


def text_digest(blocks) -> bytes:
    """A short digest of the blocks' text (Document.body_text): two sources with the same text."""
    text = "\n".join(b.text for b in blocks)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass
class Document:
    id: str  # file name without extension
    filename: str
    title: str
    title_derived: bool
    date: str | None  # ISO 8601 (YYYY-MM-DD) where the source gives one
    layout: str  # "newspaper-db" | "web-page" | "bulletin" | "speech" | "plain"
    encoding: str
    script: str  # "simplified" | "traditional"
    meta: dict[str, str] = field(default_factory=dict)  # label -> value, shown on the page
    blocks: Sequence[Block] = field(default_factory=list)  # PackedBlocks once ingested (pack())
    removed: list[Removed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # where the date came from: "落款", "dateline", "title", "web-page" (a repost stamp), or "metadata" (a file property)
    date_source: str | None = None
    # set from data/sources/titles.yml (model/titles.py): the title is the editors', not the
    # source's; `source_title` keeps the source's own title line when there was one
    title_by_editor: bool = False
    source_title: str | None = None
    size: int = 0  # bytes of the original file (shown beside its download link)
    format: str = "text"  # the reader that read the file: "text", "docx", "pdf", "html", "mht", "word97"

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "paragraph"]

    def paragraph_count(self) -> int:
        """len(self.paragraphs), without unpacking packed blocks."""
        blocks = self.blocks
        return blocks.paragraph_count() if isinstance(blocks, PackedBlocks) else _paragraph_count(blocks)

    def body_text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    def text_digest(self) -> bytes:
        """text_digest(self.blocks), without unpacking packed blocks."""
        blocks = self.blocks
        return blocks.text_digest() if isinstance(blocks, PackedBlocks) else text_digest(blocks)

    def pack(self, spool: Spool | None = None) -> "Document":
        """The same document with its blocks packed (PackedBlocks), in spool if given."""
        if not isinstance(self.blocks, PackedBlocks):
            self.blocks = PackedBlocks(self.blocks, spool)
        elif spool is not None:
            self.blocks = self.blocks.spooled(spool)
        return self
