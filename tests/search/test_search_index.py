"""Unit tests of the search index builder (scripts/sitegen/search/) on small pages."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from sitegen.cache.disk import MemoryMemo
from sitegen.search import SearchPage, page_from_html, write_index
from sitegen.search.encode import bucket_of, dec, enc, enc_many, fnv1a, fnv1a_pairs
from sitegen.search import impact
from sitegen.search.fold import fold
from sitegen.search.index import TABLE_PAGES, length_pivot, weight_level
from sitegen.search.packed import read_script
from sitegen.search.page import text_record, with_hashes
from sitegen.search.packed import text_packer
from sitegen.search.pinyin import char_readings, contextual_readings, parse_overrides
from sitegen.search.segment import add_words, segment


def load_script(path: Path):
    """The JSON a search file holds, read as the worker reads it (packed.read_script); a
    page text (d/<n>.js) after the dictionary's prefix in d/x.js."""
    text = path.read_text("utf-8")
    assert re.match(r'__zh[sz]\("[^",]+",', text) and text.rstrip().endswith(");")
    if path.parent.name == "d" and path.name != "x.js":
        return with_hashes(*read_script(text, load_script(path.parent / "x.js")))
    return read_script(text)[0]


# --- page_from_html --------------------------------------------------------------------------

ARTICLE = """
<h1 id="sgdb">三个代表</h1>
<p class="pinyin">san ge dai biao</p>
<p class="variants"><strong>又作：</strong>“三个代表”重要思想、三代表</p>
<p id="p-1a2b3c4d">第一段&lt;script&gt;alert(1)&lt;/script&gt;与&lt;img src=x onerror=alert(2)&gt;。
换行的中文</p>
<script>var x = "<p>不是正文</p>";</script>
<h2 id="chu-chu">出处<a class="headerlink" href="#chu-chu">¶</a></h2>
<ul><li id="li-1">列表项<p id="p-5e6f7a8b">嵌套段落</p>尾部</li></ul>
<table><tr><td>甲</td><td>乙</td></tr></table>
<h3 id="deeper">更深</h3><p>没有编号的段落</p>
"""


def test_sections_blocks_and_anchors():
    page = page_from_html("glossary/term-x.html", "三个代表", "term", ARTICLE)
    assert [s.anchor for s in page.sections] == ["", "chu-chu", "deeper"]
    assert [s.title for s in page.sections] == ["三个代表", "出处", "更深"]
    top = page.sections[0].blocks
    assert top[0].text == "san ge dai biao"
    para = [b for b in top if b.anchor == "p-1a2b3c4d"][0]
    # Entities become literal text; the line break between CJK characters disappears.
    assert para.text == "第一段<script>alert(1)</script>与<img src=x onerror=alert(2)>。换行的中文"
    texts = [(b.anchor, b.text) for b in page.sections[1].blocks]
    assert ("li-1", "列表项") in texts and ("p-5e6f7a8b", "嵌套段落") in texts and ("li-1", "尾部") in texts
    assert "不是正文" not in page.text and "¶" not in page.text
    assert page.sections[2].blocks[0].anchor == ""


def test_variants_become_aliases():
    page = page_from_html("g.html", "三个代表", "term", ARTICLE, aliases=["三代表", "另一个"])
    assert page.aliases == ("三代表", "另一个", "“三个代表”重要思想")


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError):
        page_from_html("x.html", "x", "weird", "<p>x</p>")


# --- folding, pinyin, segmentation -------------------------------------------------------------


def test_fold_traditional_and_width_keeps_length():
    for text in ("三個代表、兩不誤", "ＡＢＣ１２３　學習", "長效機制 Hello"):
        assert len(fold(text)) == len(text)
    assert fold("三個代表、兩不誤") == "三个代表、两不误"
    assert fold("ＡＢＣ１２３　學習") == "abc123 学习"
    assert fold(fold("臺灣")) == fold("臺灣") == fold("台湾")


