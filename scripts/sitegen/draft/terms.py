"""Glossary candidates: quoted expressions (“…”, 「…」), numbered formulas first.

A quoted expression is a term candidate when it reads as a name, not as a quoted sentence:
2 to 16 characters, mostly Chinese, without sentence or clause punctuation. A numbered formula
(四不放过, 八个一) whose items follow it (，即A、B、C、D) gets them as its expansion, but only
when their count is the formula's number; it is then a checklist candidate too.
"""
from __future__ import annotations

import re

from ..ingest.document import Document
from ..skeleton import MARK
from .propose import Proposal, cite
from .text import SENTENCE_END, numeral_value, quote_around, trim

QUOTED = re.compile(r"“([^“”\n]{2,16})”|「([^「」\n]{2,16})」|‘([^‘’\n]{2,16})’")
NOT_A_NAME = re.compile(r"[，。；！？：,.;!?:《》“”]")
HANZI = re.compile(r"[\u3400-\u9fff]")
# The items must be introduced (，即…  ：…  （…）): a formula followed by a plain 、-list is not expanded.
LEAD_IN = re.compile(r"^\s*(?:[，,]?\s*(?:即|也就是|就是|是指|指的是|指的是)\s*[：:，,]?|[：:（(])\s*")


def _is_name(text: str) -> bool:
    hanzi = len(HANZI.findall(text))
    return not NOT_A_NAME.search(text) and hanzi >= 2 and hanzi >= 0.6 * len(text)


def expansion(text: str, after: int, count: int | None) -> list[str]:
    """The formula's items right after its closing quote, when there are exactly `count`."""
    if not count or count < 2:
        return []
    rest = text[after:]
    lead = LEAD_IN.match(rest)
    if lead is None:
        return []
    rest = rest[lead.end():]
    end = min([i for i in (rest.find(ch) for ch in SENTENCE_END + "）)") if i >= 0], default=len(rest))
    parts = [trim(p) for p in re.split(r"[、，,]", rest[:end])]
    if len(parts) != count or not all(2 <= len(p) <= 30 for p in parts):
        return []
    return parts


def _term(doc: Document, text: str, quote: str, items: list[str], why: str, line: int) -> Proposal:
    from ..link.pinyin import pinyin_of

    item = {"term": text, "pinyin": pinyin_of(text)}
    if items:
        item["expansion"] = items
    item.update({"short": f"{MARK}一句话解释这个术语。", "sources": [cite(doc, quote)]})
    return Proposal("glossary.yml", text, why, line, item)


def _checklist(doc: Document, text: str, quote: str, items: list[str], line: int) -> Proposal:
    entries = [{"text": part, "sources": [cite(doc, part)]} for part in items]
    item = {"title": text, "items": entries, "sources": [cite(doc, quote)]}
    return Proposal("checklists.yml", text, f"numbered formula with its {len(items)} items", line, item)


def propose(doc: Document) -> list[Proposal]:
    proposals: list[Proposal] = []
    for block in doc.blocks:
        for match in QUOTED.finditer(block.text):
            text = (match.group(1) or match.group(2) or match.group(3)).strip()
            if not _is_name(text):
                continue
            quote = quote_around(block.text, match.start(), match.end())
            number = numeral_value(text)
            items = expansion(block.text, match.end(), number)
            why = "quoted numbered formula" if number else "quoted expression"
            if items:
                why += f", its {len(items)} items follow"
                proposals.append(_checklist(doc, text, quote, items, block.line))
            proposals.append(_term(doc, text, quote, items, why, block.line))
    return proposals
