"""Pages lose their indentation, not their text (sitegen/compact.py)."""
import re

from sitegen.compact import compact_html


def visible(html: str) -> str:
    """What a browser shows, roughly: tags dropped, whitespace runs as one space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_indentation_and_blank_lines_go():
    html = "<nav>\n    <ul>\n\n      <li>\n        <a href='x'>甲 乙</a>\n      </li>\n    </ul>\n  </nav>"
    out = compact_html(html)
    assert out == "<nav>\n<ul>\n<li>\n<a href='x'>甲 乙</a>\n</li>\n</ul>\n</nav>"
    assert visible(out) == visible(html)


def test_preformatted_scripts_and_styles_are_kept():
    html = ("<div>\n   <pre><code>a\n    b\n\n  c</code></pre>\n  <textarea>\n  x\n</textarea>\n"
            "<script>\n  var a = 1; // note\n  var b = 2;\n</script><STYLE>\n  p { }\n</STYLE>\n   </div>")
    out = compact_html(html)
    assert "<pre><code>a\n    b\n\n  c</code></pre>" in out
    assert "<textarea>\n  x\n</textarea>" in out
    assert "<script>\n  var a = 1; // note\n  var b = 2;\n</script>" in out
    assert "<STYLE>\n  p { }\n</STYLE>" in out
    assert out.endswith("\n</div>") and out.startswith("<div>\n<pre>")


def test_spaces_within_a_line_stay():
    html = "<p>a  b</p> <span>c</span>\t<span>d</span>"
    assert compact_html(html) == html


def test_built_page_keeps_its_text(built_site):
    page = (built_site / "guide.html").read_text(encoding="utf-8")
    assert not re.search(r"\n[ \t]+<", page.split("<pre", 1)[0])  # no indented lines before code
