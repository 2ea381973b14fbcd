"""Golden cases: the five real sources in data/sources."""
import re

import pytest
from ingest_helpers import RULES, SOURCES, headings

from sitegen.ingest import ingest_document

FILES = {
    "000": "000_821a5f6d3bb30ab6.txt",
    "001": "001_d07ea692fa7c841a.txt",
    "002": "002_4c430ce415bfedf4.txt",
    "003": "003_03a93d32dd1e0467.txt",
    "004": "004_0e20f6ddf0c95574.txt",
}
# Source lines holding the body (the rest is header, title, furniture, teaser, distribution).
BODY_LINES = {"000": (8, 26), "001": (9, 55), "002": (12, 41), "003": (2, 28), "004": (2, 20)}

_DOCS = {}


def doc(key):
    if key not in _DOCS:
        path = SOURCES / FILES[key]
        _DOCS[key] = ingest_document(path.name, path.read_bytes(), RULES)
    return _DOCS[key]


def source_lines(key):
    text = (SOURCES / FILES[key]).read_text(encoding="utf-8")
    return re.split(r"\r\n|\r|\n", text)


# ------------------------------------------------------------------ titles, dates, layouts, meta

EXPECTED = {
    "000": ("bulletin", "省委召开先进性教育活动工作会议", False, "2005-01-18"),
    "001": ("web-page", "组织先进性教育活动工作讲话", False, "2022-05-19"),
    "002": ("newspaper-db", "中央保持共产党员先进性教育活动领导小组下发第二批保持共产党员先进性教育活动指导意见", False, "2005-06-28"),
    "003": ("speech", "关于先进性教育活动的讲话", True, None),
    "004": ("speech", "在郊区工委先进性教育学习经验交流会上的讲话", False, None),
}


@pytest.mark.parametrize("key", sorted(FILES))
def test_layout_title_date(key):
    d = doc(key)
    assert (d.layout, d.title, d.title_derived, d.date) == EXPECTED[key]
    assert d.id == FILES[key][:-4]
    assert (d.encoding, d.script) == ("utf-8", "simplified")


def test_meta_000_bulletin():
    assert doc("000").meta == {
        "发布单位": "先进性教育活动领导小组办公室",
        "报送": "中央组织部，中央先进办各组，省委常委、副省长、省人大主任、省政协主席，省委先进性教育活动领导小组成员",
        "抄送": "各市、县（市、区）委书记",
        "发送": "省直各单位（其中机关党组织1份），中央驻粤单位，各市、县（市、区）委组织部，各市、县（市、区）委先进办",
        "副标题": "张德江同志作重要讲话  3万多人参加会议",
    }
    # the distribution lines are meta, not body text
    assert not any(b.text.startswith(("报：", "送：", "发：")) for b in doc("000").blocks)


def test_meta_001_web_page():
    d = doc("001")
    assert d.meta == {"网页时间": "2022-05-19 04:50:00"}
    assert any("网页时间" in w for w in d.warnings)  # the date is only the upload date


def test_meta_002_newspaper():
    assert doc("002").meta == {"总期": "17336", "版次": "05", "条号": "1", "分类": "D261.4", "版名": "时事新闻", "体裁": "消息"}


def test_meta_003_004_speeches():
    assert doc("003").meta == {} and doc("004").meta == {}


# ------------------------------------------------------------------ removed

REMOVED = {
    "000": [(1, "issuer and date line (kept as meta 发布单位 and the date)")],
    "001": [
        (3, "web-page furniture: 网页上传时间（已记为元数据“网页时间”）"),
        (5, "web-page furniture: 网页导语"),
        (7, "repeats the title"),
    ],
    "002": [(10, "repeats the title"), (11, "repeats the title")],
    "003": [(1, "teaser repeats the opening")],
    "004": [(1, "teaser repeats the opening"), (1, "shorter variant of the title, glued to the teaser")],
}


@pytest.mark.parametrize("key", sorted(FILES))
def test_removed(key):
    assert [(r.line, r.reason) for r in doc(key).removed] == REMOVED[key]


