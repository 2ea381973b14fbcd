import html as htmllib

import markdown

from sitegen.link.terms import TermMatcher
from sitegen.render.html import Linker, md_inline
from sitegen.render.paths import rel

HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> [a](javascript:alert(3)) *b* #c |d| `e` _f_ {#g}"


def test_markdown_heading_text_stays_literal():
    out = markdown.markdown("## " + md_inline(HOSTILE) + " {#h-1}", extensions=["attr_list", "tables", "toc"])
    assert "<script" not in out and "<img" not in out and "<a " not in out and "<em>" not in out
    text = htmllib.unescape(out.split(">", 1)[1].rsplit("<", 1)[0])
    assert text == HOSTILE


def test_linker_escapes_and_links_each_term_once_per_paragraph():
    linker = Linker(TermMatcher({"t": ["督导组"]}), {"t": ("glossary/t.md", "派出的“指导”<组>")})
    out = linker.text("督导组<b>和督导组", "sources/d.md", rel)
    assert out.count("<a ") == 1
    assert '<a href="../glossary/t.html" class="term" title="派出的“指导”&lt;组&gt;">督导组</a>' in out
    assert "&lt;b&gt;和督导组" in out


def test_relative_links_work_from_any_folder():
    assert rel("index.md", "phases/p.md") == "phases/p.html"
    assert rel("phases/p.md", "roles/r.md", "duties") == "../roles/r.html#duties"
    assert rel("phases/p.md", "phases/p.md", "s1") == "p.html#s1"
