"""Each layout on small inputs, and the fixture files (encoding x line ends x layout)."""
from ingest_helpers import FIXTURES, RULES, headings, texts

from sitegen.ingest import ingest_document


def fixture(name):
    return ingest_document(name, (FIXTURES / name).read_bytes(), RULES)


# ------------------------------------------------------------------ newspaper-db

NEWS = """〖ZQ/总期〗100〖-ZQ/总期〗
〖RQ/日期〗20050628〖-RQ/日期〗
〖BH/版号〗05〖-BH/版号〗
〖TH/条号〗2〖-TH/条号〗
〖BT/标题〗某某下发指导意见〖-BT/标题〗
〖FL/分类〗D261.4〖-FL/分类〗
〖BM/版名〗时事新闻〖-BM/版名〗
〖TC/体裁〗消息〖-TC/体裁〗
〖XX/新字段〗新值〖-XX/新字段〗
〖ZW/正文〗
    某某
    下发指导意见
    新华社北京6月27日电 意见全文如下：
    一、充分认识重要性
    正文第一段。
〖-ZW/正文〗
"""


def test_newspaper_fields_become_meta_and_body(ingest):
    doc = ingest(NEWS)
    assert doc.layout == "newspaper-db"
    assert doc.title == "某某下发指导意见" and not doc.title_derived
    assert doc.date == "2005-06-28"
    assert doc.meta == {
        "总期": "100", "版次": "05", "条号": "2", "分类": "D261.4", "版名": "时事新闻", "体裁": "消息", "新字段": "新值",
    }
    assert texts(doc) == ["新华社北京6月27日电 意见全文如下：", "一、充分认识重要性", "正文第一段。"]
    assert [b.line for b in doc.blocks] == [13, 14, 15]
    # the headline split over two lines repeats the title: shown once, listed as removed
    assert [(r.line, r.text, r.reason) for r in doc.removed] == [
        (11, "某某", "repeats the title"), (12, "下发指导意见", "repeats the title"),
    ]
    assert all("〖" not in b.text and "〗" not in b.text for b in doc.blocks)


def test_newspaper_typesetting_codes_and_unclosed_body(ingest):
    doc = ingest("〖BT/标题〗题〖-BT/标题〗\n〖ZW/正文〗\n〖HT〗第一段。〖JP2〗\n第二段。\n")
    assert texts(doc) == ["第一段。", "第二段。"]
    assert sorted(r.text for r in doc.removed) == ["〖HT〗", "〖JP2〗"]
    assert any("not closed" in w for w in doc.warnings)


def test_newspaper_bad_date_is_kept_as_meta(ingest):
    doc = ingest("〖RQ/日期〗2005年某日〖-RQ/日期〗\n〖BT/标题〗题目〖-BT/标题〗\n〖ZW/正文〗正文。〖-ZW/正文〗")
    assert doc.date is None and doc.meta["日期"] == "2005年某日"
    assert texts(doc) == ["正文。"]


def test_newspaper_fixture_utf8_bom_cr():
    doc = fixture("newspaper_cr.txt")
    assert (doc.layout, doc.encoding, doc.date) == ("newspaper-db", "utf-8-sig", "2005-07-01")
    assert doc.title == "某省部署第二批先进性教育活动"
    assert doc.meta == {"版名": "要闻", "引题": "扎实推进"}
    assert texts(doc) == ["本报讯 日前，省委召开会议，部署第二批先进性教育活动。", "一、明确目标要求", "会议指出，要确保取得实效。"]
    assert {r.text for r in doc.removed} == {"〖HT5H〗", "某省部署第二批先进性教育活动"}


# ------------------------------------------------------------------ web-page

WEB = """关于某项工作的讲话

时间:2022-05-19 04:50:00

导语:关于某项工作的讲话一文来源于网友上传,不代表本站观点,若需要原创文章可咨询客服老师,欢迎参考。

关于某项工作的讲话

同志们:

今天召开会议，部署工作。

一、正确估价初步成效

正文。

上一篇：别的文章
下一篇：另一篇文章
分享到：
正文复制
打印本页 关闭窗口
"""


