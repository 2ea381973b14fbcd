"""Term discovery: nothing the sources say is silently dropped.

Candidates are every quoted expression in the sources (“…”, 「…」) and the noun
phrases that recur across documents (jieba, with the glossary's terms in its
dictionary). Each is decided as a glossary entry, explicitly not a term
(data/not_terms.yml, with a reason), or left undecided (a warning).
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .model.citations import fold
from .datafiles import source_files
from .problems import Problem

QUOTED = re.compile(r"“([^“”\n]{1,40})”|「([^「」\n]{1,40})」")
HANZI = re.compile(r"^[\u3400-\u9fff]+$")
NOUNISH = ("n", "vn", "nz", "nt", "nr", "ns")


@dataclass(frozen=True)
class Candidate:
    text: str
    source: str  # "quoted" | "recurring"
    path: str
    line: int


_TAGGER = {}


def _tagger(dictionary: list[str]):
    """jieba's POS tagger with the glossary in its dictionary, loaded only when a
    document is not in the cache: initialising it costs one to two seconds even
    with jieba's own dictionary cache (in the temp folder, shared with search)."""
    key = "|".join(dictionary)
    if key not in _TAGGER:
        import logging

        import jieba
        import jieba.posseg as pseg

        jieba.setLogLevel(logging.WARNING)
        for word in dictionary:
            jieba.add_word(word, freq=2000)
        _TAGGER.clear()
        _TAGGER[key] = pseg
    return _TAGGER[key]


def _noun_phrases(text: str, pseg) -> set[str]:
    """Runs of consecutive noun-like tokens, at least three characters long."""
    phrases, run = set(), []
    for token in list(pseg.cut(text)) + [None]:
        if token is not None and token.flag.startswith(NOUNISH):
            run.append(token.word)
            continue
        phrase = "".join(run)
        if len(phrase) >= 3 and HANZI.match(phrase):
            phrases.add(phrase)
        run = []
    return phrases


def _tag_blocks(dictionary: list[str], blocks: list[tuple[str, int]]) -> dict[str, int]:
    pseg = _tagger(dictionary)
    found: dict[str, int] = {}
    for text, line in blocks:
        for phrase in sorted(_noun_phrases(text, pseg)):
            found.setdefault(phrase, line)
    return found


