"""`make new-campaign NAME=…`: a data/ skeleton for the next campaign that builds at once.

Every file holds one placeholder item citing a placeholder source, each marked
PLACEHOLDER in its title, so the first site shows the shape of a campaign and what is
still to be replaced. Nothing of the current campaign is copied: the ingest rules are
built in (sitegen.ingest.rules) and a campaign adds data/ingest/boilerplate.yml only to
change them.
"""
from __future__ import annotations

from pathlib import Path

from .model.format import FORMAT_VERSION, schema_line

MARK = "【占位，请替换】"  # shown in every placeholder's title, so none is published unnoticed
SOURCE_ID = "placeholder"
SOURCE = f"""{MARK}示例文件
这是一份占位文件，请换成本次活动的原始文件。
第一阶段为准备阶段，第二阶段为实施阶段。
领导小组负责统一部署。
要做到“三个到位”：认识到位、组织到位、措施到位。
"""


def _cite(quote: str) -> str:
    return f"    - doc: {SOURCE_ID}\n      quote: {quote}\n"


ITEMS = {
    "phases.yml": f"- id: phase-placeholder\n  title: {MARK}准备阶段\n  order: 1\n  sources:\n" + _cite("第一阶段为准备阶段"),
    "roles.yml": f"- id: role-placeholder\n  title: {MARK}领导小组\n  kind: body\n  sources:\n" + _cite("领导小组负责统一部署"),
    "checklists.yml": (f"- id: checklist-placeholder\n  title: {MARK}三个到位\n  items:\n    - text: 认识到位\n"
                       "    - text: 组织到位\n    - text: 措施到位\n  sources:\n" + _cite("认识到位、组织到位、措施到位")),
    "glossary.yml": (f"- id: term-placeholder\n  term: 三个到位\n  short: {MARK}一句话解释这个术语。\n  sources:\n"
                     + _cite("要做到“三个到位”")),
    "batches.yml": "[]\n",
    "not_terms.yml": "[]\n",
}
# Editors' titles of source documents (model/titles.py): none yet, only how to write one.
TITLES = f"# document id (file name without .txt): title to show, e.g.\n# {SOURCE_ID}: 关于开展本次活动的通知\n"
SETTINGS = (f"format: {FORMAT_VERSION}\ntitle: {MARK}新活动指南\nslug: new-campaign\n"
            f"description: {MARK}一句话介绍本次活动。\ncopyright: {MARK}发布单位\n")


def new_campaign(root: Path, folder: Path) -> Path:
    target = folder if folder.is_absolute() else root / folder
    if target.exists() and any(target.iterdir()):
        raise SystemExit(f"{target}: exists and is not empty")
    (target / "sources").mkdir(parents=True, exist_ok=True)
    (target / "sources" / f"{SOURCE_ID}.txt").write_text(SOURCE, encoding="utf-8")
    (target / "sources" / "titles.yml").write_text(schema_line("titles.yml", target / "sources") + TITLES, encoding="utf-8")
    (target / "campaign.yml").write_text(schema_line("campaign.yml", target) + SETTINGS, encoding="utf-8")
    for name, text in ITEMS.items():
        (target / name).write_text(schema_line(name, target) + text, encoding="utf-8")
    return target