def test_web_page_furniture_removed_and_recorded(ingest):
    doc = ingest(WEB)
    assert doc.layout == "web-page"
    assert doc.title == "关于某项工作的讲话"
    assert texts(doc) == ["同志们:", "今天召开会议，部署工作。", "一、正确估价初步成效", "正文。"]
    assert doc.meta == {"网页时间": "2022-05-19 04:50:00"}
    # the upload date is only the date because the text gives none
    assert doc.date == "2022-05-19"
    assert any("upload" in w for w in doc.warnings)
    removed = {r.line: r.reason for r in doc.removed}
    assert set(removed) == {3, 5, 7, 17, 18, 19, 20, 21}
    assert removed[7] == "repeats the title"
    assert all(r.startswith("web-page furniture") for line, r in removed.items() if line != 7)


def test_web_page_date_in_text_beats_upload_time(ingest):
    doc = ingest("标题\n时间：2022-05-19 04:50:00\n（2005年6月18日）\n正文第一段。")
    assert doc.date == "2005-06-18"
    assert doc.meta["网页时间"] == "2022-05-19 04:50:00"
    assert ("date line (kept as the document date)") in {r.reason for r in doc.removed}


def test_web_page_traditional_furniture_half_and_full_width_colons(ingest):
    doc = ingest("標題文字\n時間：2021-01-02 03:04\n來源:某網\n責任編輯：某某\n正文。\n上一篇:甲\n下一篇：乙\n【關閉窗口】")
    assert doc.layout == "web-page"
    assert texts(doc) == ["正文。"]
    assert doc.meta == {"网页时间": "2021-01-02 03:04", "来源": "某網"}
    assert len(doc.removed) == 6


def test_web_fixture_utf16_crlf_traditional():
    doc = fixture("web_traditional_utf16.txt")
    assert (doc.layout, doc.encoding, doc.script) == ("web-page", "utf-16-le", "traditional")
    assert doc.title == "關於做好先進性教育活動的講話"
    assert headings(doc) == [
        (1, "一、充分認識開展先進性教育活動的重要意義"), (1, "二、認真抓好各個階段的工作"), (2, "1、學習動員階段。"),
    ]
    assert doc.meta == {"网页时间": "2021-03-02 10:20:00", "来源": "某某網"}
    assert {r.line for r in doc.removed} == {3, 5, 7, 19, 21, 23}


# ------------------------------------------------------------------ bulletin

BULLETIN = """ 某某领导小组办公室               2005年1月18日  


 省委召开工作会议

 某某同志作重要讲话  3万多人参加会议 

 1月17日，省委召开工作会议。

 会议要求，各级党组织要认真组织。

报：中央组织部，省委常委

送：各市委书记

发：省直各单位，
    各市委组织部
"""


def test_bulletin_header_title_subtitle_distribution(ingest):
    doc = ingest(BULLETIN)
    assert doc.layout == "bulletin"
    assert doc.title == "省委召开工作会议"
    assert doc.date == "2005-01-18"
    assert doc.meta == {
        "发布单位": "某某领导小组办公室",
        "报送": "中央组织部，省委常委",
        "抄送": "各市委书记",
        "发送": "省直各单位， 各市委组织部",
        "副标题": "某某同志作重要讲话  3万多人参加会议",
    }
    assert texts(doc) == ["1月17日，省委召开工作会议。", "会议要求，各级党组织要认真组织。"]
    assert [r.line for r in doc.removed] == [1]


