"""The whole pipeline through `mkdocs build`: a second campaign, and bad input."""
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from sitetools import ROOT, copy_project, mkdocs_build

FIXTURE = ROOT / "tests" / "fixtures" / "campaign2" / "data"


def h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""


def tree_digest(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        digest.update(path.relative_to(site).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_second_campaign_builds_with_no_code_change(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    shutil.copytree(ROOT / "data" / "ingest", data / "ingest", dirs_exist_ok=True)
    project = copy_project(tmp_path / "project", data=data)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-2000:]
    site = project / "site"
    assert h1((site / "phases" / "stage-selfcheck.html").read_text()) == "自查整改阶段"
    assert h1((site / "checklists" / "list-four-nots.html").read_text()) == "四不放过"
    assert h1((site / "roles" / "body-acceptance-team.html").read_text()) == "验收组"
    selfcheck = (site / "phases" / "stage-selfcheck.html").read_text()
    assert "排查隐患" in selfcheck and "车间主任" in selfcheck
    committee = (site / "roles" / "body-safety-committee.html").read_text()
    assert "验收组" in committee  # reverse link of part_of, computed at build time
    assert "安全生产大检查手册" in (site / "index.html").read_text()
    assert "先进性" not in (site / "index.html").read_text()  # nothing of the other campaign


BAD_INPUTS = {
    "duplicate-id": ("data/roles.yml", lambda t: t + t[t.index("- id:"): t.index("\n- id:", 5) + 1], "duplicate id"),
    "unknown-field": ("data/roles.yml", lambda t: t.replace("  kind: ", "  knd: ", 1), "unknown field 'knd'"),
    "tab": ("data/phases.yml", lambda t: t.replace("\n  title:", "\n\ttitle:", 1), "tab used for indentation"),
    "unclosed-bracket": ("data/checklists.yml", lambda t: t.replace("\n  title: ", "\n  title: [", 1), "is not closed"),
}


@pytest.fixture(scope="module")
def good_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("good"))
    assert mkdocs_build(project).returncode == 0
    return project


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_reports_file_and_line_and_keeps_the_previous_site(good_project, tmp_path, case):
    project = tmp_path / "p"
    shutil.copytree(good_project, project)
    before = tree_digest(project / "site")
    path, corrupt, words = BAD_INPUTS[case]
    target = project / path
    target.write_text(corrupt(target.read_text(encoding="utf-8")), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    problem_lines = [l for l in result.stderr.splitlines() if re.match(r"^data/[^:]+:\d+: ", l)]
    assert problem_lines and all(l.startswith(path + ":") for l in problem_lines), result.stderr
    assert any(words in l for l in problem_lines), result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site.building-*"))
