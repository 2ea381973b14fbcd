"""Links allow only http(s), mailto and relative URLs; anything else is shown as text."""
import pytest

from sitegen.render.html import link, safe_url


@pytest.mark.parametrize("url", ["https://example.org/a?b=1", "HTTP://example.org", "mailto:office@example.org",
                                 "../sources/a.html#p3", "a b.html", "#top", "?q=1", "glossary/x.html"])
def test_safe_urls_become_links(url):
    assert safe_url(url)
    assert link(url, "文字").startswith('<a href="')


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)",
                                 "jav\nascript:x", "\x01javascript:x", "data:text/html,<script>x</script>",
                                 "vbscript:msgbox", "file:///etc/passwd", "//evil.example/x", "\\\\evil\\x",
                                 "/\\evil.example", "blob:x", "filesystem:x", "ms-its:x"])
def test_other_urls_are_refused_and_the_text_stays_inert(url):
    assert not safe_url(url)
    out = link(url, "<b>文字</b>")
    assert out == "&lt;b&gt;文字&lt;/b&gt;" and "href" not in out
