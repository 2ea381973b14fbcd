"""Hostile YAML is refused with one line naming file:line, before it can exhaust the machine."""
import tracemalloc

import pytest

from sitegen.model import yamlread
from sitegen.model.yamlread import YamlSyntaxError, read_yaml
from tests.model.test_load import lines, make


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """The 'billion laughs': each anchor repeats the previous one `width` times."""
    rows = ['a0: &a0 ["lol"]']
    rows += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(width))}]" for i in range(1, levels + 1)]
    return "\n".join(rows) + "\n"


def test_alias_bomb_is_refused_before_expanding_with_bounded_memory():
    tracemalloc.start()
    with pytest.raises(YamlSyntaxError) as err:
        read_yaml(alias_bomb())  # 9**9 = 387 million values if expanded
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "alias" in err.value.message and err.value.line > 1
    assert peak < 50 * 1024 * 1024


def test_modest_aliases_still_load():
    data = read_yaml("base: &b {x: 1}\ncopy: *b\n").data
    assert data == {"base": {"x": 1}, "copy": {"x": 1}}


def test_deep_nesting_is_refused_with_its_line():
    text = "ok: 1\nbad: " + "[" * 100_000 + "]" * 100_000 + "\n"
    with pytest.raises(YamlSyntaxError) as err:
        read_yaml(text)
    assert err.value.line == 2 and "deeper" in err.value.message


def test_aliases_chained_deeper_than_the_limit_are_refused():
    depth = yamlread.MAX_DEPTH // 2
    rows = ["a0: &a0 " + "[" * depth + "]" * depth]
    rows += [f"a{i}: &a{i} " + "[" * depth + f"*a{i - 1}" + "]" * depth for i in range(1, 40)]
    with pytest.raises(YamlSyntaxError, match="nest deeper"):
        read_yaml("\n".join(rows))


def test_self_containing_alias_is_refused():
    with pytest.raises(YamlSyntaxError, match="contains it"):
        read_yaml("a: &x [1, *x]\n")


def test_oversized_file_is_refused_unread(tmp_path):
    campaign, problems = make(tmp_path, {"glossary.yml": "# " + "x" * (4 * yamlread.MAX_BYTES + 1) + "\n"})
    assert lines(problems) == ["data/glossary.yml:1: YAML file larger than 4 MB: split it or shorten it"]


def test_duplicate_key_names_its_line(tmp_path):
    campaign, problems = make(tmp_path, {"glossary.yml": "- id: t\n  term: A\n  term: B\n"})
    assert any(p.startswith("data/glossary.yml:3:") and "twice" in p for p in lines(problems))


def test_alias_bomb_in_data_is_one_line_with_file(tmp_path):
    campaign, problems = make(tmp_path, {"glossary.yml": alias_bomb()})
    assert len(problems) == 1 and lines(problems)[0].startswith("data/glossary.yml:")
