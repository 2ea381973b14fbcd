"""The editors' guide (docs/guide.md) with its examples taken from this campaign's own data.

docs/guide.md holds no campaign's text: where it shows an example, a line
`<!-- sitegen:example FILE -->` stands, replaced here by the first item of data/FILE
(lists cut short), or by the new-campaign skeleton's marked placeholder when the file has
none. So every site's guide, and its search data, speaks of that site's campaign only.
"""
from __future__ import annotations

import re

import yaml

from ..model.campaign import Campaign
from ..model.schema import FILES
from ..skeleton import ITEMS

_MARKER = re.compile(r"^<!-- sitegen:example ([a-z_]+\.yml) -->$", re.M)
_SHOWN = 2  # entries of each list an example keeps: enough to show the shape


def _shorten(value):
    if isinstance(value, list):
        return [_shorten(v) for v in value[:_SHOWN]]
    if isinstance(value, dict):
        return {k: _shorten(v) for k, v in value.items()}
    return value


def _first(campaign: Campaign, name: str) -> dict | None:
    kind = FILES[name]
    if kind == "not_term":
        return campaign.not_terms[0] if campaign.not_terms else None
    items = [i for i in campaign.of_kind(kind) if i.parent is None]
    return items[0].data if items else None


def example(campaign: Campaign, name: str) -> str:
    """A fenced YAML block: data/name's first entry, or the skeleton's placeholder."""
    entry = _first(campaign, name)
    if entry is None:
        text = ITEMS[name]
    else:
        text = yaml.safe_dump([_shorten(entry)], allow_unicode=True, sort_keys=False, width=1000)
    return f"```yaml\n# data/{name}\n{text.rstrip()}\n```"


def guide_page(template: str, campaign: Campaign) -> str:
    """docs/guide.md with each example marker replaced (an unknown file name is left as it is)."""
    return _MARKER.sub(lambda m: example(campaign, m.group(1)) if m.group(1) in FILES else m.group(0), template)
