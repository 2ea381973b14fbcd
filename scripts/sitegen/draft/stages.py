"""Phase and step candidates: named stages (…阶段) where the source sets them out.

A stage is proposed where it is (1) a heading (一、自查整改阶段; 第一阶段：学习调研), (2) one of the
stages a sentence divides the work into (分为A和B两个阶段, only when the count agrees), or
(3) named in a sentence that gives a date (3月5日至20日为自查整改阶段). A bare 各阶段 / 这一阶段 /
两个阶段 is no name. The sub-headings under a stage heading are its step candidates.
"""
from __future__ import annotations

import re

from ..ingest.document import Block, Document
from .lists import HEADING_MARK
from .propose import Proposal, cite
from .text import NUMERAL, SENTENCE_END, both_scripts, quote_around, to_number, trim

STAGES = both_scripts(["阶段"])  # 阶段, 階段
ST = "(?:" + "|".join(STAGES) + ")"
GE = "[个個]"
NAME = re.compile(rf"[\u4e00-\u9fff]{{2,10}}{ST}")
ORDINAL = re.compile(rf"^第([{NUMERAL}]+){ST}[\s：:，,、（(]*([\u4e00-\u9fff]{{2,10}}?){ST}?(?=$|[\s：:，,。（(）)])")
DIVIDED = re.compile(rf"分(?:为|為|成)?([\u4e00-\u9fff、和与與及]{{4,60}}?)(?:等)?([{NUMERAL}]|\d){GE}{ST}")
DATE = re.compile(rf"(?:\d{{1,4}}|[{NUMERAL}〇零]{{1,4}})[年月]|\d{{1,2}}日")
# Characters a stage name does not start with: the verbs and words before a name (为、进入、各…)
NOT_FIRST = set("".join(both_scripts(["为是进入在的和与及即转从到至了个各每这那本该此其下上前后年月日旬底初起止"])) + NUMERAL + "第")


def _clean(name: str) -> str | None:
    """The stage name inside a run of characters ending in 阶段, or None when it is no name."""
    while name and name[0] in NOT_FIRST and len(name) > len(STAGES[0]) + 2:
        name = name[1:]
    core = name[: -len(STAGES[0])]
    if len(core) < 2 or name[0] in NOT_FIRST or re.search(GE, core):
        return None
    return name


def _stage_word(text: str) -> str:
    """阶段 or 階段, as the source writes it."""
    return next((word for word in STAGES if word in text), STAGES[0])


def _from_heading(block: Block) -> tuple[str, int | None] | None:
    text = trim(HEADING_MARK.sub("", block.text))
    ordinal = ORDINAL.match(text)
    if ordinal:
        core = ordinal.group(2)
        return core + _stage_word(text), to_number(ordinal.group(1))
    # A heading is a name as it stands: no stripping of leading words as in running text.
    if NAME.fullmatch(text) and text[0] not in NOT_FIRST and not re.search(GE, text):
        return text, None
    return None


def _from_sentences(block: Block) -> list[tuple[str, int, int]]:
    """(name, start, end) of stages a sentence divides the work into, or names beside a date."""
    found = []
    for m in DIVIDED.finditer(block.text):
        parts = [trim(p) for p in re.split(r"[、和与與及]", m.group(1)) if trim(p)]
        count = int(m.group(2)) if m.group(2).isdigit() else to_number(m.group(2))
        word = _stage_word(m.group(0))
        if len(parts) == count:
            found += [(p if p.endswith(word) else p + word, m.start(), m.end()) for p in parts]
    for sentence in re.finditer(f"[^{SENTENCE_END}]+", block.text):
        if DATE.search(sentence.group(0)):
            for m in NAME.finditer(sentence.group(0)):
                name = _clean(m.group(0))
                if name:
                    found.append((name, sentence.start() + m.start(), sentence.start() + m.end()))
    return found


def _steps(doc: Document, heading: Block) -> list[dict]:
    """The sub-headings of a stage heading, up to the next heading at its level or above."""
    steps = []
    for block in doc.blocks[doc.blocks.index(heading) + 1:]:
        if block.kind != "heading":
            continue
        if block.level <= heading.level:
            break
        if block.level == heading.level + 1:
            title = trim(HEADING_MARK.sub("", block.text))
            steps.append({"title": title, "sources": [cite(doc, quote_around(block.text, 0, len(block.text)))]})
    return steps


def _phase(doc: Document, name: str, order: int, block: Block, start: int, end: int, why: str) -> Proposal:
    quote = quote_around(block.text, start, end)
    item: dict = {"title": name, "order": order}
    if DATE.search(quote):  # the dated sentence is a fact of the stage
        item["facts"] = [{"text": quote, "sources": [cite(doc, quote)]}]
    item["sources"] = [cite(doc, quote)]
    return Proposal("phases.yml", name, why, block.line, item)


def propose(doc: Document) -> list[Proposal]:
    proposals: dict[str, Proposal] = {}
    for block in doc.blocks:
        heading = _from_heading(block) if block.kind == "heading" else None
        if heading:
            name, ordinal = heading
            phase = _phase(doc, name, ordinal or 0, block, 0, len(block.text), "stage heading")
            steps = _steps(doc, block)
            if steps:
                phase.item = {**phase.item, "steps": steps}
                phase.item["sources"] = phase.item.pop("sources")
            proposals[name] = phase  # a heading says more than a mention before it
            continue
        for name, start, end in _from_sentences(block):
            if name not in proposals:
                why = "a stage the work is divided into, or named with a date"
                proposals[name] = _phase(doc, name, 0, block, start, end, why)
                continue
            quote = quote_around(block.text, start, end)  # a later sentence dating a known stage
            facts = proposals[name].item.get("facts", [])
            if DATE.search(quote) and quote not in [f["text"] for f in facts]:
                proposals[name].item["facts"] = [*facts, {"text": quote, "sources": [cite(doc, quote)]}]
    for position, proposal in enumerate(proposals.values(), 1):  # order of the source, or the ordinal
        proposal.item["order"] = proposal.item["order"] or position
    return list(proposals.values())
