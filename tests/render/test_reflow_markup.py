"""The markup the phone layout and screen readers rely on: grid tables with scoped
header cells and column names on every cell, long lists folded behind their count."""
from __future__ import annotations

from lxml import html

from sitegen.render.common import LONG_LIST, long_list
from sitegen.render.guidance import grid_table


def test_grid_table_scopes_its_headers_and_names_each_cell():
    table = html.fromstring(grid_table("matrix", "角色", [('<a href="p1.html">阶段一</a>', "阶段一"), ("二", "阶段<二>")],
                                       [("甲", ["x", ""]), ("乙", ["", "y"])]))
    assert [th.get("scope") for th in table.xpath("//thead//th")] == ["col"] * 3
    assert [th.get("scope") for th in table.xpath("//tbody//th")] == ["row", "row"]
    assert [td.get("data-col") for td in table.xpath("//tbody//td")] == ["阶段一", "阶段<二>"] * 2
    assert [td.text_content() for td in table.xpath("//tbody//td")] == ["x", "", "", "y"]
    assert "matrix" in table.get("class").split()


def test_short_lists_stay_open_long_ones_fold_with_their_count():
    short = html.fromstring(long_list([f"<b>{n}</b>" for n in range(LONG_LIST)], "引用"))
    assert short.tag == "ul" and len(short) == LONG_LIST
    folded = html.fromstring(long_list([f"<b>{n}</b>" for n in range(LONG_LIST + 1)], "引用<x>"))
    assert folded.tag == "details" and folded.get("open") is None
    assert folded.find("summary").text_content() == f"引用<x>（{LONG_LIST + 1}）"
    assert len(folded.xpath(".//li/b")) == LONG_LIST + 1
