"""Values PyYAML's resolver takes for a type but cannot build, characters YAML refuses and
keys that are not text: each one YamlSyntaxError on one line, with its line."""
import pytest

from sitegen.model.yamlread import YamlSyntaxError, read_yaml
from sitegen.problems import Problem


@pytest.mark.parametrize("value, words", [
    ("2005-13-45", "'2005-13-45' is not a valid timestamp"),
    ("!!timestamp 2005-02-30", "not a valid timestamp"),
    ("!!int abc", "'abc' is not a valid int"),
    ("!!bool maybe", "not a valid bool"),
    ("!!python/object:os.system x", "not a valid python/object:os.system"),
    ("b\x1f", "character U+001F is not allowed"),
])
def test_bad_typed_values_are_one_line_errors_at_their_line(value, words):
    with pytest.raises(YamlSyntaxError) as raised:
        read_yaml(f"ok: 1\nfield: {value}\n")
    assert raised.value.line == 2 and words in raised.value.message and "\n" not in raised.value.message


def test_a_key_that_is_a_list_is_refused():
    with pytest.raises(YamlSyntaxError, match="a key must be plain text"):
        read_yaml("? [a, b]\n: 1\n")


def test_a_problem_is_always_one_line():
    text = str(Problem("data/a\nb.yml", 3, "citation 'doc: x\r\n\x1b[2J\u2028' is not a document"))
    assert "\n" not in text and "\r" not in text and "\x1b" not in text and "\u2028" not in text
    assert text.startswith("data/a\\x0ab.yml:3: ") and "\\x1b[2J" in text
