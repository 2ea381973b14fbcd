"""The build report: what ingest removed, warnings, and the model's size.

Nothing the sources say is dropped silently: every removed line is listed
here with its file and line.
"""
from __future__ import annotations

from ..model.campaign import Campaign
from ..problems import Problem
from .common import front_matter, heading
from .html import esc, link
from .pager import PER_PAGE, page_paths, page_title, pager
from .paths import page_of, rel


def report_page(documents: dict, problems: list[Problem], campaign: Campaign, per_page: int = PER_PAGE) -> dict[str, str]:
    """{page path: Markdown}: the counts, then every warning and every removed line,
    `per_page` entries a page (a large corpus has thousands)."""
    warnings = [p for p in problems if p.severity == "warning"]
    entries: list[tuple[str, object]] = [("warnings", w) for w in warnings]
    entries += [("removed", (doc, removed)) for doc in documents.values() for removed in doc.removed]
    paths = page_paths("report.md", len(entries), per_page)
    pages = {}
    for n, page in enumerate(paths):
        title = page_title("构建报告", n)
        out = [front_matter("page", title), heading(1, title)]
        if n == 0:
            counts = {kind: len(campaign.of_kind(kind)) for kind in ("batch", "phase", "step", "role", "checklist", "term")}
            out.append("<p>" + "，".join(f"{esc(k)}：{v}" for k, v in counts.items())
                       + f"，文件：{len(documents)}，引用：{len(campaign.anchors)}。"
                       + f"警告 {len(warnings)} 条，导入时移除 {len(entries) - len(warnings)} 处。</p>\n\n")
        nav = pager(paths, n)
        out.append(nav)
        chunk = entries[n * per_page : (n + 1) * per_page]
        sections = (("warnings", "警告", 0, len(warnings)), ("removed", "导入时移除的内容", len(warnings), len(entries) - len(warnings)))
        for section, label, starts_at, total in sections:
            shown = [item for kind, item in chunk if kind == section]
            if not shown and n > 0:
                continue
            earlier = starts_at < n * per_page  # the section began on an earlier page
            out.append(heading(2, f"{label}（续）" if earlier else label, section))
            if shown:
                out.append(_warning_list(shown) if section == "warnings" else _removed_table(page, shown))
            else:
                out.append("<p>无。</p>\n\n" if not total else "<p>见后面几页。</p>\n\n")
        out.append(nav)
        pages[page] = "".join(out)
    return pages


def _warning_list(warnings: list) -> str:
    return "<ul>" + "".join(f"<li><code>{esc(str(w))}</code></li>" for w in warnings) + "</ul>\n\n"


def _removed_table(page: str, removed: list) -> str:
    rows = []
    for doc, item in removed:
        where = f"data/sources/{doc.filename}:{item.line}"
        rows.append(
            f"<tr><td>{link(rel(page, page_of('document', doc.id)), doc.title)}</td><td><code>{esc(where)}</code></td>"
            f"<td>{esc(item.reason)}</td><td>{esc(item.text)}</td></tr>"
        )
    return ('<div class="removed"><table><thead><tr><th scope="col">文件</th><th scope="col">位置</th><th scope="col">原因</th><th scope="col">内容</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>\n\n")
