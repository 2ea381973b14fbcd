"""The rules file: every list of patterns is data, editable without touching code."""
import ast
import re
from pathlib import Path

import pytest
import yaml
from ingest_helpers import RULES, RULES_PATH

from sitegen.ingest import IngestRules, RulesError, ingest_document, load_rules
from sitegen.ingest.rules import rules_from_dict

CODE = Path(__file__).resolve().parents[2] / "scripts" / "sitegen" / "ingest"


def _data():
    return yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))


def _furniture(line):
    return next((rule for rule in RULES.furniture if rule.match(line)), None)


def test_load_rules_returns_compiled_rules():
    rules = load_rules(RULES_PATH)
    assert isinstance(rules, IngestRules)
    assert rules.source == str(RULES_PATH)


@pytest.mark.parametrize(
    "line",
    [
        "时间:2022-05-19 04:50:00", "时间：2022-05-19 04:50", "時間：2022-05-19", "发布时间：2005年6月1日",
        "导语:某文来源于网友上传", "導語：某", "来源:人民网", "來源：某網", "责任编辑:张三", "責任編輯：李四",
        "正文复制", "正文複製", "上一篇", "上一篇：关于某事", "下一篇:某", "分享到：", "分享到",
        "打印本页", "打印本頁", "关闭窗口", "關閉窗口", "【打印本页】 【关闭窗口】",
    ],
)
def test_furniture_patterns_simplified_traditional_both_colons(line):
    assert _furniture(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "时间就是生命，效率就是金钱。", "来源于群众的意见要认真听取，这是我们工作的出发点和落脚点，也是检验工作成效的标准之一。",
        "上一篇文章里讲到的问题，在这里要进一步讨论，并且提出解决的办法和具体的措施以及时间安排。",
        "分享到各地的经验值得认真总结和推广，各级党组织要认真研究，结合实际加以运用，推动工作。",
    ],
)
def test_furniture_patterns_do_not_match_body_text(line):
    assert _furniture(line) is None


@pytest.mark.parametrize("label, key", [("报", "报送"), ("送", "抄送"), ("发", "发送"), ("抄送", "抄送"), ("抄报", "抄报"), ("報", "報送"), ("發", "發送")])
def test_distribution_labels(label, key):
    for colon in ("：", ":"):
        m = RULES.distribution_line.match(f"{label}{colon}某单位")
        assert m and RULES.distribution[m.group("label")] == key and m.group("value") == "某单位"


def test_an_added_furniture_pattern_takes_effect():
    text = "标题\n热点关注：某某\n正文。"
    assert "热点关注：某某" in [b.text for b in ingest_document("a.txt", text.encode(), RULES).blocks]
    data = _data()
    data["furniture"].append({"pattern": "^热点关注{colon}", "reason": "网页栏目", "strong": True})
    rules = rules_from_dict(data)
    doc = ingest_document("a.txt", text.encode(), rules)
    assert doc.layout == "web-page"
    assert [b.text for b in doc.blocks] == ["正文。"]
    assert [(r.line, r.reason) for r in doc.removed] == [(2, "web-page furniture: 网页栏目")]


def test_an_added_distribution_label_takes_effect():
    data = _data()
    data["distribution"]["呈"] = "呈送"
    doc = ingest_document("a.txt", "题目\n正文。\n呈：省委\n送：市委".encode(), rules_from_dict(data))
    assert doc.meta == {"呈送": "省委", "抄送": "市委"}


def test_unknown_key_and_bad_pattern_are_errors():
    data = _data()
    data["furnture"] = []
    with pytest.raises(RulesError, match="furnture"):
        rules_from_dict(data)
    data = _data()
    data["furniture"][0]["pattern"] = "(unclosed"
    with pytest.raises(RulesError, match="furniture"):
        rules_from_dict(data)
    data = _data()
    del data["distribution"]
    with pytest.raises(RulesError, match="distribution"):
        rules_from_dict(data)


def _code_strings():
    """String constants of the ingest code, docstrings excluded."""
    for path in CODE.glob("*.py"):
        if path.name == "document.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                yield path.name, node.value


def test_no_pattern_list_in_code():
    words = [
        "时间", "時間", "导语", "來源", "来源", "责任编辑", "正文复制", "上一篇", "下一篇", "分享到", "打印本页", "关闭窗口",
        "报送", "抄送", "发送", "版名", "总期", "同志们", "讲话", "网页时间", "发布单位", "副标题", "关于",
    ]
    found = [(name, s) for name, s in _code_strings() if any(w in s for w in words)]
    assert not found
    # and no Chinese punctuation class spelled out in code
    assert not [(name, s) for name, s in _code_strings() if re.search(r"[：；、，。]", s) and len(s) > 1]


@pytest.mark.parametrize("line", ["字体要大一些，便于阅读。", "打印本页的人要登记。", "分享到各地"])
def test_toolbar_words_inside_sentences_are_not_furniture(line):
    assert _furniture(line) is None


def test_upload_time_as_date_can_be_switched_off():
    data = _data()
    data["upload_time_as_date"] = False
    doc = ingest_document("a.txt", "标题\n时间:2022-05-19 04:50:00\n正文。".encode(), rules_from_dict(data))
    assert doc.date is None and doc.meta == {"网页时间": "2022-05-19 04:50:00"}
