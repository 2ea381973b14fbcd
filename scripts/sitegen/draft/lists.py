"""Checklist candidates: enumerations, inline (一是……二是……, 第一，……第二，……) or by outline
markers at the start of consecutive blocks ((一)(二)…, 1、2、…).

A run starts at number one and continues while the next marker of the same style carries the
next number; inline runs may go on into following blocks that open with the next marker.
A run of fewer than two items is no enumeration. Each item is its text up to the sentence's
end (its first clause when longer than ITEM_MAX), verbatim, so it cites itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..ingest.document import Block, Document
from .propose import Proposal, cite
from .text import CLAUSE_END, NUMERAL, SENTENCE_END, quote_around, to_number, trim

ITEM_MAX = 40
TITLE_MAX = 30
INLINE = re.compile(rf"(?:^|(?<=[，,。；;：:\s]))(第)?([{NUMERAL}]{{1,3}})(?(1)[，,、：:]|是)")
OUTLINE = {
    "（一）": re.compile(rf"^\s*[（(]([{NUMERAL}]{{1,3}})[）)]\s*"),
    "1、": re.compile(r"^\s*[（(]?(\d{1,2})(?:[）)]|[、.．](?!\d))\s*"),
}
HEADING_MARK = re.compile(rf"^\s*(?:[{NUMERAL}]+、|[（(][{NUMERAL}\d]+[）)]|\d+[、.．]|第[{NUMERAL}]+[，,、：:])\s*")


@dataclass
class Mark:
    block: Block
    start: int
    end: int
    number: int


def _item_text(text: str) -> str:
    """Up to the sentence's end; the first clause when that is longer than ITEM_MAX."""
    for stops in (SENTENCE_END, SENTENCE_END + CLAUSE_END):
        cut = min([i for i in (text.find(ch) for ch in stops) if i >= 0], default=len(text))
        if cut <= ITEM_MAX:
            break
    return trim(text[:cut])


def _runs(marks: list[tuple[str, Mark]], inline: bool) -> list[list[Mark]]:
    """Runs of each style on its own: a 1、 list nested under (一) does not end the (一) run."""
    runs = []
    for style in dict.fromkeys(s for s, _ in marks):
        current: list[Mark] = []
        for mark in [m for s, m in marks if s == style] + [None]:
            last = current[-1] if current else None
            if mark is not None and last is not None and mark.number == last.number + 1 and (
                    not inline or mark.block is last.block or mark.start == 0):
                current.append(mark)
                continue
            if len(current) >= 2:
                runs.append(current)
            current = [mark] if mark is not None and mark.number == 1 else []
    return sorted(runs, key=lambda run: run[0].block.line)


def _inline_marks(doc: Document) -> list[tuple[str, Mark]]:
    marks = []
    for block in doc.blocks:
        for m in INLINE.finditer(block.text):
            number = to_number(m.group(2))
            if number:
                marks.append(("第" if m.group(1) else "是", Mark(block, m.start(), m.end(), number)))
    return marks


def _outline_marks(doc: Document) -> list[tuple[str, Mark]]:
    marks = []
    for block in doc.blocks:
        for style, pattern in OUTLINE.items():
            m = pattern.match(block.text)
            number = m and (int(m.group(1)) if m.group(1).isdigit() else to_number(m.group(1)))
            if number:
                marks.append((style, Mark(block, 0, m.end(), number)))
    return marks


def _items(run: list[Mark]) -> list[str]:
    texts = []
    for mark, after in zip(run, [*run[1:], None]):
        stop = after.start if after is not None and after.block is mark.block else len(mark.block.text)
        texts.append(_item_text(mark.block.text[mark.end:stop]))
    return texts


def _title(doc: Document, run: list[Mark], items: list[str]) -> str:
    """The clause that introduces the run (…重点抓好三个环节：), else the heading above it."""
    first = run[0]
    intro = trim(re.split(r"[。；;！？!?，,]", first.block.text[:first.start])[-1])
    if not intro:
        above = [b for b in doc.blocks[: doc.blocks.index(first.block)] if b.kind == "heading"]
        intro = trim(HEADING_MARK.sub("", above[-1].text)) if above else ""
    if not intro or len(intro) > TITLE_MAX:
        intro = f"{items[0][:TITLE_MAX]}等{len(items)}项"
    return intro


def _proposal(doc: Document, run: list[Mark], kind: str) -> Proposal | None:
    items = _items(run)
    if not all(items):
        return None
    first = run[0]
    quote = quote_around(first.block.text, first.start, first.end)
    entries = [{"text": text, "sources": [cite(doc, text)]} for text in items]
    item = {"title": _title(doc, run, items), "items": entries, "sources": [cite(doc, quote)]}
    return Proposal("checklists.yml", item["title"], f"enumeration ({kind}, {len(items)} items)", first.block.line, item)


def propose(doc: Document) -> list[Proposal]:
    found = [_proposal(doc, run, "一是……") for run in _runs(_inline_marks(doc), inline=True)]
    found += [_proposal(doc, run, "（一）（二）") for run in _runs(_outline_marks(doc), inline=False)]
    return [p for p in found if p is not None]