def test_removed_texts():
    assert doc("002").removed[0].text + doc("002").removed[1].text == EXPECTED["002"][1]
    assert doc("001").removed[2].text == "组织先进性教育活动工作讲话"
    assert doc("003").removed[0].text.startswith("同志们：刚才，中央召开了") and doc("003").removed[0].text.endswith("...")
    teaser, variant = doc("004").removed
    assert teaser.text.startswith("同志们：刚才听了") and teaser.text.endswith("以下几...")
    assert variant.text == "在先进性教育学习经验交流会上的讲话"


# ------------------------------------------------------------------ outline

HEADINGS = {
    "000": [],
    "001": [
        (1, "一、正确估价第二批先进性教育活动的初步成效"),
        (2, "1、扎实抓好“三个代表”重要思想的学习,提高了党员队伍的思想政治素质。"),
        (2, "2、切实解决突出问题,改善了党员队伍形象和党群关系。"),
        (2, "3、大力加强组织建设,增强了城市基层党组织的凝聚力、战斗力和创造力。"),
        (2, "4、努力做到“两不误、两促进”,促进了城市改革发展和稳定。"),
        (1, "二、认真总结第二批先进性教育活动的主要经验"),
        (2, "1、必须始终坚持加强领导和指导,掌握工作的主动权。"),
        (2, "2、必须始终坚持走群众路线,面向群众、依靠群众开展党内教育。"),
        (2, "3、必须始终坚持求真务实,以科学的态度搞好党的建设。"),
        (2, "4、必须始终坚持围绕并服务中心,用实实在在的效果取信于民。"),
        (1, "三、扎实抓好后段工作和党的先进性建设"),
        (2, "1、巩固扩大第二批先进性教育活动整改成果。"),
        (2, "2、开展农村党员先进性教育活动“回头看”。"),
        (2, "3、组织好先进性教育活动与党的先进性建设理论研讨活动。"),
        (2, "4、全面总结先进性教育活动的成效和经验。"),
        (2, "5、做好扶助生活困难党员工作。"),
    ],
    "002": [
        (1, "一、充分认识第二批先进性教育活动的重要性"),
        (1, "二、认真贯彻中央的总体部署和要求"),
        (2, "1、坚持学习实践“三个代表”重要思想这条主线。"),
        (2, "2、坚持在取得实效上下功夫，"),
        (2, "3、坚持正面教育、自我教育为主，认真开展批评与自我批评。"),
        (2, "4、坚持发扬党内民主，走群众路线。"),
        (2, "5、坚持领导干部带头，发挥表率作用。"),
        (2, "6、坚持区别情况，分类指导。"),
        (2, "7、坚持舆论先行，努力营造良好氛围。"),
        (2, "8、坚持教育活动与各项工作“两不误、两促进”。"),
        (1, "三、需要注意的几个问题"),
        (2, "1、充分做好准备工作。"),
        (2, "2、努力保证先进性教育活动的覆盖面。"),
        (2, "3、采取灵活多样的方式组织好学习培训。"),
        (2, "4、着力整顿和建立健全党的基层组织。"),
        (2, "5、切实解决群众关注的突出问题。"),
        (2, "6、统筹安排，处理好工作和学习的关系。"),
        (2, "7、把握好相关政策。"),
        (1, "四、切实加强组织领导"),
    ],
    "003": [
        (1, "一、传达省委督导组督查我县先进性教育工作时的指示精神"),
        (2, "1、领导要求要更严。"),
        (2, "2、干部的作风要更好。"),
        (2, "3、机关对基层的服务要更实。"),
        (2, "4、希望群众对党员的评价更高。"),
        (1, "二、第一批先进性教育活动单位要继续抓好整改提高"),
        (1, "三、认真做好第二批先进性教育活动各项准备工作"),
        (2, "（一）进一步加强组织领导。"),
        (2, "（二）深入调研，摸清底子，建立台帐。"),
        (2, "（三）健全组织，联系党员。"),
        (2, "（四）解决困难，创造条件。"),
        (2, "（五）制定方案，搞好培训。"),
        (2, "（六）做好宣传舆论工作。"),
    ],
    "004": [
        (1, "1、继续深化思想认识。"),
        (2, "第一，党员的先进性不是自发产生的，必须坚持用科学理论去灌输、去武装。"),
        (2, "第二，开展先进性教育活动，是解决党内突出问题的关键。"),
        (2, "第三，开展先进性教育活动，是建设“五城三高”、实现“两个率先”目标的需要。"),
        (1, "2、将学习培训进一步引向深入。"),
        (1, "3、认真组织开展新时期保持共产党员先进性具体要求的大讨论。"),
        (1, "4、党员的作风要有明显转变。"),
        (1, "5、做到两不误、两促进。"),
        (1, "6、郊区工委作为*市长的联系点，"),
    ],
}


