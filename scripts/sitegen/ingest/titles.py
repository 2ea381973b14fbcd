"""A title for a document that has none (title_derived=True).

Built from the text, never from knowledge of a particular document:
  1. the key phrase: among the phrases (runs of Han characters, rules.derived_title.min_len to
     max_len long, not starting or ending with a function character) of the top-level headings
     — or of the opening sentence when there are no headings — the one whose occurrences in the
     text weigh most (count x length^2, at least min_count occurrences);
  2. filled into the template of the rules: 关于{phrase}的讲话 for a speech (a salutation such
     as 同志们： opens it), 关于{phrase} otherwise;
  3. failing a phrase, the opening words of the text (cut at fallback_len, marked with …);
  4. failing any text, the document id.
The opening passes over what is not the document's own words (rules.not_title): a byline
or an editor's note is skipped, a dateline glued to the first sentence is read past.
"""
from __future__ import annotations

import re

from .outline import Piece, match_marker
from .rules import IngestRules

_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
SAMPLE = 50_000  # characters of the text in which phrases are counted
SOURCES = 8  # headings looked at


def _strip_marker(text: str, rules: IngestRules) -> str:
    found = match_marker(text, rules)
    return text[found[2]:] if found else text


def _traditional(text: str) -> str:
    import opencc  # a declared dependency; loaded only for the rare traditional untitled text

    return opencc.OpenCC("s2t").convert(text)


def _own_words(text: str, rules: IngestRules) -> str:
    """The paragraph as the opening of the text: '' for a salutation, a byline or an editor's
    note; after the dateline when one opens it."""
    if rules.salutation.match(text):
        return ""
    for rule in rules.not_title:
        rest = rule.opening_text(text)
        if rest is not None:
            return rest
    return text


def key_phrase(sources: list[str], sample: str, rules: IngestRules) -> str | None:
    candidates: dict[str, int] = {}
    order = 0
    for source in sources:
        for run in _HAN_RUN.findall(source):
            for i in range(len(run)):
                if run[i] in rules.edge_stop:
                    continue
                for length in range(rules.phrase_min, rules.phrase_max + 1):
                    if i + length > len(run):
                        break
                    phrase = run[i:i + length]
                    if phrase[-1] in rules.edge_stop or phrase in candidates:
                        continue
                    candidates[phrase] = order
                    order += 1
    best, best_key = None, None
    for phrase, first in candidates.items():
        count = sample.count(phrase)
        if count < rules.phrase_min_count:
            continue
        key = (count * len(phrase) ** 2, len(phrase), -first)
        if best_key is None or key > best_key:
            best, best_key = phrase, key
    return best


def derive_title(pieces: list[Piece], speech: bool, rules: IngestRules, fallback: str,
                 traditional: bool = False) -> str:
    headings = [p for p in pieces if p.kind == "heading"]
    if headings:
        top = min(p.level for p in headings)
        sources = [_strip_marker(p.text, rules) for p in headings if p.level == top][:SOURCES]
    else:
        opening = (_own_words(p.text, rules) for p in pieces if p.kind == "paragraph")
        sources = [next((words for words in opening if words), "")[:200]]
    sample = "\n".join(p.text for p in pieces)[:SAMPLE]
    phrase = key_phrase(sources, sample, rules)
    if phrase:
        template = rules.derived_templates["speech" if speech else "default"]
        if traditional:  # 關於…的講話 for a text in traditional characters, not a mix of scripts
            template = _traditional(template)
        return template.format(phrase=phrase)
    for p in pieces:
        words = _own_words(_strip_marker(p.text, rules).strip(), rules)
        if words:
            cut = rules.fallback_len
            return words if len(words) <= cut else words[:cut] + "…"
    return fallback
