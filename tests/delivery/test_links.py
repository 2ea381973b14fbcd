"""Every internal link of the built site lands on a file and every #anchor on an id,
resolved the way a browser resolves them under any sub-path and from file://."""
from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitecrawl import check_site, pages, parse

PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="{css}"><script src="{js}"></script></head>
<body><h1 id="top">t</h1>{body}</body></html>"""


def _write(site: Path, rel: str, body: str = "", css: str = "assets/a.css", js: str = "assets/a.js") -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(body=body, css=css, js=js), encoding="utf-8")


def test_checker_finds_what_breaks_offline_delivery(tmp_path):
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "a.css").write_text("")
    (site / "assets" / "a.js").write_text("")
    _write(site, "index.html", '<a href="sub/ok.html#x">ok</a> <a href="#top">top</a> '
           '<a href="https://example.org/">outside link</a>')
    _write(site, "sub/ok.html", '<p id="x">x</p><a href="../index.html">up</a> <a href="../%E4%B8%AD.html">cn</a>',
           css="../assets/a.css", js="../assets/a.js")
    _write(site, "中.html", "")
    _write(site, "bad.html", " ".join([
        '<a href="missing.html">1</a>',
        '<a href="sub/ok.html#nope">2</a>',
        '<a href="sub/">3</a>',
        '<a href="sub">4</a>',
        '<a href="/index.html">5</a>',
        '<a href="#gone">6</a>',
        '<img src="https://cdn.example/x.png">',
        '<a href="javascript:alert(1)">7</a>',
        '<a href="../../outside.html">8</a>',
    ]), css="//fonts.example/css")
    problems, external = check_site(site)
    assert all(p.startswith("bad.html:") for p in problems), problems
    reasons = "\n".join(problems)
    for expected in ("missing file missing.html", "no id 'nope' in sub/ok.html", "points to a folder",
                     "root-absolute", "no id 'gone' in bad.html", "outside resource", "'javascript:' reference",
                     "points outside the site"):
        assert expected in reasons
    assert len(problems) == 10, reasons  # two folder links, two outside resources
    assert [r.value for r in external] == ["https://example.org/"]


def test_every_internal_link_and_anchor_resolves(built_site):
    problems, external = check_site(built_site)
    assert not problems, f"{len(problems)} broken reference(s):\n" + "\n".join(problems[:50])
    all_pages = pages(built_site)
    assert len(all_pages) > 100
    # The crawl really followed links: every generated page is linked from somewhere.
    linked = set()
    for page in all_pages:
        for ref in parse(built_site, page).refs:
            if ref.tag == "a" and not ref.value.startswith(("#", "http", "//")):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(urlsplit(ref.value).path)))
                linked.add(target)
    unlinked = [p for p in all_pages if p not in linked and p not in ("404.html",)]
    assert not unlinked, f"pages no link reaches: {unlinked[:20]}"


def test_no_outside_resources_in_stylesheets(built_site):
    """CSS may fetch fonts and images by itself (url(...), @import): all must be local."""
    offenders = []
    for css in sorted(built_site.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        for match in re.finditer(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", text):
            offenders.append(f"{css.relative_to(built_site)}: {match.group(1)}")
    assert not offenders, offenders