class _Worker:
    """jieba's tagger in a child process, started before validation when the cache is
    going to miss: its one to two seconds of loading overlap with ingest and model."""

    def __init__(self):
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_tagging_worker, args=(child,), daemon=True)
        self.process.start()

    def phrases(self, dictionary: list[str], blocks: list[tuple[str, int]]) -> dict[str, int]:
        self.conn.send((dictionary, blocks))
        return self.conn.recv()

    def close(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.terminate()


def _tagging_worker(conn) -> None:
    import jieba
    import jieba.posseg  # noqa: F401  (loads the tag table)

    jieba.setLogLevel(60)
    jieba.initialize()
    while True:
        message = conn.recv()
        if message is None:
            return
        conn.send(_tag_blocks(*message))


_WORKER: _Worker | None = None
_USED: set[str] = set()  # cache files of this run's documents
_STAMP = "inputs.json"


def _inputs(root: Path) -> dict[str, list[int]]:
    """Size and time of every file that decides the discovery: sources and glossary."""
    data = root / "data"
    files = source_files(root, data)[0] + [data / "glossary.yml"]  # the files ingest reads, no others
    return {p.relative_to(root).as_posix(): [p.stat().st_size, p.stat().st_mtime_ns] for p in files if p.exists()}


def prepare(root: Path) -> None:
    """Call before validating: if sources or glossary changed since the last discovery,
    start loading the tagger now, beside the rest of the check (not after it)."""
    global _WORKER
    stamp = root / ".cache" / "discovery" / _STAMP
    try:
        if json.loads(stamp.read_text(encoding="utf-8")) == _inputs(root):
            return
    except (OSError, ValueError):
        pass
    try:
        _WORKER = _Worker()
    except (OSError, ValueError):  # no fork here: tag in this process when needed
        _WORKER = None


def finish(root: Path | None) -> None:
    """Stop the tagger's process; with `root`, record the inputs the cache now covers."""
    global _WORKER
    if _WORKER is not None:
        _WORKER.close()
        _WORKER = None
    if root is not None:
        stamp = root / ".cache" / "discovery" / _STAMP
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(json.dumps(_inputs(root), sort_keys=True), encoding="utf-8")
        for old in stamp.parent.glob("*.json"):  # earlier versions of edited documents
            if old.name != _STAMP and old.name not in _USED:
                old.unlink(missing_ok=True)
    _USED.clear()


def _cached_phrases(doc, cache_dir: Path | None, dictionary: list[str]) -> dict[str, int]:
    """phrase -> first line, cached per document text (jieba's tagger is slow)."""
    # Only the glossary forms found in this document can change its segmentation:
    # adding a term re-tags the documents that use it, not every document.
    text = doc.body_text()
    relevant = "|".join(word for word in dictionary if word in text)
    key = hashlib.sha1((relevant + "\n" + text).encode()).hexdigest()
    path = cache_dir / f"{key}.json" if cache_dir else None
    if path:
        _USED.add(path.name)
    if path and path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    blocks = [(block.text, block.line) for block in doc.blocks]
    found = _WORKER.phrases(dictionary, blocks) if _WORKER else _tag_blocks(dictionary, blocks)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(found, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return found


def discover(documents: dict, dictionary: list[str], min_documents: int = 3, cache_dir: Path | None = None) -> list[Candidate]:
    candidates: dict[str, Candidate] = {}
    for doc in documents.values():
        rel = f"data/sources/{doc.filename}"
        for block in doc.blocks:
            for match in QUOTED.finditer(block.text):
                text = (match.group(1) or match.group(2)).strip()
                if text and text not in candidates:
                    candidates[text] = Candidate(text, "quoted", rel, block.line)
    seen_in: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for doc in documents.values():
        for phrase, line in _cached_phrases(doc, cache_dir, dictionary).items():
            seen_in[phrase].append((f"data/sources/{doc.filename}", line))
    for phrase, places in sorted(seen_in.items()):
        if len(places) >= min_documents and phrase not in candidates:
            path, line = places[0]
            candidates[phrase] = Candidate(phrase, "recurring", path, line)
    return sorted(candidates.values(), key=lambda c: (c.path, c.line, c.text))


def decide(candidates: list[Candidate], campaign) -> list[tuple[Candidate, str, str]]:
    """(candidate, status, detail): status is 'term', 'not-term' or 'undecided'."""
    terms = {}
    for item in campaign.of_kind("term"):
        for form in [item.data["term"], *item.data.get("variants", [])]:
            terms[fold(form.strip("“”「」\""))] = item.id
    not_terms = {fold(entry["text"]): entry["reason"] for entry in campaign.not_terms if isinstance(entry.get("text"), str)}
    rows = []
    for candidate in candidates:
        folded = fold(candidate.text)
        if folded in terms:
            rows.append((candidate, "term", terms[folded]))
        elif folded in not_terms:
            rows.append((candidate, "not-term", not_terms[folded]))
        else:
            rows.append((candidate, "undecided", ""))
    return rows


def coverage(generated, root: Path | None = None) -> list[tuple[Candidate, str, str]]:
    settings = generated.campaign.settings.get("discovery") or {}
    cache = (root / ".cache" / "discovery") if root else None
    try:
        candidates = discover(generated.documents, generated.dictionary, int(settings.get("min_documents", 3)), cache)
    except BaseException:
        finish(None)
        raise
    finish(root)
    return decide(candidates, generated.campaign)


def undecided_candidates(generated, root: Path | None = None) -> list[Problem]:
    return [
        Problem(c.path, c.line, f"term candidate “{c.text}” ({c.source}) is undecided: add it to data/glossary.yml or data/not_terms.yml", "warning")
        for c, status, _ in coverage(generated, root)
        if status == "undecided"
    ]
