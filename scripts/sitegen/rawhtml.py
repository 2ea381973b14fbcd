"""MkDocs hooks: raw HTML blocks of a page go around Python-Markdown, not through it.

Our generated pages are mostly raw HTML blocks (a document page is one `<p id=…>`
per paragraph, with its term links), separated by Markdown headings. Python-Markdown
passes such blocks through verbatim, but only after parsing each of them twice with
its pure-Python HTMLParser (once to find where the block ends, once for MkDocs's
anchor list): about a quarter of a 2,000-document build.

on_page_markdown swaps every top-level block that is plainly raw HTML (starts with a
block-level tag, ends with its closing tag, no `markdown=` attribute) for a one-word
placeholder paragraph; on_page_content puts the blocks back in the rendered HTML and
adds their ids to the page's anchors (MkDocs checks links to `page#id` against them).
Headings stay Markdown, so the title, the table of contents and heading ids are
MkDocs's own. The resulting HTML is the same as without these hooks.
"""
from __future__ import annotations

import re

_BLOCK_TAGS = "p|div|table|ul|ol|dl|details|section|figure|blockquote|aside|nav"
_RAW_BLOCK = re.compile(rf"<({_BLOCK_TAGS})[\s>].*</\1>\s*", re.S)
_PLACEHOLDER = "SITEGENRAW{}Z"
_PUT_BACK = re.compile(r"<p>SITEGENRAW(\d+)Z</p>|SITEGENRAW(\d+)Z")
_IDS = re.compile(r"""<[a-zA-Z][^>]*?\s(?:id|name)=(?:"([^"]*)"|'([^']*)')""")
_TOKEN = "SITEGENRAW"

_stashed: dict[str, list[str]] = {}  # page source path -> blocks taken out of its Markdown


def stash(markdown: str) -> tuple[str, list[str]]:
    """(Markdown with placeholders, the raw HTML blocks taken out)."""
    if _TOKEN in markdown or "<" not in markdown:
        return markdown, []
    blocks: list[str] = []
    out: list[str] = []
    merging = False  # consecutive raw blocks share one placeholder: less for Markdown to walk
    for chunk in markdown.split("\n\n"):
        if chunk.startswith("<") and "markdown=" not in chunk and _RAW_BLOCK.fullmatch(chunk):
            if merging:
                blocks[-1] += "\n\n" + chunk.rstrip()
            else:
                out.append(_PLACEHOLDER.format(len(blocks)))
                blocks.append(chunk.rstrip())
                merging = True
        else:
            out.append(chunk)
            merging = not chunk.strip() and merging
    return "\n\n".join(out), blocks


def put_back(html: str, blocks: list[str]) -> str:
    if not blocks:
        return html
    return _PUT_BACK.sub(lambda m: blocks[int(m.group(1) or m.group(2))], html)


def anchor_ids(blocks: list[str]) -> set[str]:
    return {a or b for block in blocks for a, b in _IDS.findall(block)}


def on_page_markdown(markdown, page, config, files):
    skeleton, blocks = stash(markdown)
    if blocks:
        _stashed[page.file.src_uri] = blocks
    return skeleton


def on_page_content(html, page, config, files):
    blocks = _stashed.pop(page.file.src_uri, None)
    if not blocks:
        return html
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= anchor_ids(blocks)
    return put_back(html, blocks)
