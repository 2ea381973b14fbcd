"""Glossary pages: one per term (its heading is the term), and an A–Z index."""
from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

from ..link.pinyin import initial_letter
from ..model.campaign import Item
from .common import KIND_LABELS, front_matter, heading, item_link, long_list
from .guidance import Ctx
from .html import esc, link
from .paths import page_of, rel


USAGE_DOCUMENTS = 30  # source documents listed under 出现在 (most uses first)


def term_page(ctx: Ctx, item: Item, pinyin: str, usage: list) -> str:
    page, data = page_of("term", item.id), item.data
    out = [front_matter("term", data["term"]), heading(1, data["term"])]
    out.append(f'<p class="pinyin">{esc(pinyin)}</p>\n\n')
    if data.get("variants"):
        out.append(f'<p class="variants"><strong>又作：</strong>{"、".join(esc(v) for v in data["variants"])}</p>\n\n')
    out.append(f'<p class="short">{ctx.linker.text(data["short"], page, rel, frozenset({item.id}))}</p>\n\n')
    if data.get("expansion"):
        out.append(heading(2, "含义", "expansion"))
        out.append("<ol>" + "".join(f"<li>{esc(x)}</li>" for x in data["expansion"]) + "</ol>\n\n")
    if data.get("explanation"):
        out.append(heading(2, "说明", "explanation"))
        out.append(f"<p>{ctx.linker.text(data['explanation'], page, rel, frozenset({item.id}))}</p>\n\n")
    if data.get("only_used"):
        out.append('<p class="only-used">原始文件只使用此术语，未作解释。</p>\n\n')
    out.append(ctx.links(page, data.get("related"), "相关术语"))
    out.append(ctx.links(page, data.get("see"), "参见"))
    out.append(ctx.backlinks(page, item, "term", "被以下术语引用"))
    out.append(ctx.sources(page, data.get("sources")))
    out.append(heading(2, "出现在", "appears"))
    if usage:
        total = sum(n for *_, n in usage)
        # Every guidance page, and the source documents that use the term most: the list
        # of documents is capped, so a term page does not grow with the corpus.
        shown, documents = [], 0
        for entry in usage:
            documents += entry[2] == "document"
            if entry[2] != "document" or documents <= USAGE_DOCUMENTS:
                shown.append(entry)
        rows = [f"{esc(KIND_LABELS.get(kind, ''))}：{link(rel(page, target), title)}（{n} 次）" for target, title, kind, n in shown]
        out.append(f"<p>共 {total} 次，{len(usage)} 个页面。</p>\n\n{long_list(rows, '出现在')}\n")
        if len(shown) < len(usage):
            out.append(f'<p class="more">另有 {len(usage) - len(shown)} 份原始文件也用到此词，未逐一列出；可在搜索框中查找。</p>\n')
    else:
        out.append("<p>其他页面中未出现。</p>\n")
    return "".join(out)


def glossary_index(ctx: Ctx, entries: list[tuple[Item, str]]) -> str:
    page = "glossary/index.md"
    out = [front_matter("page", "术语"), heading(1, "术语")]
    keyed = sorted(entries, key=lambda e: (initial_letter(e[1], e[0].data["term"]), e[1], e[0].data["term"]))
    groups = [(letter, list(group)) for letter, group in groupby(keyed, key=lambda e: initial_letter(e[1], e[0].data["term"]))]
    out.append('<p class="az">' + " ".join(f'<a href="#letter-{esc(letter)}">{esc(letter)}</a>' for letter, _ in groups) + "</p>\n\n")
    for letter, group in groups:
        out.append(heading(2, letter, f"letter-{letter}"))
        rows = "".join(
            f'<li>{item_link(ctx.campaign, page, item.id)} <span class="pinyin">{esc(pinyin)}</span>：{esc(item.data["short"])}</li>'
            for item, pinyin in group
        )
        out.append(f"<ul>{rows}</ul>\n\n")
    return "".join(out)


TOOLTIPS_JS = "glossary/tooltips.js"
TOOLTIPS_CODE = Path(__file__).with_name("term_tooltips.js")
# Characters that could end or confuse a script if the file were ever inlined (</script>,
# <!--) or that older parsers take for line ends: JSON allows them raw, JS escapes don't hurt.
_JS_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def js_literal(value) -> str:
    """`value` as a JSON literal that is also safe JavaScript source in any context."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(str.maketrans(_JS_UNSAFE))


def tooltips_script(terms: list[Item]) -> str:
    """Every term's short definition, keyed by its page's file name, and the script that
    shows it in a tooltip when a term link (a.term) is hovered or focused
    (term_tooltips.js). One cached file instead of the definition repeated in every
    paragraph of every page; loaded with <script> (works from file://) by overrides/main.html."""
    table = {page_of("term", t.id).rsplit("/", 1)[-1][: -len(".md")]: t.data["short"] for t in terms}
    code = TOOLTIPS_CODE.read_text(encoding="utf-8")
    return code.replace("(TERMS);", f"({js_literal(table)});", 1)
