"""Lists that grow with the corpus (the sources index, the build report's removals)
split over numbered pages, so no page's weight grows with the number of documents."""
from __future__ import annotations

from .html import esc
from .paths import rel

PER_PAGE = 200  # rows a page: a 2,000-document index is 10 pages of about 60 KB


def page_paths(first: str, rows: int, per_page: int = PER_PAGE) -> list[str]:
    """'sources/index.md', 450 rows -> ['sources/index.md', 'sources/index-2.md', 'sources/index-3.md']."""
    stem = first[: -len(".md")]
    count = max(1, -(-rows // per_page))
    return [first] + [f"{stem}-{n}.md" for n in range(2, count + 1)]


def pager(paths: list[str], current: int, labels: list[str] | None = None) -> str:
    """Links to every page of a list (few: a page holds PER_PAGE rows), the current one
    marked; `labels` (e.g. the date range of each page) become the links' tooltips."""
    if len(paths) < 2:
        return ""
    here = paths[current]
    items = []
    if current > 0:
        items.append(f'<a href="{esc(rel(here, paths[current - 1]))}" rel="prev">上一页</a>')
    for n, path in enumerate(paths):
        title = f' title="{esc(labels[n])}"' if labels and labels[n] else ""
        if n == current:
            items.append(f'<strong aria-current="page"{title}>{n + 1}</strong>')
        else:
            items.append(f'<a href="{esc(rel(here, path))}"{title}>{n + 1}</a>')
    if current < len(paths) - 1:
        items.append(f'<a href="{esc(rel(here, paths[current + 1]))}" rel="next">下一页</a>')
    return f'<nav class="pager" aria-label="分页">{" ".join(items)}</nav>\n\n'


def page_title(title: str, current: int) -> str:
    return title if current == 0 else f"{title}（第 {current + 1} 页）"


def row_range(current: int, total: int, per_page: int = PER_PAGE) -> tuple[int, int]:
    """1-based first and last row number shown on page `current`."""
    return current * per_page + 1, min(total, (current + 1) * per_page)
