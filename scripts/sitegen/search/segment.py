"""Word segmentation with jieba, the glossary's terms added to its dictionary.

One private jieba.Tokenizer per process (initialised once, about a second), so adding our
terms never changes the segmentation of other jieba users in the same process (Material's
search plugin uses the global one). Terms are added with a frequency high enough to keep
them whole: a formula like 两不误 is one token.

The index uses words for titles and glossary terms (where a title may be matched from the
start of any of its words). Body text is indexed by character bigrams instead, which find
any phrase and every name without depending on the segmenter (and index 2,000 documents in
seconds: jieba runs at about 0.2 M characters a second here, far too slow for 10 M).
"""
from __future__ import annotations

import logging
import threading
from typing import Iterable

_lock = threading.Lock()
_tokenizer = None
_added: set[str] = set()
_pending: set[str] = set()


def _get():
    """The tokenizer, initialised on first use (a site without titles to segment never
    loads jieba), with every word added so far."""
    global _tokenizer
    if _tokenizer is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        tok.initialize()
        _tokenizer = tok
    if _pending:
        for word in sorted(_pending - _added):
            # suggest_freq(tune=True) raises the frequency until the word is cut whole.
            _tokenizer.add_word(word)
            _tokenizer.suggest_freq(word, tune=True)
            _added.add(word)
        _pending.clear()
    return _tokenizer


def add_words(words: Iterable[str]) -> None:
    """Add terms to the segmenter's dictionary so each stays one token."""
    with _lock:
        for word in words:
            word = (word or "").strip()
            if word and not any(c.isspace() for c in word) and word not in _added:
                _pending.add(word)


def segment(text: str) -> list[str]:
    """Words of `text` (jieba accurate mode, HMM on for names)."""
    with _lock:
        return [w for w in _get().cut(text, HMM=True) if w]


def word_starts(text: str) -> list[int]:
    """Offsets where a word of `text` starts (0 always included), spaces and punctuation skipped."""
    starts: list[int] = []
    pos = 0
    for word in segment(text):
        if word.strip() and (word[0].isalnum()):
            starts.append(pos)
        pos += len(word)
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return starts
