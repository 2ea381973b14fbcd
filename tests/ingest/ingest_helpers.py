"""Shared helpers of the ingest tests."""
from pathlib import Path

from sitegen.ingest import ingest_document, load_rules

ROOT = Path(__file__).resolve().parents[2]
RULES_PATH = ROOT / "scripts" / "sitegen" / "ingest" / "boilerplate.yml"
SOURCES = ROOT / "data" / "sources"
FIXTURES = Path(__file__).parent / "fixtures"

RULES = load_rules(RULES_PATH)


def ingest_text(text: str, encoding: str = "utf-8", filename: str = "doc.txt"):
    return ingest_document(filename, text.encode(encoding), RULES)


def headings(doc):
    return [(b.level, b.text) for b in doc.blocks if b.kind == "heading"]


def texts(doc):
    return [b.text for b in doc.blocks]