@pytest.mark.parametrize("key", sorted(FILES))
def test_outline_headings(key):
    assert headings(doc(key)) == HEADINGS[key]


def test_wrapped_numbers_in_004_are_rejoined():
    texts = [b.text for b in doc("004").blocks]
    assert not any(t.startswith("二、三产业") or t.startswith("二、第三批") for t in texts)
    assert any("与发展农村二、三产业和支柱产业相结合" in t and "发展农村二、三产业和支柱产业、增加农民收入" in t for t in texts)
    assert any("总结出一套对第二、第三批教育活动有指导意义的经验来" in t for t in texts)


def test_title_shown_once():
    for key in FILES:
        d = doc(key)
        assert not any(b.text == d.title for b in d.blocks), key
    assert sum(d.title in b.text for d in [doc("002")] for b in d.blocks) == 0


# ------------------------------------------------------------------ no markup, no furniture, nothing lost


@pytest.mark.parametrize("key", sorted(FILES))
def test_no_tags_in_blocks(key):
    for b in doc(key).blocks:
        assert "〖" not in b.text and "〗" not in b.text


FURNITURE_WORDS = ("时间:", "时间：", "导语", "来源:", "来源：", "责任编辑", "正文复制", "上一篇", "下一篇", "分享到", "打印本页", "关闭窗口")


@pytest.mark.parametrize("key", sorted(FILES))
def test_no_furniture_in_blocks(key):
    for b in doc(key).blocks:
        assert not any(b.text.startswith(w) or w in b.text[:20] for w in FURNITURE_WORDS), b.text[:30]
        assert not any(rule.match(b.text) for rule in RULES.furniture), b.text[:30]


def _fold(text):
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("key", sorted(FILES))
def test_body_paragraphs_appear_verbatim(key):
    first, last = BODY_LINES[key]
    lines = source_lines(key)
    paragraphs = [line.strip() for line in lines[first - 1:last] if line.strip()]
    joined = "".join(b.text for b in doc(key).blocks)
    found = sum(p in joined for p in paragraphs)
    assert found / len(paragraphs) >= 0.98, (found, len(paragraphs))
    # and the blocks are exactly the body, nothing more and nothing less
    assert _fold("".join(paragraphs)) == _fold(joined)


@pytest.mark.parametrize("key", sorted(FILES))
def test_every_source_character_is_somewhere(key):
    from collections import Counter

    d = doc(key)
    source = Counter(_fold("\n".join(source_lines(key))))
    if d.layout == "newspaper-db":  # the field tags are markup
        for m in RULES.news_tag.finditer("\n".join(source_lines(key))):
            source.subtract(Counter(m.group(0)))
    for line in source_lines(key):  # so is the colon after a distribution label (报：)
        m = RULES.distribution_line.match(line.strip())
        if m:
            source.subtract(Counter(line.strip()[len(m.group("label")):m.start("value")]))
    out = Counter(_fold("".join(
        [b.text for b in d.blocks] + [r.text for r in d.removed] + list(d.meta.values()) + list(d.meta) + [d.title]
    )))
    if d.date:
        out.update(d.date.replace("-", ""))
    missing = {ch: n for ch, n in (source - out).items() if n > 0}
    assert not missing


@pytest.mark.parametrize("key", sorted(FILES))
def test_anchors_unique_and_well_formed(key):
    anchors = [b.anchor for b in doc(key).blocks]
    assert len(set(anchors)) == len(anchors)
    assert all(re.fullmatch(r"[hp]-[0-9a-f]{8}(-\d+)?", a) for a in anchors)


def test_block_lines_point_into_the_source():
    for key in FILES:
        lines = source_lines(key)
        for b in doc(key).blocks:
            assert _fold(b.text)[:6] in _fold(lines[b.line - 1]) or b.kind == "paragraph" and _fold(b.text)[:6] in _fold("".join(lines[b.line - 1:b.line + 3]))
