"""A rebuild with `mkdocs build` reuses what the last build made for unchanged pages
(.cache/build/) and gives the very site a build without any cache gives."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.render.documents import ORIGINALS
from sitetools import copy_project


def _build(project: Path, **env) -> dict:
    """mkdocs build; the cache's hits and misses (SITEGEN_TIMINGS)."""
    timings = project / "timings.json"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, capture_output=True, text=True,
                            timeout=600, env={**os.environ, "SITEGEN_TIMINGS": str(timings), **env})
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(timings.read_text(encoding="utf-8"))
    return {**found["cache"], "search_updated": found.get("search_updated")}


def _site(project: Path) -> dict[str, bytes]:
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _inodes(project: Path) -> dict[str, int]:
    """The document pages' files: name -> inode."""
    pages = [p for p in (project / "site" / "sources").glob("*.html") if p.name != "index.html"]
    return {p.name: p.stat().st_ino for p in pages}


def _originals(project: Path) -> dict[str, int]:
    """The documents' original files as published (原件): name -> inode."""
    return {p.name: p.stat().st_ino for p in (project / "site" / ORIGINALS).iterdir()}


def _same_sites(a: Path, b: Path) -> None:
    first, second = _site(a), _site(b)
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert not different, f"{len(different)} files differ, e.g. {different[:5]}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("cached") / "p")
    cold = _build(project)
    return project, cold


def test_a_cold_build_fills_the_cache_and_a_rebuild_reuses_it(built):
    project, cold = built
    assert cold["hits"] == 0 and cold["misses"] > 0
    assert {p.name for p in (project / ".cache" / "build").iterdir()} >= {
        "ingest.sqlite3", "pages.sqlite3", "markdown.sqlite3", "layout.sqlite3"}
    again = _build(project)
    assert again["misses"] == 0, "nothing changed: nothing is made again"
    assert again["hits"] == cold["misses"]


def test_after_an_edit_only_what_depends_on_it_is_made_again(built, tmp_path):
    project, cold = built
    source = sorted((project / "data" / "sources").glob("*.txt"))[1]
    source.write_text(source.read_text(encoding="utf-8") + "\n\n编者补充：本文件已修改一处。\n", encoding="utf-8")
    before, originals = _inodes(project), _originals(project)
    edited = _build(project)
    assert 0 < edited["misses"] < cold["misses"] / 2, edited
    # The search index was updated from the last one (search/update.py), not made whole.
    assert edited["search_updated"] and 1 <= edited["search_updated"]["pages"] <= 4, edited
    page = f"{source.stem}.html"
    assert "编者补充" in (project / "site" / "sources" / page).read_text(encoding="utf-8")
    # The other document pages are the files the last build wrote, linked, not written again.
    after = _inodes(project)
    kept = {name for name in after if before.get(name) == after[name]}
    assert page not in kept and len(kept) >= len(after) - 2, (sorted(after), sorted(kept))  # (but the witness)
    # So are the originals of the documents not edited; the edited one is copied again.
    now = _originals(project)
    copied = {name for name in now if originals.get(name) != now[name]}
    assert len(now) == len(originals) and [n.split(".")[0] for n in copied] == [source.stem], sorted(copied)
    assert "编者补充" in (project / "site" / ORIGINALS / next(iter(copied))).read_text(encoding="utf-8")
    # The same data built with no cache at all: the same bytes.
    fresh = copy_project(tmp_path / "fresh", data=project / "data")
    _build(fresh, SITEGEN_NO_CACHE="1")
    assert not (fresh / ".cache" / "build").exists()
    _same_sites(project, fresh)


def test_template_and_settings_edits_reach_every_page(built):
    project, _ = built
    main = project / "overrides" / "main.html"
    text = main.read_text(encoding="utf-8")
    marker = '<meta name="sitegen-test" content="template edited">'
    main.write_text(text.replace("{% block site_meta %}\n  {{ super() }}", "{% block site_meta %}\n  {{ super() }}\n  " + marker, 1),
                    encoding="utf-8")
    _build(project)
    pages = sorted((project / "site").rglob("*.html"))
    assert pages and all(marker in p.read_text(encoding="utf-8") for p in pages)
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8") + "\ncopyright: 测试版权行\n", encoding="utf-8")
    _build(project)
    assert all("测试版权行" in p.read_text(encoding="utf-8") for p in sorted((project / "site").rglob("*.html")))
