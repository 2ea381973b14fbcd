"""`make new-campaign NAME=…`: a data/ skeleton that validates and builds at once, its
placeholders visibly marked, and with the editor's own source builds with no change to code
or mkdocs.yml."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from sitegen.skeleton import MARK, SOURCE_ID
from sitetools import copy_project, mkdocs_build

NOTICE = """关于开展安全生产大检查的通知
各车间、各科室：
为切实做好安全生产工作，经研究，决定在全厂开展安全生产大检查。现将有关事项通知如下：
一、检查时间。自即日起至年底，分自查、抽查、整改三步进行。
二、检查重点。各车间要做到“四不放过”，逐项排查隐患。
三、工作要求。各单位主要负责人是本单位安全生产第一责任人。
"""


def sitegen(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sitegen", *args],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project / "scripts")},
        capture_output=True,
        text=True,
        timeout=300,
    )


def drop_placeholders(data: Path) -> None:
    """What the editor does first: delete the placeholder source and items."""
    (data / "sources" / f"{SOURCE_ID}.txt").unlink()
    for name in ["phases.yml", "roles.yml", "checklists.yml", "glossary.yml"]:
        (data / name).write_text("[]\n", encoding="utf-8")


def test_new_campaign_skeleton_plus_one_source_builds(tmp_path):
    current = copy_project(tmp_path / "current")
    target = tmp_path / "next-campaign" / "data"
    made = sitegen(current, "new-campaign", str(target))
    assert made.returncode == 0, made.stderr
    assert Path(made.stdout.strip()) == target
    names = sorted(p.name for p in target.iterdir())
    assert names == sorted(["batches.yml", "campaign.yml", "checklists.yml", "glossary.yml",
                            "not_terms.yml", "phases.yml", "roles.yml", "sources"])
    assert sorted(p.name for p in (target / "sources").iterdir()) == [f"{SOURCE_ID}.txt", "titles.yml"], "no source of the old campaign"
    titles = (target / "sources" / "titles.yml").read_text(encoding="utf-8")
    assert titles.startswith("# yaml-language-server: $schema=") and yaml.safe_load(titles) is None  # an example, commented
    for name in ["phases.yml", "roles.yml", "checklists.yml", "glossary.yml", "campaign.yml"]:
        text = (target / name).read_text(encoding="utf-8")
        assert MARK in text, f"{name}: placeholder not marked"
        assert text.startswith("# yaml-language-server: $schema="), name

    # The skeleton as made builds at once, and its placeholders show on the site.
    skeleton = copy_project(tmp_path / "skeleton", data=target)
    first = mkdocs_build(skeleton)
    assert first.returncode == 0, first.stderr[-3000:]
    assert MARK in (skeleton / "site" / "index.html").read_text(encoding="utf-8")
    assert MARK in (skeleton / "site" / "phases" / "phase-placeholder.html").read_text(encoding="utf-8")
    # Nothing of the current campaign is in the skeleton's model files.
    for name in names:
        if name.endswith(".yml"):
            assert "先进性" not in (target / name).read_text(encoding="utf-8")

    # Refuses to overwrite a folder that is not empty.
    again = sitegen(current, "new-campaign", str(target))
    assert again.returncode != 0 and "not empty" in again.stderr

    # The editor edits campaign.yml and drops in one source document.
    settings = target / "campaign.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(f"{MARK}新活动指南", "安全生产大检查指南"),
                        encoding="utf-8")
    (target / "sources" / "notice.txt").write_text(NOTICE, encoding="utf-8")
    drop_placeholders(target)

    project = copy_project(tmp_path / "project", data=target)
    checked = sitegen(project, "check")
    assert checked.returncode == 0, checked.stderr[-2000:]
    assert "data/ is valid: 1 documents, 0 items" in checked.stdout
    # Quoted expressions are term candidates: check says so, with file and line.
    assert re.search(r"data/sources/notice\.txt:\d+: term candidate “四不放过” \(quoted\) is undecided", checked.stderr), checked.stderr

    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr[-3000:]
    # Not a terminal: progress is one log line per stage.
    assert "sitegen: documents ingested: 1 in" in built.stderr
    assert "sitegen: pages rendered (HTML):" in built.stderr
    site = project / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "安全生产大检查指南" in home
    assert "保持共产党员先进性" not in home, "the old campaign's name (mkdocs.yml site_name) does not leak"
    pages = [p.name for p in (site / "sources").glob("*.html")]
    assert "notice.html" in pages, pages
    assert "四不放过" in (site / "sources" / "notice.html").read_text(encoding="utf-8")
    assert (site / "guide.html").exists()


def test_first_term_in_a_new_campaign(tmp_path):
    """The guide's first steps: one source, one term citing it; the term gets its page."""
    current = copy_project(tmp_path / "current")
    target = tmp_path / "next" / "data"
    assert sitegen(current, "new-campaign", str(target)).returncode == 0
    drop_placeholders(target)
    (target / "sources" / "notice.txt").write_text(NOTICE, encoding="utf-8")
    (target / "glossary.yml").write_text(
        """\
- id: term-four-nots
  term: 四不放过
  short: 事故处理的四项要求。
  sources:
    - doc: notice
      quote: 各车间要做到“四不放过”
""",
        encoding="utf-8",
    )
    project = copy_project(tmp_path / "project", data=target)
    checked = sitegen(project, "check")
    assert checked.returncode == 0, checked.stderr[-2000:]
    assert "“四不放过”" not in checked.stderr, "a glossary term is no longer an undecided candidate"
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr[-3000:]
    term = (project / "site" / "glossary" / "term-four-nots.html").read_text(encoding="utf-8")
    assert "事故处理的四项要求" in term
