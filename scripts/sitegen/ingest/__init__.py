"""Ingest stage: a source file's bytes -> Document (metadata plus literal blocks).

Public API:
    ingest_document(filename: str, raw: bytes, rules: IngestRules) -> Document
    load_rules(path: Path) -> IngestRules          (rules_path_for(data_dir): the campaign's or built-in)
    with_settings(rules, data_dir) -> IngestRules  (data/campaign.yml's ingest options: `ocr`)
    IngestError                                    (.line, .message) — input is not a text document
"""
from .decode import IngestError, decode_bytes
from .document import Block, Document, Removed
from .pipeline import document_id, ingest_document
from .rules import DEFAULT_RULES_PATH, IngestRules, RulesError, load_rules, rules_path_for, with_settings

__all__ = [
    "Block",
    "DEFAULT_RULES_PATH",
    "Document",
    "IngestError",
    "IngestRules",
    "Removed",
    "RulesError",
    "decode_bytes",
    "document_id",
    "ingest_document",
    "load_rules",
    "rules_path_for",
    "with_settings",
]
