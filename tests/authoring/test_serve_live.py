"""`mkdocs serve` regenerates on every change in data/, shows problems in a banner,
and recovers when the file is fixed, without a restart.

One server for the module (startup is the slow part); each test leaves data/
as it found it. The figures (save -> updated page) are printed: run with -s.
"""
from __future__ import annotations

import re
import time

import pytest

from servetools import edit, mkdocs_serve, temporary_folder
from sitetools import copy_project

SOURCE = "data/sources/004_0e20f6ddf0c95574.txt"
SOURCE_PAGE = "sources/004_0e20f6ddf0c95574.html"
OTHER_PAGE = "sources/002_4c430ce415bfedf4.html"  # (not the witness, which MkDocs lays out every time)
SOURCE_ANCHOR = "总之，这一段工作，领导重视，开局良好，发展健康，已取得初步成效。"
PHASES = "data/phases.yml"
PHASE_PAGE = "phases/phase-study.html"
PHASE_SUMMARY = "summary: 第一阶段，重点抓好思想发动、学习培训和明确新时期保持共产党员先进性基本要求三个环节。"
GLOSSARY = "data/glossary.yml"
TERM_PAGE = "glossary/term-advanced-nature.html"
TERM_SHORT = "short: 来源称党的先进性是党的生命所系、力量所在，先进就是先导、先行、先锋，走在前列。"
BANNER = 'data-sitegen="problems"'
# Save -> page: the issue asks for 3 s on the five-document site, measured on an idle
# machine by tools/serve_latency.py. Here the test runs beside others (-n 2, browser
# tests), so the bound only catches a rebuild gone badly wrong.
LATENCY_BOUND = 25.0


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("serve"))
    with mkdocs_serve(project) as running:
        yield running


def _text(html: str) -> str:
    """Visible-ish text: tags dropped, so a marker split by term links still matches."""
    return re.sub(r"<[^>]+>", "", html)


def _restore(server, path: str, original: str) -> None:
    (server.project / path).write_text(original, encoding="utf-8")


def test_source_and_yaml_edits_appear(server):
    source, phases, glossary = (server.project / p for p in (SOURCE, PHASES, GLOSSARY))
    originals = {p: (server.project / p).read_text(encoding="utf-8") for p in (SOURCE, PHASES, GLOSSARY)}
    html = server.get(SOURCE_PAGE)
    assert "编辑预览测试段落" not in html and html, "the source page is served before the edit"
    try:
        # 1. A new paragraph in a source document.
        saved = time.monotonic()
        edit(source, SOURCE_ANCHOR, SOURCE_ANCHOR + "\n编辑预览测试段落：保存后即刻可见。")
        _, waited = server.wait_for(SOURCE_PAGE, lambda h: "编辑预览测试段落" in _text(h), timeout=45)
        source_latency = time.monotonic() - saved
        # The other documents' pages, linked from the last rebuild's folder (since deleted), still served.
        time.sleep(1)
        assert "第二批保持共产党员先进性教育活动指导意见" in _text(server.get(OTHER_PAGE))
        assert "sitegen: 1 document pages written, 3 kept from the last build" in server.output()
        # The search index follows, updated in place from the last one (search/update.py).
        deadline = time.monotonic() + 45
        while "sitegen: search index updated (" not in server.output() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert re.search(r"sitegen: search index updated \(\d+ pages changed", server.output()), server.output()[-2000:]

        # 2. A changed summary in the phase model (YAML).
        saved = time.monotonic()
        edit(phases, PHASE_SUMMARY, PHASE_SUMMARY.replace("三个环节。", "三个环节（预览标记甲）。"))
        server.wait_for(PHASE_PAGE, lambda h: "预览标记甲" in _text(h), timeout=45)
        yaml_latency = time.monotonic() - saved

        # 3. A glossary term's short explanation, seen on the term page.
        saved = time.monotonic()
        edit(glossary, TERM_SHORT, TERM_SHORT.replace("走在前列。", "走在前列（预览标记乙）。"))
        server.wait_for(TERM_PAGE, lambda h: "预览标记乙" in _text(h), timeout=45)
        term_latency = time.monotonic() - saved

        # 4. A phase's title: the navigation of every page shows it (pages whose own
        #    content did not change are laid out again, not served from the last rebuild).
        edit(phases, "- id: phase-study\n  title: 学习动员阶段", "- id: phase-study\n  title: 学习动员阶段（预览标记丙）")
        server.wait_for("phases/phase-rectify.html", lambda h: "预览标记丙" in h, timeout=45)
        assert "预览标记丙" in server.get("checklists/checklist-five-four.html")
        assert "预览标记丙" in server.get(OTHER_PAGE), "a new frame: no document page is kept"

        print(f"\nsave -> updated page: source {source_latency:.2f}s, phases.yml {yaml_latency:.2f}s, "
              f"glossary.yml {term_latency:.2f}s")
        assert max(source_latency, yaml_latency, term_latency) < LATENCY_BOUND
        assert BANNER not in server.get(PHASE_PAGE)
    finally:
        for path, text in originals.items():
            _restore(server, path, text)
    server.wait_for(PHASE_PAGE, lambda h: "预览标记甲" not in _text(h), timeout=45)


