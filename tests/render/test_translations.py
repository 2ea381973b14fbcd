"""overrides/partials/language.html: Material's interface texts looked up in a table read
once (sitegen/translations.py) give what Material's own t() macro gives, for every key."""
from pathlib import Path

import jinja2
import material

from sitetools import ROOT
from sitegen.translations import material_translations, page_translations

MATERIAL = Path(material.__file__).parent / "templates"
PROBE = '{% import "partials/language.html" as lang with context %}{{ lang.t(key) }}'


def _env(table) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(ROOT / "overrides"), jinja2.FileSystemLoader(MATERIAL)])
    env = jinja2.Environment(loader=loader)
    env.globals["config"] = {"theme": {"language": "zh"}}
    env.globals["sitegen_translations"] = table
    return env


def test_every_text_is_what_material_gives():
    plain = _env({})  # no table: the override falls back to Material's own macros
    table = material_translations(plain, "zh")
    fast = _env(table)
    assert len(table) > 40 and table["search.result.placeholder"] != "search.result.placeholder"
    english = material_translations(plain, "en")
    for key in [*table, *english, "no.such.key"]:
        expected = plain.from_string(PROBE).render(key=key)
        assert fast.from_string(PROBE).render(key=key) == expected, key


def test_a_key_only_english_has_falls_back_to_english(tmp_path):
    (tmp_path / "partials" / "languages").mkdir(parents=True)
    (tmp_path / "partials" / "languages" / "xx.html").write_text('{% macro t(key) %}{{ {"search.result.none": "无"}[key] }}{% endmacro %}')
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(tmp_path), jinja2.FileSystemLoader(MATERIAL)])
    table = material_translations(jinja2.Environment(loader=loader), "xx")
    assert table["search.result.none"] == "无"
    assert table["search.result.placeholder"] == material_translations(_env({}), "en")["search.result.placeholder"]


def test_page_language_is_the_full_tag():
    """<html lang>: Material's bare "zh" (its Simplified Chinese texts) becomes zh-CN;
    every other text, and other languages' tags, stay Material's."""
    plain = _env({})
    material, ours = material_translations(plain, "zh"), page_translations(plain, "zh")
    assert material["language"] == "zh" and ours["language"] == "zh-CN"
    assert {k: v for k, v in ours.items() if k != "language"} == {k: v for k, v in material.items() if k != "language"}
    assert page_translations(plain, "en") == material_translations(plain, "en")
