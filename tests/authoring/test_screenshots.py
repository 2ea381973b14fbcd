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