def test_bulletin_fixture_gbk_crlf_chinese_numeral_date():
    doc = fixture("bulletin_gbk_crlf.txt")
    assert (doc.layout, doc.encoding, doc.date) == ("bulletin", "gb18030", "2005-07-08")
    assert doc.title == "全县第二批先进性教育活动动员大会召开"
    assert doc.meta["发布单位"] == "中共某某县委先进性教育活动办公室"
    assert doc.meta["发送"] == "各乡镇党委 各县直单位"
    assert "副标题" not in doc.meta
    assert headings(doc) == [(1, "（一）加强组织领导。"), (1, "（二）搞好分类指导。")]
    assert texts(doc)[0].startswith("7月7日")  # U+3000 indentation stripped


def test_distribution_lines_alone_make_a_bulletin(ingest):
    doc = ingest("会议纪要\n会议决定，认真组织。\n報：市委\n發：各縣")
    assert doc.layout == "bulletin"
    assert doc.meta == {"報送": "市委", "發送": "各縣"}
    assert texts(doc) == ["会议决定，认真组织。"]


# ------------------------------------------------------------------ speech

OPENING = "同志们：刚才，中央召开了全国电视电话会议，对第二批活动提出了目标要求，大家回去以后要认真组织学习，抓紧贯彻落实。"


def test_speech_teaser_repeating_the_opening_is_dropped(ingest):
    doc = ingest(OPENING[:40] + "...\n同志们：\n" + OPENING[4:] + "下面，我讲三点意见。\n一、传达指示精神\n正文。")
    assert doc.layout == "speech"
    assert [(r.line, r.reason) for r in doc.removed] == [(1, "teaser repeats the opening")]
    assert doc.removed[0].text == OPENING[:40] + "..."
    assert texts(doc)[:2] == ["同志们：", OPENING[4:] + "下面，我讲三点意见。"]
    assert doc.title_derived


def test_speech_title_glued_to_the_teaser_is_recovered(ingest):
    short = "在经验交流会上的讲话"
    full = "在郊区工委经验交流会上的讲话"
    doc = ingest(f" {short}{full}{OPENING[:30]}…\n 同志们：\n{OPENING[4:]}\n1、继续深化思想认识。\n正文。")
    assert doc.title == full and not doc.title_derived
    assert {(r.text, r.reason) for r in doc.removed} == {
        (OPENING[:30] + "…", "teaser repeats the opening"),
        (short, "shorter variant of the title, glued to the teaser"),
    }
    assert headings(doc) == [(1, "1、继续深化思想认识。")]


def test_speech_teaser_text_not_in_the_body_is_kept(ingest):
    doc = ingest(f"在会上的讲话（摘要）另有按语{OPENING[:20]}...\n{OPENING}\n正文。")
    kept = " ".join(texts(doc)) + doc.title + " ".join(doc.meta.values())
    assert "另有按语" in kept or "另有按语" in " ".join(r.text for r in doc.removed)
    assert "另有按语" in kept


def test_teaser_that_does_not_repeat_the_body_is_kept(ingest):
    doc = ingest("这是一段并不出现在正文里的引子文字...\n同志们：\n今天开会。")
    assert "这是一段并不出现在正文里的引子文字..." in texts(doc)
    assert not doc.removed


def test_speech_with_title_line_and_salutation(ingest):
    doc = ingest("在全县工作会议上的讲话\n（2005年6月18日）\n同志们：\n今天开会。")
    assert doc.layout == "speech"
    assert doc.title == "在全县工作会议上的讲话"
    assert doc.date == "2005-06-18"
    assert texts(doc) == ["同志们：", "今天开会。"]


# ------------------------------------------------------------------ plain


def test_plain_document_title_and_body(ingest):
    doc = ingest("关于开展调研的通知\n\n各单位：\n请认真组织。")
    assert (doc.layout, doc.title, doc.title_derived) == ("plain", "关于开展调研的通知", False)
    assert texts(doc) == ["各单位：", "请认真组织。"]


def test_single_line_document_keeps_its_line(ingest):
    doc = ingest("只有一行文字。")
    assert texts(doc) == ["只有一行文字。"]
    assert doc.title_derived and doc.title
