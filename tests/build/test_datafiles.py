"""Nothing outside data/ is read, and every output file name is portable and unique."""
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from sitegen.build import BuildFailed, ingest_sources
from sitegen.datafiles import source_files
from sitegen.model.load import load_campaign
from sitegen.render.paths import collisions, page_of, safe_name
from sitetools import copy_project, mkdocs_build

SECRET = "机密：不应出现在网站上的系统文件内容"
TEXT = "关于学习的通知\n2005年3月1日\n一、要求\n各支部认真学习。\n"
# What FAT/exFAT/NTFS refuse or misread in a file name.
UNPORTABLE_CHAR = re.compile(r'[<>:"|?*\\\x00-\x1f]')
RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com\d|lpt\d)(\..*)?")


def tree_digest(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def data(tmp_path):
    """A data/ folder with one good source, and a secret file beside it (outside data/)."""
    (tmp_path / "data" / "sources").mkdir(parents=True)
    (tmp_path / "data" / "sources" / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text(SECRET, encoding="utf-8")
    return tmp_path / "data"


def lines_of(problems):
    return [str(p) for p in problems]


def test_links_out_of_data_and_odd_files_are_refused_and_never_read(data):
    root, sources = data.parent, data / "sources"
    (sources / "link.txt").symlink_to(root / "outside" / "secret.txt")
    (sources / "folder").symlink_to(root / "outside", target_is_directory=True)
    (sources / "dangling.txt").symlink_to(root / "nowhere.txt")
    (sources / "loop.txt").symlink_to(sources / "loop.txt")
    os.mkfifo(sources / "pipe.txt")  # reading it would hang the build
    (sources / "inside.txt").symlink_to(sources / "good.txt")  # a link within data/ is fine
    (sources / os.fsdecode(b"bad-\xff.txt")).write_text(TEXT, encoding="utf-8")
    (sources / "line\nbreak.txt").write_text(TEXT, encoding="utf-8")
    documents, problems = ingest_sources(root, data)
    assert set(documents) == {"good", "inside"}
    assert all(SECRET not in doc.body_text() for doc in documents.values())
    lines = lines_of(problems)
    for name, words in [("link.txt", "resolves outside data/"), ("folder", "not followed"),
                        ("dangling.txt", "link to nothing"), ("loop.txt", "link to nothing"),
                        ("pipe.txt", "not a regular file"), ("bad-\\xff.txt", "not UTF-8"),
                        ("line\\x0abreak.txt", "control character")]:
        assert any(l.startswith(f"data/sources/{name}:1: ") and words in l for l in lines), (name, lines)
    assert all("\n" not in l for l in lines)


def test_data_sources_itself_a_link_out_is_refused(data):
    root = data.parent
    shutil.rmtree(data / "sources")
    (data / "sources").symlink_to(root / "outside", target_is_directory=True)
    files, problems = source_files(root, data)
    assert files == [] and lines_of(problems) == ["data/sources:1: symbolic link resolves outside data/: not read"]


def test_yaml_and_rules_files_linked_out_of_data_are_refused(data):
    root = data.parent
    (root / "outside" / "roles.yml").write_text(f"- id: x\n  title: {SECRET}\n", encoding="utf-8")
    (data / "roles.yml").symlink_to(root / "outside" / "roles.yml")
    _, problems = load_campaign(data, {}, root)
    assert [l for l in lines_of(problems) if "roles.yml" in l] == [
        "data/roles.yml:1: symbolic link resolves outside data/: not read (copy the file into data/ instead)"]
    (data / "ingest").mkdir()
    (data / "ingest" / "boilerplate.yml").symlink_to(root / "outside" / "roles.yml")
    with pytest.raises(BuildFailed) as failed:
        ingest_sources(root, data)
    assert lines_of(failed.value.problems) == [
        "data/ingest/boilerplate.yml:1: symbolic link resolves outside data/: not read (copy the file into data/ instead)"]


def test_sources_differing_only_by_case_are_one_error_naming_both(data):
    (data / "sources" / "Good.txt").write_text(TEXT.replace("学习", "工作"), encoding="utf-8")
    _, problems = ingest_sources(data.parent, data)
    errors = [l for l in lines_of(problems) if "letter case" in l]
    assert len(errors) == 1 and errors[0].startswith("data/sources/good.txt:1: ")
    assert "data/sources/Good.txt" in errors[0]


@pytest.mark.parametrize("doc", ["../outside/secret", "sub/good", "..", "a\\b"])
def test_citations_naming_a_path_are_refused_with_file_and_line(data, doc):
    documents, _ = ingest_sources(data.parent, data)
    (data / "roles.yml").write_text(
        f"- id: r\n  title: 角色\n  kind: role\n  sources:\n    - doc: '{doc}'\n      quote: 各支部认真学习\n",
        encoding="utf-8")
    _, problems = load_campaign(data, documents, data.parent)
    assert any(l.startswith("data/roles.yml:5: ") and "not a path" in l for l in lines_of(problems)), problems


@pytest.mark.parametrize("name", ["CON", "nul", "Com1", "lpt9.txt", "aux.tar.gz", "end.", "index", "index-2",
                                  'a<b>:c"d|e?f*', "tab\there", " lead", "trail ", "关于 通知", "x" * 300])
def test_unportable_names_get_a_portable_file_name(name):
    out = safe_name(name)
    assert re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*", out) and len(out) <= 120, out
    assert not RESERVED.fullmatch(out) and not out.endswith((".", " ")) and not re.fullmatch(r"index(-\d+)?", out)


def test_an_item_called_index_does_not_replace_the_folder_index():
    assert page_of("role", "index") != "roles/index.md"
    assert page_of("role", "plain-id") == "roles/plain-id.md"  # ordinary ids keep their readable names


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=12), min_size=2, max_size=6, unique=True))
def test_any_names_give_portable_file_names_no_two_alike_by_case(names):
    outs = [safe_name(n) for n in names]
    for out in outs:
        assert not UNPORTABLE_CHAR.search(out) and not RESERVED.fullmatch(out) and not out.endswith((".", " "))
    # Names that are distinct but equal by case keep their case: collisions() is what reports them.
    reported = {other for _, _, other in collisions([(o, n) for o, n in zip(outs, names)])}
    for i, out in enumerate(outs):
        alike = [n for n, o in zip(names[:i], outs[:i]) if o.casefold() == out.casefold()]
        assert bool(alike) == (names[i] in reported)


@pytest.fixture(scope="module")
def good_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("good"))
    assert mkdocs_build(project).returncode == 0
    return project


@pytest.mark.parametrize("case", ["link-out", "case-twins"])
def test_a_refused_file_fails_the_build_in_one_line_and_keeps_the_previous_site(good_project, tmp_path, case):
    project = tmp_path / "p"
    shutil.copytree(good_project, project, symlinks=True)
    before = tree_digest(project / "site")
    sources = project / "data" / "sources"
    if case == "link-out":
        (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
        (sources / "leak.txt").symlink_to(tmp_path / "secret.txt")
        expected = "data/sources/leak.txt:1: symbolic link resolves outside data/"
    else:
        (sources / "Twin.txt").write_text(TEXT, encoding="utf-8")
        (sources / "twin.txt").write_text(TEXT.replace("学习", "工作"), encoding="utf-8")
        expected = "data/sources/twin.txt:1: its page sources/twin.html differs from that of data/sources/Twin.txt"
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert any(l.startswith(expected) for l in result.stderr.splitlines()), result.stderr[-2000:]
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site.building-*"))