def test_pinyin_readings_and_phrase_fixes():
    assert set(char_readings("长")) >= {"chang", "zhang"}
    assert "lv" in char_readings("绿") and "lu" in char_readings("绿")
    assert contextual_readings("长效机制") == ["chang", "xiao", "ji", "zhi"]
    assert contextual_readings("行长", {"行长": "háng zhǎng"}) == ["hang", "zhang"]
    assert contextual_readings("三个代表ABC")[:4] == ["san", "ge", "dai", "biao"]
    assert parse_overrides({"长效": "chang xiao", "坏": "two syllables", "x": 3}) == {"长效": "chang xiao"}


def test_glossary_terms_stay_one_token():
    add_words(["三查两建一发展", "两不误"])
    assert "三查两建一发展" in segment("以三查两建一发展为抓手")
    assert "两不误" in segment("做到工作学习两不误、两促进")


# --- number codes and hashing ------------------------------------------------------------------


def test_number_codes_round_trip():
    values = [0, 1, 31, 32, 33, 1023, 1024, 5000, 32767, 32768, 10**6, 10**9]
    encoded, ends = enc_many(np.array(values))
    assert dec(encoded) == values
    assert encoded == "".join(enc(v) for v in values)
    assert list(ends) == list(np.cumsum([len(enc(v)) for v in values]))


def test_hash_agrees_between_scalar_and_vector():
    keys = ["三个", "代表", "學習", "两不"]
    a = np.array([ord(k[0]) for k in keys])
    b = np.array([ord(k[1]) for k in keys])
    assert [int(h) for h in fnv1a_pairs(a, b)] == [fnv1a(k) for k in keys]
    assert fnv1a("") == 0x811C9DC5


# --- write_index -------------------------------------------------------------------------------


def make_pages() -> list[SearchPage]:
    return [
        page_from_html("glossary/term-three.html", "三个代表", "term", "<h1>三个代表</h1><p id='p-1'>三个代表重要思想。</p>"),
        page_from_html("phases/phase-study.html", "学习动员阶段", "phase", "<p id='p-2'>学习动员阶段要求两不误。GDP 2005年</p>"),
        page_from_html("sources/a.html", "會議紀要", "document", "<h2 id='s'>討論</h2><p id='p-3'>三個代表，長效機制，兩不誤。</p>"),
        page_from_html("index.html", "首页", "page", "<p>欢迎</p>"),
    ]


