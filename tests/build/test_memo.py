"""`mkdocs serve` keeps unchanged documents' term counts and pages between rebuilds
(generate(memo=...)): what it reuses must be what a fresh run would make."""
import pytest

from sitegen.build import generate, page_memo
from sitegen.cache.disk import MemoryMemo
from sitetools import copy_project


@pytest.fixture()
def project(tmp_path):
    return copy_project(tmp_path / "p")


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _built(root, memo=None):
    """generate() as a build runs it: each document page made (when written), then done()."""
    made = generate(root, memo=memo)
    pages = {path: later.made() for path, later in made.direct.items()}
    made.done()
    return made, pages


def _same_as_fresh(root, memo):
    kept, pages = _built(root, memo)
    fresh = generate(root)
    assert kept.markdown() == fresh.markdown()
    assert {k: p.search for k, p in pages.items()} == {k: p.search for k, p in fresh.direct.items()}
    return pages


def test_unchanged_documents_are_reused_and_edits_are_not_missed(project):
    memo = MemoryMemo()
    _, first = _built(project, memo)
    assert len(memo.was) == 2 * len(first), "each document's term counts and page are kept"
    # 1. One source edited: its page is made again, the others are the same objects.
    source = sorted((project / "data" / "sources").glob("*.txt"))[4]
    source.write_text(source.read_text(encoding="utf-8") + "\n\n保持共产党员先进性教育活动补充段落。\n", encoding="utf-8")
    second = _same_as_fresh(project, memo)
    edited = f"sources/{source.stem}.md"
    assert "补充段落" in second[edited].html and "补充段落" not in first[edited].html
    assert all(second[k] is first[k] for k in first if k != edited)
    # 2. An item citing documents renamed: the documents it cites show the new title.
    _edit(project / "data" / "checklists.yml", "  title: 八个一\n", "  title: 八个一（改）\n")
    third = _same_as_fresh(project, memo)
    assert any("八个一（改）" in p.html for p in third.values())
    # 3. The glossary changed: every document is linked again.
    _edit(project / "data" / "glossary.yml", "  variants:\n", "  variants:\n  - 先进性教育活动补充\n")
    _same_as_fresh(project, memo)


def test_mkdocs_build_keeps_documents_on_disk_between_runs(project):
    """`mkdocs build` gives generate() page_memo(): a later process reuses unchanged documents."""
    first_memo = page_memo(project)
    documents = len(_built(project, first_memo)[1])
    assert (first_memo.hits, first_memo.misses) == (0, 2 * documents)
    source = sorted((project / "data" / "sources").glob("*.txt"))[2]
    source.write_text(source.read_text(encoding="utf-8") + "\n\n保持共产党员先进性教育活动补充段落。\n", encoding="utf-8")
    memo = page_memo(project)
    kept, pages = _built(project, memo)
    assert (memo.hits, memo.misses) == (2 * (documents - 1), 2), "only the edited document is matched and rendered again"
    fresh = generate(project)
    assert kept.markdown() == fresh.markdown()
    assert {k: p.search for k, p in pages.items()} == {k: p.search for k, p in fresh.direct.items()}
    assert "补充段落" in pages[f"sources/{source.stem}.md"].html
