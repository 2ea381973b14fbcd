"""Where each glossary term appears, with counts: documents and guidance pages."""
from __future__ import annotations

from collections import Counter, defaultdict

from ..model.campaign import Campaign
from .terms import TermMatcher


NOT_PROSE = frozenset(("id", "doc", "sources", "phases", "steps", "batches", "responsible", "checklists", "used_by",
                       "part_of", "related", "see", "pinyin"))


def editor_texts(data: object, skip: frozenset = NOT_PROSE):
    """Every string written by editors inside an item but under the keys in `skip` (by
    default ids, doc names and the sources' quotes: what a term's usage counts)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in skip:
                yield from editor_texts(value, skip)
    elif isinstance(data, list):
        for value in data:
            yield from editor_texts(value, skip)


def document_counts(matcher: TermMatcher, doc) -> dict[str, int]:
    """Uses of each term in a document, block by block (no match spans two paragraphs)."""
    total: Counter = Counter()
    for block in doc.blocks:
        total.update(matcher.count(block.text))
    return dict(total)


def term_usage(matcher: TermMatcher, documents: dict, campaign: Campaign, page_of_item, page_of_doc, count_doc=None):
    """term id -> [(md page, title, kind, count)], most uses first.
    count_doc(doc) -> {term id: uses in the document} (default: document_counts; a caller
    may remember them)."""
    usage: dict[str, Counter] = defaultdict(Counter)
    titles: dict[str, tuple[str, str]] = {}
    for doc in documents.values():
        page = page_of_doc(doc.id)
        titles[page] = (doc.title, "document")
        counts = count_doc(doc) if count_doc else document_counts(matcher, doc)
        for term_id, n in counts.items():
            usage[term_id][page] += n
    for item in campaign.items.values():
        if item.kind in ("step", "term"):
            continue  # steps are counted with their phase; terms are the glossary itself
        page = page_of_item(item)
        titles[page] = (item.title, item.kind)
        for text in editor_texts(item.data):
            for term_id, n in matcher.count(text).items():
                usage[term_id][page] += n
    return {
        term_id: [(page, *titles[page], n) for page, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]
        for term_id, counter in usage.items()
    }
