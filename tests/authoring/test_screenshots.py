"""tools/screenshots.py (make screenshots): the README's pictures, taken in headless Chromium."""
from __future__ import annotations

import concurrent.futures
import multiprocessing
import sys

import pytest

from sitetools import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import screenshots  # noqa: E402


@pytest.mark.browser
def test_screenshots_of_home_phase_and_pinyin_search(built_site, tmp_path):
    from PIL import Image

    # In a process of its own: another test's Playwright may already run in this one
    # (the sync API refuses to start inside a running event loop).
    spawn = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn) as pool:
        shots = pool.submit(screenshots.take, built_site, tmp_path / "images").result(timeout=300)
    assert set(shots) == {"home", "phase", "search"}
    for path in shots.values():
        with Image.open(path) as image:
            assert image.size == (screenshots.VIEWPORT["width"], screenshots.VIEWPORT["height"])
            # Not a blank page: a page of text has many shades.
            assert len(image.getcolors(maxcolors=1 << 16) or []) > 20


def test_readme_shows_the_screenshots():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("home.png", "phase.png", "search-pinyin.png"):
        assert f"docs/images/{name}" in readme
        assert (ROOT / "docs" / "images" / name).is_file()
    assert "make screenshots" in readme


def test_guide_shows_the_problems_banner():
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    assert "](images/banner.png)" in guide
    assert (ROOT / "docs" / "images" / "banner.png").is_file()


@pytest.mark.browser
def test_screenshots_of_every_page_kind_on_a_phone_and_in_print(built_site, tmp_path):
    from PIL import Image

    from sitetools import page_kinds

    spawn = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn) as pool:
        shots = pool.submit(screenshots.take_kinds, built_site, tmp_path / "kinds").result(timeout=300)
    names = {screenshots.kind_name(rel) for rel in page_kinds(built_site)}
    assert len(names) == len(page_kinds(built_site))  # one picture name per kind
    assert set(shots) == {f"{n}-{view}" for n in names for view in ("320", "print")}
    for key, path in shots.items():
        with Image.open(path) as image:
            if key.endswith("-320"):
                assert image.width == screenshots.PHONE["width"]
                assert screenshots.PHONE["height"] <= image.height <= screenshots.PHONE_MAX_HEIGHT
            else:
                assert image.size == (screenshots.A4[0] + 2, screenshots.A4[1] + 2)  # the sheet and its rule
            assert len(image.getcolors(maxcolors=1 << 16) or []) > 20, key


def test_kind_names():
    assert [screenshots.kind_name(r) for r in ("index.html", "glossary/index.html", "glossary/term-x.html",
                                               "sources/000_ab.html", "phases/p.html", "404.html")] == \
        ["home", "glossary-index", "term", "source", "phase", "404"]
