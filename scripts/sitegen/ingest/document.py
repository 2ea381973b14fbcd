"""The ingest stage's output: a source document as metadata plus literal blocks."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Block:
    """One heading or paragraph of a source document.

    `text` is literal: it is never markup, whatever characters it holds.
    `line` is the 1-based line of the decoded source where the block starts.
    `anchor` is stable: derived from the block's own text, so edits elsewhere
    in the document do not move it.
    """

    kind: str  # "heading" | "paragraph"
    text: str
    line: int
    level: int = 0  # outline depth for headings: 1 = 一、, 2 = （一）, 3 = 1、, 4 = 第一，
    anchor: str = ""


@dataclass(frozen=True)
class Removed:
    """Something ingest took out of the body, kept for the build report."""

    line: int
    text: str
    reason: str


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
    blocks: list[Block] = field(default_factory=list)
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

    def body_text(self) -> str:
        return "\n".join(b.text for b in self.blocks)
