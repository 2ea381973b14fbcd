"""`make draft SOURCE=…`: ingest one source, propose items, drop those the model holds, write the draft."""
from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest import IngestError, ingest_document, load_rules, rules_path_for, with_settings
from ..ingest.document import Document
from ..model.campaign import Campaign
from ..model.citations import QuoteIndex
from .known import split_known
from .propose import Proposal, propose
from .text import QUOTE_MAX
from .write import render


class DraftError(Exception):
    """One line for the editor: what is wrong and with which file."""


@dataclass
class DraftResult:
    path: Path
    proposals: list[Proposal]
    known: list[tuple[Proposal, str]] = field(default_factory=list)
    unverified: list[Proposal] = field(default_factory=list)
    model_problems: int = 0

    def summary(self, root: Path) -> str:
        counts = Counter(p.file for p in self.proposals)
        parts = ", ".join(f"{n} for {file}" for file, n in sorted(counts.items())) or "none"
        lines = [f"{_rel(self.path, root)}: {len(self.proposals)} proposals ({parts}); "
                 f"{len(self.known)} skipped, already in the model"]
        lines += [f"{p.file}: “{p.key}” (line {p.line}) left out: its citation did not verify" for p in self.unverified]
        if self.model_problems:
            lines.append(f"(the model has {self.model_problems} problem(s): `make check` lists them)")
        return "\n".join(lines)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _citations(value):
    if isinstance(value, dict):
        if "doc" in value and "quote" in value:
            yield value
        for child in value.values():
            yield from _citations(child)
    elif isinstance(value, list):
        for child in value:
            yield from _citations(child)


def verified(proposals: list[Proposal], doc: Document) -> tuple[list[Proposal], list[Proposal]]:
    """(proposals whose every citation is found in the document, the others)."""
    index = QuoteIndex({doc.id: doc})
    good, bad = [], []
    for proposal in proposals:
        ok = all(c["doc"] == doc.id and len(c["quote"]) <= QUOTE_MAX and index.find(doc.id, c["quote"])
                 for c in _citations(proposal.item))
        (good if ok else bad).append(proposal)
    return good, bad


def _model(root: Path, data_dir: Path, doc: Document) -> tuple[Campaign, int]:
    """The model as it stands (problems counted, not fatal: a draft helps fix a model too)."""
    from ..build import ingest_sources
    from ..link.pinyin import teach_phrases
    from ..model.load import load_campaign

    if not data_dir.resolve().is_relative_to(root.resolve()):  # a data/ folder elsewhere is its own project
        root = data_dir.parent
    documents, _ = ingest_sources(root, data_dir)
    documents[doc.id] = doc
    campaign, problems = load_campaign(data_dir, documents, root)
    teach_phrases({t.data["term"]: t.data["pinyin"] for t in campaign.of_kind("term") if t.data.get("pinyin")})
    return campaign, sum(p.severity == "error" for p in problems)


def _ingest(source: Path, data_dir: Path, root: Path) -> Document:
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise DraftError(f"{_rel(source, root)}: cannot read the file: {exc.strerror or exc}") from None
    try:
        return ingest_document(source.name, raw, with_settings(load_rules(rules_path_for(data_dir)), data_dir))
    except IngestError as exc:
        raise DraftError(f"{_rel(source, root)}:{exc.line}: {exc.message}") from None


def _write(path: Path, text: str) -> None:
    """Whole or not at all: a reader never sees half a draft."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".draft-", suffix=".yml")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temp, path)


def draft_source(root: Path, source: Path, data_dir: Path | None = None, out: Path | None = None,
                 force: bool = False) -> DraftResult:
    """Write the draft of `source` (data/drafts/<doc>.yml by default); DraftError when it cannot."""
    source = source if source.is_absolute() else root / source
    if not source.is_file():
        raise DraftError(f"{_rel(source, root)}: no such file (SOURCE=data/sources/<file>)")
    data_dir = data_dir or (source.parent.parent if source.parent.name == "sources" else root / "data")
    doc = _ingest(source, data_dir, root)
    out = out or data_dir / "drafts" / f"{doc.id}.yml"
    if out.exists() and not force:
        raise DraftError(f"{_rel(out, root)}: exists; keep what you need from it and delete it, or run again with FORCE=1")
    campaign, problems = _model(root, data_dir, doc)
    good, bad = verified(propose(doc), doc)
    new, known = split_known(good, campaign)
    _write(out, render(_rel(source, root), new, known, set(campaign.items)))
    return DraftResult(out, new, known, bad, problems)
