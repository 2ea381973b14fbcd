"""`make draft`: proposals with verified citations, in a file of their own, skipping what the
model holds; accepting every proposal gives a model that validates."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from sitegen.build import validate
from sitegen.draft.run import DraftError, draft_source
from sitegen.model.schema import FILES, KINDS
from sitetools import ROOT

CAMPAIGN2 = ROOT / "tests" / "fixtures" / "campaign2" / "data"
MODEL_FILES = ["phases.yml", "roles.yml", "checklists.yml", "glossary.yml"]

# Written for these tests: each pattern the drafter knows, and look-alikes it must leave alone.
PLAN = """关于开展专项整治活动的实施方案
为推进作风建设，经研究，决定开展专项整治活动，分为学习调研、分析检查和整改落实三个阶段。
9月1日至9月30日为学习调研阶段。各阶段工作要衔接，这一阶段要打好基础。
活动办公室负责日常工作。县专项整治活动领导小组统一领导全县的整治活动。
学习调研阶段重点抓好三个环节：一是组织集中学习；二是开展调查研究；三是征求群众意见。
一、分析检查阶段
（一）召开民主生活会
（二）撰写检查材料
要做到“三个到位”，即认识到位、组织到位、措施到位。
他说：“要把整治活动抓紧抓实，不走过场。”群众称之为“连心卡”。“四个统一”要贯彻始终。
"""


def make_data(folder: Path, sources: dict[str, bytes], model: Path | None = None) -> Path:
    """A data/ folder: campaign.yml, the given sources, and the model files of `model` if any."""
    data = folder / "data"
    (data / "sources").mkdir(parents=True)
    shutil.copy(CAMPAIGN2 / "campaign.yml", data / "campaign.yml")
    for name, raw in sources.items():
        (data / "sources" / name).write_bytes(raw)
    for name in MODEL_FILES if model else []:
        shutil.copy(model / name, data / name)
    return data


def draft_items(path: Path) -> dict[str, list[dict]]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def accept_all(data: Path, draft: dict[str, list[dict]]) -> None:
    """What an editor does who keeps every proposal: append each section to its file."""
    for file, items in draft.items():
        path = data / file
        old = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []
        path.write_text(yaml.safe_dump((old or []) + items, allow_unicode=True, sort_keys=False), encoding="utf-8")


def keys(draft: dict[str, list[dict]], file: str) -> list[str]:
    return [item.get("title") or item.get("term") for item in draft.get(file, [])]


def test_campaign2_from_scratch_proposes_what_the_editors_wrote(tmp_path):
    sources = {p.name: p.read_bytes() for p in (CAMPAIGN2 / "sources").iterdir()}
    data = make_data(tmp_path, sources)
    drafts = {}
    for name in sources:
        result = draft_source(tmp_path, data / "sources" / name)
        assert result.path == data / "drafts" / f"{Path(name).stem}.yml" and not result.unverified
        drafts[name] = draft_items(result.path)
    notice = drafts["notice-2019.txt"]
    assert keys(notice, "phases.yml") == ["自查整改阶段", "验收评比阶段"]
    term = next(t for t in notice["glossary.yml"] if t["term"] == "四不放过")
    assert term["pinyin"] == "si bu fang guo"
    assert term["expansion"] == ["原因未查清不放过", "责任人未处理不放过", "整改措施未落实不放过", "有关人员未受到教育不放过"]
    assert "四不放过" in keys(notice, "checklists.yml")
    assert set(keys(drafts["minutes.txt"], "roles.yml")) == {"安全委员会", "验收组"}


def test_every_proposal_is_a_valid_item_and_accepting_all_validates(tmp_path):
    data = make_data(tmp_path, {"plan.txt": PLAN.encode()})
    draft = draft_items(draft_source(tmp_path, data / "sources" / "plan.txt").path)
    kinds = {"phases.yml": "phase", "roles.yml": "role", "checklists.yml": "checklist", "glossary.yml": "term"}
    for file, items in draft.items():
        for item in items:
            jsonschema.validate(item, KINDS[kinds[file]])
            assert FILES[file] == kinds[file]
    accept_all(data, draft)
    checked = validate(tmp_path, data)  # raises BuildFailed on any error: every citation resolves
    assert len(checked.campaign.items) >= sum(map(len, draft.values()))


def test_each_pattern_is_proposed_and_look_alikes_are_not(tmp_path):
    data = make_data(tmp_path, {"plan.txt": PLAN.encode()})
    draft = draft_items(draft_source(tmp_path, data / "sources" / "plan.txt").path)
    phases = keys(draft, "phases.yml")
    assert phases[:3] == ["学习调研阶段", "分析检查阶段", "整改落实阶段"]
    assert not {"各阶段", "这一阶段", "三个阶段"} & set(phases)
    dated = draft["phases.yml"][0]
    assert dated["facts"][0]["text"].startswith("9月1日至9月30日")
    analysis = next(p for p in draft["phases.yml"] if p["title"] == "分析检查阶段")
    assert [s["title"] for s in analysis.get("steps", [])] in ([], ["召开民主生活会", "撰写检查材料"])
    checklists = {c["title"]: [i["text"] for i in c["items"]] for c in draft["checklists.yml"]}
    assert checklists["学习调研阶段重点抓好三个环节"] == ["组织集中学习", "开展调查研究", "征求群众意见"]
    assert checklists["三个到位"] == ["认识到位", "组织到位", "措施到位"]
    assert ["召开民主生活会", "撰写检查材料"] in checklists.values()
    terms = {t["term"]: t for t in draft["glossary.yml"]}
    assert set(terms) == {"三个到位", "连心卡", "四个统一"}  # the quoted sentence is no term
    assert "expansion" not in terms["四个统一"]  # no items follow it
    assert "【占位，请替换】" in terms["连心卡"]["short"]
    assert set(keys(draft, "roles.yml")) == {"县专项整治活动领导小组", "活动办公室"}
    office = next(r for r in draft["roles.yml"] if r["title"] == "活动办公室")
    assert office["duties"][0]["text"] == "活动办公室负责日常工作"


def test_items_in_the_model_are_skipped(tmp_path):
    sources = {p.name: p.read_bytes() for p in (CAMPAIGN2 / "sources").iterdir()}
    data = make_data(tmp_path, sources, model=CAMPAIGN2)
    result = draft_source(tmp_path, data / "sources" / "notice-2019.txt")
    skipped = {(p.file, p.key): holder for p, holder in result.known}
    assert skipped[("glossary.yml", "四不放过")] == "term-four-nots"
    assert skipped[("checklists.yml", "四不放过")] == "list-four-nots"
    assert skipped[("phases.yml", "自查整改阶段")] == "stage-selfcheck"
    assert skipped[("roles.yml", "厂安全委员会")] == "body-safety-committee"  # the model's 安全委员会
    assert result.proposals == []
    text = result.path.read_text(encoding="utf-8")
    assert "term-four-nots" in text and "NOTHING HERE IS IN THE MODEL" in text
    assert (data / "glossary.yml").read_bytes() == (CAMPAIGN2 / "glossary.yml").read_bytes()  # never merged


def test_traditional_gb18030_crlf_source(tmp_path):
    text = "關於開展學習活動的通知\r\n新華社北京9月1日電\r\n活動分為學習調研和整改落實兩個階段。\r\n要做到“兩個務必”，即謙虛謹慎、艱苦奮鬥。\r\n"
    data = make_data(tmp_path, {"trad.txt": text.encode("gb18030")})
    result = draft_source(tmp_path, data / "sources" / "trad.txt")
    draft = draft_items(result.path)
    assert not result.unverified
    assert next(t for t in draft["glossary.yml"] if t["term"] == "兩個務必")["expansion"] == ["謙虛謹慎", "艱苦奮鬥"]
    accept_all(data, draft)
    validate(tmp_path, data)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitegen", "draft", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")}, timeout=120)


def test_cli_refuses_to_overwrite_and_names_missing_files(tmp_path):
    data = make_data(tmp_path, {"plan.txt": PLAN.encode()})
    first = run_cli(str(data / "sources" / "plan.txt"))
    assert first.returncode == 0, first.stderr
    assert "proposals" in first.stdout
    draft = data / "drafts" / "plan.yml"
    before = draft.read_bytes()
    again = run_cli(str(data / "sources" / "plan.txt"))
    assert again.returncode == 1 and "FORCE=1" in again.stderr and "Traceback" not in again.stderr
    assert draft.read_bytes() == before
    assert run_cli(str(data / "sources" / "plan.txt"), "--force").returncode == 0
    missing = run_cli(str(data / "sources" / "nothing.txt"))
    assert missing.returncode == 1 and "nothing.txt: no such file" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


def test_binary_source_is_one_line(tmp_path):
    data = make_data(tmp_path, {"plan.txt": PLAN.encode()})
    (data / "sources" / "blob.txt").write_bytes(bytes(range(256)) * 8)
    with pytest.raises(DraftError, match=r"blob\.txt:\d+: "):
        draft_source(tmp_path, data / "sources" / "blob.txt")


def test_an_enumeration_modelled_as_steps_is_skipped(tmp_path):
    data = make_data(tmp_path, {"plan.txt": PLAN.encode()})
    steps = "".join(f"    - id: step-{i}\n      title: {t}\n      sources: [{{doc: plan, quote: {t}}}]\n"
                    for i, t in enumerate(["组织集中学习", "开展调查研究", "征求群众意见"]))
    (data / "phases.yml").write_text("- id: phase-study\n  title: 学习调研阶段\n  order: 1\n  steps:\n" + steps
                                     + "  sources: [{doc: plan, quote: 9月1日至9月30日为学习调研阶段}]\n", encoding="utf-8")
    result = draft_source(tmp_path, data / "sources" / "plan.txt")
    skipped = {(p.file, p.key): holder for p, holder in result.known}
    assert skipped[("checklists.yml", "学习调研阶段重点抓好三个环节")] == "phase-study"
    assert skipped[("phases.yml", "学习调研阶段")] == "phase-study"
    assert "三个到位" in [p.key for p in result.proposals if p.file == "checklists.yml"]
