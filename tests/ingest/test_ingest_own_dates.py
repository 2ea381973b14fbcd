"""A source's date is its own: 落款 date, dateline, title date; a web page's upload stamp only as a fallback."""
from ingest_helpers import RULES

from sitegen.ingest.dates import closing_date
from sitegen.ingest.textutil import nonblank

STAMP = "时间：2022-11-19 04:35:00"


def test_closing_date_beats_repost_stamp(ingest):
    doc = ingest(f"关于开展检查的通知\n{STAMP}\n来源：某网\n各单位：\n现将有关事项通知如下。\n一、检查范围。\n二、检查内容。\n三、工作要求。\n请认真执行。\n中共某某县委办公室\n二〇〇九年三月二日")
    assert doc.date == "2009-03-02"
    assert doc.date_source == "落款"
    assert doc.meta["网页时间"] == "2022-11-19 04:35:00"  # the stamp is kept, as meta
    assert not any("upload" in w for w in doc.warnings)
    assert "二〇〇九年三月二日" in [b.text for b in doc.blocks]  # the 落款 stays in the text


def test_issuer_and_date_on_one_closing_line(ingest):
    doc = ingest(f"标题文字\n{STAMP}\n正文第一段。\n某某市委组织部 2009年12月31日")
    assert (doc.date, doc.date_source) == ("2009-12-31", "落款")


def test_title_date_used_when_nothing_else(ingest):
    doc = ingest(f"在2009年5月4日座谈会上的讲话\n{STAMP}\n同志们：\n今天开会，讲三点意见。")
    assert (doc.date, doc.date_source) == ("2009-05-04", "title")


def test_stamp_only_when_the_text_has_no_date_and_marked(ingest):
    doc = ingest(f"标题文字\n{STAMP}\n正文第一段。\n正文第二段。")
    assert (doc.date, doc.date_source) == ("2022-11-19", "web-page")
    assert any("upload" in w and "网页时间" in w for w in doc.warnings)


def test_conflicting_own_dates_warn_naming_both(ingest):
    doc = ingest("标题文字\n（2009年3月1日）\n正文第一段。\n正文第二段。\n2009年3月5日")
    assert doc.date == "2009-03-05"
    conflict = [w for w in doc.warnings if "conflicting dates" in w]
    assert len(conflict) == 1 and "2009-03-05" in conflict[0] and "2009-03-01" in conflict[0]


def test_agreeing_dates_do_not_warn(ingest):
    doc = ingest("标题文字\n（2009年3月1日）\n正文第一段。\n2009年3月1日")
    assert doc.date == "2009-03-01"
    assert not any("conflicting" in w for w in doc.warnings)


def test_a_long_closing_sentence_citing_a_date_is_not_a_signature():
    body = nonblank(["正文。", "会议要求各单位于2009年4月30日前将材料报送县委组织部并抄送有关部门，逾期不候，请各单位务必按时报送有关材料，切勿延误，2009年4月30日"])
    assert closing_date(body, RULES) is None


def test_no_date_anywhere_stays_undated(ingest):
    doc = ingest("标题文字\n正文第一段。\n正文第二段。")
    assert (doc.date, doc.date_source) == (None, None)


def test_month_only_closing_line_gives_month_precision(ingest):
    doc = ingest(f"标题文字\n{STAMP}\n正文第一段。\n正文第二段。\n正文第三段。\n正文第四段。\n正文第五段。\n某某县委\n二〇〇九年十一月")
    assert (doc.date, doc.date_source) == ("2009-11", "落款")


def test_sources_index_orders_own_dates_before_repost_stamps():
    from sitegen.ingest.document import Document
    from sitegen.render.documents import date_order, shown_date

    def doc(i, date, source):
        return Document(id=i, filename=f"{i}.txt", title=i, title_derived=False, date=date,
                        layout="plain", encoding="utf-8", script="simplified", date_source=source)

    docs = [doc("a", "2022-11-19", "web-page"), doc("b", None, None), doc("c", "2009-03-02", "落款"), doc("d", "2005-01-01", "dateline")]
    assert [d.id for d in sorted(docs, key=date_order)] == ["d", "c", "a", "b"]
    assert "网页" in shown_date(docs[0]) and shown_date(docs[2]) == "2009-03-02"
