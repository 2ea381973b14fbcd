"""Stable anchors, and text kept literally (no escaping, no conversion)."""
import hashlib

from ingest_helpers import texts

from sitegen.ingest.anchors import anchor_base, assign_anchors

DOC = "标题\n一、第一部分\n第一段文字。\n第二段文字。\n第一段文字。\n二、第二部分\n第三段文字。"


def test_anchor_is_sha1_of_the_folded_text():
    assert anchor_base("paragraph", "  a \t b\u3000c ") == "p-" + hashlib.sha1("a b c".encode()).hexdigest()[:8]
    assert anchor_base("heading", "一、x") == "h-" + hashlib.sha1("一、x".encode()).hexdigest()[:8]


def test_duplicates_get_a_counter():
    a = assign_anchors([("paragraph", "x"), ("paragraph", "y"), ("paragraph", "x"), ("heading", "x"), ("paragraph", "x")])
    base = anchor_base("paragraph", "x")
    assert a == [base, anchor_base("paragraph", "y"), base + "-2", anchor_base("heading", "x"), base + "-3"]


def test_every_block_has_a_unique_anchor(ingest):
    doc = ingest(DOC)
    anchors = [b.anchor for b in doc.blocks]
    assert len(set(anchors)) == len(anchors)
    assert all(a.startswith("h-") for a in (b.anchor for b in doc.blocks if b.kind == "heading"))
    assert all(a.startswith("p-") for a in (b.anchor for b in doc.blocks if b.kind == "paragraph"))


def test_an_edit_elsewhere_does_not_move_an_anchor(ingest):
    before = {b.text: b.anchor for b in ingest(DOC).blocks}
    edited = DOC.replace("第二段文字。", "第二段文字，改过了，还加了一句。\n新插入的段落。").replace("标题", "新标题")
    after = {b.text: b.anchor for b in ingest(edited).blocks}
    for text in ("一、第一部分", "第一段文字。", "二、第二部分", "第三段文字。"):
        assert before[text] == after[text]


def test_reindenting_does_not_move_an_anchor(ingest):
    a = ingest("标题\n第一段 文字。").blocks[0].anchor
    b = ingest("标题\n\u3000\u3000第一段 文字。  ").blocks[0].anchor
    assert a == b


LITERAL = r"*强调* #号 |表格| \反斜杠 <b>标签</b> [链接](x) _下划线_ &amp; `代码` {{ jinja }} $x$"


def test_text_stays_literal(ingest):
    doc = ingest(f"标题\n{LITERAL}\n1、{LITERAL}")
    assert texts(doc)[0] == LITERAL
    assert f"1、{LITERAL}" in texts(doc)


def test_literal_characters_in_title_and_meta(ingest):
    doc = ingest("〖BT/标题〗a*b_c<d>〖-BT/标题〗\n〖BM/版名〗[x]|y〖-BM/版名〗\n〖ZW/正文〗\\正文#。〖-ZW/正文〗")
    assert doc.title == "a*b_c<d>"
    assert doc.meta["版名"] == "[x]|y"
    assert texts(doc) == ["\\正文#。"]


def test_script_detected_text_never_converted(ingest):
    trad = ingest("關於開展學習的通知\n各級黨組織要認真學習。")
    simp = ingest("关于开展学习的通知\n各级党组织要认真学习。")
    assert (trad.script, simp.script) == ("traditional", "simplified")
    assert texts(trad) == ["各級黨組織要認真學習。"]
    assert trad.title == "關於開展學習的通知"


def test_document_id_is_the_file_name_without_extension(rules):
    from sitegen.ingest import ingest_document

    doc = ingest_document("000_821a5f6d3bb30ab6.txt", "标题\n正文。".encode(), rules)
    assert (doc.id, doc.filename) == ("000_821a5f6d3bb30ab6", "000_821a5f6d3bb30ab6.txt")
    assert ingest_document("dir/a.b.txt", b"x", rules).id == "a.b"
