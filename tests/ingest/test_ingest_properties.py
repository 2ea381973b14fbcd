"""Property-based tests: any text ingests without raising, and nothing of it is lost."""
import os
from collections import Counter

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ingest_helpers import RULES

from sitegen.ingest import IngestError, ingest_document

# Any assigned or unassigned character except control characters (which in bulk make a file
# binary, by design) and surrogates (which no encoding writes); tab and line ends stay in.
ALPHABET = st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\t\n\r")
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030"]
# INGEST_EXAMPLES=5000 for a thorough run; 200 keeps the suite fast.
SETTINGS = settings(
    max_examples=int(os.environ.get("INGEST_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def output_chars(doc) -> Counter:
    parts = [b.text for b in doc.blocks] + [r.text for r in doc.removed] + [doc.title]
    parts += list(doc.meta) + list(doc.meta.values())
    return Counter(ch for part in parts for ch in part if not ch.isspace())


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8":
        # a leading U+FEFF in UTF-8 is exactly a UTF-8 byte-order mark: indistinguishable
        assume(not text.startswith("\ufeff"))
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    if encoding == "gb18030":
        # short GB18030 byte strings can also be valid UTF-8 (e.g. 茅 = C3 A9 = é); UTF-8 wins
        try:
            assume(raw.decode("utf-8") == text)
        except UnicodeDecodeError:
            pass
    return raw


@SETTINGS
@given(text=st.text(alphabet=ALPHABET, max_size=400), encoding=st.sampled_from(ENCODINGS))
def test_any_text_ingests_and_loses_nothing(text, encoding):
    raw = encode(text, encoding)
    if not text.strip():
        with pytest.raises(IngestError):
            ingest_document("p.txt", raw, RULES)
        return
    doc = ingest_document("p.txt", raw, RULES)
    missing = Counter(ch for ch in text if not ch.isspace()) - output_chars(doc)
    assert not missing, (missing, doc)
    assert doc.title
    assert len({b.anchor for b in doc.blocks}) == len(doc.blocks)


# Lines that exercise the layouts: furniture, markers, titles, teasers, salutations, dates.
CJK = st.text(alphabet=st.sampled_from("先进性教育活动的工作会议要求党员同志群众组织学习，。、；：“”（）一二三1"), min_size=0, max_size=60)
SPECIAL = st.sampled_from([
    "时间:2022-05-19 04:50:00", "时間：2021-01-02", "导语:某文来源于网友上传", "来源：某网", "責任編輯：某", "上一篇：甲", "下一篇",
    "分享到：", "打印本页", "【關閉窗口】", "正文复制", "同志们：", "同志們:", "报：中央", "送：各市", "发：各县", "抄送：某",
    "某办公室        2005年1月18日", "（2005年6月18日）", "二〇〇五年七月八日", "一、", "二、三产业", "（一）", "1、", "第一，",
    "在会上的讲话", "在会上的讲话在某会上的讲话同志们：刚才...", "...", "……", "〖HT〗", "1.", "5.8万",
])
LINE = st.one_of(
    CJK,
    SPECIAL,
    st.builds(lambda a, b: a + b, SPECIAL, CJK),
    st.builds(lambda a, b, c: a + b + c, CJK, SPECIAL, CJK),
    st.text(alphabet=ALPHABET, max_size=30),
)


@SETTINGS
@given(
    lines=st.lists(LINE, min_size=1, max_size=25),
    newline=st.sampled_from(["\n", "\r\n", "\r", "\n\n"]),
    indent=st.sampled_from(["", "  ", "\u3000\u3000", "\xa0"]),
    encoding=st.sampled_from(ENCODINGS),
)
def test_structured_text_ingests_and_loses_nothing(lines, newline, indent, encoding):
    text = newline.join(indent + line for line in lines)
    raw = encode(text, encoding)
    if not text.strip():
        with pytest.raises(IngestError):
            ingest_document("p.txt", raw, RULES)
        return
    doc = ingest_document("p.txt", raw, RULES)
    # a distribution label with its colon (报：) is markup: it becomes the meta key
    expected = Counter()
    for line in text.replace("\r", "\n").split("\n"):
        line = line.strip()
        m = RULES.distribution_line.match(line) if doc.layout == "bulletin" else None
        expected.update(ch for ch in (line[m.start("value"):] if m else line) if not ch.isspace())
    missing = expected - output_chars(doc)
    assert not missing, (missing, doc)
    for b in doc.blocks:
        assert b.text == b.text.strip() and b.text
        assert 1 <= b.line <= text.count("\n") + text.count("\r") + 1
    assert all(b.level >= 1 for b in doc.blocks if b.kind == "heading")


@SETTINGS
@given(text=st.text(alphabet=ALPHABET, min_size=1, max_size=200))
def test_encodings_agree(text):
    assume(text.strip() and not text.startswith("\ufeff"))
    docs = [ingest_document("p.txt", text.encode(enc), RULES) for enc in ("utf-8", "utf-8-sig", "utf-16")]
    assert len({tuple((b.kind, b.text, b.line, b.anchor) for b in d.blocks) for d in docs}) == 1
