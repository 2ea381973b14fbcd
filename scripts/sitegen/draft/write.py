"""The draft file: proposals as model items under the data file each belongs in, with ids."""
from __future__ import annotations

import yaml

from .propose import Proposal
from .text import ascii_slug

PREFIX = {"glossary.yml": "term", "checklists.yml": "checklist", "phases.yml": "phase", "roles.yml": "body"}
ORDER = ["phases.yml", "roles.yml", "checklists.yml", "glossary.yml"]


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def with_ids(proposal: Proposal, taken: set[str]) -> dict:
    """The item with an ASCII id first (and its steps' ids), none of them in `taken`."""
    key = proposal.item.get("title") or proposal.item.get("term") or proposal.key
    item = {"id": _unique(f"{PREFIX[proposal.file]}-{ascii_slug(key)}", taken), **proposal.item}
    if "steps" in item:
        item["steps"] = [{"id": _unique(f"step-{ascii_slug(s['title'])}", taken), **s} for s in item["steps"]]
    return item


def _dump(item: dict) -> str:
    text = yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=10_000)
    return "".join(f"  {line}\n" for line in text.splitlines())


def render(source: str, proposals: list[Proposal], known: list[tuple[Proposal, str]], taken: set[str]) -> str:
    """The YAML text of the draft: a header saying what to do, then one section per data file."""
    lines = [
        f"# Proposals drafted from {source} by `make draft`. NOTHING HERE IS IN THE MODEL:",
        "# keep a proposal by moving it into the data file its section names, replace what",
        "# 【占位，请替换】 marks, check titles and order; delete the rest. Every citation was verified.",
    ]
    if known:
        lines.append("# Skipped, already in the model: " + "; ".join(f"{p.key} ({holder})" for p, holder in known))
    body = []
    for file in ORDER:
        chosen = [p for p in proposals if p.file == file]
        if not chosen:
            continue
        body.append(f"{file}:")
        for proposal in chosen:
            body.append(f"  # {proposal.why}, line {proposal.line}")
            body.append(_dump(with_ids(proposal, taken)).rstrip("\n"))
    return "\n".join(lines + (body or ["{}"])) + "\n"
