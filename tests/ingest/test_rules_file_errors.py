"""A campaign's own ingest rules file is data too: read with the bounded YAML reader, and a
bad one is one line naming the file and line (no traceback)."""
from __future__ import annotations

import pytest

from sitegen.build import ingest_sources
from sitegen.ingest.rules import DEFAULT_RULES_PATH
from sitegen.problems import BuildFailed

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)


def _data(tmp_path, rules_text: str):
    data = tmp_path / "data"
    (data / "sources").mkdir(parents=True)
    (data / "sources" / "a.txt").write_text("关于测试的通知\n\n一、正文。\n", encoding="utf-8")
    (data / "ingest").mkdir()
    (data / "ingest" / "boilerplate.yml").write_text(rules_text, encoding="utf-8")
    return data


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("defs: {}\ndefs: {}\n", 2, "appears twice"),
        (BOMB, None, "alias"),
        ("defs: [unclosed\n", None, "YAML syntax"),
        ("not_a_rule_key: 1\n", 1, "unknown key"),
    ],
)
def test_bad_rules_file_is_one_line(tmp_path, text, line, words):
    data = _data(tmp_path, text)
    with pytest.raises(BuildFailed) as failure:
        ingest_sources(tmp_path, data)
    problems = failure.value.problems
    assert len(problems) == 1
    assert problems[0].path == "data/ingest/boilerplate.yml"
    assert words in problems[0].message
    if line is not None:
        assert problems[0].line == line


def test_default_rules_pass_the_bounded_reader(tmp_path):
    data = _data(tmp_path, DEFAULT_RULES_PATH.read_text(encoding="utf-8"))
    documents, _ = ingest_sources(tmp_path, data)
    assert "a" in documents