def naive_postings(pages: list[SearchPage]) -> dict[str, dict[int, int]]:
    """key -> {page: weight level}: BM25's term weight from a naive count of bigrams and
    tokens, with the page lengths (keys per page) the same count gives."""
    counts: dict[str, dict[int, int]] = {}
    for doc, page in enumerate(sorted(pages, key=lambda p: p.url)):
        parts = [page.title, *page.aliases]
        for s in page.sections:
            if s.title and s.title != page.title:
                parts.append(s.title)
            parts.extend(b.text for b in s.blocks)
        text = fold("\n".join(parts))
        keys: Counter = Counter()
        for run in re.findall(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+", text):
            keys.update(run[i : i + 2] for i in range(len(run) - 1))
        for tok in re.findall(r"[a-z0-9]+", text):
            if len(tok) > 1 or tok.isdigit():
                keys[tok] += 1
        for k, n in keys.items():
            counts.setdefault(k, {})[doc] = n
    lengths: Counter = Counter()
    for per_page in counts.values():
        for doc, n in per_page.items():
            lengths[doc] += n
    pivot = length_pivot(sum(lengths.values()) / len(pages))
    return {k: {d: int(weight_level(n, lengths[d], pivot)) for d, n in per_page.items()} for k, per_page in counts.items()}


def test_weight_levels_follow_bm25():
    """More of a term weighs more, a longer page less; a level is never 0 (a posting always
    counts) and the pivot moves only when the average length moves by a half power of 2."""
    assert weight_level(1, 100, 100.0) < weight_level(2, 100, 100.0) < weight_level(20, 100, 100.0) <= 31
    assert weight_level(1, 50, 100.0) > weight_level(1, 100, 100.0) > weight_level(1, 400, 100.0)
    assert weight_level(1, 10**7, 100.0) == 1
    assert length_pivot(1000) == length_pivot(1100) and length_pivot(1000) != length_pivot(1600)


def test_postings_match_a_naive_count(tmp_path):
    pages = make_pages()
    stats = write_index(pages, tmp_path, ["两不误"])
    base = load_script(tmp_path / "search/zh/base.js")
    nshards = base["pshards"]
    assert nshards == stats["shards"]["postings"]
    got: dict[str, dict[int, int]] = {}
    for path in (tmp_path / "search/zh/p").glob("*.js"):
        shard = int(path.stem)
        for key, code in load_script(path).items():
            assert bucket_of(key, nshards) == shard
            nums = dec(code)
            doc = 0
            for i in range(0, len(nums), 2):
                doc += nums[i]
                got.setdefault(key, {})[doc] = nums[i + 1]
    assert got == naive_postings(pages)
    assert "gdp" in got and "2005" in got and "两不" in got


def _postings(root) -> dict[str, dict[int, int]]:
    base = load_script(root / "search/zh/base.js")
    got: dict[str, dict[int, int]] = {}
    for path in (root / "search/zh/p").glob("*.js"):
        assert len(list((root / "search/zh/p").glob("*.js"))) == base["pshards"]
        for key, code in load_script(path).items():
            nums, doc = dec(code), 0
            for i in range(0, len(nums), 2):
                doc += nums[i]
                got.setdefault(key, {})[doc] = nums[i + 1]
    return got


def test_output_does_not_depend_on_reading_in_passes(tmp_path):
    """write_index reads the corpus a pass at a time (memory): one page per pass, or all
    at once, gives the same bytes; a bigram repeated more often than the packed term
    frequency holds (4,095) keeps its count."""
    pages = make_pages() + [
        page_from_html("sources/long.html", "长文", "document", f"<p id='p-9'>{'两不误' * 5000}三个代表 gdp</p>"),
        page_from_html("sources/b.html", "乙", "document", "<p>三个代表和两不误。2006年 gdp</p>"),
    ]
    whole, passes = tmp_path / "whole", tmp_path / "passes"
    write_index(pages, whole, ["两不误"], chunk_chars=10**9)
    write_index(pages, passes, ["两不误"], chunk_chars=1)
    files = sorted(p.relative_to(whole) for p in whole.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(passes) for p in passes.rglob("*") if p.is_file())
    assert all((whole / f).read_bytes() == (passes / f).read_bytes() for f in files)
    got = _postings(whole)
    assert got == naive_postings(pages)
    long_doc = [p.url for p in sorted(pages, key=lambda p: p.url)].index("sources/long.html")
    assert got["两不"][long_doc] > got["三个"][long_doc]  # 5,000 times against once


def test_output_does_not_depend_on_the_processes_reading(tmp_path, monkeypatch):
    """Forked workers read runs of pages (each run's postings in its own spool): the same
    bytes as one process, big term frequencies and latin tokens included."""
    from sitegen.search import index

    pages = make_pages() + [
        page_from_html(f"sources/d{i}.html", f"文件{i}", "document",
                       f"<p>{'两不误' * (5000 if i == 3 else 1)}三个代表 gdp{i % 3} 200{i}年</p>") for i in range(9)]
    one, two = tmp_path / "one", tmp_path / "two"
    write_index(pages, one, ["两不误"], chunk_chars=40)
    monkeypatch.setattr(index, "_SCAN_FORKED_FROM", 1)
    monkeypatch.setattr(index, "_FORKED_FILES_FROM", 1)  # (and write the files, packing them)
    write_index(pages, two, ["两不误"], chunk_chars=40, workers=2)
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())  # (no spool left)
    assert all((one / f).read_bytes() == (two / f).read_bytes() for f in files)
    assert _postings(two) == naive_postings(pages)


