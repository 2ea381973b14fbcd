"""docpages.write_pages with forked workers: the same files, the same search texts in the
same order, and the build cache given what the workers made, as one process writes."""
from __future__ import annotations

import sqlite3

import pytest

from sitegen import docpages, frame
from sitegen.cache.disk import STATS, DiskCache
from sitegen.frame import Frame
from sitegen.render.direct import DirectPageWriter, LaterPage

LAID_OUT = (f"<title>{frame.TITLE_STRIPPED} - 站</title><a href=\"#{frame.H1_ID}\">跳过</a>"
            f"<header>{frame.TITLE}</header><main>{frame.CONTENT}</main><a href=\"x/{frame.NAME}.html\">")
FRAMES = {"documents/sitegen-frame-page.md": Frame.cut(LAID_OUT, None, frame.NAME),
          "documents/sitegen-frame-page-flat.md": Frame.cut(LAID_OUT + "<!-- flat -->", None, frame.NAME)}


def _pages(memo: DiskCache, count: int) -> dict[str, LaterPage]:
    """Pages with no sections below the title (the flat frame: no templates needed),
    made through the memo as the build makes document pages."""
    def make(i: int):
        def made():
            key = ("page", i)
            found = memo.get(key)
            if found is None:
                writer = DirectPageWriter(f"documents/doc-{i}.html", "document", f"文件{i}")
                writer.block(f"<p>第{i}段，整改提高。</p>", [f"第{i}段，整改提高。"])
                found = writer.finish()
                memo.put(key, found)
            return found
        return made
    return {f"documents/doc-{i:04d}.md": LaterPage("document", f"文件{i}", make(i)) for i in range(count)}


def _write(tmp_path, name: str, workers: int, count: int = 40):
    site = tmp_path / name / "site"
    site.mkdir(parents=True)
    cache = tmp_path / name / "pages.sqlite3"
    memo = DiskCache(cache, b"salt")
    searched, _ = docpages.write_pages(_pages(memo, count), FRAMES, site, None, workers)
    memo.save()
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    return files, [(p.url, p.title, p.packed_texts) for p in searched], cache


@pytest.fixture
def forked(monkeypatch):
    monkeypatch.setattr(docpages, "_PARALLEL_FROM", 1)


def test_forked_workers_write_what_one_process_writes(tmp_path, forked):
    one_files, one_search, _ = _write(tmp_path, "one", workers=1)
    two_files, two_search, _ = _write(tmp_path, "two", workers=2)
    assert len(one_files) == 40 and two_files == one_files  # (and no spool file left behind)
    assert one_files["documents/doc-0007.html"].decode().startswith("<title>文件7 - 站</title>")
    assert two_search == one_search and all(texts for _, _, texts in two_search)


def test_what_workers_make_is_kept_for_the_next_build(tmp_path, forked):
    _, first, cache = _write(tmp_path, "two", workers=2)
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT COUNT(*) FROM entries").fetchone() == (40,)
    memo = DiskCache(cache, b"salt")
    hits = STATS["hits"]
    again, _ = docpages.write_pages(_pages(memo, 40), FRAMES, tmp_path / "two" / "site", None, 2)
    assert STATS["hits"] - hits == 40  # every page came from the cache, counted by the workers
    memo.save()
    with sqlite3.connect(cache) as db:  # every entry used again: none dropped as stale
        assert db.execute("SELECT COUNT(*) FROM entries").fetchone() == (40,)
    assert [(p.url, p.packed_texts) for p in again] == [(u, t) for u, _, t in first]


def test_terms_counted_by_forked_workers_make_the_same_pages(monkeypatch):
    from sitegen import build
    from sitetools import ROOT

    monkeypatch.setenv("SITEGEN_NO_CACHE", "1")
    one = build.generate(ROOT, workers=1)
    monkeypatch.setattr(build, "_COUNT_FORKED_FROM", 1)
    two = build.generate(ROOT, workers=2)
    term_pages = [p for p in one.pages if p.startswith("glossary/") and p != "glossary/index.md"]
    assert term_pages and any("次" in one.pages[p] for p in term_pages)  # (pages that show counts)
    assert two.pages == one.pages
