"""The first search, as a visitor makes it: headless Chromium over HTTP, a fresh
browser context (empty cache), the home page loaded, a query typed into the search
box. Measured: milliseconds from the keystroke to the first result on screen, and
every byte the browser received from opening the page until that result (the page
itself, theme assets, search worker, index), split into search files and the rest.

Over http (or from the folder, file://, over="file"). The server is a plain static one (tests/sitetools.serve, no compression), so the
byte counts are the files' own sizes: what a server without gzip would send.
"""
from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .run import ROOT

RESULT = ".md-search-result__item"
INPUT = "input.md-search__input"

_WATCH = """
() => {
  window.__bench = {t0: null, first: null, firstEpoch: null};
  const input = document.querySelector(%(input)r);
  const mark = () => { if (window.__bench.t0 === null) window.__bench.t0 = performance.now(); };
  input.addEventListener('input', mark, true);
  input.addEventListener('keyup', mark, true);
  const check = () => {
    if (window.__bench.first === null && window.__bench.t0 !== null && document.querySelector(%(result)r)) {
      window.__bench.first = performance.now();
      window.__bench.firstEpoch = performance.timeOrigin + window.__bench.first;
    }
  };
  new MutationObserver(check).observe(document.body, {childList: true, subtree: true, attributes: true});
}
"""


def _sitetools():
    tests = str(ROOT / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    import sitetools

    return sitetools


def _is_search(url: str) -> bool:
    return "/search/" in url or "search_index" in url or "/workers/" in url


@contextlib.contextmanager
def _opened(site: Path, over: str):
    """The site's base URL: a local static server, or the folder itself (file://)."""
    if over == "file":
        yield site.resolve().as_uri() + "/"
        return
    with _sitetools().serve(site, "/site/") as base:
        yield base


def first_search(site: Path, query: str, timeout_s: float = 240, start: str = "index.html", over: str = "http") -> dict:
    from playwright.sync_api import sync_playwright

    sitetools = _sitetools()
    with _opened(site, over) as base, sync_playwright() as playwright:
        browser = sitetools.launch(playwright)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            finished = []
            context.on("requestfinished", lambda request: finished.append(request))
            page = context.new_page()
            page.goto(base + start, wait_until="load")
            page.evaluate(_WATCH % {"input": INPUT, "result": RESULT})
            page.click(INPUT)
            page.fill(INPUT, query)
            page.press(INPUT, "End")  # a key event: Material's search listens to keyup
            # Polled from here: the site's Content-Security-Policy forbids the eval that
            # wait_for_function needs. The time itself is taken in the page (observer).
            deadline = time.monotonic() + timeout_s
            while page.evaluate("window.__bench.first") is None:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no search result for {query!r} within {timeout_s:.0f} s")
                page.wait_for_timeout(25)
            bench = page.evaluate("window.__bench")
            results = page.locator(RESULT).count()
            page.wait_for_timeout(200)  # let the request events of that moment arrive
            total = search = 0
            requests = []
            for request in finished:
                timing = request.timing
                end = timing["startTime"] + max(timing.get("responseEnd", 0), 0)
                if end > bench["firstEpoch"] + 1:
                    continue  # arrived after the first result: not needed for it
                try:
                    sizes = request.sizes()
                except Exception:  # noqa: BLE001 - file:// requests may have none
                    sizes = {}
                body, head = max(0, sizes.get("responseBodySize", 0)), max(0, sizes.get("responseHeadersSize", 0))
                if request.url.startswith(base):  # the file's own size (no compression here):
                    local = site / unquote(urlsplit(request.url[len(base):]).path)  # exact for large bodies too
                    if local.is_file():
                        body = max(body, local.stat().st_size)
                size = body + head
                total += size
                if _is_search(request.url):
                    search += size
                requests.append((request.url[len(base):] if request.url.startswith(base) else request.url, size))
            context.close()
        finally:
            browser.close()
    return {
        "query": query,
        "over": over,
        "first_result_ms": bench["first"] - bench["t0"],
        "results_shown": results,
        "bytes_until_first_result": total,
        "search_bytes": search,
        "requests": len(requests),
        "largest": sorted(requests, key=lambda r: -r[1])[:5],
    }
