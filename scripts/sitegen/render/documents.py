"""Pages for source documents, and the sources index."""
from __future__ import annotations

from ..ingest.document import Document
from ..model.campaign import Campaign
from .common import KIND_LABELS, front_matter, heading, item_link
from .html import Linker, esc
from .paths import page_of, rel

LAYOUT_LABELS = {
    "newspaper-db": "报刊数据库导出",
    "web-page": "网页导出",
    "bulletin": "简报",
    "speech": "讲话",
    "plain": "文稿",
}


def meta_table(doc: Document) -> str:
    rows = [("日期", doc.date or "未注明"), ("类型", LAYOUT_LABELS.get(doc.layout, doc.layout))]
    rows += list(doc.meta.items())
    rows.append(("文件", doc.filename))
    if doc.script == "traditional":
        rows.append(("字体", "繁体（按原文显示）"))
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    return f'<div class="doc-meta"><table><tbody>{body}</tbody></table></div>\n\n'


def document_page(doc: Document, campaign: Campaign, linker: Linker) -> str:
    page = page_of("document", doc.id)
    out = [front_matter("document", doc.title), heading(1, doc.title)]
    if doc.title_derived:
        out.append('<p class="derived-title">标题为编者根据内容拟定，原文无标题。</p>\n\n')
    out.append(meta_table(doc))
    for block in doc.blocks:
        if block.kind == "heading":
            out.append(heading(min(block.level + 1, 6), block.text, block.anchor))
        else:
            out.append(f'<p id="{esc(block.anchor)}">{linker.text(block.text, page, rel)}</p>\n\n')
    citing = sorted(campaign.citing.get(doc.id, ()), key=lambda i: (campaign.items[i].kind, i))
    if citing:
        out.append(heading(2, "引用本文的条目", "cited-by"))
        out.append("<ul>" + "".join(
            f"<li>{esc(KIND_LABELS.get(campaign.items[i].kind, ''))}：{item_link(campaign, page, i)}</li>" for i in citing
        ) + "</ul>\n\n")
    return "".join(out)


def sources_index(documents: list[Document]) -> str:
    page = "sources/index.md"
    out = [front_matter("page", "原始文件"), heading(1, "原始文件")]
    out.append(f"<p>共 {len(documents)} 份文件。点击标题阅读全文；每段都有可引用的锚点。</p>\n\n")
    rows = []
    for doc in sorted(documents, key=lambda d: (d.date or "9999", d.id)):
        title = esc(doc.title) + ("（拟）" if doc.title_derived else "")
        issuer = doc.meta.get("发布单位") or doc.meta.get("版名") or ""
        rows.append(
            f'<tr><td><a href="{esc(rel(page, page_of("document", doc.id)))}">{title}</a></td>'
            f"<td>{esc(doc.date or '—')}</td><td>{esc(LAYOUT_LABELS.get(doc.layout, doc.layout))}</td>"
            f"<td>{esc(issuer)}</td><td>{len(doc.paragraphs)}</td></tr>"
        )
    out.append(
        '<div class="sources-index"><table><thead><tr><th>标题</th><th>日期</th><th>类型</th><th>发布单位/版面</th><th>段落</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>\n"
    )
    return "".join(out)
