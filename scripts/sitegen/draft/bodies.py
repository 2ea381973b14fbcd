"""Role candidates: named bodies (…领导小组, …督导组, …办公室, …委员会).

Chinese has no word boundaries, so where a name begins is decided by jieba's part-of-speech
tags: the nouns right before the suffix belong to the name (省委专项工作|领导小组), a verb,
pronoun or particle ends it (成立了由…任组长的|领导小组 -> 领导小组). A generic suffix (办公室,
委员会, 小组, 工作组) is a body only with such a prefix. A clause where the body 负责/牵头/组织
something is proposed as its duty.
"""
from __future__ import annotations

import re

from ..ingest.document import Document
from .propose import Proposal, cite
from .text import both_scripts, quote_around

SPECIFIC = both_scripts(["领导小组办公室", "领导小组", "工作领导小组", "督导组", "指导组", "巡视组", "巡回督导组", "检查组",
            "验收组", "考核组", "评议组", "指挥部", "联席会议"])
GENERIC = both_scripts(["工作小组", "办公室", "委员会", "工作组", "小组"])
SUFFIX = re.compile("|".join(sorted(SPECIFIC + GENERIC, key=len, reverse=True)))
NAME_TAGS = ("n", "vn", "an", "j", "b", "zg", "ng", "nt", "ns", "nz")
NOT_NAME_TAGS = ("nr",)  # a person's name before 组长 etc. is no part of a body's name
PREFIX_MAX = 14
DUTY = re.compile(r"^(?:[^，。；]{0,6})(?:" + "|".join(both_scripts(["负责", "牵头", "组织", "统一领导", "指导", "督促"])) + ")")


def _prefix(text: str) -> str:
    """The nouns right before a suffix: the rest of the body's name."""
    import jieba.posseg as pseg

    clause = re.split(r"[，,。；;：:、\s（）()“”]", text)[-1][-PREFIX_MAX * 2:]
    kept = []
    for token in reversed(list(pseg.cut(clause))):
        if not token.flag.startswith(NAME_TAGS) or token.flag.startswith(NOT_NAME_TAGS):
            break
        if sum(map(len, kept)) + len(token.word) > PREFIX_MAX:
            break
        kept.append(token.word)
    return "".join(reversed(kept))


def _names(doc: Document) -> dict[str, tuple]:
    """name -> (block, start, end) of its first mention."""
    found: dict[str, tuple] = {}
    for block in doc.blocks:
        for m in SUFFIX.finditer(block.text):
            name = _prefix(block.text[: m.start()]) + m.group(0)
            if name == m.group(0) and name in GENERIC:
                continue
            found.setdefault(name, (block, m.start() - (len(name) - len(m.group(0))), m.end()))
    # A bare specific suffix (领导小组) is proposed only when no longer name ends with it.
    return {n: where for n, where in found.items()
            if n not in SPECIFIC or not any(o != n and o.endswith(n) for o in found)}


def _duties(doc: Document, name: str) -> list[dict]:
    duties = []
    for block in doc.blocks:
        for m in re.finditer(re.escape(name), block.text):
            if DUTY.match(block.text[m.end():]):
                quote = quote_around(block.text, m.start(), m.end())
                duties.append({"text": quote, "sources": [cite(doc, quote)]})
    return duties


def propose(doc: Document) -> list[Proposal]:
    proposals = []
    for name, (block, start, end) in _names(doc).items():
        quote = quote_around(block.text, start, end)
        item: dict = {"title": name, "kind": "body"}
        duties = _duties(doc, name)
        if duties:
            item["duties"] = duties
        item["sources"] = [cite(doc, quote)]
        proposals.append(Proposal("roles.yml", name, "named body", block.line, item))
    return proposals
