"""Document pages laid out by us, in the theme's own frame.

MkDocs lays out every page with the theme's templates: at 100,000 documents that was
half of a build (2.4 ms a page for Material's main.html alone). Every document page
has the same frame (same folder, same navigation, same kind); only its title, table of
contents and content differ. So MkDocs lays out one page made of sentinels, and each
document page is that frame with the sentinels filled in (Frame.fill): the same bytes
MkDocs would have written, at the cost of a string join.

The title reaches the frame in two forms (Material prints `page.title` as it is in the
header and `page.title | striptags` in <title>): the sentinel title holds a tag, so each
form is told apart by the text it became. The table of contents is rendered by the theme's
own toc-item template, so an override of it is followed. A frame whose sentinels appear in
a form we do not know (a theme printing `page.title | e`, say) is refused with one line
instead of being filled wrongly.

Written by hand: MkDocs has no way to lay out many pages from one template render.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from .render.html import esc

NAME = "sitegen-frame-page"  # the frame's file name in the documents' folder (its URL shows in some themes' output)
TITLE = "sitegenTitleA<i></i>sitegenTitleB"  # as the header prints it
TITLE_STRIPPED = "sitegenTitleAsitegenTitleB"  # as `| striptags` prints it (<title>)
H1_ID = "sitegen-frame-h1"
CHILD_ID, CHILD_TITLE = "sitegen-frame-child", "sitegenFrameChild"
CONTENT = '<h1 id="sitegen-frame-content">sitegen-frame-content</h1>'  # with an h1: Material adds none then, as for documents
_STRAY = re.compile(r"sitegen(?:Title[AB]|-frame-|FrameChild)", re.I)


class FrameError(Exception):
    """The theme prints a frame's sentinel in a form that cannot be filled."""


def frame_toc(with_children: bool) -> list[dict]:
    """The frame page's TOC tokens: its h1 and, for the frame of pages with sections, one child."""
    children = [{"level": 2, "id": CHILD_ID, "name": CHILD_TITLE, "children": []}] if with_children else []
    return [{"level": 1, "id": H1_ID, "name": TITLE, "children": children}]


@dataclass(frozen=True)
class Frame:
    """A laid-out page cut at its sentinels: literal strings and slot names, in order."""

    parts: tuple[tuple[bool, str], ...]  # (is_slot, literal text or slot name)

    @classmethod
    def cut(cls, output: str, toc_item_html: str | None, page_name: str) -> "Frame":
        """The frame MkDocs laid out; toc_item_html: what the theme's toc-item template
        made of the sentinel child (None for the frame of pages without sections)."""
        slots = {TITLE: "title", TITLE_STRIPPED: "title_stripped", "#" + H1_ID: "skip", CONTENT: "content",
                 page_name: "name"}
        if toc_item_html is not None:
            if toc_item_html not in output:
                raise FrameError("the theme's table of contents is not made by partials/toc-item.html")
            slots[toc_item_html] = "toc"
        pattern = re.compile("|".join(re.escape(s) for s in sorted(slots, key=len, reverse=True)))
        parts, at = [], 0
        for found in pattern.finditer(output):
            parts += [(False, output[at:found.start()]), (True, slots[found.group()])]
            at = found.end()
        parts.append((False, output[at:]))
        stray = next((text for is_slot, text in parts if not is_slot and _STRAY.search(text)), None)
        if stray is not None:
            shown = _STRAY.search(stray)
            near = stray[max(0, shown.start() - 60):shown.end() + 40].strip()
            near = re.sub(r"sitegenTitleA.*?sitegenTitleB", "{page.title}", near, flags=re.I | re.S)
            raise FrameError(f"the theme prints a page's title or headings in a form the document writer cannot fill: …{near}…")
        if not any(is_slot and text == "content" for is_slot, text in parts):
            raise FrameError("the theme's page template does not show the page content")
        return cls(tuple(parts))

    def fill(self, title: str, h1_id: str, toc_html: str, content: str, name: str) -> str:
        """The page: `title` as the page's title is written in its front matter (escaped)."""
        values = {"title": title, "title_stripped": Markup(title).striptags(), "skip": "#" + h1_id,
                  "toc": toc_html, "content": content, "name": name}
        return "".join(values[text] if is_slot else text for is_slot, text in self.parts)


def page_title(title: str) -> str:
    """A document's title as its page's front matter holds it (render.common.front_matter)."""
    return esc(title)
