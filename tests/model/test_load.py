"""The model stage alone: YAML with lines in, Campaign and problems out."""
from pathlib import Path

import pytest

from sitegen.ingest.document import Block, Document
from sitegen.model.load import load_campaign

DOC = Document(
    id="doc-a", filename="doc-a.txt", title="T", title_derived=False, date=None, layout="plain",
    encoding="utf-8", script="simplified",
    blocks=[Block("paragraph", "第一段：要做到“两不误、两促进”。", 3, 0, "p-1"), Block("paragraph", "第二段，（全角括号）内容。", 5, 0, "p-2")],
)

GOOD = {
    "phases.yml": """\
- id: phase-one
  title: 第一阶段
  order: 1
  steps:
    - id: step-one
      title: 第一步
      responsible: [role-a]
      sources:
        - doc: doc-a
          quote: 第二段,(全角括号)内容
  sources:
    - doc: doc-a
      quote: 要做到 “两不误、两促进”
""",
    "roles.yml": """\
- id: role-a
  title: 甲
  kind: role
  acts_in: {phases: [phase-one]}
  sources:
    - doc: doc-a
      quote: 第一段
""",
}


def make(tmp_path: Path, files: dict[str, str]):
    data = tmp_path / "data"
    data.mkdir()
    for name, text in files.items():
        (data / name).write_text(text, encoding="utf-8")
    return load_campaign(data, {"doc-a": DOC}, tmp_path)


def lines(problems):
    return [str(p) for p in problems]


def test_good_model_loads_with_links_both_ways(tmp_path):
    campaign, problems = make(tmp_path, GOOD)
    assert lines(problems) == []
    assert set(campaign.items) == {"phase-one", "step-one", "role-a"}
    assert [i.id for i in campaign.linked_from("phase-one")] == ["role-a"]
    assert [i.id for i in campaign.linked_from("role-a")] == ["step-one"]
    step_cite = campaign.items["step-one"].data["sources"][0]
    assert campaign.anchor_of(step_cite) == ("doc-a", "p-2")  # full/half-width punctuation folded
    assert campaign.citing["doc-a"] == {"phase-one", "step-one", "role-a"}


@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("roles.yml", "- id: role-a\n  title: 甲\n\tkind: role\n", "data/roles.yml:3: YAML syntax: tab used for indentation (use spaces)"),
        ("roles.yml", "- id: role-a\n  title: [甲\n  kind: role\n", "data/roles.yml:2: YAML syntax: '[' opened here is not closed"),
        ("roles.yml", "- id: role-a\n  title: 甲\n  sources:\n    - doc: doc-a\n      quote: 第一段\n", "data/roles.yml:1: missing field 'kind' in role 'role-a'"),
        ("roles.yml", "- id: role-a\n  title: 甲\n  kind: role\n  dutys: []\n  sources:\n    - doc: doc-a\n      quote: 第一段\n", "data/roles.yml:4: unknown field 'dutys' (did you mean 'duties'?)"),
        ("phases.yml", "- id: phase-x\n  title: 乙\n  order: first\n  sources:\n    - doc: doc-a\n      quote: 第一段\n", "data/phases.yml:3: field 'order' must be a whole number, not text"),
        ("roles.yml", "- id: role-a\n  title: 甲\n  kind: role\n  part_of: [role-b]\n  sources:\n    - doc: doc-a\n      quote: 第一段\n", "data/roles.yml:4: unknown id 'role-b' in 'part_of' (did you mean 'role-a'?)"),
        ("roles.yml", "- id: role-a\n  title: 甲\n  kind: role\n  sources:\n    - doc: doc-b\n      quote: 第一段\n", "data/roles.yml:5: citation to unknown document 'doc-b' (did you mean 'doc-a'?)"),
        ("roles.yml", "- id: role-a\n  title: 甲\n  kind: role\n  sources:\n    - doc: doc-a\n      quote: 第三段\n", "data/roles.yml:6: quote not found in doc-a: “第三段” (suspect citation: was the source edited?)"),
        ("roles.yml", "", "data/roles.yml:1: file is empty: expected a list of items (- id: …)"),
        ("role.yml", "- id: x\n", "data/role.yml:1: unknown model file: did you mean roles.yml?"),
    ],
    ids=["tab", "unclosed-bracket", "missing-field", "unknown-field", "wrong-type", "unknown-id",
         "unknown-document", "quote-not-found", "empty-file", "unknown-file"],
)
def test_each_rule_gives_one_line_with_file_and_line(tmp_path, name, text, expected):
    _, problems = make(tmp_path, {name: text})
    assert lines(problems) == [expected]


def test_duplicate_id_names_the_first_place(tmp_path):
    files = dict(GOOD)
    files["roles.yml"] += GOOD["roles.yml"]
    _, problems = make(tmp_path, files)
    assert lines(problems) == ["data/roles.yml:8: duplicate id 'role-a' (first defined at data/roles.yml:1)"]


def test_every_problem_is_reported_in_one_run(tmp_path):
    bad = "- id: role-a\n  title: 甲\n  kind: person\n  part_of: [nobody]\n  sources:\n    - doc: nodoc\n      quote: x\n"
    _, problems = make(tmp_path, {"roles.yml": bad, "phases.yml": "- id: Phase One\n  title: 乙\n  order: 1\n  sources: []\n"})
    assert len(problems) >= 5
    assert {p.path for p in problems} == {"data/roles.yml", "data/phases.yml"}


def test_a_syntax_error_does_not_cascade_into_unknown_ids(tmp_path):
    files = dict(GOOD)
    files["phases.yml"] = GOOD["phases.yml"].replace("\n  title:", "\n\ttitle:", 1)
    _, problems = make(tmp_path, files)
    assert lines(problems) == ["data/phases.yml:2: YAML syntax: tab used for indentation (use spaces)"]
