"""The worker reads back what packed.py wrote, in Chromium: every code point, after the dictionary."""
from __future__ import annotations

import sys

from sitegen.search import Block, SearchPage, Section, write_index
from sitegen.search.packed import UNSAFE, shared_text, text_packer
from sitegen.search.page import text_record
from sitegen.search.worker import WORKER_PATH, worker_script

# Every BMP code point but surrogates and the controls JSON would escape anyway, and a
# sample of the supplementary planes (GB18030 maps them by arithmetic).
EVERY = "".join(chr(c) for c in [*range(0x20, 0xD800), *range(0xE000, 0x10000), *range(0x10000, 0x110000, 97)])
GLOSSARY = ["整改提高", "两不误、两促进", "坚持“两不误、两促进”，把先进性教育活动同做好本职工作结合起来。"]


def _pages() -> list[SearchPage]:
    chunks = [EVERY[i:i + 4096] for i in range(0, len(EVERY), 4096)]
    every = Section("", "每个字符", 1, tuple(Block(f"p-{i}", text) for i, text in enumerate(chunks)))
    quoted = Section("h-00ff10ab", "整改", 2, (Block("p-0a1b2c3d", "要坚持“两不误、两促进”，整改提高。"),
                                             Block("", "无锚"), Block("p-0a1b2c3d-2", "重复"), Block("x", "别的")))
    bare = Section("", "", 1, (Block("p-", "只有前缀"), Block("p-99999999", "有哈希")))
    return [SearchPage("sources/every.html", "每个字符", "document", (every,)),
            SearchPage("sources/quoted.html", "引文", "document", (quoted,)),
            SearchPage("sources/z.html", "前缀", "document", (bare,))]


def test_the_worker_reads_every_code_point_back(browser, tmp_path):
    assert UNSAFE.search(EVERY)  # (the code points GB18030 would not bring back are in it)
    packer = text_packer(GLOSSARY)
    pages = [p.packed(packer=packer) if p.url.endswith("quoted.html") else p for p in _pages()]
    write_index(pages, tmp_path, [], texts=packer)
    worker = tmp_path / WORKER_PATH
    worker.parent.mkdir(parents=True, exist_ok=True)
    worker.write_text(worker_script(), "utf-8")
    (tmp_path / "index.html").write_text(f'<!doctype html><meta charset="utf-8"><script src="{WORKER_PATH}"></script>', "utf-8")
    page = browser.new_page()
    try:
        page.goto((tmp_path / "index.html").as_uri())  # file://: the files load as script elements
        got = page.evaluate("""async () => [await __zhSearch.load("d/0"), await __zhSearch.load("d/1"),
                                            (await __zhSearch.load("t/0")).length, await __zhSearch.load("d/2")]""")
    finally:
        page.close()
    want = [text_record(p) for p in sorted(_pages(), key=lambda p: p.url)]
    assert got[1] == want[1]  # packed at make time, after the dictionary, its hashes as bytes
    assert got[3] == want[2]  # a bare "p-" anchor: every anchor kept as text
    text = "".join(b[1] for s in got[0]["s"] for b in s[3])
    bad = [hex(ord(a)) for a, b in zip(text, EVERY) if a != b]
    assert len(text) == len(EVERY) and not bad, bad[:20]
    assert got[2] == 3
