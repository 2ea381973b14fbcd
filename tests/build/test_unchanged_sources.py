"""Within one process (a `mkdocs serve` session), a source file unchanged since the last
rebuild, by its stat, is not read again to find it in the ingest cache; any write is seen."""
import os
import shutil
import time
from pathlib import Path

import pytest

from sitegen.build import ingest_sources
from sitetools import ROOT

HOUR_AGO = time.time() - 3600


@pytest.fixture
def project(tmp_path):
    sources = tmp_path / "data" / "sources"
    sources.mkdir(parents=True)
    for path in sorted((ROOT / "data" / "sources").glob("*.txt"))[:3]:
        shutil.copyfile(path, sources / path.name)
        os.utime(sources / path.name, (HOUR_AGO, HOUR_AGO))
    return tmp_path


@pytest.fixture
def reads(monkeypatch):
    """The names of the source files read, as the build reads them."""
    names: list[str] = []
    read_bytes = Path.read_bytes

    def counting(self):
        if self.parent.name == "sources":
            names.append(self.name)
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    return names


def _texts(documents) -> dict:
    return {doc_id: doc.text_digest() for doc_id, doc in documents.items()}


def _ingest(project, seen):
    return ingest_sources(project, project / "data", seen=seen)


def test_an_unchanged_file_is_not_read_again_and_an_edited_one_is(project, reads):
    seen: dict = {}
    first, _ = _ingest(project, seen)
    assert len(reads) == 3
    reads.clear()
    again, _ = _ingest(project, seen)
    assert reads == [] and _texts(again) == _texts(first)

    edited = sorted((project / "data" / "sources").glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\n编者补充的一段。\n", encoding="utf-8")
    reads.clear()
    after, _ = _ingest(project, seen)
    assert reads == [edited.name]
    changed = [doc_id for doc_id in first if _texts(after)[doc_id] != _texts(first)[doc_id]]
    assert len(changed) == 1
    # Written just now: not trusted by its stat (a second write in the same clock tick
    # would leave it as it is), so it is read until it is older.
    reads.clear()
    _ingest(project, seen)
    assert reads == [edited.name]


def test_a_same_size_edit_with_its_old_mtime_put_back_is_seen(project, reads):
    seen: dict = {}
    first, _ = _ingest(project, seen)
    path = sorted((project / "data" / "sources").glob("*.txt"))[1]
    text = path.read_text(encoding="utf-8")
    swapped = text.replace("的", "地", 1)
    assert swapped != text and len(swapped.encode()) == len(text.encode())
    path.write_text(swapped, encoding="utf-8")
    os.utime(path, (HOUR_AGO, HOUR_AGO))  # (the change time cannot be put back)
    reads.clear()
    after, _ = _ingest(project, seen)
    assert reads == [path.name]
    assert sum(_texts(after)[d] != _texts(first)[d] for d in first) == 1


def test_a_build_without_a_memory_of_stats_reads_every_file(project, reads):
    """`mkdocs build` runs once: it keeps no stats (no memory spent on them) and reads each file."""
    ingest_sources(project, project / "data")
    reads.clear()
    ingest_sources(project, project / "data")
    assert len(reads) == 3


def test_an_unchanged_file_is_not_looked_up_in_the_cache_again(project, monkeypatch):
    """Its Document is the one the last rebuild had: the ingest cache is not read for it."""
    from sitegen.cache.disk import DiskCache

    seen: dict = {}
    first, _ = _ingest(project, seen)
    gets: list = []
    get = DiskCache.get
    monkeypatch.setattr(DiskCache, "get", lambda self, key: gets.append(key) or get(self, key))
    again, _ = _ingest(project, seen)
    assert gets == []
    assert all(again[doc_id] is first[doc_id] for doc_id in first)
    assert [b.text for b in again[next(iter(again))].blocks] == [b.text for b in first[next(iter(first))].blocks]


def test_a_removed_file_is_forgotten_and_a_changed_rules_file_reads_again(project, reads):
    seen: dict = {}
    _ingest(project, seen)
    removed = sorted((project / "data" / "sources").glob("*.txt"))[2]
    removed.unlink()
    documents, _ = _ingest(project, seen)
    assert len(documents) == 2 and str(removed) not in seen and len(seen) == 2
    from sitegen.ingest.rules import DEFAULT_RULES_PATH

    rules = project / "data" / "ingest" / "boilerplate.yml"  # the campaign's own rules, the same but a comment
    rules.parent.mkdir(parents=True, exist_ok=True)
    rules.write_text(DEFAULT_RULES_PATH.read_text(encoding="utf-8") + "\n# 本地\n", encoding="utf-8")
    reads.clear()
    _ingest(project, seen)
    assert len(reads) == 2  # the rules are part of every key: nothing is taken as it was
