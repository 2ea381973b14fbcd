"""The build report: what ingest removed, warnings, and the model's size.

Nothing the sources say is dropped silently: every removed line is listed
here with its file and line.
"""
from __future__ import annotations

from ..model.campaign import Campaign
from ..problems import Problem
from .common import front_matter, heading
from .html import esc, link
from .paths import page_of, rel


def report_page(documents: dict, problems: list[Problem], campaign: Campaign) -> str:
    page = "report.md"
    out = [front_matter("page", "构建报告"), heading(1, "构建报告")]
    counts = {kind: len(campaign.of_kind(kind)) for kind in ("batch", "phase", "step", "role", "checklist", "term")}
    out.append("<p>" + "，".join(f"{esc(k)}：{n}" for k, n in counts.items()) + f"，文件：{len(documents)}，引用：{len(campaign.anchors)}。</p>\n\n")
    out.append(heading(2, "警告", "warnings"))
    warnings = [p for p in problems if p.severity == "warning"]
    out.append("<ul>" + "".join(f"<li><code>{esc(str(p))}</code></li>" for p in warnings) + "</ul>\n\n" if warnings else "<p>无。</p>\n\n")
    out.append(heading(2, "导入时移除的内容", "removed"))
    rows = []
    for doc in documents.values():
        for removed in doc.removed:
            where = f"data/sources/{doc.filename}:{removed.line}"
            rows.append(
                f"<tr><td>{link(rel(page, page_of('document', doc.id)), doc.title)}</td><td><code>{esc(where)}</code></td>"
                f"<td>{esc(removed.reason)}</td><td>{esc(removed.text)}</td></tr>"
            )
    out.append(
        '<div class="removed"><table><thead><tr><th>文件</th><th>位置</th><th>原因</th><th>内容</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>\n" if rows else "<p>无。</p>\n"
    )
    return "".join(out)
