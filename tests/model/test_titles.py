"""Editors' titles of source documents (data/sources/titles.yml) and how titles not in the source are shown."""
import json
import shutil

import jsonschema
import pytest
import yaml

from sitegen.build import generate, validate
from sitegen.model.format import SCHEMA_DIR
from sitegen.model.titles import apply_titles
from sitegen.problems import BuildFailed
from sitetools import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "campaign2" / "data"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/titles.schema.json\n"
UNTITLED = "各单位要认真做好防汛抗旱工作。防汛抗旱工作关系全局。防汛抗旱工作要抓早。\n"


@pytest.fixture
def project(tmp_path):
    """campaign2's data plus a source without a title line."""
    shutil.copytree(FIXTURE, tmp_path / "data")
    (tmp_path / "data" / "sources" / "untitled.txt").write_text("新华社北京9月1日电\n" + UNTITLED, encoding="utf-8")
    return tmp_path


def write_titles(project, text: str) -> None:
    (project / "data" / "sources" / "titles.yml").write_text(SCHEMA_LINE + text, encoding="utf-8")


def problems_of(project, text: str) -> list[str]:
    write_titles(project, text)
    try:
        checked = validate(project)
    except BuildFailed as failed:
        return [str(p) for p in failed.problems]
    return [str(p) for p in checked.problems if "titles.yml" in p.path]


def test_editors_titles_replace_derived_and_source_titles(project):
    write_titles(project, "untitled: 防汛抗旱工作的部署\nnotice-2019: 大检查通知（编者改定）\n")
    docs = validate(project).documents
    assert "titles" not in docs  # the file beside the sources is not a source
    untitled, notice = docs["untitled"], docs["notice-2019"]
    assert (untitled.title, untitled.title_derived, untitled.title_by_editor, untitled.source_title) == (
        "防汛抗旱工作的部署", True, True, None)
    assert (notice.title, notice.title_by_editor, notice.source_title) == ("大检查通知（编者改定）", True, "关于开展安全生产大检查的通知")
    assert not docs["minutes"].title_by_editor and not docs["minutes"].title_derived


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("untitled: 好标题\nuntitle: 标题\n", 3, "no source document 'untitle' (did you mean 'untitled'?)"),
        ("nothing-like-it: 标题\n", 2, "no source document 'nothing-like-it' (the id is the file name without extension)"),
        ("untitled:\n  - 一\n  - 二\n", 3, "title of 'untitled' must be text (one line), not a list"),
        ("untitled: 2019\n", 2, "title of 'untitled' must be text (one line), not a number"),
        ("untitled: '  '\n", 2, "title of 'untitled' is empty: write the title or delete the line"),
        ("untitled: \"第一行\\n第二行\"\n", 2, "title of 'untitled' must be one line"),
        (f"untitled: {'长' * 201}\n", 2, "title of 'untitled' is 201 characters long; a title has at most 200"),
        ("- untitled: 标题\n", 2, "expected lines `document id: title`, e.g. `minutes: 关于…的通知`"),
        ("untitled: 甲\nuntitled: 乙\n", 3, "key 'untitled' appears twice"),
    ],
)
def test_bad_titles_file_names_file_line_and_what_to_write(project, text, line, message):
    assert problems_of(project, text) == [f"data/sources/titles.yml:{line}: {message}"]


def test_a_title_the_source_already_has_is_a_warning_and_a_comment_only_file_is_fine(project):
    assert problems_of(project, "minutes: 安全委员会会议纪要\n") == [
        "data/sources/titles.yml:2: 'minutes' already has this title in its source: the line can go"]
    assert problems_of(project, "# nothing yet\n") == []


def test_shipped_schema_agrees_with_the_check(project):
    schema = json.loads((SCHEMA_DIR / "titles.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load("untitled: 标题\n"), schema)
    for bad in ("untitled: ['x']\n", "untitled: ''\n", "untitled: \"a\\nb\"\n"):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(yaml.safe_load(bad), schema)
        assert problems_of(project, bad)


def test_retitling_changes_the_fingerprint_cached_pages_are_keyed_by(project):
    checked = validate(project)
    before = dict(checked.fingerprints)
    fingerprints = dict(before)
    apply_titles(checked.documents, {"minutes": "新标题"}, fingerprints)
    assert fingerprints["minutes"] != before["minutes"]
    assert fingerprints["notice-2019"] == before["notice-2019"]


def test_titles_not_in_the_source_are_shown_as_such(project):
    write_titles(project, "notice-2019: 大检查通知\n")
    made = generate(project)
    untitled = made.direct["sources/untitled.md"].markdown
    assert "标题系根据内容自动拟定，原文无标题。" in untitled
    notice = made.direct["sources/notice-2019.md"].markdown
    assert "标题经编者改定" in notice and "<th scope=\"row\">原标题</th><td>关于开展安全生产大检查的通知</td>" in notice
    assert "derived-title" not in made.direct["sources/minutes.md"].markdown
    index = made.pages["sources/index.md"]
    assert '关于防汛抗旱工作<span class="derived-mark"' in index
    assert '大检查通知<span class="derived-mark" title="标题经编者改定，原标题见下表。">（拟）</span>' in index
    assert "安全委员会会议纪要</a>" in index  # a source's own title carries no mark
    cited = [page for page in made.pages.values() if "大检查通知<span" in page and "cite" in page]
    assert cited, "a citation of the retitled document names it with the mark"
