"""JSON Schemas of the campaign model's kinds.

The code knows kinds (batch, phase, role, checklist, term), never a campaign's
names: everything campaign-specific lives in data/.
"""
from __future__ import annotations

ID = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}
TEXT = {"type": "string", "minLength": 1}
IDS = {"type": "array", "items": ID}

CITATION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["doc", "quote"],
    "properties": {"doc": TEXT, "quote": TEXT, "note": TEXT},
}
SOURCES = {"type": "array", "items": CITATION, "minItems": 1}
LEVEL = {"type": "string", "minLength": 1}
FACT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["text", "sources"],
    "properties": {"text": TEXT, "sources": SOURCES, "level": LEVEL},
}
FACTS = {"type": "array", "items": FACT}
WHERE = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"phases": IDS, "steps": IDS, "batches": IDS},
}


def _item(required: list[str], properties: dict) -> dict:
    common = {"id": ID, "title": TEXT, "summary": TEXT, "facts": FACTS, "sources": SOURCES}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "title", "sources", *required],
        "properties": {**common, **properties},
    }


STEP = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "sources"],
    "properties": {
        "id": ID,
        "title": TEXT,
        "summary": TEXT,
        "requires": FACTS,
        "responsible": IDS,
        "checklists": IDS,
        "level": LEVEL,
        "sources": SOURCES,
    },
}

KINDS: dict[str, dict] = {
    "batch": _item(
        ["order"],
        {
            "name": TEXT,
            "order": {"type": "integer"},
            "period": {
                "type": "object",
                "additionalProperties": False,
                "required": ["text", "sources"],
                "properties": {"start": TEXT, "end": TEXT, "text": TEXT, "sources": SOURCES},
            },
            "participants": FACTS,
            "scale": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["figure", "what", "sources"],
                    "properties": {"figure": TEXT, "what": TEXT, "scope": TEXT, "sources": SOURCES},
                },
            },
            "phases": IDS,
        },
    ),
    "phase": _item(["order"], {"order": {"type": "integer"}, "steps": {"type": "array", "items": STEP}}),
    "role": _item(
        ["kind"],
        {
            "kind": {"enum": ["role", "body"]},
            "duties": FACTS,
            "acts_in": WHERE,
            "part_of": IDS,
        },
    ),
    "checklist": _item(
        ["items"],
        {
            "items": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["text"],
                    "properties": {"text": TEXT, "sources": SOURCES},
                },
            },
            "used_by": IDS,
            "applies_to": WHERE,
            "when": TEXT,
        },
    ),
    "term": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "term", "short", "sources"],
        "properties": {
            "id": ID,
            "term": TEXT,
            "pinyin": {"type": "string", "pattern": "^[a-zü: ]+$"},
            "variants": {"type": "array", "items": TEXT},
            "expansion": {"type": "array", "items": TEXT},
            "short": TEXT,
            "explanation": TEXT,
            "only_used": {"type": "boolean"},
            "related": IDS,
            "see": IDS,
            "sources": SOURCES,
        },
    },
    "not_term": {
        "type": "object",
        "additionalProperties": False,
        "required": ["text", "reason"],
        "properties": {"text": TEXT, "reason": TEXT},
    },
}

# data/sources/titles.yml (model/titles.py): editors' titles of source documents.
TITLE_MAX = 200
TITLES = {
    "type": "object",
    "description": "document id (the source's file name without extension) -> the title to show",
    "additionalProperties": {
        "type": "string",
        "minLength": 1,
        "maxLength": TITLE_MAX,
        "pattern": r"^[^\n\r]*\S[^\n\r]*$",
        "description": "the title shown for the document, marked on its page as set by the editors",
    },
}

# Which file holds which kind. A campaign may leave any file out.
FILES: dict[str, str] = {
    "batches.yml": "batch",
    "phases.yml": "phase",
    "roles.yml": "role",
    "checklists.yml": "checklist",
    "glossary.yml": "term",
    "not_terms.yml": "not_term",
}

# Typed links: (kind, path to the id list inside an item, kind(s) of the target).
LINKS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("batch", ("phases",), ("phase",)),
    ("phase", ("steps", "*", "responsible"), ("role",)),
    ("phase", ("steps", "*", "checklists"), ("checklist",)),
    ("role", ("acts_in", "phases"), ("phase",)),
    ("role", ("acts_in", "steps"), ("step",)),
    ("role", ("acts_in", "batches"), ("batch",)),
    ("role", ("part_of",), ("role",)),
    ("checklist", ("used_by",), ("role",)),
    ("checklist", ("applies_to", "phases"), ("phase",)),
    ("checklist", ("applies_to", "steps"), ("step",)),
    ("checklist", ("applies_to", "batches"), ("batch",)),
    ("term", ("related",), ("term",)),
    ("term", ("see",), ("batch", "phase", "step", "role", "checklist")),
]
