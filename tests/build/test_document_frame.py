"""Document pages are written into the theme's frame (sitegen.frame, sitegen.docpages),
not laid out by MkDocs one by one: the same pages, checked on every build by the witness."""
from __future__ import annotations

import re

import pytest

from sitegen import frame
from sitegen.frame import Frame, FrameError
from sitetools import copy_project, mkdocs_build

LAID_OUT = (f"<title>{frame.TITLE_STRIPPED} - 站</title><a href=\"#{frame.H1_ID}\">跳过</a>"
            f"<header>{frame.TITLE}</header><nav>TOC</nav><main>{frame.CONTENT}</main><a href=\"x/{frame.NAME}.html\">")


def test_a_frame_is_filled_with_each_pages_parts():
    cut = Frame.cut(LAID_OUT, "TOC", frame.NAME)
    page = cut.fill("甲&lt;乙&gt;", "h1-id", "<li>目录</li>", "<h1>正文</h1>", "doc-7")
    assert page == ('<title>甲<乙> - 站</title><a href="#h1-id">跳过</a><header>甲&lt;乙&gt;</header>'
                    '<nav><li>目录</li></nav><main><h1>正文</h1></main><a href="x/doc-7.html">')


@pytest.mark.parametrize("laid_out, problem", [
    (LAID_OUT.replace(frame.TITLE, frame.TITLE.upper()), "in a form the document writer cannot fill"),
    (LAID_OUT.replace(frame.CONTENT, ""), "does not show the page content"),
    (LAID_OUT.replace("TOC", "目录"), "not made by partials/toc-item.html"),
])
def test_a_frame_it_cannot_fill_is_refused(laid_out, problem):
    with pytest.raises(FrameError, match=problem):
        Frame.cut(laid_out, "TOC", frame.NAME)


def test_document_pages_have_their_own_title_skip_link_and_contents(built_site):
    pages = sorted((built_site / "sources").glob("*.html"))
    documents = [p for p in pages if p.name != "index.html"]
    assert documents and not [p for p in pages if frame.NAME in p.name]
    for path in documents:
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"sitegen(Title|FrameChild|-frame-)", html), path.name
        h1 = re.search(r'<h1 id="([^"]+)">([^<]+)</h1>', html)
        assert h1, path.name
        assert re.search(rf"<title>{re.escape(h1.group(2))} - ", html), path.name
        assert f'href="#{h1.group(1)}" class="md-skip"' in html, path.name
        for anchor in re.findall(r'<h2 id="([^"]+)"', html):  # every section is in the table of contents
            assert f'href="#{anchor}"' in html, (path.name, anchor)


def test_a_theme_that_lays_out_documents_otherwise_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "p")
    assert mkdocs_build(project).returncode == 0
    before = (project / "site" / "index.html").read_bytes()
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8")
                    + '{% block extrahead %}<meta name="t" content="{{ page.title | upper }}">{% endblock %}\n',
                    encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    said = result.stdout + result.stderr
    lines = [line for line in said.splitlines() if "document pages not written" in line]
    assert len(lines) == 1 and "overrides/" in lines[0] and "{page.title}" in lines[0], said[-2000:]
    assert "Traceback" not in said
    assert (project / "site" / "index.html").read_bytes() == before
    assert not list(project.glob(".site.building-*"))
