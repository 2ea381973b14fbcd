"""Screenshots for the README: the home page, a phase page and a pinyin search
(and, for the editor's guide, the problems banner of `mkdocs serve`); and of every
page kind as a phone shows it (320 CSS px) and as it prints (the first A4 page).

    make screenshots        # builds site/ first, then runs this

Serves site/ under a sub-path with a plain static server (as a reader would get it),
opens it in Debian's headless Chromium (tests/sitetools.launch; never
`playwright install`) and writes PNGs into docs/images/, which the README shows;
the page kinds go to .cache/screenshots/ (<kind>-320.png, <kind>-print.png), to look
at after changing the look, not kept in the repository.
Run it after changing the look or the data, so the pictures stay current.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "authoring")]

from sitetools import copy_project, launch, open_search, page_kinds, serve, served_at_root  # noqa: E402

VIEWPORT = {"width": 1280, "height": 800}
# The phase and the query are this campaign's; both can be given on the command line.
PHASE_PAGE = "phases/phase-study.html"
PINYIN_QUERY = "sangedaibiao"  # 三个代表, typed as full pinyin without tones or spaces
PHONE = {"width": 320, "height": 640}
PHONE_MAX_HEIGHT = 2400  # a long page is cut here: the layout shows in its first screens
MM = 96 / 25.4
A4 = (round(210 * MM), round(297 * MM))  # 794 x 1123 px
A4_MARGIN = round(15 * MM)  # @page in site.css


def _shoot_page(page, url: str, target: Path) -> None:
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector("h1")
    page.screenshot(path=str(target))


def _shoot_search(page, url: str, query: str, target: Path) -> int:
    """Open the search (the theme's "/" shortcut), type a pinyin query key by key, wait
    for the results to settle; return how many are shown."""
    open_search(page, url, timeout=20_000)
    page.locator("input.md-search__input").press_sequentially(query, delay=60)
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    page.wait_for_timeout(800)  # results arrive in steps as the query is typed
    page.screenshot(path=str(target))
    return page.locator(".md-search-result__item").count()


def _compress(path: Path) -> None:
    """128 colours are plenty for a page of text: a third of the bytes in the repository."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def take(site: Path, out: Path, phase_page: str = PHASE_PAGE, query: str = PINYIN_QUERY) -> dict[str, Path]:
    from playwright.sync_api import sync_playwright

    if not (site / "index.html").exists():
        raise SystemExit(f"{site}/index.html not found: run `make site` first")
    if not (site / phase_page).exists():
        phases = sorted((site / "phases").glob("*.html"))
        phases = [p for p in phases if p.name != "index.html"]
        if not phases:
            raise SystemExit(f"{site}: no phase page to show")
        phase_page = phases[0].relative_to(site).as_posix()
    out.mkdir(parents=True, exist_ok=True)
    shots = {"home": out / "home.png", "phase": out / "phase.png", "search": out / "search-pinyin.png"}
    with serve(site, "/guide/") as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1, locale="zh-CN")
            page = context.new_page()
            _shoot_page(page, base + "index.html", shots["home"])
            _shoot_page(page, base + phase_page, shots["phase"])
            found = _shoot_search(page, base + "index.html", query, shots["search"])
            if not found:
                raise SystemExit(f"search for {query!r} found nothing")
            context.close()
        finally:
            browser.close()
    for path in shots.values():
        _compress(path)
    return shots


def take_banner(out: Path, phase_page: str = PHASE_PAGE) -> Path:
    """The problems banner of `mkdocs serve`: a copy of the project is served, a field
    name in data/phases.yml is misspelt, and the page is taken once the banner is up."""
    import re
    import tempfile

    from playwright.sync_api import sync_playwright
    from servetools import mkdocs_serve

    target = out / "banner.png"
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        with mkdocs_serve(project) as server:
            phases = project / "data" / "phases.yml"
            text = phases.read_text(encoding="utf-8")
            broken = re.sub(r"(?m)^  title:", "  titel:", text, count=1)
            phases.write_text(broken, encoding="utf-8")
            server.wait_for(phase_page, lambda html: 'data-sitegen="problems"' in html, timeout=120)
            with sync_playwright() as playwright:
                browser = launch(playwright)
                try:
                    page = browser.new_page(viewport={"width": VIEWPORT["width"], "height": 420}, locale="zh-CN")
                    _shoot_page(page, server.url + phase_page, target)
                finally:
                    browser.close()
    _compress(target)
    return target


def kind_name(rel: str) -> str:
    """matrix.html -> matrix, glossary/index.html -> glossary-index, phases/x.html -> phase."""
    parts = rel.removesuffix(".html").split("/")
    if parts == ["index"]:
        return "home"
    if len(parts) == 1 or parts[-1] == "index":
        return "-".join(parts)
    return {"glossary": "term", "sources": "source", "batches": "batch"}.get(parts[0], parts[0].rstrip("s"))


def _on_a4(path: Path) -> None:
    """The print layout's first page set on a sheet of A4 with its margins."""
    from PIL import Image, ImageOps

    with Image.open(path) as content:
        sheet = Image.new("RGB", A4, "white")
        sheet.paste(content.convert("RGB"), (A4_MARGIN, A4_MARGIN))
    ImageOps.expand(sheet, border=1, fill="#999").save(path)


def take_kinds(site: Path, out: Path) -> dict[str, Path]:
    """Every page kind at 320 CSS px (full page, cut at PHONE_MAX_HEIGHT) and in the
    print layout (the printable area of the first A4 page, on its sheet)."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    shots = {}
    width, height = A4[0] - 2 * A4_MARGIN, A4[1] - 2 * A4_MARGIN
    with served_at_root(site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            phone = browser.new_page(viewport=PHONE, device_scale_factor=1, locale="zh-CN")
            paper = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
            paper.emulate_media(media="print")
            for rel in page_kinds(site):
                name = kind_name(rel)
                phone.goto(base + rel, wait_until="networkidle")
                full = phone.evaluate("() => document.documentElement.scrollHeight")
                shots[f"{name}-320"] = out / f"{name}-320.png"
                phone.screenshot(path=str(shots[f"{name}-320"]), full_page=True,
                                 clip={"x": 0, "y": 0, "width": PHONE["width"], "height": min(full, PHONE_MAX_HEIGHT)})
                paper.goto(base + rel, wait_until="networkidle")
                shots[f"{name}-print"] = out / f"{name}-print.png"
                paper.screenshot(path=str(shots[f"{name}-print"]))
                _on_a4(shots[f"{name}-print"])
        finally:
            browser.close()
    for path in shots.values():
        _compress(path)
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--phase", default=PHASE_PAGE, help="page of the phase to show (site-relative)")
    parser.add_argument("--query", default=PINYIN_QUERY, help="pinyin to type into the search")
    parser.add_argument("--no-banner", action="store_true", help="skip the problems banner (it runs mkdocs serve)")
    parser.add_argument("--kinds-out", type=Path, default=ROOT / ".cache" / "screenshots",
                        help="where the 320 px and print pictures of every page kind go")
    args = parser.parse_args(argv)
    shots = take(args.site, args.out, args.phase, args.query)
    shots.update(take_kinds(args.site, args.kinds_out))
    if not args.no_banner:
        shots["banner"] = take_banner(args.out, args.phase)
    for name, path in shots.items():
        print(f"{name}: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
