"""A rebuild keeps the document pages that did not change: earlier.Earlier links the
earlier site's file when the page, its frames and its file are as they were, and writes
it again whenever any of them is not."""
from __future__ import annotations

import os

import pytest

from sitegen import docpages, earlier as earlier_site
from sitegen.render.direct import DirectPageWriter, LaterPage

from test_pages_forked import FRAMES

FRAME_TEXTS = {path: f"frame {path}" for path in FRAMES}


def _pages(texts: dict[int, str]) -> dict[str, LaterPage]:
    def make(i: int, text: str):
        def made():
            writer = DirectPageWriter(f"documents/doc-{i}.html", "document", f"文件{i}")
            writer.block(f"<p>{text}</p>", [text])
            return writer.finish()
        return made
    return {f"documents/doc-{i:04d}.md": LaterPage("document", f"文件{i}", make(i, text), identity=f"{i}:{text}")
            for i, text in texts.items()}


def _write(site, pages, earlier=None, frames=FRAME_TEXTS, workers=1):
    site.mkdir(parents=True)
    named = docpages.identities(pages, frames, "toc template")
    searched, written = docpages.write_pages(pages, FRAMES, site, None, workers, earlier, named)
    return [(p.url, p.packed_texts) for p in searched], written


def _files(site):
    return {p.name: (p.stat().st_ino, p.read_bytes()) for p in sorted((site / "documents").glob("*.html"))}


TEXTS = {i: f"第{i}段，整改提高。" for i in range(12)}


@pytest.mark.parametrize("workers", [1, 2])
def test_unchanged_pages_are_linked_and_changed_ones_written(tmp_path, monkeypatch, workers):
    monkeypatch.setattr(docpages, "_PARALLEL_FROM", 1)
    first_search, written = _write(tmp_path / "one", _pages(TEXTS), workers=workers)
    first = _files(tmp_path / "one")
    edited = {**TEXTS, 3: "第3段，已修改。"}
    search, again = _write(tmp_path / "two", _pages(edited), earlier_site.Earlier(tmp_path / "one", written), workers=workers)
    now = _files(tmp_path / "two")
    linked = {name for name in now if now[name][0] == first[name][0]}
    assert linked == set(first) - {"doc-0003.html"}
    assert "已修改" in now["doc-0003.html"][1].decode()
    # What is linked and written is what a build without an earlier site writes.
    fresh_search, _ = _write(tmp_path / "fresh", _pages(edited))
    assert {n: b for n, (_, b) in now.items()} == {n: b for n, (_, b) in _files(tmp_path / "fresh").items()}
    assert search == fresh_search and search != first_search
    assert set(again) == set(written) and again["documents/doc-0003.html"] != written["documents/doc-0003.html"]
    assert earlier_site.Earlier(tmp_path / "one", written).kept(again) == 11


def test_other_frames_mean_every_page_is_written_again(tmp_path):
    _, written = _write(tmp_path / "one", _pages(TEXTS))
    first = _files(tmp_path / "one")
    frames = {**FRAME_TEXTS, next(iter(FRAMES)): "the theme laid the frame out differently"}
    _write(tmp_path / "two", _pages(TEXTS), earlier_site.Earlier(tmp_path / "one", written), frames=frames)
    now = _files(tmp_path / "two")
    assert not {name for name in now if now[name][0] == first[name][0]}


def test_a_file_touched_since_or_a_page_without_identity_is_written_again(tmp_path):
    _, written = _write(tmp_path / "one", _pages(TEXTS))
    touched = tmp_path / "one" / "documents" / "doc-0005.html"
    os.utime(touched, ns=(1, 1))  # (its content as it was: only the stamp tells)
    (tmp_path / "one" / "documents" / "doc-0006.html").unlink()
    pages = _pages(TEXTS)
    pages["documents/doc-0007.md"].identity = None
    _write(tmp_path / "two", pages, earlier_site.Earlier(tmp_path / "one", written))
    before, now = _files(tmp_path / "one"), _files(tmp_path / "two")
    linked = {name for name in now if name in before and now[name][0] == before[name][0]}
    assert linked == set(now) - {"doc-0005.html", "doc-0006.html", "doc-0007.html"}
    assert len(now) == 12


def test_a_manifest_from_other_code_or_broken_keeps_nothing(tmp_path):
    manifest = tmp_path / "written.json"
    earlier_site.save(manifest, "salt-a", {"documents/doc-0001.html": ["x", 1, 2, 3]})
    assert earlier_site.load(manifest, "salt-a", tmp_path).files
    assert not earlier_site.load(manifest, "salt-b", tmp_path).files
    manifest.write_text('{"salt": "salt-a", "files": {"documents/doc-0001.html": 7}}', encoding="utf-8")
    earlier = earlier_site.load(manifest, "salt-a", tmp_path)
    assert earlier.link("documents/doc-0001.html", "x", tmp_path / "out.html") is False
    assert earlier.kept({"documents/doc-0001.html": ("x", 1, 2, 3)}) == 0
    manifest.write_text("{not json", encoding="utf-8")
    assert earlier_site.load(manifest, "salt-a", tmp_path).files == {}
