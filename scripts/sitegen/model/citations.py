"""Find a cited quote in a source document, down to the paragraph."""
from __future__ import annotations

import re
import unicodedata

from ..ingest.document import Document

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold what editors cannot see or type consistently: white space and
    full-/half-width forms (NFKC maps ，：；（） to their ASCII twins)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


class QuoteIndex:
    """Folded blocks of the cited documents, each folded once per build, when first
    cited (most documents of a large corpus are never cited)."""

    def __init__(self, documents: dict[str, Document]):
        self.documents = documents
        self._folded: dict[str, list] = {}

    def _blocks(self, doc_id: str) -> list:
        folded = self._folded.get(doc_id)
        if folded is None:
            doc = self.documents.get(doc_id)
            folded = [(fold(block.text), block) for block in doc.blocks] if doc else []
            self._folded[doc_id] = folded
        return folded

    def find(self, doc_id: str, quote: str):
        """The block that holds `quote`, or None."""
        needle = fold(quote)
        if not needle:
            return None
        for folded, block in self._blocks(doc_id):
            if needle in folded:
                return block
        return None
