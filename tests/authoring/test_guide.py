"""The editor's guide (docs/guide.md) against reality: its YAML examples, drawn from the
campaign's own data at build time, validate against the real data, and every error an
editor can cause is explained in it."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from sitegen.build import validate
from sitegen.model.campaign import Campaign
from sitegen.problems import BuildFailed
from sitegen.render.guide import guide_page
from sitegen.skeleton import MARK
from sitetools import ROOT

TEMPLATE = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
GUIDE = guide_page(TEMPLATE, validate(ROOT).campaign)  # as the site shows it
EXAMPLES = re.findall(r"```yaml\n# (data/[\w/]+\.yml)\n(.*?)```", GUIDE, re.S)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def _replace_items(path: Path, example: str) -> None:
    """Put the example's items into the file, in place of the items with the same id (or text)."""
    new = yaml.safe_load(example)
    keys = {item.get("id") or item.get("text") for item in new}
    text = path.read_text(encoding="utf-8")
    chunks = re.split(r"(?m)^(?=- )", text)
    kept = [c for c in chunks if not (c.startswith("- ") and (yaml.safe_load(c) or [{}])[0].get("id", (yaml.safe_load(c) or [{}])[0].get("text")) in keys)]
    path.write_text("".join(kept).rstrip("\n") + "\n" + example, encoding="utf-8")


def test_the_guide_has_examples():
    assert {target for target, _ in EXAMPLES} >= {"data/glossary.yml", "data/checklists.yml", "data/not_terms.yml"}
    assert "sitegen:example" in TEMPLATE and "sitegen:example" not in GUIDE


def test_a_campaign_without_items_gets_the_marked_placeholders():
    empty = guide_page(TEMPLATE, Campaign())
    assert "sitegen:example" not in empty
    glossary = re.search(r"```yaml\n# data/glossary.yml\n(.*?)```", empty, re.S).group(1)
    assert MARK in glossary and yaml.safe_load(glossary)[0]["id"]


@pytest.mark.parametrize("target,example", EXAMPLES, ids=[t for t, _ in EXAMPLES])
def test_guide_example_validates(data_copy, target, example):
    _replace_items(data_copy / target, example)
    try:
        checked = validate(data_copy)
    except BuildFailed as failure:
        pytest.fail("the guide's example does not validate:\n" + "\n".join(map(str, failure.problems)))
    for item in yaml.safe_load(example):
        if "id" in item:
            assert checked.campaign.items[item["id"]].data == item
        else:
            assert item in checked.campaign.not_terms


# Edits an editor might make, each causing one kind of error.
BREAKAGES = [
    ("phases.yml", "  title: 学习动员阶段\n", "\ttitle: 学习动员阶段\n"),
    ("phases.yml", "  title: 学习动员阶段\n", "  title: [学习动员阶段\n"),
    ("phases.yml", "  title: 学习动员阶段\n", "  titel: 学习动员阶段\n"),
    ("phases.yml", "  order: 1\n", "  order: 第一\n"),
    ("phases.yml", "  order: 1\n", "  order: 1\n  order: 2\n"),
    ("phases.yml", "- id: phase-study\n", "- id: Phase_Study\n"),
    ("roles.yml", "  kind: role\n", "  kind: person\n"),
    ("checklists.yml", "    - phase-study\n", "    - phase-studdy\n"),
    ("checklists.yml", "    - body-grassroots-org\n", "    - phase-study\n"),
    ("checklists.yml", "- id: checklist-five-four\n", "- id: checklist-eight-ones\n"),
    ("checklists.yml", "    - doc: 004_0e20f6ddf0c95574\n", "    - doc: 004_0e20f6ddf0c9557\n"),
    ("checklists.yml", "      quote: 二是在学习过程中做到了“五有、四到位”\n", "      quote: 二是在学习过程中做到了“五有、三到位”\n"),
    ("not_terms.yml", None, ""),
    ("phase.yml", None, "[]\n"),
    ("sources/empty.txt", None, b""),
    ("sources/scan.txt", None, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
    ("sources/word.txt", None, "通知".encode("utf-8") + b"\x00\xff\xfe\x00\x81" * 50),
    ("sources/export.txt", None, b"\x81\x30\x81\x30\xff\xfe\xfd" * 30),
]


@pytest.mark.parametrize("name,old,new", BREAKAGES)
def test_every_error_is_explained_in_the_guide(data_copy, name, old, new):
    path = data_copy / "data" / name
    if old is None:
        path.write_bytes(new if isinstance(new, bytes) else new.encode("utf-8"))
    else:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        validate(data_copy)
    assert any(problem.path == f"data/{name}" for problem in failed.value.problems)
    for problem in failed.value.problems:  # (a broken file may break links from others)
        assert problem.line >= 1
        # The message's fixed parts (quoted values, ids and numbers taken out) are
        # how the guide's table names it.
        fixed = [part.strip(" :") for part in re.split(r"'[^']*'|“[^”]*”|\S*\d\S*", problem.message)]
        fixed = [part for part in fixed if len(part) >= 4]
        assert fixed and all(part in GUIDE for part in fixed), f"not explained in docs/guide.md: {problem} {fixed}"
