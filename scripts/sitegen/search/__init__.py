"""Site search: the index builder (Python) for the worker in
the worker built from search/worker/*.js (search/worker.py), which answers Material's search box.

    page_from_html(url, title, kind, html, aliases=()) -> SearchPage
    write_index(pages, site_dir, dictionary, pinyin_overrides=None, texts=None) -> stats dict
    text_packer(strings) -> Packer: how page texts are packed, after a dictionary of strings

See index.py for the files written and the worker for how they are used.
"""
from .index import write_index
from .packed import NO_DICTIONARY, Packer, text_packer
from .page import KINDS, TYPED_KINDS, Block, SearchPage, Section, page_from_html

__all__ = ["page_from_html", "write_index", "text_packer", "Packer", "NO_DICTIONARY", "SearchPage", "Section", "Block", "KINDS", "TYPED_KINDS"]
