"""The whole pipeline through `mkdocs build`: a second campaign, and bad input."""
import hashlib
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

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


def build_second_campaign(tmp_path) -> Path:
    """The site of tests/fixtures/campaign2, built from its data alone."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    project = copy_project(tmp_path / "project", data=data)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-2000:]
    return project / "site"


def test_second_campaign_builds_with_no_code_change(tmp_path):
    site = build_second_campaign(tmp_path)
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
    "duplicate-id": ("data/roles.yml", lambda t: t + t[t.index("- id:"): t.index("\n- id:", t.index("- id:")) + 1], "duplicate id"),
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


def _add_source(project: Path, name: str, raw: bytes) -> Path:
    path = project / "data" / "sources" / name
    path.write_bytes(raw)
    return path


SOURCE_PROBLEMS = {
    "empty": (lambda p: _add_source(p, "empty.txt", b""), "data/sources/empty.txt:1:"),
    "binary": (lambda p: _add_source(p, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40), "data/sources/photo.txt:1:"),
    "not-text": (lambda p: _add_source(p, "noise.txt", bytes((i * 7919) % 256 for i in range(5000))), "data/sources/noise.txt:"),
    "removed-while-cited": (lambda p: (p / "data" / "sources" / "004_0e20f6ddf0c95574.txt").unlink(), "citation to unknown document '004_0e20f6ddf0c95574'"),
}


@pytest.mark.parametrize("case", sorted(SOURCE_PROBLEMS))
def test_bad_source_files_fail_cleanly(good_project, tmp_path, case):
    project = tmp_path / "p"
    shutil.copytree(good_project, project)
    before = tree_digest(project / "site")
    change, expected = SOURCE_PROBLEMS[case]
    change(project)
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    problem_lines = [l for l in result.stderr.splitlines() if re.match(r"^data/[^:]+:\d+: ", l)]
    assert any(expected in l for l in problem_lines), result.stderr[-2000:]
    assert tree_digest(project / "site") == before


def test_odd_but_valid_sources_become_correct_pages(good_project, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(good_project, project)
    body = "关于加强学习的通知\n2005年3月1日\n一、总体要求\n各支部要认真组织学习，做到“五有、四到位”。<b>不是标记</b> *也不是* [链接](javascript:alert(1))\n"
    _add_source(project, "gb 通知.txt", body.replace("\n", "\r\n").encode("gb18030"))
    _add_source(project, "utf16.txt", ("\ufeff" + body.replace("通知", "意见")).encode("utf-16-le"))
    _add_source(project, "spaces.txt", ("\u3000\u3000关于长行的说明\n" + "长" * 200_000 + "。\n").encode("utf-8"))
    big = ("第一段很长的文字，" * 40 + "\n") * 30_000  # about 10 MB
    _add_source(project, "big.txt", ("大文件\n" + big).encode("utf-8"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-2000:]
    sources = project / "site" / "sources"
    pages = {p.name: p.read_text(encoding="utf-8") for p in sources.glob("*.html")}
    gb = next(html for name, html in pages.items() if name.startswith("gb-"))  # ASCII name for "gb 通知"
    assert "关于加强学习的通知" in gb and "2005-03-01" in gb
    assert "&lt;b&gt;不是标记&lt;/b&gt; *也不是* [链接](javascript:alert(1))" in gb
    assert re.search(r"<h2[^>]*>一、总体要求</h2>", gb)
    assert "关于加强学习的意见" in pages["utf16.html"]
    assert "长" * 200_000 in pages["spaces.html"]
    assert pages["big.html"].count("第一段很长的文字") >= 30_000 * 40


def test_a_rebuild_replaces_the_site_and_the_old_one_goes(good_project, tmp_path):
    project = tmp_path / "p"
    shutil.copytree(good_project, project)
    marker = project / "site" / "left-from-before.txt"
    marker.write_text("old site", encoding="utf-8")
    (project / ".site.old-12345").mkdir()  # what an interrupted deletion left
    assert mkdocs_build(project).returncode == 0
    assert (project / "site" / "index.html").is_file() and not marker.exists()
    deadline = time.monotonic() + 60
    while list(project.glob(".site.old*")) and time.monotonic() < deadline:
        time.sleep(0.2)  # deleted by a process of its own, after the build
    assert not list(project.glob(".site.old*")) and not list(project.glob(".site.building-*"))


def test_a_build_process_does_not_collect_garbage_while_exiting():
    # Python's last collections walked every object a build made (6 s of a 10,000-document
    # build); the process's memory goes back to the system anyway.
    code = (
        "import atexit, gc\n"
        "from sitegen import mkdocs_glue as glue\n"
        "glue.on_startup('build', False); glue.on_startup('serve', False)\n"
        "print(gc.isenabled())\n"
        "atexit._run_exitfuncs()\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={"PYTHONPATH": str(ROOT / "scripts")},
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "False", "True"]


# A second campaign's site holds nothing of the first (strings derived from data/).
FIELDS = {"title", "term", "variants", "name", "quote", "text", "short", "expansion"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def _strings(value, key=None):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)
    elif isinstance(value, str) and key in FIELDS:
        yield value


def distinctive(first: Path, second: Path) -> set[str]:
    """The first campaign's own words (4+ characters, some Chinese) and source ids that the
    second campaign's data does not itself contain."""
    found = {s for path in first.glob("*.yml") for s in _strings(yaml.safe_load(path.read_text(encoding="utf-8")))}
    found = {s.strip() for s in found if len(s.strip()) >= 4 and CJK.search(s)}
    found |= {p.stem for p in (first / "sources").iterdir() if p.is_file()}
    theirs = "".join(p.read_text(encoding="utf-8", errors="replace") for p in second.rglob("*") if p.is_file())
    return {s for s in found if s not in theirs}


