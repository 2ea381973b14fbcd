"""Document pages are written straight to HTML (render/direct.py): what Python-Markdown
and the HTML parser of the search index would have made of them must be what we made."""
import re
import shutil

import markdown
import pytest

from sitegen.build import generate
from sitegen.render.direct import DirectPageWriter
from sitegen.search import page_from_html
from sitetools import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "campaign2" / "data"


@pytest.fixture(scope="module", params=["project", "campaign2"])
def generated(request, tmp_path_factory):
    if request.param == "project":
        return generate(ROOT)
    root = tmp_path_factory.mktemp("c2")
    shutil.copytree(FIXTURE, root / "data")
    return generate(root)


def test_every_document_is_a_direct_page(generated):
    assert generated.direct
    assert {p for p in generated.direct} == {f"sources/{p.split('/')[-1]}" for p in generated.direct}
    assert len(generated.direct) == len(generated.documents)
    assert not any(path in generated.pages for path in generated.direct)


def test_search_text_is_what_the_html_says(generated):
    for page in generated.direct.values():  # (a document page's search text comes packed: SearchPage.packed)
        assert page.search.texts and not page.search.sections
        assert page.search == page_from_html(page.search.url, page.title, "document", page.html).packed(
            packer=generated.texts)
    assert generated.texts.dictionary  # (the seed glossary gives the texts a dictionary)


def test_html_is_what_markdown_would_make(generated):
    """Raw HTML passes Python-Markdown unchanged: the same page through it gives the same HTML."""
    squeeze = lambda s: re.sub(r">\s+<", "><", s).strip()  # noqa: E731
    for page in generated.direct.values():
        converted = markdown.markdown(page.html, extensions=["attr_list", "tables", "toc"])
        assert squeeze(converted) == squeeze(page.html)


def test_toc_lists_every_heading_nested_under_its_parent(generated):
    for page in generated.direct.values():
        headings = re.findall(r'<h([1-6]) id="([^"]*)">', page.html)
        flat = []

        def walk(tokens, parent_level):
            for t in tokens:
                assert t["level"] > parent_level
                flat.append((str(t["level"]), t["id"]))
                walk(t["children"], t["level"])

        walk(page.toc, 0)
        assert flat == headings
        assert {i for _, i in headings} <= page.anchors
        assert set(re.findall(r'<p id="([^"]*)"', page.html)) <= page.anchors


def test_writer_escapes_and_sections():
    w = DirectPageWriter("sources/x.html", "document", "标题<script>")
    w.block("<p>甲</p>", ["甲"])
    w.heading(2, "一、<b>", "h-1")
    w.block('<p id="p-1">乙 丙</p>', ["乙 丙"], "p-1")
    w.heading(3, "（一）子", "h-2")
    page = w.finish()
    assert "<script>" not in page.html and "&lt;script&gt;" in page.html
    assert [(s.anchor, s.title, s.level, [(b.anchor, b.text) for b in s.blocks]) for s in page.search.sections] == [
        ("", "标题<script>", 1, [("", "甲")]),
        ("h-1", "一、<b>", 2, [("p-1", "乙丙")]),  # the space between two CJK characters is a line break
        ("h-2", "（一）子", 3, []),
    ]
    assert [t["id"] for t in page.toc[0]["children"]] == ["h-1"]
    assert page.toc[0]["children"][0]["children"][0]["id"] == "h-2"
    assert page.markdown.startswith("---\nkind: document\n") and page.markdown.endswith(page.html)
