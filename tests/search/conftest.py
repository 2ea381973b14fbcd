"""Search tests: the evaluation report (precision@1 per kind) is printed at the end of the
run, also under pytest-xdist, from files the tests write into REPORT_DIR."""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

REPORT_DIR = Path(tempfile.gettempdir()) / f"sitegen-search-report-{os.getuid()}"
_STARTED = time.time()


def write_report(name: str, text: str) -> None:
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    (REPORT_DIR / f"{name}.txt").write_text(text, "utf-8")


def pytest_terminal_summary(terminalreporter):
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    if not REPORT_DIR.is_dir():
        return
    reports = sorted(p for p in REPORT_DIR.glob("*.txt") if p.stat().st_mtime >= _STARTED)
    if reports:
        terminalreporter.section("search evaluation")
        for path in reports:
            terminalreporter.write_line(path.read_text("utf-8").rstrip())


@pytest.fixture(scope="session")
def campaign2_site(tmp_path_factory) -> Path:
    """The site of tests/fixtures/campaign2 (another campaign's data), built once."""
    from sitetools import ROOT, copy_project, mkdocs_build

    project = copy_project(tmp_path_factory.mktemp("campaign2"), ROOT / "tests" / "fixtures" / "campaign2" / "data")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """Our own small Material site (hostile text, traditional characters) with the index."""
    import fixture_site as fx

    return fx.build(tmp_path_factory.mktemp("search-fixture"))
