"""Pages for source documents, and the sources index."""
from __future__ import annotations

import posixpath
from urllib.parse import quote

from ..ingest.document import Block, Document, header_rows
from ..ingest.formats import LABELS as FORMAT_LABELS
from ..model.campaign import Campaign
from .common import KIND_LABELS, fold_summary, front_matter, heading, item_link, listed_title, long_list, title_note
from .direct import DirectPage, DirectPageWriter, lang_attr
from .html import Linker, esc
from .pager import PER_PAGE, page_paths, page_title, pager, row_range
from .paths import page_of, rel, safe_name, url_of

ORIGINALS = "sources/originals"  # where each source file is copied into the site, for download

LAYOUT_LABELS = {
    "newspaper-db": "报刊数据库导出",
    "web-page": "网页导出",
    "bulletin": "简报",
    "speech": "讲话",
    "plain": "文稿",
}
# The language tag of a document's own text where it is not the site's (Simplified
# Chinese): a screen reader then reads traditional characters with the right voice.
SCRIPT_LANG = {"traditional": "zh-Hant"}


def shown_date(doc: Document) -> str | None:
    """The date as the reader sees it: a repost stamp is not the document's own date, so it says so."""
    return f"{doc.date}（网页发布时间，原文未注明）" if doc.date and doc.date_source == "web-page" else doc.date


def date_order(doc: Document) -> tuple:
    """Own dates in order first, then documents dated only by a web page's stamp, then undated."""
    return (doc.date is None, doc.date_source == "web-page", doc.date or "", doc.id)


def meta_rows(doc: Document) -> list[tuple[str, str]]:
    rows = [("日期", shown_date(doc) or "未注明"), ("类型", LAYOUT_LABELS.get(doc.layout, doc.layout))]
    if doc.source_title:
        rows.append(("原标题", doc.source_title))
    rows += list(doc.meta.items())
    rows.append(("原件", f"{doc.filename}（{FORMAT_LABELS.get(doc.format, doc.format)}，{file_size(doc.size)}）"))
    if doc.script == "traditional":
        rows.append(("字体", "繁体（按原文显示）"))
    return rows


def original_path(doc: Document) -> str:
    """The site path of the document's original file: an ASCII name, the original's extension."""
    ext = posixpath.splitext(doc.filename)[1].lower()
    ext = ext if ext[1:].isascii() and ext[1:].isalnum() else ""
    if ext in (".md", ".markdown"):  # MkDocs would render a copied .md as a page of the site
        ext += ".txt"
    return f"{ORIGINALS}/{safe_name(doc.id)}{ext}"


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} 字节"
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _meta_cell(key: str, value: str, doc: Document, page: str) -> str:
    """A metadata value; the 原件 row links to the copy of the original file."""
    if key != "原件":
        return esc(value)
    href = quote(rel(page, original_path(doc)), safe="/#.-_~")
    return f'<a href="{esc(href)}" download="{esc(doc.filename)}">{esc(value)}</a>'


def document_page(doc: Document, campaign: Campaign, linker: Linker) -> DirectPage:
    """The document as HTML (no Markdown step: see direct.py): title, metadata, its
    outline as headings, every paragraph with its anchor and term links, and the
    items citing it."""
    page = page_of("document", doc.id)
    lang = SCRIPT_LANG.get(doc.script, "")
    out = DirectPageWriter(url_of(page), "document", doc.title, lang)
    if doc.title_derived:
        note = title_note(doc)
        out.block(f'<p class="derived-title">{esc(note)}</p>', [note])
    rows = meta_rows(doc)
    body = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{_meta_cell(k, v, doc, page)}</td></tr>' for k, v in rows)
    # data-doc: the id a citation names (the citation control of `mkdocs serve`, overrides/assets/javascripts/cite.js)
    out.block(f'<div class="doc-meta" data-doc="{esc(doc.id)}"><table><tbody>{body}</tbody></table></div>', [f" {k} {v} " for k, v in rows])
    for block in doc.blocks:
        if block.kind == "heading":
            out.heading(min(block.level + 1, 6), block.text, block.anchor, lang)
        elif block.kind == "table":
            out.block(table_html(block, lambda text: linker.text(text, page, rel), lang), block.text.split("\n"), block.anchor)
        else:
            out.block(f'<p id="{esc(block.anchor)}"{lang_attr(lang)}>{linker.text(block.text, page, rel)}</p>', [block.text], block.anchor)
    citing = sorted(campaign.citing.get(doc.id, ()), key=lambda i: (campaign.items[i].kind, i))
    if citing:
        cited_by = "引用本文的条目"
        out.heading(2, cited_by, "cited-by")
        labels = [KIND_LABELS.get(campaign.items[i].kind, "") for i in citing]
        out.block(
            long_list([f"{esc(label)}：{item_link(campaign, page, i)}" for label, i in zip(labels, citing)], cited_by),
            [fold_summary(len(citing), cited_by) or ""] + [f"{label}：{campaign.items[i].title}" for label, i in zip(labels, citing)],
        )
    return out.finish()


