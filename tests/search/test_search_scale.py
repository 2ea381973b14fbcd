"""Scale: 2,000 synthetic documents of about 15 KB of Chinese text each.

- reading the pages and writing the index stays well under 20 s of CPU;
- the first-load file stays well under 1 MB;
- in the browser, over http, a first query on a fresh page transfers <= 1 MB (the search
  files: worker, base, shards, page texts) and shows its first result within 500 ms;
- long lists cut to small heads (impact.py) give the same results as whole lists.
"""
from __future__ import annotations

import os
import shutil
import time

import pytest

import synth
from searchtools import Traffic, open_search, site_path, type_query, write_report
from sitegen.search import page_from_html, write_index
from sitegen.search.impact import tail_name
from sitetools import serve

N = 2000
LIMIT_MS = 500
QUERIES = ["三个代表", "先进性教育活动", "sangedaibiao", "sgdb", "三个db", "xianjinx", "张德江同志", "召开全省保持共产党员"]


def scale_docs():
    # The glossary page of the dictionary's term: letters that read only as initials (sgdb,
    # 三个db) are matched against names, so the corpus has one to match.
    return synth.corpus(N) + [("glossary/three-represents.html", "三个代表", "term", "<p>三个代表重要思想。</p>")]


@pytest.fixture(scope="module")
def scale(tmp_path_factory):
    docs = scale_docs()
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


# Queries whose pairs are on most pages or in most titles (every title ends 工作会议纪要<n>).
COMMON = ["工作", "会议纪要", "工作会议", "要求", "同志", "加强学习", "发展", "gongzuo", "三个代表 工作", "调研"]


def all_results(page, query: str) -> tuple[list[str], str]:
    """Every result of a query (Material shows more as the list scrolls) and the count line."""
    type_query(page, query)
    items = page.locator(".md-search-result__item > a")
    seen = -1
    while items.count() != seen:
        seen = items.count()
        # Material renders 4 more each time the list's end comes into view (it must leave first)
        wrap = page.locator(".md-search__scrollwrap")
        wrap.evaluate("el => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); }")
        page.wait_for_timeout(60)
        wrap.evaluate("el => { el.scrollTop = el.scrollHeight; el.dispatchEvent(new Event('scroll')); }")
        page.wait_for_timeout(120)
    hrefs = [site_path(h, page.url) for h in items.evaluate_all("els => els.map(a => a.href)")]
    return hrefs, page.locator(".md-search-result__meta").inner_text().strip()


@pytest.mark.browser
def test_cut_lists_give_the_results_of_whole_lists(scale, fixture_site, browser, tmp_path):
    """The index of the same 2,000 documents with heads of 64 postings and 16 titles, and
    with the default heads, answers every query as the index with whole lists does; the
    tails (pt/, ht/) load for some queries only."""
    pages = [page_from_html(*doc) for doc in scale_docs()]
    builds = {"whole": dict(head_postings=10**9, head_titles=10**9), "small": dict(head_postings=64, head_titles=16)}
    sites = {"default": scale["dir"]}
    for name, heads in builds.items():
        sites[name] = tmp_path / f"index-{name}"
        write_index(pages, sites[name], ["两不误", "三个代表"], **heads)
    answers, tails = {}, {}
    for name, index in sites.items():
        site = tmp_path / name / "site"
        shutil.copytree(fixture_site, site)
        shutil.rmtree(site / "search")
        shutil.copytree(index / "search", site / "search")
        with serve(site, f"/big/{name}/") as root:
            context = browser.new_context()
            page = context.new_page()
            traffic = Traffic(root.split("/big/")[0])
            traffic.attach(page)
            open_search(page, root + "index.html")
            for query in QUERIES + COMMON:
                before = len(traffic.urls)
                answers[name, query] = all_results(page, query)
                tails[name, query] = any("/pt/" in u or "/ht/" in u for u in traffic.urls[before:])
            context.close()
    assert not any(tails["whole", q] for q in QUERIES + COMMON)
    lines = [f"  {q:12s} {len(answers['whole', q][0]):3d} results ({answers['whole', q][1]}); tails loaded: "
             f"default {tails['default', q]}, small {tails['small', q]}" for q in QUERIES + COMMON]
    text = "cut lists against whole lists, 2,000 documents:\n" + "\n".join(lines)
    write_report("scale-cut", text)
    for query in QUERIES + COMMON:
        assert answers["whole", query][0], query
        assert answers["small", query] == answers["whole", query], (query, text)
        assert answers["default", query] == answers["whole", query], (query, text)
    # The heads decide some queries of one common pair (whose lists are cut) by themselves,
    # and are not trusted blindly: other queries need their tails.
    decided = [q for q in ("要求", "同志", "发展", "调研") if not tails["small", q]]
    assert decided, text
    assert all((sites["small"] / f"search/zh/pt/{tail_name(q)}-0.js").exists() for q in decided)
    assert any(tails["small", q] for q in COMMON), text