def test_base_and_pinyin_shards(tmp_path):
    stats = write_index(make_pages(), tmp_path, ["两不误"], {"长效机制": "chang xiao ji zhi"})
    base = load_script(tmp_path / "search/zh/base.js")
    # only the pages about a thing are in base, with their page numbers in url order
    urls = sorted(p.url for p in make_pages())
    assert [p[:2] for p in base["pages"]] == [[urls.index(u), u] for u in ("glossary/term-three.html", "phases/phase-study.html")]
    assert base["npages"] == 4
    term = base["pages"][0]
    assert base["kinds"][term[3]] == "term" and term[4][0][:2] == ["三个代表", "san ge dai biao"]
    assert "三" in base["syl"]["san"] and "个" in base["syl"]["ge"]
    assert dict(zip(*base["t2s"]))["個"] == "个"
    # the bigram 三个 is filed under s+g with its corpus count
    sg = load_script(tmp_path / "search/zh/v/sg.js")
    group = [g for g in sg.split(" ") if g.startswith("三")][0]
    assert group[1] == "个" and dec(group[2:]) == [3]
    assert stats["first_load_bytes"] == (tmp_path / "search/zh/base.js").stat().st_size
    assert stats["files"] == len([p for p in (tmp_path / "search").rglob("*") if p.is_file()])


def test_page_texts_keep_their_script_and_anchors(tmp_path):
    write_index(make_pages(), tmp_path, [])
    doc = sorted(p.url for p in make_pages()).index("sources/a.html")
    data = load_script(tmp_path / f"search/zh/d/{doc}.js")
    assert "u" not in data  # (the page table has it)
    assert data["s"][-1][0] == "s" and data["s"][-1][3] == [["p-3", "三個代表，長效機制，兩不誤。"]]


