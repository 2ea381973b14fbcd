"""The campaign model as the later stages see it: items by id, links both ways."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class Item:
    id: str
    kind: str  # batch | phase | step | role | checklist | term
    data: dict
    path: str  # data/<file>.yml
    line: int
    parent: str | None = None  # a step's phase

    @property
    def title(self) -> str:
        return self.data.get("title") or self.data.get("term") or self.id


@dataclass
class Campaign:
    items: dict[str, Item] = field(default_factory=dict)
    not_terms: list[dict] = field(default_factory=list)
    settings: dict = field(default_factory=dict)  # data/campaign.yml
    # Reverse links, computed: target id -> [(source id, link name)]
    backlinks: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    # Which items cite each document: doc id -> item ids
    citing: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # Resolved citations: id() of the citation mapping -> (doc id, paragraph anchor)
    anchors: dict[int, tuple[str, str]] = field(default_factory=dict)

    def anchor_of(self, citation: dict) -> tuple[str, str] | None:
        return self.anchors.get(id(citation))

    def of_kind(self, kind: str) -> list[Item]:
        found = [item for item in self.items.values() if item.kind == kind]
        return sorted(found, key=lambda item: (item.data.get("order", 0), item.path, item.line))

    def linked_from(self, item_id: str, kind: str | None = None) -> list[Item]:
        ids = dict.fromkeys(source for source, _ in self.backlinks.get(item_id, ()))
        found = [self.items[i] for i in ids]
        return [item for item in found if kind is None or item.kind == kind]
