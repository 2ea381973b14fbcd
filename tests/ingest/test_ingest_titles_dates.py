"""Titles (real and derived) and dates."""
import pytest
from ingest_helpers import RULES

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
