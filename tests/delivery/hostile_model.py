"""A data/ folder with a hostile string in every free-text field of every YAML file
(ids, id lists, enums and the citations' document ids kept valid), for the tests that
build it and look for anything live."""
from __future__ import annotations

from pathlib import Path

import yaml

# Markup in every context a field can land in: HTML text, attribute, URL, script, JSON, Jinja.
HOSTILE = ("\"><img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>' "
           "<a href=\"javascript:window.__pwned=3\">j</a> [md](javascript:window.__pwned=5) "
           "{{ 7*7 }} {% raw %} </textarea></script><svg onload=window.__pwned=6> &amp; \\u003c")
# Keys whose strings must stay as they are for the model to be valid (ids, patterns, enums).
KEPT = {"id", "doc", "pinyin", "kind", "format", "slug", "term", "quote"}
ID_LISTS = {"phases", "steps", "responsible", "checklists", "used_by", "part_of", "related", "see", "batches"}
SOURCE_ID = "hostile-source"
# A file name is free text too (no "/": a file name cannot hold one).
HOSTILE_NAME = "\"><img src=x onerror=window.__pwned=7>{{ 7*7 }}'"
QUOTE = "本文件原文照录如下内容"


def poison(value, key: str = ""):
    """`value` with HOSTILE appended to every free-text string; ids and enums left valid."""
    if isinstance(value, dict):
        out = {k: (v if k in KEPT else poison(v, k)) for k, v in value.items()}
        if isinstance(out.get("sources"), list):  # a citation of the hostile source, quote and note hostile
            out["sources"] = [*out["sources"], {"doc": SOURCE_ID, "quote": f"{QUOTE}{HOSTILE}", "note": HOSTILE}]
        return out
    if isinstance(value, list):
        if key in ID_LISTS and all(isinstance(v, str) for v in value):
            return value
        return [poison(v, key) for v in value]
    if isinstance(value, str) and key != "discovery":
        return value + HOSTILE
    return value


def hostile_data(data: Path) -> None:
    """Rewrite data/ in place: every YAML file poisoned, and a source whose text holds the quotes."""
    for path in sorted(data.glob("*.yml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "campaign.yml":
            loaded = {**poison({k: v for k, v in loaded.items() if k != "discovery"}),
                      **({"discovery": loaded["discovery"]} if "discovery" in loaded else {})}
            loaded.setdefault("copyright", "发布单位" + HOSTILE)
            loaded["labels"] = {k: k + HOSTILE for k in ("phase", "batch", "role", "checklist", "matrix", "term", "document")}
        else:
            loaded = poison(loaded)
        path.write_text(yaml.safe_dump(loaded, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (data / "sources" / f"{SOURCE_ID}.txt").write_text(
        f"照录文件{HOSTILE}\n2005年3月1日\n\n一、{QUOTE}{HOSTILE}\n\n二、{HOSTILE}\n", encoding="utf-8")
    (data / "sources" / f"{HOSTILE_NAME}.txt").write_text("\n\n一、正文。\n", encoding="utf-8")  # untitled: named by its file
