"""How search files are packed (sitegen.search.packed): base91, GB18030, deflate after a dictionary."""
from __future__ import annotations

import pickle
import random

import pytest

from sitegen.search.page import pack_record, unpack_record

from sitegen.search.packed import (ALPHABET, NO_DICTIONARY, PLAIN, UNSAFE, WINDOW, Packer, b91decode, b91encode,
                                   gb_bytes, read_script, script, shared_text)

RECORD = {"u": "sources/a.html", "s": [["", "关于认真抓好整改落实工作的通知", 1,
                                         [["p-1", "要坚持“两不误、两促进”，把整改落实贯穿始终。"]]]]}
GLOSSARY = ["两不误、两促进", "整改落实", "坚持“两不误、两促进”，把先进性教育活动同做好本职工作结合起来。"]


def test_alphabet_needs_no_escape_in_a_js_or_json_string():
    assert len(set(ALPHABET)) == 91 and '"' not in ALPHABET and "\\" not in ALPHABET
    assert all(0x20 < ord(c) < 0x7F for c in ALPHABET)


@pytest.mark.parametrize("size", [*range(0, 40), 255, 256, 1000, 4099])
def test_base91_round_trip(size):
    data = random.Random(size).randbytes(size)
    text = b91encode(data)
    assert set(text) <= set(ALPHABET)
    assert b91decode(text) == data
    assert len(text) <= -(-size * 8 // 13) * 2  # 13 bits in 2 characters
    assert len(text) < size * 4 / 3 + 3 or size < 8  # smaller than base64


def test_base91_refuses_other_characters():
    with pytest.raises(ValueError):
        b91decode("ab\\c")


def test_unsafe_code_points_are_escaped_and_come_back():
    text = '{"t":"私用\ue000区与\u1e3f和\uf8ff，正常的字"}'
    raw = gb_bytes(text)
    assert b"\\ue000" in raw and b"\\u1e3f" in raw and b"\\uf8ff" in raw
    assert not UNSAFE.search(raw.decode("gb18030"))
    packed = NO_DICTIONARY.pack_text(text)
    assert NO_DICTIONARY.unpack(packed) == {"t": "私用\ue000区与\u1e3f和\uf8ff，正常的字"}


def test_a_text_packed_after_the_dictionary_reads_back_both_ways():
    packer = Packer(shared_text(GLOSSARY))
    packed = packer.pack(RECORD)
    assert packer.unpack(packed) == RECORD
    # the worker's way: the dictionary's packed prefix, then the text's bytes, then cut
    assert read_script(script("d/0", packed).decode("ascii"), (len(packer.dictionary), packer.prefix)) == (RECORD, b"")
    with pytest.raises(Exception):  # without the dictionary the bytes mean nothing
        assert NO_DICTIONARY.unpack(packed) == RECORD


def test_the_dictionary_makes_a_repeating_text_smaller():
    with_dictionary = Packer(shared_text(GLOSSARY))
    assert len(with_dictionary.pack(RECORD)) < len(NO_DICTIONARY.pack(RECORD)) * 0.8


def test_shared_text_keeps_the_longest_strings_last_within_the_window():
    strings = [f"第{i}条" * (i % 50 + 1) for i in range(4000)] + ["", "  "]
    text = shared_text(strings)
    assert len(text) <= WINDOW
    longest = max(strings, key=lambda s: (len(s), s))
    assert text.endswith(longest.encode("gb18030"))
    assert shared_text(list(reversed(strings))) == text  # order of the strings given does not matter


def test_a_tail_of_bytes_follows_the_json():
    packed = NO_DICTIONARY.pack(RECORD, b"\x00\xff\x01")
    assert NO_DICTIONARY.unpack_parts(packed) == (RECORD, b"\x00\xff\x01")
    assert NO_DICTIONARY.unpack(packed) == RECORD


def test_hashed_anchors_go_as_bytes_and_come_back():
    record = {"s": [["h-0123abcd", "一、总体要求", 2, [["p-f154ee32", "甲"], ["", "乙"], ["p-f154ee32-2", "丙"],
                                                     ["t-ffffffff", "表"], ["chu-chu", "丁"]]]]}
    packed = pack_record(record, NO_DICTIONARY)
    compact, hashes = NO_DICTIONARY.unpack_parts(packed)
    assert hashes == bytes.fromhex("0123abcd" "f154ee32" "ffffffff")
    assert compact["s"][0][3] == ["甲", ["", "乙"], ["p-f154ee32-2", "丙"], ["t-", "表"], ["chu-chu", "丁"]]
    assert compact["s"][0][0] == "h-"
    assert unpack_record(packed, NO_DICTIONARY) == record


def test_hashed_anchors_as_bytes_make_a_page_text_smaller():
    import hashlib
    texts = [f"第{i}段：" + "要坚持两不误、两促进，把整改落实贯穿始终，" * (1 + i % 3) for i in range(30)]
    record = {"s": [["", "标题", 1, [[f"p-{hashlib.sha1(t.encode()).hexdigest()[:8]}", t] for t in texts]]]}
    assert len(pack_record(record, NO_DICTIONARY)) < 0.9 * len(NO_DICTIONARY.pack(record))


def test_an_anchor_that_is_only_a_prefix_keeps_every_anchor_as_text():
    record = {"s": [["", "", 1, [["p-", "甲"], ["p-f154ee32", "乙"]]]]}
    packed = pack_record(record, NO_DICTIONARY)
    assert NO_DICTIONARY.unpack_parts(packed) == (record, b"")
    assert unpack_record(packed, NO_DICTIONARY) == record


def test_packers_survive_pickling_for_forked_workers():
    packer = Packer(shared_text(GLOSSARY))
    again = pickle.loads(pickle.dumps(packer))
    assert again.digest == packer.digest and again.pack(RECORD) == packer.pack(RECORD)
    assert pickle.loads(pickle.dumps(PLAIN)).level == PLAIN.level


def test_packing_is_deterministic_and_named_by_its_dictionary():
    a, b = Packer(shared_text(GLOSSARY)), Packer(shared_text(GLOSSARY))
    assert a.pack(RECORD) == b.pack(RECORD) and a.digest == b.digest
    assert Packer(shared_text(GLOSSARY[:1])).digest != a.digest != NO_DICTIONARY.digest


def test_plain_search_files_read_back():
    obj = {"中常": "xegzcd", "ab": "1"}
    assert read_script(script("p/0", PLAIN.pack(obj)).decode("ascii")) == (obj, b"")
    assert read_script('__zhs("d/x",[0,""]);\n') == ([0, ""], b"")
    with pytest.raises(ValueError):
        read_script('var x = ("a",1);')
