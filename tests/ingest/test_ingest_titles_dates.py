"""Titles (real and derived) and dates."""
import pytest
from ingest_helpers import RULES, RULES_PATH

from sitegen.ingest.textutil import parse_date


@pytest.mark.parametrize(
    "text, iso",
    [
        ("20050628", "2005-06-28"),
        ("2005年1月18日", "2005-01-18"),
        ("2005 年 1 月 8 日", "2005-01-08"),
        ("2022-05-19 04:50:00", "2022-05-19"),
        ("2022/5/9", "2022-05-09"),
        ("二〇〇五年七月八日", "2005-07-08"),
        ("二〇〇五年十二月二十八日", "2005-12-28"),
        ("２００５年１月１８日", "2005-01-18"),
        ("20051399", None),
        ("2005年2月30日", None),
        ("没有日期", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text, RULES) == iso


SPEECH = """同志们：
今天，我们召开会议，部署安全生产大检查工作。下面，我讲三点意见。
一、充分认识安全生产大检查的重要意义
安全生产大检查是一项重要工作。安全生产大检查要全面。
二、突出安全生产大检查的重点
要抓好安全生产大检查。
三、加强对安全生产大检查的领导
各级要重视安全生产大检查。
"""


def test_derived_title_for_a_speech_comes_from_its_headings(ingest):
    doc = ingest(SPEECH)
    assert doc.title_derived
    assert doc.title == "关于安全生产大检查的讲话"
    assert any("derived" in w for w in doc.warnings)
    # nothing of the text was used up for the title
    assert doc.blocks[0].text == "同志们："


def test_derived_title_without_headings_uses_the_opening(ingest):
    doc = ingest("各单位要认真做好防汛抗旱工作。防汛抗旱工作关系全局。防汛抗旱工作要抓早。今年防汛抗旱任务重。")
    assert doc.title_derived
    assert doc.title == "关于防汛抗旱工作"


def test_derived_title_fallback_is_the_opening_words(ingest):
    doc = ingest("Just a short English note. Nothing repeats here.")
    assert doc.title_derived
    assert doc.title == "Just a short English note. Not…"


def test_real_title_is_not_derived(ingest):
    doc = ingest("在全市工作会议上的讲话\n同志们：\n今天开会。")
    assert doc.title == "在全市工作会议上的讲话" and not doc.title_derived


def test_first_line_that_is_a_sentence_is_not_a_title(ingest):
    doc = ingest("今天召开会议。\n会议要求认真组织。")
    assert doc.title_derived
    assert [b.text for b in doc.blocks] == ["今天召开会议。", "会议要求认真组织。"]


# --------------------------------------------------------------------------- lines that are never titles
# Each body repeats a phrase so a derived title has a key phrase to find (关于{phrase}).
BODY = "各单位要认真做好防汛抗旱工作。防汛抗旱工作关系全局。防汛抗旱工作要抓早。"


@pytest.mark.parametrize(
    "first",
    [
        "新华社北京9月1日电",
        "新華社北京9月1日電",
        "新华社北京2019年9月1日电",
        "新華社香港九月一日電",
        "本报北京9月1日电（记者 李某）",
        "人民日报北京9月1日讯",
        "据新华社电",
        "新华社北京电（记者 张三）",
        "本报讯",
        "本报讯（记者 王某 通讯员 李某）",
        "本台消息",
        "（记者 张三 李四）",
        "本报记者 张三",
        "文/张三",
        "编者按：本文介绍了一个地方的做法。",
        "【编者按】本文介绍了一个地方的做法。",
        "【导语】本文介绍了经验。",
        "导读：本文介绍了经验",
        "内容提要 学习调研的做法",
    ],
)
def test_dateline_byline_or_lead_in_is_not_a_title(ingest, first):
    doc = ingest(f"{first}\n{BODY}")
    assert doc.title_derived, doc.title
    assert doc.title == "关于防汛抗旱工作"  # from the document's own words, not from the line
    assert doc.blocks[0].text == first  # the line stays in the body: nothing is dropped


def test_dateline_glued_to_the_first_sentence_is_read_past(ingest):
    doc = ingest("本报讯（记者 王某）全市干部大会昨日召开。\n会议要求抓好整改工作。")
    assert doc.title_derived
    assert doc.title == "全市干部大会昨日召开。"  # the opening words, without the dateline
    assert doc.blocks[0].text.startswith("本报讯（记者 王某）")


@pytest.mark.parametrize(
    "title",
    ["关于加强报社电力设施管理的通知", "新华社评论员文章", "本报评论员：坚定不移推进改革", "摘要汇编的编印办法", "本市发布最新消息"],
)
def test_titles_that_resemble_datelines_stay_titles(ingest, title):
    doc = ingest(f"{title}\n{BODY}")
    assert doc.title == title and not doc.title_derived


def test_derived_title_of_a_traditional_text_is_in_traditional_characters(ingest):
    doc = ingest("新華社北京9月1日電\n各地認真開展學習調研工作。學習調研工作要深入。學習調研工作要扎實。學習調研工作要見效。")
    assert doc.title_derived
    assert doc.title == "關於學習調研工作"


def test_not_title_rules_are_checked(rules):
    from sitegen.ingest.rules import RulesError, rules_from_dict
    import yaml

    data = yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))
    data["not_title"] = [{"name": "x", "pattern": "^a", "opening": "drop"}]
    with pytest.raises(RulesError, match=r"not_title\[0\]: opening must be strip or skip"):
        rules_from_dict(data)
    data["not_title"] = [{"name": "x", "pattern": "^(a"}]
    with pytest.raises(RulesError, match=r"not_title\[0\]: bad pattern"):
        rules_from_dict(data)
    data["not_title"] = ["^a"]
    with pytest.raises(RulesError, match=r"not_title\[0\]: must be a mapping"):
        rules_from_dict(data)
