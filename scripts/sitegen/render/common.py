"""Pieces shared by every generated page: citations, facts, link lists."""
from __future__ import annotations

import json

from ..ingest.document import Document
from ..model.campaign import Campaign, Item
from .html import Linker, esc, link, md_inline
from .paths import page_of, rel

KIND_LABELS = {"batch": "批次", "phase": "阶段", "step": "环节", "role": "职责", "checklist": "清单", "term": "术语", "document": "原始文件"}


def front_matter(kind: str, title: str) -> str:
    # `kind` tells the search index what a page is about (pages about a thing rank first).
    # The title is HTML-escaped: Material's templates insert page titles unescaped (<title>,
    # header, nav), and a document's title is whatever its source says (`<script>` too).
    return f"---\nkind: {kind}\ntitle: {json.dumps(esc(title), ensure_ascii=False)}\n---\n\n"


def item_page(item: Item) -> str:
    if item.kind == "step":
        return page_of("phase", item.parent)
    return page_of(item.kind, item.id)


def item_link(campaign: Campaign, page: str, item_id: str) -> str:
    item = campaign.items[item_id]
    anchor = item.id if item.kind == "step" else ""
    return link(rel(page, item_page(item), anchor), item.title, KIND_LABELS.get(item.kind, ""))


DERIVED_MARK = "（拟）"  # after a title not in the source, wherever documents are listed


def title_note(doc: Document) -> str:
    """Where the title of a document comes from, when not from its own title line."""
    if doc.title_by_editor and doc.source_title:
        return "标题经编者改定，原标题见下表。"
    if doc.title_by_editor:
        return "标题为编者所拟，原文无标题。"
    return "标题系根据内容自动拟定，原文无标题。"


def listed_title(doc: Document) -> str:
    """The title in a list of documents, as HTML: a title not in the source is marked."""
    if not doc.title_derived:
        return esc(doc.title)
    return f'{esc(doc.title)}<span class="derived-mark" title="{esc(title_note(doc))}">{DERIVED_MARK}</span>'


def citation_html(campaign: Campaign, page: str, citation: dict, documents) -> str:
    resolved = campaign.anchor_of(citation)
    doc = documents.get(citation["doc"])
    label = listed_title(doc) if doc else esc(citation["doc"])
    quote = f"“{esc(citation['quote'])}”"
    if not resolved:
        return f'<span class="cite">{quote} — {label}</span>'
    doc_id, anchor = resolved
    href = rel(page, page_of("document", doc_id), anchor)
    return f'<span class="cite">{quote} — <a href="{esc(href)}">{label}</a></span>'


def sources_block(campaign: Campaign, page: str, citations: list[dict], documents, title: str = "出处") -> str:
    if not citations:
        return ""
    rows = "".join(f"<li>{citation_html(campaign, page, c, documents)}</li>" for c in citations)
    return f'<details class="quote"><summary>{esc(title)}（{len(citations)}）</summary><ul class="citations">{rows}</ul></details>\n\n'


def facts_html(campaign: Campaign, page: str, facts: list[dict], documents, linker: Linker, skip=frozenset()) -> str:
    if not facts:
        return ""
    rows = []
    for fact in facts:
        level = f'<span class="level">{esc(fact["level"])}</span> ' if fact.get("level") else ""
        cites = "".join(
            f'<li>{citation_html(campaign, page, c, documents)}</li>' for c in fact.get("sources", [])
        )
        rows.append(
            f'<li class="fact">{level}{linker.text(fact["text"], page, rel, skip)}'
            f'<ul class="citations">{cites}</ul></li>'
        )
    return f'<ul class="facts">{"".join(rows)}</ul>\n\n'


def links_line(campaign: Campaign, page: str, ids: list[str], label: str) -> str:
    known = [i for i in ids if i in campaign.items]
    if not known:
        return ""
    return f'<p class="links"><strong>{esc(label)}：</strong>{"、".join(item_link(campaign, page, i) for i in known)}</p>\n\n'


def heading(level: int, text: str, anchor: str = "") -> str:
    attr = f" {{#{anchor}}}" if anchor else ""
    return f"{'#' * level} {md_inline(text)}{attr}\n\n"


LONG_LIST = 12  # items a list shows open; a longer one is folded behind its count


def long_list(items: list[str], label: str) -> str:
    """<ul> of the items' HTML; past LONG_LIST items folded into <details> whose summary
    gives the count, so a phone reader sees the page go on (print opens it: site.css)."""
    ul = f"<ul>{''.join(f'<li>{item}</li>' for item in items)}</ul>"
    summary = fold_summary(len(items), label)
    return f'<details class="long-list"><summary>{esc(summary)}</summary>{ul}</details>' if summary else ul


def fold_summary(count: int, label: str) -> str | None:
    """The summary line of a folded list of `count` items, None when it stays open."""
    return f"{label}（{count}）" if count > LONG_LIST else None
