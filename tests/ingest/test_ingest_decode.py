"""Encodings, line ends, white space, and IngestError for input that is not a text document."""
import codecs
import random

import pytest

from sitegen.ingest import IngestError, decode_bytes, ingest_document

from ingest_helpers import FIXTURES

TEXT = "关于做好第二批先进性教育活动的通知\n\n各单位：\n现将有关事项通知如下。要认真组织学习，抓紧贯彻落实。"


@pytest.mark.parametrize(
    "raw, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16-le"),  # Python writes a little-endian BOM
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-32"), "utf-32-le"),
    ],
)
def test_encodings_decode_to_the_same_text(rules, raw, encoding):
    text, enc, _ = decode_bytes(raw, rules)
    assert text == TEXT
    assert enc == encoding


def test_document_records_encoding_and_same_blocks(rules):
    docs = [
        ingest_document("a.txt", TEXT.encode(enc), rules) for enc in ("utf-8", "utf-8-sig", "gb18030", "utf-16")
    ]
    assert [d.encoding for d in docs] == ["utf-8", "utf-8-sig", "gb18030", "utf-16-le"]
    assert len({tuple((b.text, b.anchor) for b in d.blocks) for d in docs}) == 1
    assert {d.title for d in docs} == {"关于做好第二批先进性教育活动的通知"}


def test_short_gbk_text(rules):
    text, enc, _ = decode_bytes("同志们：".encode("gbk"), rules)
    assert (text, enc) == ("同志们：", "gb18030")


def test_big5_is_recognised_not_read_as_gb(rules):
    trad = "關於做好第二批保持共產黨員先進性教育活動的通知，各級黨組織要認真學習，抓緊貫徹落實。"
    text, enc, _ = decode_bytes(trad.encode("big5"), rules)
    assert text == trad
    assert enc.lower().startswith("big5")


def test_utf16_without_bom(rules):
    text, enc, warnings = decode_bytes("Report 2005\nline two".encode("utf-16-le"), rules)
    assert text == "Report 2005\nline two" and enc == "utf-16-le" and warnings


def test_latin1_falls_back_to_the_guess(rules):
    text, _, _ = decode_bytes("Café crème, naïve résumé.\n".encode("cp1252"), rules)
    assert "Café" in text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends_give_the_same_lines(ingest, newline):
    doc = ingest(newline.join(["标题一行", "", "第一段。", "第二段。"]))
    assert doc.title == "标题一行"
    assert [(b.text, b.line) for b in doc.blocks] == [("第一段。", 3), ("第二段。", 4)]
    assert all("\r" not in b.text for b in doc.blocks)


def test_mixed_line_ends_count_lines_like_an_editor(ingest):
    doc = ingest("标题\r\n第一段。\r第二段。\n第三段。")
    assert [(b.text, b.line) for b in doc.blocks] == [("第一段。", 2), ("第二段。", 3), ("第三段。", 4)]


def test_full_width_spaces_and_nbsp_in_indentation_are_stripped_not_inside(ingest):
    doc = ingest("标题\n\u3000\u3000第一段，中间有\u3000全角空格。\u3000\n\xa0\xa0第二段 a\xa0b。\xa0")
    assert [b.text for b in doc.blocks] == ["第一段，中间有\u3000全角空格。", "第二段 a\xa0b。"]


@pytest.mark.parametrize(
    "raw, fragment",
    [
        (b"", "empty"),
        (b"   \n\t\r\n  ", "empty"),
        ("\u3000\u3000\n\xa0".encode("utf-8"), "empty"),
        (codecs.BOM_UTF8, "empty"),
        (codecs.BOM_UTF16_LE + "  \n".encode("utf-16-le"), "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "binary"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00abc.txt", "binary"),
        (b"abc\x00\x00\x01\x02\x03\xff\xfe\x00\x10", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
        (b"\x81\x20\xff\x80\xfe\x7f" * 50 + b"\x00", "binary"),
    ],
)
def test_ingest_error_for_non_text(rules, raw, fragment):
    with pytest.raises(IngestError) as info:
        ingest_document("x.txt", raw, rules)
    assert fragment in info.value.message
    assert info.value.line >= 1


def test_ingest_error_line_points_at_the_nul(rules):
    with pytest.raises(IngestError) as info:
        ingest_document("x.txt", b"line one\nline two\nbad\x00here", rules)
    assert info.value.line == 3


def test_bytes_that_are_no_text_in_any_encoding(rules):
    rng = random.Random(5)
    raw = bytes(rng.randrange(0x80, 0x100) for _ in range(300))  # no encoding reads it sensibly
    with pytest.raises(IngestError):
        ingest_document("x.txt", raw, rules)


def test_a_few_control_characters_are_kept_with_a_warning(ingest):
    doc = ingest("标题\n" + "正文内容，" * 40 + "\x07结束。")
    assert any("control" in w for w in doc.warnings)
    assert "\x07" in doc.body_text()


def test_fixture_files(rules):
    for path in sorted(FIXTURES.glob("*.txt")):
        doc = ingest_document(path.name, path.read_bytes(), rules)
        assert doc.blocks, path.name


def test_bytes_that_only_look_like_a_bom(rules):
    raw = b"\xff\xfe" + "abc".encode("utf-8")  # odd length after the mark: not UTF-16
    text, enc, warnings = decode_bytes(raw, rules)
    assert text.endswith("abc") and any("byte-order mark" in w for w in warnings)
