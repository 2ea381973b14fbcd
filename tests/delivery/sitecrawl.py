"""Read a built site the way a browser would follow it, without a browser.

Every .html file is parsed with html.parser; every reference it makes (links,
stylesheets, scripts, images, frames) is resolved relative to the page, the way
it resolves under any sub-path or from file://, and checked against the files
on disk and the ids of the target page.
"""
from __future__ import annotations

import html.parser
import posixpath
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

# (tag, attribute) pairs that make the browser fetch something by itself.
RESOURCE_ATTRS = {
    ("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"), ("frame", "src"),
    ("source", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("embed", "src"),
    ("object", "data"), ("input", "src"), ("track", "src"), ("use", "href"), ("image", "href"),
}
# ... and those the reader follows.
NAVIGATION_ATTRS = {("a", "href"), ("area", "href"), ("form", "action")}
EXTERNAL_SCHEMES = ("http", "https", "ftp", "ws", "wss")


@dataclass(frozen=True)
class Ref:
    page: str  # site-relative path of the page holding the reference
    line: int
    tag: str
    attr: str
    value: str

    @property
    def resource(self) -> bool:
        return (self.tag, self.attr) in RESOURCE_ATTRS

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: <{self.tag} {self.attr}={self.value!r}>"


class _Parser(html.parser.HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.ids: set[str] = set()
        self.refs: list[Ref] = []
        self.inline_handlers: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            if (tag, name) in RESOURCE_ATTRS or (tag, name) in NAVIGATION_ATTRS or name == "xlink:href":
                self.refs.append(Ref(self.page, line, tag, name, value.strip()))
            if name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.refs.append(Ref(self.page, line, tag, name, candidate.split()[0]))
        if tag == "base":
            self.base = dict(attrs).get("href")

    handle_startendtag = handle_starttag


@dataclass
class Parsed:
    ids: set[str]
    refs: list[Ref]
    base: str | None


@lru_cache(maxsize=None)
def _parse_cached(path: str, page: str) -> Parsed:
    parser = _Parser(page)
    parser.feed(Path(path).read_text(encoding="utf-8"))
    parser.close()
    return Parsed(parser.ids, parser.refs, parser.base)


def parse(site: Path, page: str) -> Parsed:
    return _parse_cached(str(site / page), page)


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def is_external(value: str) -> bool:
    parts = urlsplit(value)
    return value.startswith("//") or parts.scheme.lower() in EXTERNAL_SCHEMES


def check_site(site: Path) -> tuple[list[str], list[Ref]]:
    """Problems (broken internal references, missing anchors, references that
    cannot work under a sub-path or from file://, outside resources) and the
    external links a reader could follow (allowed: they are no request until clicked)."""
    problems: list[str] = []
    external_links: list[Ref] = []
    for page in pages(site):
        parsed = parse(site, page)
        if parsed.base is not None:
            problems.append(f"{page}: <base href={parsed.base!r}> breaks relative links under other prefixes")
        for ref in parsed.refs:
            problem = _check_ref(site, page, ref, external_links)
            if problem:
                problems.append(f"{ref}: {problem}")
    return problems, external_links


def _check_ref(site: Path, page: str, ref: Ref, external_links: list[Ref]) -> str | None:
    value = ref.value
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if is_external(value):
        if ref.resource:
            return "outside resource: the browser would fetch it from another host"
        external_links.append(ref)
        return None
    if scheme == "data":
        return None
    if scheme:
        return f"'{scheme}:' reference"
    if value.startswith("/"):
        # 404.html is served at arbitrary URLs, so MkDocs gives it root-relative
        # links; every other page must work under any prefix.
        if page == "404.html":
            target = posixpath.normpath(unquote(parts.path).lstrip("/"))
        else:
            return "root-absolute: breaks when the site is served under a sub-path or opened from disk"
    elif not parts.path:
        target = page  # same-page anchor
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if target.startswith("../") or target == "..":
        return "points outside the site"
    path = site / target
    if parts.path.endswith("/") or path.is_dir():
        return "points to a folder: a directory listing from file://, a 403/404 on many servers"
    if not path.is_file():
        return f"missing file {target}"
    if parts.fragment and target.endswith(".html"):
        anchor = unquote(parts.fragment)
        if anchor and anchor not in parse(site, target).ids:
            return f"no id {anchor!r} in {target}"
    return None
