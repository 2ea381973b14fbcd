"""What waits between stages is packed, and with a spool on disk: the same blocks and texts come back."""
import pickle

import pytest

from sitegen.ingest.document import Block, PackedBlocks
from sitegen.packing import Spool
from sitegen.search.packed import NO_DICTIONARY
from sitegen.search.page import SearchPage, Section
from sitegen.search.page import Block as SearchBlock

BLOCKS = [Block("heading", "一、总体要求", 3, 1, "zong-ti"), Block("paragraph", "学习动员阶段要抓好“八个一”。\x85", 5, anchor="p-1")]


def test_blocks_come_back_from_memory_and_from_a_spool(tmp_path):
    spool = Spool(tmp_path)
    for packed in (PackedBlocks(BLOCKS), PackedBlocks(BLOCKS, spool), PackedBlocks(BLOCKS).spooled(spool)):
        assert list(packed) == BLOCKS and len(packed) == 2 and packed[1] == BLOCKS[1]
        assert packed == BLOCKS and packed.index(BLOCKS[1]) == 1
        assert list(pickle.loads(pickle.dumps(packed))) == BLOCKS  # (the ingest cache stores the bytes)
        assert packed.paragraph_count() == pickle.loads(pickle.dumps(packed)).paragraph_count() == 1
    assert len(spool.read(0, 10)) == 10, "the spool holds them"
    assert list(tmp_path.iterdir()) == [], "the spool's file has no name"


def test_search_text_packed_in_a_spool_is_the_same(tmp_path):
    page = SearchPage("a.html", "标题", "document", (Section("", "标题", 1, (SearchBlock("p-1", "正文一段"),)),))
    kept = page.packed(Spool(tmp_path), NO_DICTIONARY)
    assert kept.sections == () and kept.packed_texts == page.packed(packer=NO_DICTIONARY).texts
    assert kept == page.packed(packer=NO_DICTIONARY) and kept.packed() is kept
    with pytest.raises(ValueError, match="a.html"):  # (packed by which packer: the caller says)
        page.packed()
