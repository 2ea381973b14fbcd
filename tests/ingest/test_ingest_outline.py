"""Numbering levels of Chinese official writing -> heading blocks."""
from ingest_helpers import headings, texts


def body(ingest, *lines):
    return ingest("\n".join(["标题行", *lines]))


def test_levels_of_the_four_markers(ingest):
    doc = body(
        ingest,
        "一、总体要求",
        "（一）指导思想",
        "1、坚持学习",
        "（1）学习内容",
        "第一，学习党章",
        "二、方法步骤",
    )
    assert headings(doc) == [
        (1, "一、总体要求"), (2, "（一）指导思想"), (3, "1、坚持学习"), (3, "（1）学习内容"), (4, "第一，学习党章"), (1, "二、方法步骤"),
    ]


def test_levels_are_relative_to_the_top_marker_present(ingest):
    doc = body(ingest, "1、继续深化思想认识。", "正文。", "第一，党员的先进性。", "正文。", "2、将学习引向深入。")
    assert headings(doc) == [(1, "1、继续深化思想认识。"), (2, "第一，党员的先进性。"), (1, "2、将学习引向深入。")]


def test_depth_follows_the_nesting(ingest):
    doc = body(ingest, "一、甲部分", "1、甲的一点", "二、乙部分", "（一）乙的一点", "1、乙的小点")
    assert headings(doc) == [(1, "一、甲部分"), (2, "1、甲的一点"), (1, "二、乙部分"), (2, "（一）乙的一点"), (3, "1、乙的小点")]


def test_other_marker_forms(ingest):
    doc = body(ingest, "1.第一点", "2．第二点", "(3)第三点", "(一)括号", "第二、第二条")
    assert [t for _, t in headings(doc)] == ["1.第一点", "2．第二点", "(3)第三点", "(一)括号", "第二、第二条"]


def test_heading_and_body_on_one_line_are_split(ingest):
    line = "1、扎实抓好理论学习，提高了党员素质。在教育活动中，各单位把组织党员学习作为一条主线贯穿始终。"
    doc = body(ingest, line)
    assert [(b.kind, b.text, b.line) for b in doc.blocks] == [
        ("heading", "1、扎实抓好理论学习，提高了党员素质。", 2),
        ("paragraph", "在教育活动中，各单位把组织党员学习作为一条主线贯穿始终。", 2),
    ]


def test_closing_quote_stays_with_the_heading(ingest):
    doc = body(ingest, "（二）坚持“两不误。”要统筹安排工作和学习。")
    assert texts(doc) == ["（二）坚持“两不误。”", "要统筹安排工作和学习。"]


def test_long_numbered_line_is_a_paragraph(ingest):
    line = "1、" + "这是一句很长的话，" * 8 + "结束。"
    doc = body(ingest, line)
    assert [(b.kind, b.text) for b in doc.blocks] == [("paragraph", line)]


def test_numbers_that_are_not_markers(ingest):
    lines = ["1月17日，省委召开会议。", "5.8万多名党员参加。", "一是领导重视。", "2005年工作要点。", "一、"]
    doc = body(ingest, *lines)
    assert headings(doc) == []
    assert texts(doc) == lines


def test_mid_line_enumeration_is_not_a_heading(ingest):
    doc = body(ingest, "要求如下。第一，要坚持学习。第二，要坚持实践。")
    assert headings(doc) == []


def test_sibling_whose_first_sentence_is_long_gets_its_first_clause(ingest):
    long_rest = "要紧紧抓住这个关键，始终围绕目标要求开展活动" * 3 + "。"
    doc = body(ingest, "1、坚持学习这条主线。正文。", "2、坚持在取得实效上下功夫，" + long_rest, "3、坚持正面教育。正文。")
    assert [t for _, t in headings(doc)] == ["1、坚持学习这条主线。", "2、坚持在取得实效上下功夫，", "3、坚持正面教育。"]
    assert long_rest in texts(doc)


def test_wrapped_number_range_is_rejoined(ingest):
    doc = body(
        ingest,
        "5、做到两不误。要做到五个结合，即与增加农民收入相结合，与发展农村",
        "二、三产业和支柱产业相结合，与春耕生产相结合；特别是在发展农村",
        "二、三产业等五个方面取得实效。",
        "6、办好联系点。要总结出一套对第",
        "二、第三批教育活动有指导意义的经验来。",
    )
    assert headings(doc) == [(1, "5、做到两不误。"), (1, "6、办好联系点。")]
    assert texts(doc)[1] == (
        "要做到五个结合，即与增加农民收入相结合，与发展农村二、三产业和支柱产业相结合，"
        "与春耕生产相结合；特别是在发展农村二、三产业等五个方面取得实效。"
    )
    assert texts(doc)[3] == "要总结出一套对第二、第三批教育活动有指导意义的经验来。"
    assert [w for w in doc.warnings if "joined" in w] == [
        "3 line(s) start like a number but continue the line before; joined to it: line 3, 4, 6"
    ]


def test_in_sequence_heading_after_a_comma_is_not_rejoined(ingest):
    # 003: a paragraph ends with a comma, and the next line is the next item (（六）after（五）)
    doc = body(ingest, "（五）制定方案，搞好培训。各单位要紧密结合实际，确保教育活动扎实有效，", "（六）做好宣传舆论工作。正文。")
    assert [t for _, t in headings(doc)] == ["（五）制定方案，搞好培训。", "（六）做好宣传舆论工作。"]


def test_heading_after_blank_line_is_not_rejoined(ingest):
    doc = body(ingest, "与发展农村", "", "二、三产业发展情况")
    assert headings(doc) == [(1, "二、三产业发展情况")]


def test_very_long_numbered_line(ingest):
    line = "1、" + "很长" * 200_000 + "。"
    doc = body(ingest, line)
    assert texts(doc) == [line]