def test_page_table_and_title_shards(tmp_path):
    """Pages not about a thing are out of base: their url, title and kind in the page table
    (t/, TABLE_PAGES a shard), their title bigrams in h/ with first position and length."""
    docs = [page_from_html(f"sources/{n:03}.html", f"关于学习{n}的通知", "document", "<p>学习</p>") for n in range(TABLE_PAGES + 3)]
    docs.append(page_from_html("sources/zz.html", "通知", "document", "<p>x</p>"))
    pages = sorted(make_pages() + docs, key=lambda p: p.url)
    write_index(pages, tmp_path, [])
    base = load_script(tmp_path / "search/zh/base.js")
    assert base["table"] == TABLE_PAGES and base["npages"] == len(pages)
    tables = sorted((tmp_path / "search/zh/t").glob("*.js"), key=lambda p: int(p.stem))
    rows = [row for path in tables for row in load_script(path)]
    assert len(tables) == -(-len(pages) // TABLE_PAGES)
    assert rows == [[p.url, p.title, base["kinds"].index(p.kind)] for p in pages]
    titles: dict[str, dict[int, list[int]]] = {}
    for path in (tmp_path / "search/zh/h").glob("*.js"):
        for key, code in load_script(path).items():
            assert bucket_of(key, base["hshards"]) == int(path.stem)
            nums, doc = dec(code), 0
            for i in range(0, len(nums), 3):
                doc += nums[i]
                titles.setdefault(key, {})[doc] = nums[i + 1 : i + 3]
    urls = [p.url for p in pages]
    assert titles["通知"][urls.index("sources/zz.html")] == [0, 2]
    assert titles["通知"][urls.index("sources/000.html")] == [6, 8]  # 关于学习0的通知
    assert titles["会议"][urls.index("sources/a.html")] == [0, 4]  # 會議紀要, folded
    assert urls.index("glossary/term-three.html") not in titles.get("三个", {})  # matched on its names


def test_material_stubs(tmp_path):
    write_index(make_pages(), tmp_path, [])
    stub = json.loads((tmp_path / "search/search_index.json").read_text())
    assert stub["docs"] == []
    assert (tmp_path / "search/search_index.js").read_text().startswith("var __index = {")


def test_pages_packed_before_give_the_same_index(tmp_path):
    """A document page's text comes packed (after the site's dictionary, its hashed anchors
    as bytes): the index is the same as from the page as read."""
    packer = text_packer(["三个代表重要思想", "两不误、两促进", "长效机制"])
    pages = make_pages() + [page_from_html(
        "sources/b.html", "通知", "document",
        "<h2 id='h-0123abcd'>一、总体要求</h2><p id='p-f154ee32'>三个代表，长效机制。</p><p>无锚的段落</p>"
        "<p id='p-f154ee32-2'>三个代表，长效机制。</p><p id='chu-chu'>两不误、两促进。</p>")]
    a, b = tmp_path / "a", tmp_path / "b"
    write_index(pages, a, ["两不误"], texts=packer)
    write_index([p.packed(packer=packer) for p in pages], b, ["两不误"], texts=packer)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for rel in files:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
    doc = sorted(p.url for p in pages).index("sources/b.html")
    assert load_script(b / f"search/zh/d/{doc}.js") == text_record(pages[-1])


def test_output_is_deterministic_and_stale_files_go(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write_index(make_pages(), a, ["两不误"])
    (b / "search/zh/p").mkdir(parents=True)
    (b / "search/zh/p/9999.js").write_text("stale")
    write_index(list(reversed(make_pages())), b, ["两不误"])
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_typed_pages_with_one_title_share_aliases(tmp_path):
    pages = [
        page_from_html("phases/p.html", "学习动员阶段", "phase", "<p>x</p>"),
        page_from_html("glossary/t.html", "学习动员阶段", "term", "<p>x</p>", aliases=["学习动员"]),
    ]
    write_index(pages, tmp_path, [])
    base = load_script(tmp_path / "search/zh/base.js")
    names = {p[1]: [n[0] for n in p[4]] for p in base["pages"]}
    assert names["phases/p.html"] == ["学习动员阶段", "学习动员"]


def test_empty_site(tmp_path):
    stats = write_index([], tmp_path, [])
    assert stats["pages"] == 0 and (tmp_path / "search/zh/base.js").exists()


def test_duplicate_urls_are_an_error(tmp_path):
    p = page_from_html("a.html", "甲", "page", "<p>甲乙</p>")
    with pytest.raises(ValueError):
        write_index([p, p], tmp_path, [])


def test_a_rebuild_with_the_same_titles_does_not_segment_them_again(tmp_path, monkeypatch):
    from sitegen.search import index

    memo = MemoryMemo()
    first, second = tmp_path / "first", tmp_path / "second"
    write_index(make_pages(), first, ["两不误"], {"长效机制": "chang xiao ji zhi"}, memo=memo)
    assert len(memo.now) == 1

    def no_jieba(text):
        raise AssertionError(f"segmented again: {text}")

    monkeypatch.setattr(index, "word_starts", no_jieba)
    write_index(make_pages(), second, ["两不误"], {"长效机制": "chang xiao ji zhi"}, memo=memo)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files and all((first / f).read_bytes() == (second / f).read_bytes() for f in files)

    with pytest.raises(AssertionError, match="segmented again"):  # another dictionary: segmented afresh
        write_index(make_pages(), tmp_path / "third", ["两不误", "三个代表"], {"长效机制": "chang xiao ji zhi"}, memo=memo)


# --- long lists: a head in the shard, the rest in tails (impact.py) ----------------------------


def _read_cut(root: Path, shards: str, tails: str, width: int) -> tuple[dict, dict]:
    """key -> full list of entries (page, *fields) read from heads and tails, and key ->
    (head entries, bound) for the keys cut."""
    full: dict[str, list[tuple]] = {}
    cut: dict[str, tuple] = {}

    def entries(code: str) -> list[tuple]:
        nums, doc, out = dec(code), 0, []
        for i in range(0, len(nums), width):
            doc += nums[i]
            out.append((doc, *nums[i + 1 : i + width]))
        return out

    for path in (root / "search/zh" / shards).glob("*.js"):
        for key, code in load_script(path).items():
            head, _, mark = code.partition(".")
            full[key] = entries(head)
            if mark:
                count, *bound, chunks = dec(mark)
                tail = [e for c in range(chunks) for e in entries(load_script(root / f"search/zh/{tails}/{impact.tail_name(key)}-{c}.js"))]
                cut[key] = (full[key], tuple(bound), count, tail)
                full[key] = sorted(full[key] + tail)
                assert len(full[key]) == count
    return full, cut


def _cut_corpus() -> list[SearchPage]:
    """Forty pages that all say 整改 and gdp (more often on some), and 整改 in many titles."""
    pages = []
    for n in range(40):
        title = ("整改" if n % 3 else "关于整改") + "方案" * (n % 5)
        body = "整改" * (1 + n % 7) + "落实" + " gdp" * (1 + n % 4) + ("，" + "其他内容" * (n % 9))
        pages.append(page_from_html(f"sources/{n:03}.html", title, "document", f"<p id='p-{n}'>{body}</p>"))
    return sorted(pages, key=lambda p: p.url)


def test_long_lists_keep_their_best_in_the_shard(tmp_path):
    """A key on more pages than the head holds keeps its best postings in its shard (by
    weight level, then page) and the rest in tails: together the whole list, and no page of
    a tail better than the bound the head names (at the bound, a later page)."""
    pages = _cut_corpus()
    small, whole = tmp_path / "small", tmp_path / "whole"
    stats = write_index(pages, small, [], head_postings=4, head_titles=3)
    write_index(pages, whole, [])
    full, cut = _read_cut(small, "p", "pt", 2)
    assert {"整改", "gdp", "落实"} <= set(cut)
    assert full == {k: sorted(v.items()) for k, v in naive_postings(pages).items()}
    for key, (head, (level, doc), count, tail) in cut.items():
        assert len(head) == 4 and count == len(head) + len(tail)
        assert (doc, level) in head and all(lv >= level for _, lv in head)
        assert all(lv < level or (lv == level and d > doc) for d, lv in tail), key
    assert stats["shards"]["tails_bytes"] > 0
    assert _read_cut(whole, "p", "pt", 2)[1] == {}


def test_long_title_lists_keep_titles_that_start_with_the_pair_and_are_short(tmp_path):
    pages = _cut_corpus()
    write_index(pages, tmp_path, [], head_postings=4, head_titles=3)
    full, cut = _read_cut(tmp_path, "h", "ht", 3)
    assert "整改" in cut and "方案" in cut
    for key, (head, (flag, length, doc), count, tail) in cut.items():
        assert len(head) == 3
        best = lambda e: (e[1] != 0, e[2])  # noqa: E731
        assert (flag, length) == best([e for e in head if e[0] == doc][0])
        assert all(best(e) > (flag, length) or (best(e) == (flag, length) and e[0] > doc) for e in tail), key
    expect: dict[str, set[int]] = {}
    for doc, page in enumerate(pages):
        for i in range(len(page.title) - 1):
            expect.setdefault(page.title[i : i + 2], set()).add(doc)
    assert {k: {e[0] for e in v} for k, v in full.items()} == expect


def test_cut_output_is_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write_index(_cut_corpus(), a, [], head_postings=4, head_titles=3)
    write_index(list(reversed(_cut_corpus())), b, [], head_postings=4, head_titles=3, chunk_chars=1)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
