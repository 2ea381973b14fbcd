"""Scale: 2,000 synthetic documents of about 15 KB of Chinese text each.

- reading the pages and writing the index stays well under 20 s of CPU;
- the first-load file stays well under 1 MB;
- in the browser, over http, a first query on a fresh page transfers <= 1 MB (the search
  files: worker, base, shards, page texts) and shows its first result within 500 ms.
"""
from __future__ import annotations

import os
import shutil
import time

import pytest

import synth
from conftest import write_report
from searchtools import Traffic, open_search
from sitegen.search import page_from_html, write_index
from sitetools import serve

N = 2000
LIMIT_MS = 500
QUERIES = ["三个代表", "先进性教育活动", "sangedaibiao", "sgdb", "三个db", "xianjinx", "张德江同志", "召开全省保持共产党员"]


@pytest.fixture(scope="module")
def scale(tmp_path_factory):
    # The glossary page of the dictionary's term: letters that read only as initials (sgdb,
    # 三个db) are matched against names, so the corpus has one to match.
    docs = synth.corpus(N) + [("glossary/three-represents.html", "三个代表", "term", "<p>三个代表重要思想。</p>")]
    started_cpu, started = time.process_time(), time.perf_counter()
    pages = [page_from_html(*doc) for doc in docs]
    out = tmp_path_factory.mktemp("scale-index")
    stats = write_index(pages, out, ["两不误", "三个代表"])
    cpu, wall = time.process_time() - started_cpu, time.perf_counter() - started
    return {"stats": stats, "cpu": cpu, "wall": wall, "dir": out, "text_bytes": sum(len(d[3].encode()) for d in docs)}


def test_index_2000_documents_quickly(scale):
    stats = scale["stats"]
    text = (
        f"index of {N} documents ({scale['text_bytes'] / N / 1000:.1f} KB of HTML each): "
        f"{scale['cpu']:.1f} s CPU ({scale['wall']:.1f} s wall), {stats['files']} files, "
        f"{stats['bytes'] / 1e6:.1f} MB; first load {stats['first_load_bytes'] / 1000:.0f} KB; "
        f"largest posting shard {stats['max_postings_shard'] / 1000:.1f} KB, "
        f"largest pinyin shard {stats['max_pinyin_shard'] / 1000:.1f} KB"
    )
    write_report("scale-index", text)
    assert stats["pages"] == N + 1
    assert scale["cpu"] < 20, text
    assert stats["first_load_bytes"] < 400_000, text
    assert stats["max_postings_shard"] < 64_000 and stats["max_pinyin_shard"] < 128_000, text


def measure(browser, root: str, query: str) -> tuple[float, int, str]:
    """One query on a fresh page (empty cache): ms from the key release that completes the
    query to the first result in the list (measured in the page, so Playwright's own round
    trips do not count), bytes of search files transferred (worker, base, shards, texts)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        traffic = Traffic(root.split("/big/")[0])
        traffic.attach(page)
        open_search(page, root + "index.html")
        page.evaluate("""() => {
          window.__zhKey = 0; window.__zhFirst = 0;
          document.querySelector('input.md-search__input').addEventListener('keyup', () => { window.__zhKey = performance.now(); });
          new MutationObserver(() => {
            if (!window.__zhFirst && document.querySelector('.md-search-result__item')) window.__zhFirst = performance.now();
          }).observe(document.querySelector('.md-search-result'), {childList: true, subtree: true});
        }""")
        box = page.locator("input.md-search__input")
        box.fill(query)
        box.press("End")  # the key release Material listens to
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        ms = page.evaluate("() => window.__zhFirst - window.__zhKey")
        page.wait_for_timeout(400)  # snippets: the texts of the top pages load after
        sent = sum(size for url, size in traffic.bytes_by_url.items() if "/search/" in url or "/workers/" in url)
        first = page.locator(".md-search-result__item a").first.get_attribute("href")
        assert not traffic.foreign, traffic.foreign
        return ms, sent, first.split("/big/site/")[-1]
    finally:
        context.close()


@pytest.mark.browser
def test_first_query_is_small_and_fast(scale, fixture_site, browser, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    shutil.rmtree(site / "search")
    shutil.copytree(scale["dir"] / "search", site / "search")
    # This machine is shared (2 cores, tests in parallel): each query runs twice on a fresh
    # page and the faster run counts; the load average is reported next to the times.
    load = os.getloadavg()[0]
    lines, failures = [], []
    with serve(site, "/big/site/") as root:
        for query in QUERIES:
            runs = [measure(browser, root, query) for _ in range(2)]
            ms = min(r[0] for r in runs)
            sent = max(r[1] for r in runs)
            lines.append(f"  {query:14s} {ms:6.0f} ms  {sent / 1000:7.1f} KB  -> {runs[0][2]}")
            if ms > LIMIT_MS or sent > 1_000_000:
                failures.append(query)
    text = (f"first query on a fresh page, {N} documents, http (load average {load:.1f} "
            f"on {os.cpu_count()} cores):\n" + "\n".join(lines))
    write_report("scale-browser", text)
    assert not failures, text
