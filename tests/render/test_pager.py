"""Lists that grow with the corpus are split over pages (render/pager.py)."""
import re
from types import SimpleNamespace

from sitegen.build import generate
from sitegen.render.documents import sources_index
from sitegen.render.pager import page_paths, pager
from sitegen.render.report import report_page
from sitetools import ROOT


def test_page_paths():
    assert page_paths("sources/index.md", 0, 200) == ["sources/index.md"]
    assert page_paths("sources/index.md", 200, 200) == ["sources/index.md"]
    assert page_paths("sources/index.md", 201, 200) == ["sources/index.md", "sources/index-2.md"]
    assert page_paths("report.md", 450, 200) == ["report.md", "report-2.md", "report-3.md"]


def test_pager_links_every_page_and_marks_the_current_one():
    paths = page_paths("sources/index.md", 5, 2)
    html = pager(paths, 1, ["a", "b", "c"])
    assert 'href="index.html" rel="prev"' in html and 'href="index-3.html" rel="next"' in html
    assert '<strong aria-current="page" title="b">2</strong>' in html
    assert pager(["sources/index.md"], 0) == ""


def _docs(n):
    return [
        SimpleNamespace(id=f"d{i:03d}", title=f"文件{i}", date=f"2005-{1 + i % 12:02d}-01", title_derived=False,
                        meta={}, layout="plain", paragraphs=[1], paragraph_count=lambda: 1, filename=f"d{i}.txt", removed=[],
                        date_source="dateline")
        for i in range(n)
    ]


def test_sources_index_lists_every_document_once_over_its_pages():
    docs = _docs(45)
    pages = sources_index(docs, per_page=10)
    assert list(pages) == ["sources/index.md"] + [f"sources/index-{n}.md" for n in range(2, 6)]
    listed = [href for md in pages.values() for href in re.findall(r'<td><a href="([^"]+)">', md)]
    assert sorted(listed) == sorted(f"d{i:03d}.html" for i in range(45))
    dates = [d for md in pages.values() for d in re.findall(r"</a></td><td>([0-9-]+)</td>", md)]
    assert dates == sorted(dates)  # by date, across pages
    assert "本页为第 41–45 份" in pages["sources/index-5.md"]
    assert all(md.count('<nav class="pager"') == 2 for md in pages.values())
    assert max(len(md) for md in pages.values()) < 2 * min(len(md) for md in list(pages.values())[:-1])


def test_report_pages_keep_every_warning_and_removal():
    generated = generate(ROOT)
    single = report_page(generated.documents, generated.problems, generated.campaign)
    assert list(single) == ["report.md"]
    paged = report_page(generated.documents, generated.problems, generated.campaign, per_page=3)
    assert len(paged) > 2
    cells = lambda md: re.findall(r"<code>([^<]+)</code>", md)  # noqa: E731 (warnings and removal locations)
    assert [c for md in paged.values() for c in cells(md)] == cells(single["report.md"])
    assert "## 警告 {#warnings}" in paged["report.md"] and "## 导入时移除的内容" in paged["report.md"]
