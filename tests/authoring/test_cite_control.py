"""The citation control of `mkdocs serve`: every block of a source page copies a citation
as YAML ({doc, quote}) that `make check` finds; the selection narrows the quote. Not in a
built site."""
from __future__ import annotations

import re
import shutil

import pytest
import yaml

from servetools import mkdocs_serve
from sitegen.build import validate
from sitegen.model.citations import QuoteIndex
from sitetools import ROOT, copy_project, mkdocs_build

FIXTURE = ROOT / "tests" / "fixtures" / "campaign2" / "data"
# A source whose text is YAML and HTML syntax: the copied YAML must still give it back verbatim.
HOSTILE = "hostile"
HOSTILE_TEXT = """关于检查工作的说明
- 1: 检查 # 不是注释 "引号" 'single' \\ 反斜杠 {a: b} [c]
<img src=x onerror="window.__attacked=1">检查要求写在这里。
true
  缩进的一段，末尾有空格
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    base = tmp_path_factory.mktemp("cite")
    data = base / "data"
    shutil.copytree(FIXTURE, data)
    (data / "sources" / f"{HOSTILE}.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    project = copy_project(base / "project", data=data)
    documents = validate(project).documents
    with mkdocs_serve(project) as server:
        yield server, documents


def _copied(page, button) -> str:
    button.click()
    page.wait_for_function("document.querySelector('.sitegen-cite-status').textContent.startsWith('已复制')")
    return page.evaluate("navigator.clipboard.readText()")


def _parse(text: str) -> tuple[dict, str]:
    """The citation and the anchor named in its comment."""
    (citation,) = yaml.safe_load(text)
    anchor = re.match(r"- doc: .*  # (\S+)\n", text).group(1)
    return citation, anchor


@pytest.mark.browser
@pytest.mark.parametrize("doc_id", ["notice-2019", HOSTILE])
def test_every_block_copies_a_citation_that_verifies(served, browser, doc_id):
    server, documents = served
    doc, index = documents[doc_id], QuoteIndex(documents)
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server.url + f"sources/{doc_id}.html")
    buttons = page.locator("button.sitegen-cite")
    assert buttons.count() == len(doc.blocks)  # every paragraph and heading, nothing else
    for i, block in enumerate(doc.blocks):
        citation, anchor = _parse(_copied(page, buttons.nth(i)))
        assert citation == {"doc": doc_id, "quote": block.text.strip()}
        assert anchor == block.anchor and index.find(doc_id, citation["quote"]).anchor == block.anchor
    assert page.evaluate("window.__attacked") is None  # the page's text never became HTML
    context.close()


@pytest.mark.browser
def test_selected_text_is_the_quote_and_the_fallback_copies_too(served, browser):
    server, documents = served
    block = documents["notice-2019"].paragraphs[1]
    part = block.text[2:12]
    select = """([id, part]) => { const p = document.getElementById(id); const t = p.firstChild;
        const at = t.textContent.indexOf(part); const r = document.createRange();
        r.setStart(t, at); r.setEnd(t, at + part.length);
        getSelection().removeAllRanges(); getSelection().addRange(r); }"""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server.url + "sources/notice-2019.html")
    page.evaluate(select, [block.anchor, part])
    button = page.locator(f"#{block.anchor} button.sitegen-cite")
    assert _parse(_copied(page, button))[0] == {"doc": "notice-2019", "quote": part}
    # A selection reaching outside the block: the whole block.
    page.evaluate("() => { getSelection().selectAllChildren(document.body); }")
    assert _parse(_copied(page, button))[0]["quote"] == block.text

    # Where the Clipboard API is missing (served on a LAN address: not a secure context).
    bare = browser.new_context()
    bare.add_init_script("""Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});
        document.addEventListener('copy', () => { window.__copied = document.activeElement.value; });""")
    page = bare.new_page()
    page.goto(server.url + "sources/notice-2019.html")
    page.locator(f"#{block.anchor} button.sitegen-cite").click()
    page.wait_for_function("window.__copied !== undefined")
    assert _parse(page.evaluate("window.__copied"))[0] == {"doc": "notice-2019", "quote": block.text}
    context.close()
    bare.close()


def test_not_in_a_built_site(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    project = copy_project(tmp_path / "project", data=data)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-2000:]
    site = project / "site"
    assert not (site / "assets" / "javascripts" / "cite.js").exists()
    page = (site / "sources" / "notice-2019.html").read_text(encoding="utf-8")
    assert 'data-doc="notice-2019"' in page and "cite.js" not in page
