"""A document in traditional characters is marked lang="zh-Hant" (its title, headings
and paragraphs), so a screen reader does not read it as the site's Simplified Chinese;
a simplified one carries no lang of its own."""
from __future__ import annotations

import shutil

from lxml import html

from sitegen.build import generate
from sitetools import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "campaign2" / "data"
TRADITIONAL = "關於開展安全檢查的通知\n\n一、檢查範圍\n\n各車間應當認真組織這次檢查，發現問題及時報告。\n"


def test_traditional_document_is_marked_zh_hant(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "data")
    (tmp_path / "data" / "sources" / "traditional.txt").write_text(TRADITIONAL, encoding="utf-8")
    generated = generate(tmp_path)
    by_script = {d.script: d for d in generated.documents.values()}
    assert set(by_script) == {"traditional", "simplified"}
    pages = {p.title: html.fromstring(f"<div>{p.html}</div>") for p in generated.direct.values()}
    own = pages[by_script["traditional"].title]
    marked = own.xpath("//*[@lang='zh-Hant']")
    assert own.xpath("//h1/@lang") == ["zh-Hant"]
    assert all(p.get("lang") == "zh-Hant" for p in own.xpath("//p[@id]")) and own.xpath("//p[@id]")
    assert "各車間應當認真組織這次檢查" in "".join(e.text_content() for e in marked)
    assert not own.xpath("//table//*[@lang]")  # the metadata labels are the site's own words
    plain = pages[by_script["simplified"].title]
    assert not plain.xpath("//*[@lang]")
