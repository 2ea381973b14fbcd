"""Each page's <title>: what the page is, then the site; the home page only the site's name."""
import html
import re

import yaml

from sitetools import ROOT

TITLE = re.compile(r"<title>([^<]*)</title>")


def _title(path) -> str:
    found = TITLE.findall(path.read_text(encoding="utf-8"))
    assert len(found) == 1, path
    return html.unescape(found[0])


def test_home_page_title_is_the_site_name_once(built_site):
    name = yaml.safe_load((ROOT / "data" / "campaign.yml").read_text(encoding="utf-8"))["title"]
    assert _title(built_site / "index.html") == name


def test_other_pages_say_what_they_are_then_the_site(built_site):
    name = _title(built_site / "index.html")
    for path in [built_site / "phases" / "index.html", built_site / "glossary" / "index.html",
                 next((built_site / "sources").glob("0*.html"))]:
        title = _title(path)
        assert title.endswith(f" - {name}") and len(title) > len(name) + 3, (path.name, title)
