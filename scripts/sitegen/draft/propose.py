"""What a proposal is, and propose(): every detector run over one ingested document."""
from __future__ import annotations

from dataclasses import dataclass

from ..ingest.document import Document


@dataclass
class Proposal:
    file: str  # the data file the item belongs in: glossary.yml, checklists.yml, phases.yml, roles.yml
    key: str  # the text proposed (term, title, name): what "already in the model" is judged on
    why: str  # what made it a candidate, shown to the editor
    line: int  # source line
    item: dict  # the model item without its id (ids are given when written, against the model's)


def cite(doc: Document, quote: str) -> dict:
    return {"doc": doc.id, "quote": quote}


def propose(doc: Document) -> list[Proposal]:
    """Candidates of every kind, each in its source order, duplicates (same file and key) once."""
    from . import bodies, lists, stages, terms

    found = [*terms.propose(doc), *lists.propose(doc), *stages.propose(doc), *bodies.propose(doc)]
    seen: set[tuple[str, str]] = set()
    unique = []
    for proposal in found:
        if (proposal.file, proposal.key) not in seen:
            seen.add((proposal.file, proposal.key))
            unique.append(proposal)
    return unique
