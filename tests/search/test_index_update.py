"""An edit updates the search index from the earlier one (search/update.py): the files
are the same bytes as a whole index of the same pages, and anything the record does not
cover makes the index whole instead."""
from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

import synth
from sitegen.search import index as ix
from sitegen.search import page_from_html, update, write_index
from sitegen.search.encode import dec, dec_many, enc

DICTIONARY = ["两不误", "三个代表"]
HEADS = {"head_postings": 16, "head_titles": 8}  # small heads: many lists are cut, with tails


def _docs(n: int = 60) -> list[tuple]:
    return synth.corpus(n) + [("glossary/three-represents.html", "三个代表", "term", "<p>三个代表重要思想。</p>")]


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _edit(docs: list[tuple], at: int, change) -> list[tuple]:
    url, title, kind, html = docs[at]
    return [*docs[:at], (url, title, kind, change(html)), *docs[at + 1:]]


def _build(docs, out: Path, state: Path | None = None, earlier: Path | None = None) -> dict:
    return write_index([page_from_html(*d) for d in docs], out, DICTIONARY, state_file=state, earlier=earlier, **HEADS)


def _same_as_whole(docs, updated: Path, tmp_path: Path) -> None:
    whole = tmp_path / "whole"
    _build(docs, whole)
    mine, theirs = _files(updated), _files(whole)
    assert sorted(mine) == sorted(theirs)
    different = [name for name in theirs if mine[name] != theirs[name]]
    assert not different, different[:5]


@pytest.fixture(scope="module")
def small_tails():
    """Tail chunks of 16 postings: lists of a hundred pages have several chunks."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ix, "TAIL_POSTINGS", 16)
        patch.setattr(update, "TAIL_POSTINGS", 16)
        yield


@pytest.fixture(scope="module")
def earlier(small_tails, tmp_path_factory):
    """An index of _docs() and its record, for each edit to update."""
    root = tmp_path_factory.mktemp("earlier")
    _build(_docs(), root / "site", root / "state.pickle")
    return root / "site", (root / "state.pickle").read_bytes()


EDITS = {
    "a character new to the corpus": lambda h: h.replace("</p>", "龘龘。</p>", 1),
    "sentence added": lambda h: h.replace("</p>", "整改措施落实到位，abc 2006 年。</p>", 1),
    "half cut away": lambda h: h[:len(h) // 2] + "</p>",
    "paragraph dropped": lambda h: h.replace("<p>", "<p hidden>", 1).split("<p hidden>")[0] + "<p>短。</p>",
    "one word changed": lambda h: h.replace("党员", "干部", 1),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_edit_gives_the_bytes_of_a_whole_index(edit, tmp_path, earlier):
    site, record = earlier
    state = tmp_path / "state.pickle"
    state.write_bytes(record)
    edited = _edit(_docs(), 7, EDITS[edit])
    stats = _build(edited, tmp_path / "b", state, earlier=site)
    assert stats["updated"]["pages"] == 1
    _same_as_whole(edited, tmp_path / "b", tmp_path)


def test_random_edits_of_several_pages_one_after_another(tmp_path, small_tails):
    """Each build updates the one before it, in place as `mkdocs serve` does."""
    rnd = random.Random(2005)
    docs = _docs(40)
    state, site = tmp_path / "state.pickle", tmp_path / "site"
    _build(docs, site, state)
    for round_ in range(3):
        for at in rnd.sample(range(len(docs) - 1), 3):
            docs = _edit(docs, at, EDITS[rnd.choice(sorted(EDITS))])
        stats = _build(docs, site, state, earlier=site)
        assert stats.get("updated", {}).get("pages") == 3, round_
    _same_as_whole(docs, site, tmp_path)


def test_the_earlier_index_is_left_as_it_was(tmp_path):
    docs = _docs(20)
    state = tmp_path / "state.pickle"
    _build(docs, tmp_path / "a", state)
    before = _files(tmp_path / "a")
    stats = _build(_edit(docs, 3, EDITS["sentence added"]), tmp_path / "b", state, earlier=tmp_path / "a")
    assert stats["updated"]
    assert _files(tmp_path / "a") == before  # (its files are linked, never written through)


def _whole_after(tmp_path: Path, docs, edited, spoil=lambda earlier: None) -> dict:
    state = tmp_path / "state.pickle"
    _build(docs, tmp_path / "a", state)
    spoil(tmp_path / "a")
    stats = _build(edited, tmp_path / "b", state, earlier=tmp_path / "a")
    _same_as_whole(edited, tmp_path / "b", tmp_path)
    return stats


def _touch_a_shard(earlier: Path) -> None:
    shard = earlier / ix.INDEX_DIR / "p" / "0.js"
    os.utime(shard, ns=(1, 1))


def test_what_the_record_does_not_cover_makes_the_index_whole(tmp_path):
    docs = _docs(20)
    cases = {
        "page added": docs + [("sources/new.html", "新文件", "document", "<p>新增的文件。</p>")],
        "page retitled": [(u, t + "（修订）" if i == 3 else t, k, h) for i, (u, t, k, h) in enumerate(docs)],
        "too many pages": [(u, t, k, h.replace("</p>", "又改。</p>", 1)) for u, t, k, h in docs],
    }
    for name, edited in cases.items():
        stats = _whole_after(tmp_path / name, docs, edited)
        assert "updated" not in stats, name
    stats = _whole_after(tmp_path / "touched", docs, _edit(docs, 3, EDITS["sentence added"]), _touch_a_shard)
    assert "updated" not in stats, "an earlier file changed since it was written"


def test_no_record_or_another_dictionary_makes_it_whole(tmp_path):
    docs = _docs(30)
    state = tmp_path / "state.pickle"
    _build(docs, tmp_path / "a", state)
    pages = [page_from_html(*d) for d in docs]
    stats = write_index(pages, tmp_path / "b", ["两不误"], state_file=state, earlier=tmp_path / "a", **HEADS)
    assert "updated" not in stats
    state.write_bytes(b"not a record")
    assert "updated" not in _build(docs, tmp_path / "c", state, earlier=tmp_path / "b")
    assert "updated" in _build(docs, tmp_path / "d", state, earlier=tmp_path / "c")  # (the record it left)


def test_numbers_decode_with_numpy_as_in_python():
    rnd = random.Random(7)
    for _ in range(200):
        numbers = [rnd.choice([0, 1, 31, 32, 1023, 1024, 10 ** 6, rnd.randrange(10 ** 7)]) for _ in range(rnd.randrange(50))]
        text = "".join(map(enc, numbers))
        assert dec_many(text).tolist() == numbers == dec(text)
    with pytest.raises(ValueError):
        dec_many("w")  # a continuation digit with no last digit


def test_pinyin_shard_text_reads_back():
    counts = {("三", "个"): 40, ("三", "中"): 1, ("个", "代"): 1 << 20}
    assert update._parse_vocab(update.vocab_text(counts)) == counts
