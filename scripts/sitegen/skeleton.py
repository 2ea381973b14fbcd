"""`make new-campaign NAME=…`: an empty data/ skeleton for the next campaign."""
from __future__ import annotations

import shutil
from pathlib import Path

TEMPLATES = {
    "campaign.yml": "# 活动名称和简介\ntitle: 新活动指南\nslug: new-campaign\ndescription: 一句话介绍本次活动。\n",
    "batches.yml": "# 批次：- id: batch-1 / title / order / period / participants / scale / phases / sources\n[]\n",
    "phases.yml": "# 阶段：- id: phase-x / title / order / steps / sources\n[]\n",
    "roles.yml": "# 职责和机构：- id: role-x / title / kind: role|body / duties / acts_in / sources\n[]\n",
    "checklists.yml": "# 清单：- id: checklist-x / title / items / used_by / applies_to / sources\n[]\n",
    "glossary.yml": "# 术语：- id: term-x / term / variants / expansion / short / sources\n[]\n",
    "not_terms.yml": "# 不作为术语的候选词：- text: … / reason: …\n[]\n",
}


def new_campaign(root: Path, folder: Path) -> Path:
    target = folder if folder.is_absolute() else root / folder
    if target.exists() and any(target.iterdir()):
        raise SystemExit(f"{target}: exists and is not empty")
    (target / "sources").mkdir(parents=True, exist_ok=True)
    for name, text in TEMPLATES.items():
        (target / name).write_text(text, encoding="utf-8")
    shutil.copytree(root / "data" / "ingest", target / "ingest")
    return target
