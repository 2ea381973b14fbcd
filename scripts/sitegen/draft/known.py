"""Which proposals the model already holds: judged on folded text, per kind of item."""
from __future__ import annotations

from ..model.campaign import Campaign
from ..model.citations import fold
from .propose import Proposal

QUOTES = "“”「」‘’\""
STAGE = "阶段"
PREFIX_SLACK = 2  # 厂安全委员会 is the model's 安全委员会: a body named with its place in front


def _names(campaign: Campaign) -> dict[str, dict[str, str]]:
    """data file -> folded name -> the id (or file) that holds it."""
    names: dict[str, dict[str, str]] = {f: {} for f in ("glossary.yml", "checklists.yml", "phases.yml", "roles.yml")}
    kinds = {"term": "glossary.yml", "checklist": "checklists.yml", "phase": "phases.yml", "step": "phases.yml",
             "role": "roles.yml"}
    for item in campaign.items.values():
        file = kinds.get(item.kind)
        if file is None:
            continue
        forms = [item.title, *(item.data.get("variants") or [])] if item.kind == "term" else [item.title]
        for form in forms:
            if isinstance(form, str) and form.strip(QUOTES):
                names[file].setdefault(fold(form.strip(QUOTES)), item.id)
    for entry in campaign.not_terms:
        if isinstance(entry.get("text"), str):
            names["glossary.yml"].setdefault(fold(entry["text"]), "not_terms.yml")
    return names


def _checklist_items(campaign: Campaign) -> list[tuple[str, str]]:
    """Folded texts of listed things: checklist items, and step titles (an enumeration of a
    phase's key steps is already in the model as those steps)."""
    rows = [(fold(step.title), step.parent or step.id) for step in campaign.of_kind("step")]
    for item in campaign.of_kind("checklist"):
        for entry in item.data.get("items") or []:
            if isinstance(entry, dict) and isinstance(entry.get("text"), str):
                rows.append((fold(entry["text"]), item.id))
    return rows


def _match(proposal: Proposal, names: dict[str, str], items: list[tuple[str, str]]) -> str | None:
    key = fold(proposal.key.strip(QUOTES))
    if key in names:
        return names[key]
    if proposal.file == "phases.yml" and key.endswith(STAGE):  # 自查整改 is 自查整改阶段
        return names.get(key[: -len(STAGE)])
    if proposal.file == "roles.yml":
        for name, holder in names.items():
            longer, shorter = (key, name) if len(key) >= len(name) else (name, key)
            if len(shorter) >= 3 and longer.endswith(shorter) and len(longer) - len(shorter) <= PREFIX_SLACK:
                return holder
    if proposal.file == "checklists.yml":  # the same list under another title
        texts = [fold(e["text"]) for e in proposal.item.get("items", [])]
        holders = [h for t in texts for known, h in items if t and (t in known or known in t)]
        if texts and len(set(texts)) and len(holders) * 2 >= len(texts):
            return max(set(holders), key=holders.count)
    return None


def split_known(proposals: list[Proposal], campaign: Campaign) -> tuple[list[Proposal], list[tuple[Proposal, str]]]:
    """(new proposals, [(proposal, id of the item that already holds it)])."""
    names, items = _names(campaign), _checklist_items(campaign)
    new, known = [], []
    for proposal in proposals:
        holder = _match(proposal, names[proposal.file], items)
        if holder:
            known.append((proposal, holder))
        else:
            new.append(proposal)
    return new, known
