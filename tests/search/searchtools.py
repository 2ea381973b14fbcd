"""Drive Material's real search box in headless Chromium (shared by the search tests).

    python tests/search/searchtools.py SITE_DIR [query ...]   # try queries by hand
    python tests/search/searchtools.py SITE_DIR EVAL.yml      # another evaluation file
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sitetools import launch, open_search, serve  # noqa: E402,F401  (open_search: shared with tools/screenshots.py)

EVAL_FILE = HERE / "eval_queries.yml"
EVAL_FILE_CAMPAIGN2 = HERE / "eval_queries_campaign2.yml"  # for the site of tests/fixtures/campaign2
NONE = "none"  # expect: none, a query that must return nothing
QUIET_MS = 350  # the result list must stay unchanged this long after the last keystroke


def load_queries(path: Path = EVAL_FILE) -> list[dict]:
    return yaml.safe_load(path.read_text("utf-8"))


@dataclass
class Outcome:
    query: str
    kind: str
    expect: str
    got: str | None
    title: str
    ok: bool
    ms: float
    suggested: str | None = None  # the "您是不是要找" suggestion shown, if any


@dataclass
class Traffic:
    """Every request the page made; `foreign` are those leaving the allowed origin."""

    allowed: str  # "http://127.0.0.1:1234" or "file://"
    urls: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    bytes_by_url: dict[str, int] = field(default_factory=dict)

    def attach(self, page) -> None:
        page.on("request", self._on_request)
        page.on("requestfinished", self._on_finished)

    def _on_request(self, request) -> None:
        url = request.url
        self.urls.append(url)
        scheme = urlsplit(url).scheme
        if scheme in ("data", "blob", "about"):
            return
        if self.allowed == "file://":
            if scheme != "file":
                self.foreign.append(url)
        elif not url.startswith(self.allowed + "/"):
            self.foreign.append(url)

    def _on_finished(self, request) -> None:
        try:
            size = request.sizes().get("responseBodySize", 0)
        except Exception:  # noqa: BLE001 - file:// requests have no sizes
            size = 0
        self.bytes_by_url[request.url] = self.bytes_by_url.get(request.url, 0) + max(0, size)


def site_path(href: str, base: str) -> str:
    """'http://h/sub/path/glossary/x.html?h=..#p' -> 'glossary/x.html' (relative to base)."""
    href = unquote(href.split("?")[0].split("#")[0])
    base = unquote(base.split("?")[0])
    if not base.endswith("/"):
        base = base.rsplit("/", 1)[0] + "/"
    return href[len(base):] if href.startswith(base) else href


_OBSERVE = """() => {
  const list = document.querySelector('.md-search-result');
  window.__zhMut = 0;
  if (window.__zhObs) window.__zhObs.disconnect();
  window.__zhObs = new MutationObserver(() => { window.__zhMut++; window.__zhLast = performance.now(); });
  window.__zhObs.observe(list, {childList: true, subtree: true, characterData: true});
}"""


def type_query(page, query: str, delay: int = 15) -> tuple[str | None, str, float]:
    """Clear the box, type the query key by key, wait until the results settle.

    Latin letters are real key presses; characters off the keyboard arrive as text input
    (as from an input method), followed by a key release so that Material sees the change.
    Returns (href of the first result, its title, ms from the last key to the last render).
    """
    box = page.locator("input.md-search__input")
    box.focus()
    box.press("Control+a")
    box.press("Backspace")
    page.wait_for_timeout(60)
    page.evaluate(_OBSERVE)
    if len(query) > 1:
        box.press_sequentially(query[:-1], delay=delay)
    page.evaluate("() => { window.__zhMut = 0; window.__zhLast = 0; window.__zhT0 = performance.now(); }")
    box.press_sequentially(query[-1])
    if not query[-1].isascii() or not query[-1].isalnum():
        box.press("End")
    state = [0, 0, 0]
    deadline = time.time() + 10
    while time.time() < deadline:
        state = page.evaluate("() => [window.__zhMut, performance.now() - (window.__zhLast || 0), (window.__zhLast || 0) - window.__zhT0]")
        if state[0] > 0 and state[1] > QUIET_MS:
            break
        page.wait_for_timeout(30)
    items = page.locator(".md-search-result__item")
    if items.count() == 0:
        return None, "", state[2]
    first = items.first.locator("a").first
    heading = first.locator("h1, h2")
    title = heading.first.inner_text() if heading.count() else ""
    return first.get_attribute("href"), title, state[2]


def suggestion(page) -> str | None:
    """The query offered under "no results" (assets/javascripts/search-suggest.js), if any."""
    button = page.locator("[data-sitegen=suggest] button")
    return button.first.inner_text().strip() if button.count() else None


def evaluate(page, start_url: str, queries: list[dict], root: str | None = None) -> list[Outcome]:
    """Type every query into the search box of start_url; root: the site's root URL.

    A query with expect: none is right when nothing is found (and, with suggest: X, when
    X is the suggestion offered)."""
    open_search(page, start_url)
    base = root or start_url
    out = []
    for q in queries:
        href, title, ms = type_query(page, q["query"])
        got = site_path(href, base) if href else None
        expect = q["expect"]
        offered = suggestion(page) if got is None else None
        if expect == NONE:
            ok = got is None and offered == q.get("suggest", offered)
        else:
            ok = got == expect or (title.strip() == expect)
        out.append(Outcome(q["query"], q["kind"], expect, got, title, ok, ms, offered))
    return out


def precision_recall(outcomes: list[Outcome]) -> tuple[float, float]:
    """Over the whole set: precision = first results that are right / queries that showed
    a result (a result for a query that must find nothing counts against it); recall =
    queries with an answer whose first result is right / queries with an answer."""
    shown = [o for o in outcomes if o.got is not None]
    wanted = [o for o in outcomes if o.expect != NONE]
    precision = sum(o.ok for o in shown) / len(shown) if shown else 1.0
    recall = sum(o.ok for o in wanted) / len(wanted) if wanted else 1.0
    return precision, recall


def precision_by_kind(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    kinds: dict[str, list[int]] = {}
    for o in outcomes:
        k = kinds.setdefault(o.kind, [0, 0])
        k[0] += o.ok
        k[1] += 1
    return {k: (v[0], v[1]) for k, v in kinds.items()}


def report(label: str, outcomes: list[Outcome]) -> str:
    good_all = sum(o.ok for o in outcomes)
    times = sorted(max(0.0, o.ms) for o in outcomes) or [0.0]
    lines = [
        f"search evaluation ({label}): {good_all}/{len(outcomes)} first results right; "
        f"last key to final results: median {times[len(times) // 2]:.0f} ms, max {times[-1]:.0f} ms",
        "  precision@1 per kind:",
    ]
    for kind, (good, total) in precision_by_kind(outcomes).items():
        lines.append(f"  {kind:14s} {good:3d}/{total:<3d} {100 * good / total:5.1f}%")
    precision, recall = precision_recall(outcomes)
    lines.append(f"  over the set: precision {100 * precision:.1f}%, recall {100 * recall:.1f}%")
    misses = [o for o in outcomes if not o.ok]
    for o in misses:
        lines.append(f"  MISS [{o.kind}] {o.query!r}: expected {o.expect}, got {o.got} ({o.title}), suggested {o.suggested}")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    site = Path(argv[0]).resolve()
    qs = argv[1:]
    if qs and qs[0].endswith(".yml"):  # another evaluation file (eval_queries_campaign2.yml)
        queries, qs = load_queries(Path(qs[0])), []
    else:
        queries = [{"query": q, "kind": "adhoc", "expect": ""} for q in qs] if qs else load_queries()
    with serve(site, "/some/sub-path/") as base, sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page()
        traffic = Traffic(base.split("/some/")[0])
        traffic.attach(page)
        page.on("console", lambda m: print("console:", m.type, m.text) if m.type in ("error", "warning") else None)
        outcomes = evaluate(page, base + "index.html", queries)
        for o in outcomes:
            print(f"{'ok ' if o.ok else '-- '} {o.ms:6.0f}ms [{o.kind}] {o.query} -> {o.got} ({o.title}) {o.suggested or ''}")
        if not qs:
            print(report("http", outcomes))
        print("foreign requests:", traffic.foreign)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