def test_second_campaign_site_has_no_trace_of_the_first(tmp_path):
    """No page, script or search file of the second campaign's site holds a distinctive
    string of the first's data/: derived from its model, not listed by hand."""
    site = build_second_campaign(tmp_path)
    needles = distinctive(ROOT / "data", FIXTURE)
    assert len(needles) > 100, "the first campaign's data gives enough strings to look for"
    leaks = {}
    # Material's lunr language files are the theme's own, the same in every site (their
    # character tables happen to hold a numeral run a campaign may use as a term).
    theirs = site / "assets" / "javascripts" / "lunr"
    searched = [p for p in site.rglob("*") if p.is_file() and theirs not in p.parents
                and p.suffix in {".html", ".js", ".json", ".xml", ".txt", ".css", ".md"}]
    assert any(p.parent.name == "search" for p in searched), "the search data is looked at too"
    for path in searched:
        text = path.read_text(encoding="utf-8", errors="replace")
        for needle in needles:
            if needle in text:
                leaks.setdefault(needle, path.relative_to(site).as_posix())
    assert not leaks, leaks
    guide = (site / "guide.html").read_text(encoding="utf-8")
    assert "四不放过" in guide, "the guide's examples are the second campaign's own items"


def test_a_source_repeating_another_is_named_cold_and_from_the_cache(tmp_path):
    from sitegen.build import ingest_sources

    project = copy_project(tmp_path / "p")
    sources = project / "data" / "sources"
    first = sorted(sources.glob("*.txt"))[2]
    shutil.copy(first, sources / "zz_copy.txt")
    (sources / "zz_other.txt").write_text(first.read_text(encoding="utf-8") + "\n多出一段，文本不同。\n", encoding="utf-8")
    for _ in ("cold", "from the cache"):
        documents, problems = ingest_sources(project, project / "data")
        repeats = [str(p) for p in problems if "same text" in p.message]
        assert repeats == [f"data/sources/zz_copy.txt:1: repeats data/sources/{first.name} (same text); both are kept"]
        assert "zz_copy" in documents and "zz_other" in documents