def test_error_banner_then_recovery(server):
    phases = server.project / PHASES
    original = phases.read_text(encoding="utf-8")
    try:
        # A misspelt field name: the model no longer validates.
        saved = time.monotonic()
        edit(phases, "- id: phase-study\n  title: 学习动员阶段", "- id: phase-study\n  titel: 学习动员阶段")
        html, _ = server.wait_for(PHASE_PAGE, lambda h: BANNER in h, timeout=45)
        banner_latency = time.monotonic() - saved
        line = phases.read_text(encoding="utf-8").split("  titel:")[0].count("\n") + 1
        # The problem, as the usual one-liner, in the banner ...
        assert f"<code>data/phases.yml:{line}: unknown field &#39;titel&#39; (did you mean &#39;title&#39;?)</code>" in html
        # ... on every page, which still shows the last good content,
        assert BANNER in server.get("index.html")
        assert "学习动员阶段" in _text(html)
        # ... and in the terminal.
        assert re.search(rf"data/phases\.yml:{line}: unknown field 'titel'", server.output()), server.output()[-2000:]

        # A second kind of error while still broken: YAML syntax.
        edit(phases, "  titel: 学习动员阶段", "  titel: [学习动员阶段")
        html, _ = server.wait_for(PHASE_PAGE, lambda h: "YAML syntax" in h, timeout=45)
        assert f"data/phases.yml:{line}:" in html

        # Fixing the file recovers without a restart.
        saved = time.monotonic()
        phases.write_text(original, encoding="utf-8")
        html, _ = server.wait_for(PHASE_PAGE, lambda h: BANNER not in h, timeout=45)
        recovery_latency = time.monotonic() - saved
        assert "学习动员阶段" in _text(html)
        assert BANNER not in server.get("index.html")
        assert server.process.poll() is None, "the server kept running"
        print(f"\nsave -> banner {banner_latency:.2f}s, fix -> banner gone {recovery_latency:.2f}s")
        assert max(banner_latency, recovery_latency) < LATENCY_BOUND
    finally:
        phases.write_text(original, encoding="utf-8")


def test_a_stopped_server_leaves_no_site_behind(tmp_path):
    """Stopped with SIGTERM (servetools), as a service manager or a closed terminal stops
    it: the site MkDocs served from a temporary folder is deleted."""
    project = copy_project(tmp_path / "p")
    with mkdocs_serve(project) as running:
        assert "</html>" in running.get("index.html")
        assert list(temporary_folder(project).glob("mkdocs_*")), "the served site is in the temporary folder"
    assert not list(temporary_folder(project).glob("mkdocs_*"))