def table_html(block: Block, cell_html, lang: str = "") -> str:
    """A source's table as the original has it: header rows in <thead> with column headers,
    a header cell in a body row a row header, spans kept. No class on the <table>: the theme
    styles it and wraps it in its horizontal scroller, so a wide table scrolls at 320 px."""
    heads = header_rows(block.rows)

    def cells(row, scope: str) -> str:
        out = []
        for cell in row:
            head = cell.head and cell.text.strip()  # an empty corner is no header of anything
            tag = "th" if head else "td"
            spans = cell.colspan > 1 if scope == "col" else cell.rowspan > 1
            attrs = f' scope="{scope}group"' if head and spans else f' scope="{scope}"' if head else ""
            attrs += f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            attrs += f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
            out.append(f"<{tag}{attrs}>{cell_html(cell.text)}</{tag}>")
        return "<tr>" + "".join(out) + "</tr>"

    head = "".join(cells(row, "col") for row in block.rows[:heads])
    body = "".join(cells(row, "row") for row in block.rows[heads:])
    return (f'<table id="{esc(block.anchor)}"{lang_attr(lang)}>' + (f"<thead>{head}</thead>" if head else "")
            + f"<tbody>{body}</tbody></table>")


def sources_index(documents: list[Document], per_page: int = PER_PAGE) -> dict[str, str]:
    """The index of source documents, by date: {page path: Markdown}, `per_page` a page."""
    ordered = sorted(documents, key=date_order)
    paths = page_paths("sources/index.md", len(ordered), per_page)
    chunks = [ordered[n * per_page : (n + 1) * per_page] for n in range(len(paths))]
    spans = ["–".join(dict.fromkeys(d.date or "未注明日期" for d in (c[0], c[-1]))) if c else "" for c in chunks]
    pages = {}
    for n, (page, chunk) in enumerate(zip(paths, chunks)):
        out = [front_matter("page", page_title("原始文件", n)), heading(1, page_title("原始文件", n))]
        if len(paths) > 1:
            first, last = row_range(n, len(ordered), per_page)
            out.append(f"<p>共 {len(ordered)} 份文件，按日期排列；本页为第 {first}–{last} 份（{esc(spans[n])}）。点击标题阅读全文；每段都有可引用的锚点。</p>\n\n")
        else:
            out.append(f"<p>共 {len(ordered)} 份文件。点击标题阅读全文；每段都有可引用的锚点。</p>\n\n")
        nav = pager(paths, n, spans)
        out.append(nav)
        rows = []
        for doc in chunk:
            title = listed_title(doc)
            issuer = doc.meta.get("发布单位") or doc.meta.get("版名") or ""
            rows.append(
                f'<tr><td><a href="{esc(rel(page, page_of("document", doc.id)))}">{title}</a></td>'
                f"<td>{esc(shown_date(doc) or '—')}</td><td>{esc(LAYOUT_LABELS.get(doc.layout, doc.layout))}</td>"
                f"<td>{esc(issuer)}</td><td>{doc.paragraph_count()}</td></tr>"
            )
        out.append(
            '<div class="sources-index"><table><thead><tr><th scope="col">标题</th><th scope="col">日期</th><th scope="col">类型</th><th scope="col">发布单位/版面</th><th scope="col">段落</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>\n\n"
        )
        out.append(nav)
        pages[page] = "".join(out)
    return pages
