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
    linker = Linker(TermMatcher({"t": ["督导组"]}), {"t": "glossary/t.md"})
    out = linker.text("督导组<b>和督导组", "sources/d.md", rel)
    assert out.count("<a ") == 1
    assert '<a href="../glossary/t.html" class="term">督导组</a>' in out  # definition: glossary/tooltips.js
    assert "&lt;b&gt;和督导组" in out


def test_relative_links_work_from_any_folder():
    assert rel("index.md", "phases/p.md") == "phases/p.html"
    assert rel("phases/p.md", "roles/r.md", "duties") == "../roles/r.html#duties"
    assert rel("phases/p.md", "phases/p.md", "s1") == "p.html#s1"


def test_tooltips_script_carries_every_definition_safely():
    import json
    import re
    from types import SimpleNamespace

    from sitegen.render.glossary import tooltips_script

    hostile = "甲</script><!--<b>“乙”\u2028\u2029&amp;'\"\\"
    terms = [SimpleNamespace(id="term-a", data={"short": hostile}), SimpleNamespace(id="term-b", data={"short": "丙"})]
    js = tooltips_script(terms)
    for raw in ("</script", "<!--", "<b>", "\u2028", "\u2029", "&amp;"):
        assert raw not in js, raw
    # The table is the one argument of the script's closing call, and decodes to the data.
    table = re.search(r"\}\)\((\{.*\})\);\s*$", js, re.S)
    assert table and json.loads(table.group(1)) == {"term-a": hostile, "term-b": "丙"}
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "textContent" in js
