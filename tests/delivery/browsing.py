"""Open the built site the three ways it is delivered (HTTP under a sub-path,
HTTP under a non-ASCII sub-path, file://) and record every request the browser makes."""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from sitetools import serve

# How the site is reached: an ASCII sub-path, the office server's Chinese one, the USB stick.
MODES = ["http:/sub/path/", "http:/先进性教育/", "file"]
# Schemes that never leave the machine (inline data, in-page objects, blank frames).
INERT_SCHEMES = ("data", "blob", "about", "javascript")


@dataclass
class Delivered:
    """The site as a browser reaches it: `url(rel)` of a page, `rel_of(url)` back."""

    site: Path
    base: str  # ends with '/'

    def url(self, rel: str) -> str:
        return self.base + quote(rel)

    def rel_of(self, url: str) -> str | None:
        """Site-relative path of a URL inside the site, or None when it is outside."""
        parts = urlsplit(url)
        base = urlsplit(self.base)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            return None
        path, prefix = unquote(parts.path), unquote(base.path)
        if not path.startswith(prefix):
            return None
        return path[len(prefix):]

    @property
    def file(self) -> bool:
        return self.base.startswith("file:")


@contextlib.contextmanager
def delivered(site: Path, mode: str):
    if mode == "file":
        yield Delivered(site, site.resolve().as_uri() + "/")
        return
    prefix = mode.split(":", 1)[1]
    with serve(site, prefix) as base:
        # serve() hands back the prefix as given; the browser percent-encodes it.
        parts = urlsplit(base)
        yield Delivered(site, f"{parts.scheme}://{parts.netloc}{quote(parts.path)}")


@dataclass
class Recorder:
    """Every request of a browser context, those that failed, and script errors."""

    where: Delivered
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # what the page's CSP blocked
    answered: set[str] = field(default_factory=set)  # URLs that got a response
    failures: dict[str, str] = field(default_factory=dict)  # URL -> why it failed (all reasons)

    def attach(self, context) -> "Recorder":
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("requestfailed", self._failed)
        context.on("response", self._response)
        context.on("weberror", lambda error: self.errors.append(str(error.error)))
        context.on("console", lambda message: "Content Security Policy" in message.text
                   and self.refused.append(message.text))
        return self

    def _response(self, response) -> None:
        self.answered.add(response.url)
        if response.status >= 400:
            self.failed.append(f"{response.url}: HTTP {response.status}")

    def _failed(self, request) -> None:
        self.failures[request.url] = request.failure or ""
        # ERR_ABORTED: cancelled because the page moved on (a worker still loading), not missing.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.failed.append(f"{request.url}: {request.failure}")

    def outside(self) -> list[str]:
        """Requests to anything but the site itself (another host, another path of this host)."""
        return sorted({url for url in self.requests
                       if urlsplit(url).scheme not in INERT_SCHEMES and self.where.rel_of(url) is None})


@contextlib.contextmanager
def guarded_page(browser, site: Path, mode: str):
    """(where, page) of the delivered site; leaving the block, no dialog opened, no script
    error and no request outside the site (for pages fed hostile input)."""
    with delivered(site, mode) as where:
        context = browser.new_context()
        recorder = Recorder(where).attach(context)
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        try:
            yield where, page
            assert not dialogs and not recorder.errors, (dialogs, recorder.errors)
            assert not recorder.outside(), recorder.outside()
        finally:
            context.close()


def sample_pages(site: Path) -> list[str]:
    """One page of every kind, plus the fixed pages."""
    chosen = ["index.html", "matrix.html", "guide.html", "report.html", "glossary/index.html", "sources/index.html"]
    for folder in ("phases", "batches", "roles", "checklists", "glossary", "sources"):
        items = sorted(p.name for p in (site / folder).glob("*.html") if p.name != "index.html")
        if items:
            chosen.append(f"{folder}/{items[0]}")
    preferred = "checklists/checklist-five-four.html"
    if (site / preferred).exists():
        chosen.append(preferred)
    return [c for c in dict.fromkeys(chosen) if (site / c).exists()]


PAGE_STATE = """() => {
  const sheets = [...document.querySelectorAll('link[rel=stylesheet]')];
  const body = getComputedStyle(document.body);
  return {
    js: document.documentElement.classList.contains('js'),
    sheets: sheets.length,
    unloaded: sheets.filter(l => !l.sheet).map(l => l.getAttribute('href')),
    siteCss: body.getPropertyValue('--md-text-font'),
    headerPosition: getComputedStyle(document.querySelector('.md-header')).position,
    h1: (document.querySelector('article h1') || {}).textContent || '',
    listing: document.title.startsWith('Index of'),
  };
}"""

LINKS = """() => [...document.querySelectorAll('a[href]')].map(a => a.href)"""


@contextlib.contextmanager
def watched_page(browser, where: Delivered):
    """A page in a fresh context whose requests and errors `recorder` keeps, and whose
    dialogs (alert, confirm) are dismissed and listed in `dialogs`."""
    context = browser.new_context()
    recorder = Recorder(where).attach(context)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        yield page, recorder, dialogs
    finally:
        context.close()
