"""Pages rendered straight to HTML, with no Markdown in them.

A document page is nothing but headings and paragraphs we already hold as
structured blocks, so it is written as HTML once, together with its table of
contents and its search text. MkDocs then lays it out without converting it
(mkdocs_glue swaps the page's Markdown step for this HTML) and the search index
takes its text from here instead of parsing the HTML back: the two costliest
steps per document in a large build. Written by hand: MkDocs has no "this page
is already HTML" switch.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pymdownx.slugs import slugify

from ..search.page import Block, SearchPage, Section, clean_text
from .common import front_matter
from .html import esc

_slug = slugify(case="lower")  # as mkdocs.yml's toc extension: same h1 ids as other pages


@dataclass
class DirectPage:
    """One page: front matter (read by MkDocs), body HTML, TOC tokens, search text."""

    kind: str
    title: str
    html: str = ""
    toc: list[dict] = field(default_factory=list)  # Python-Markdown toc tokens, nested
    anchors: set[str] = field(default_factory=set)
    search: SearchPage | None = None

    @property
    def front_matter(self) -> str:
        return front_matter(self.kind, self.title)

    @property
    def markdown(self) -> str:
        """The same page as Markdown (raw HTML is Markdown): for tools that want files."""
        return self.front_matter + self.html


class LaterPage:
    """A page made when it is written, not when the pipeline runs: a document page lives
    only while docpages.write_pages fills it into its frame, so a large corpus's pages are
    never all in memory. `made()` makes it (or takes it from the build's memo) each time;
    the rest read from it are for tools and tests."""

    __slots__ = ("kind", "title", "_make", "identity")

    def __init__(self, kind: str, title: str, make, identity: str | None = None):
        """identity: names what make() makes (equal identities, equal pages), if known."""
        self.kind, self.title, self._make, self.identity = kind, title, make, identity

    def made(self) -> DirectPage:
        return self._make()

    @property
    def front_matter(self) -> str:
        return front_matter(self.kind, self.title)

    @property
    def html(self) -> str:
        return self.made().html

    @property
    def toc(self) -> list[dict]:
        return self.made().toc

    @property
    def anchors(self) -> set[str]:
        return self.made().anchors

    @property
    def search(self) -> SearchPage | None:
        return self.made().search

    @property
    def markdown(self) -> str:
        return self.made().markdown


class DirectPageWriter:
    """Builds a DirectPage: each piece goes to the HTML and, as plain text, to the
    search sections, so what search shows and what the page shows cannot drift."""

    def __init__(self, url: str, kind: str, title: str, lang: str = ""):
        """`lang`: the language tag of the title, when it differs from the site's."""
        self.page = DirectPage(kind, title)
        self._url = url
        self._parts: list[str] = []
        self._sections: list[Section] = []
        self._section = ("", clean_text(title), 1)
        self._blocks: list[Block] = []
        self._flat: list[dict] = []  # heading tokens in order, nested at the end
        h1 = _slug(title, "-")
        self._parts.append(f'<h1 id="{esc(h1)}"{lang_attr(lang)}>{esc(title)}</h1>\n\n')
        self._flat.append({"level": 1, "id": h1, "name": esc(title), "children": []})
        self.page.anchors.add(h1)

    def heading(self, level: int, text: str, anchor: str, lang: str = "") -> None:
        self._close_section()
        self._parts.append(f'<h{level} id="{esc(anchor)}"{lang_attr(lang)}>{esc(text)}</h{level}>\n\n')
        self._flat.append({"level": level, "id": anchor, "name": esc(text), "children": []})
        self.page.anchors.add(anchor)
        self._section = (anchor, clean_text(text), level)

    def block(self, html: str, texts: list[str], anchor: str = "") -> None:
        """A block of HTML and the plain text of its paragraphs (rows, items), as search
        splits it; `anchor` is the id the paragraphs can be linked by ('' = none)."""
        self._parts.append(html + "\n\n")
        if anchor:
            self.page.anchors.add(anchor)
        for text in texts:
            text = clean_text(text)
            if text:
                self._blocks.append(Block(anchor, text))

    def finish(self) -> DirectPage:
        self._close_section()
        page = self.page
        page.html = "".join(self._parts)
        page.toc = _nest(self._flat)
        page.search = SearchPage(self._url, page.title, page.kind, tuple(self._sections) or (Section("", page.title, 1, ()),))
        return page

    def _close_section(self) -> None:
        anchor, title, level = self._section
        if self._blocks or anchor or self._sections:
            self._sections.append(Section(anchor, title, level, tuple(self._blocks)))
        self._blocks = []


def lang_attr(lang: str) -> str:
    """ lang="…" for text in another language or script than the page's, else ''."""
    return f' lang="{esc(lang)}"' if lang else ""


def _nest(flat: list[dict]) -> list[dict]:
    """Heading tokens nested under the nearest shallower heading (as Python-Markdown's toc)."""
    root: list[dict] = []
    stack: list[dict] = []
    for token in flat:
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
