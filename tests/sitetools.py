"""Shared test helpers: build a copy of the project, serve a site under a sub-path,
and launch Debian's Chromium through Playwright (never `playwright install`)."""
from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import http.server
import multiprocessing
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PROJECT_PARTS = ("mkdocs.yml", "docs", "scripts", "overrides", "data")


def copy_project(dest: Path, data: Path | None = None) -> Path:
    """A throw-away copy of the project (optionally with another data/ folder)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = (data if part == "data" and data else ROOT / part)
        target = dest / part
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)
    return dest


def mkdocs_build(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serve(site: Path, prefix: str = "/sub/path/"):
    """Serve `site` at http://127.0.0.1:<port><prefix> (a plain static server,
    no configuration: the site must cope with any sub-path by itself)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        mount = Path(tmp) / prefix.strip("/")
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(site.resolve(), target_is_directory=True)
        handler = functools.partial(_QuietHandler, directory=tmp)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
        finally:
            server.shutdown()
            server.server_close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def animations_done(page) -> None:
    """Wait for every running CSS transition and animation on the page (a focus ring and
    the backgrounds behind it fade in together). A cancelled one rejects: settled is enough."""
    page.evaluate("() => Promise.allSettled(document.getAnimations().map(a => a.finished))")


def open_search(page, start_url: str, timeout: int = 15_000) -> None:
    """Open `start_url` and focus Material's search box with its own shortcut, once our
    search worker has answered (Material says "initialising" until then)."""
    page.goto(start_url)
    page.wait_for_selector("input.md-search__input", state="attached")
    page.locator("body").click(position={"x": 5, "y": 200})
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement && document.activeElement.matches('input.md-search__input')")
    # On a phone the dialog slides in: typed during the slide, a key can land before the
    # caret Material then restores (CI saw "大八" for 八大).
    animations_done(page)
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/初始化|Initializing/.test(m.textContent); }",
        timeout=timeout,
    )


def results_settled(page, quiet_ms: int = 300) -> None:
    """Wait until the search results stop changing: the worker answers twice (titles first,
    then with snippets) and Material renders the list anew each time, dropping the focus."""
    page.evaluate(
        """({quiet}) => new Promise(resolve => {
             const list = document.querySelector('.md-search-result');
             const done = () => { watch.disconnect(); resolve(); };
             const watch = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quiet); });
             let timer = setTimeout(done, quiet);
             watch.observe(list, {childList: true, subtree: true, characterData: true});
           })""",
        {"quiet": quiet_ms},
    )


def page_kinds(site) -> list[str]:
    """One page of each kind: fixed pages, then the first page in each folder."""
    chosen = ["index.html", "matrix.html", "guide.html", "glossary/index.html", "404.html"]
    for folder in ("batches", "phases", "roles", "checklists", "glossary", "sources"):
        items = sorted(p.name for p in (site / folder).glob("*.html") if p.name != "index.html")
        chosen += [f"{folder}/{items[0]}"] if items else []
    return [c for c in chosen if (site / c).exists()]


@contextlib.contextmanager
def served_at_root(site):
    """The site at the root of a local server: 404.html links its assets from "/"
    (a web server's error page can be shown at any depth), so file:// cannot show it."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def in_own_process(fn, *args, timeout: int = 300):
    """fn(*args) in a spawned process: Playwright's sync API refuses to start where another
    test's Playwright already runs (its event loop), which pytest-xdist workers share."""
    spawn = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn) as pool:
        return pool.submit(fn, *args).result(timeout=timeout)
