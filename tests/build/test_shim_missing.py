"""A checkout built without `make setup` has no vendored iframe-worker shim: the build says
that search will not work from file://, instead of publishing a site that fails silently."""
from __future__ import annotations

from sitetools import copy_project, mkdocs_build

SHIM = "overrides/assets/javascripts/vendor/iframe-worker-shim.js"


def test_a_build_without_the_shim_warns_and_one_with_it_does_not(tmp_path):
    project = copy_project(tmp_path / "p")
    assert (project / SHIM).is_file()
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr[-2000:]
    assert "iframe-worker-shim.js is missing" not in built.stderr
    (project / SHIM).unlink()
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr[-2000:]
    warning = [line for line in built.stderr.splitlines() if "iframe-worker-shim.js is missing" in line]
    assert len(warning) == 1 and "file://" in warning[0], built.stderr[-2000:]
