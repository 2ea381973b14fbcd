"""Pages carry their content, not the templates' indentation (mkdocs_glue.on_env)."""
import re


def _visible(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_few_blank_lines_and_the_text_intact(built_site):
    for rel in ("index.html", "sources/index.html", "glossary/term-ox-nose.html"):
        html = (built_site / rel).read_text(encoding="utf-8")
        lines = html.split("\n")
        blank = sum(1 for line in lines if not line.strip())
        assert blank < len(lines) / 3, (rel, blank, len(lines))  # it was three blank lines in four
    text = _visible((built_site / "glossary" / "term-ox-nose.html").read_text(encoding="utf-8"))
    assert "牛鼻子" in text and "出现在" in text
    # Words separated by template line breaks keep their space (nothing glued together).
    assert "编辑指南 构建报告" in _visible((built_site / "index.html").read_text(encoding="utf-8"))
