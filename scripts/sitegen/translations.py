"""Material's interface texts as one table, for overrides/partials/language.html.

Material's t(key) macro builds its language's whole dictionary (about fifty entries)
on every call, and falls back to the English one the same way; a page calls it dozens
of times, which was a twentieth of laying out a page. The texts are the same for
every page: they are read once here, from Material's own templates and macros, and
t(key) becomes a lookup. Written by hand: Material has no such switch.
"""
from __future__ import annotations

import jinja2
from jinja2 import nodes


def _keys(env: jinja2.Environment, name: str) -> list[str]:
    """The keys of the dictionary literal in a language template's t() macro."""
    source, _, _ = env.loader.get_source(env, name)
    return [item.key.value for d in env.parse(source).find_all(nodes.Dict) for item in d.items
            if isinstance(item.key, nodes.Const) and isinstance(item.key.value, str)]


def material_translations(env: jinja2.Environment, language: str) -> dict[str, str]:
    """key -> text, as Material's partials/language.html would give it (the language's
    text, else the English one)."""
    names = [f"partials/languages/{language}.html", "partials/languages/en.html"]
    try:
        own, fallback = (env.get_template(name).module for name in names)
        keys = dict.fromkeys(key for name in names for key in _keys(env, name))
    except jinja2.TemplateNotFound:
        return {}
    table = {}
    for key in keys:
        text = str(own.t(key)) or str(fallback.t(key))
        if text:
            table[key] = text
    return table


# <html lang> for Material's languages whose own tag names no script or region: its
# "zh" texts are Simplified Chinese, and a reader's screen reader picks its voice (and
# GB/T 37668 its check) from the full tag.
LANG_TAGS = {"zh": "zh-CN"}


def page_translations(env: jinja2.Environment, language: str) -> dict[str, str]:
    """material_translations, with "language" (the <html lang> tag) the full tag."""
    table = material_translations(env, language)
    if table and language in LANG_TAGS:
        table["language"] = LANG_TAGS[language]
    return table
