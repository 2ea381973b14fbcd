"""Build progress by stage: rich bars on a terminal, log lines in CI logs, nothing when quiet."""
from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from sitegen.build import generate
from sitegen.progress import BuildProgress, choose_mode
from sitetools import ROOT


def test_live_bars_name_every_stage_with_counts():
    out = io.StringIO()
    progress = BuildProgress("live", console=Console(file=out, force_terminal=True, width=100)).start()
    try:
        generated = generate(ROOT, progress=progress.update)
        for _ in range(3):
            progress.advance("pages", 3)
        progress.update("search", 0, 1)
        progress.update("search", 1, 1)
    finally:
        progress.stop()
    text = out.getvalue()
    documents = len(generated.documents)
    assert f"documents ingested" in text and f"{documents}/{documents}" in text
    assert "pages written (Markdown)" in text and "pages rendered (HTML)" in text and "3/3" in text
    assert "search index" in text


def test_log_mode_one_line_per_stage(caplog):
    progress = BuildProgress("log")
    with caplog.at_level(logging.INFO, logger="mkdocs.sitegen"):
        progress.update("ingest", 0, 2)
        progress.update("ingest", 1, 2)
        progress.update("ingest", 2, 2)
        progress.update("model", 0, 1)
        progress.update("model", 1, 1)
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2
    assert lines[0].startswith("sitegen: documents ingested: 2 in ")
    assert lines[1].startswith("sitegen: model checked in ")


def test_quiet_mode_says_nothing(caplog, monkeypatch):
    monkeypatch.setenv("SITEGEN_QUIET", "1")
    assert choose_mode() == "quiet"
    progress = BuildProgress(choose_mode()).start()
    with caplog.at_level(logging.DEBUG):
        progress.update("ingest", 1, 1)
    progress.stop()
    assert not caplog.records


def test_mkdocs_quiet_flag_means_quiet(monkeypatch):
    monkeypatch.delenv("SITEGEN_QUIET", raising=False)
    logger = logging.getLogger("mkdocs")
    before = logger.level
    logger.setLevel(logging.ERROR)  # what `mkdocs build -q` does
    try:
        assert choose_mode() == "quiet"
    finally:
        logger.setLevel(before)
