"""The search packs page texts after a dictionary of the glossary's own text (build._text_packer,
search/packed.py): the sources' quotes, which documents repeat word for word, are in it."""
from __future__ import annotations

from sitegen.build import _text_packer, validate
from sitegen.search.packed import gb_bytes
from sitetools import ROOT


def test_the_dictionary_holds_the_glossary_quotes_and_definitions():
    campaign = validate(ROOT).campaign
    packer = _text_packer(campaign)
    terms = campaign.of_kind("term")
    quotes = [s["quote"] for t in terms for s in t.data.get("sources", []) if s.get("quote")]
    assert quotes, "the seed glossary quotes its sources"
    held = [q for q in quotes if gb_bytes(q) in packer.dictionary]
    assert len(held) >= 0.9 * len(quotes), f"{len(held)} of {len(quotes)} quotes"
    assert any(gb_bytes(t.data["term"]) in packer.dictionary for t in terms)
    assert b"term-" not in packer.dictionary, "ids are not text"
