"""`make dist`: a zip of site/ named with the campaign and date.

Entries are sorted and carry a fixed timestamp, so the same site gives the
same zip byte for byte. The date (in the name and on every entry) is the one
the build used: SOURCE_DATE_EPOCH if set, else the newest date the sources give
(what mkdocs_glue sets for the build), else the newest file in site/.
Everything sits in one folder named like the campaign, ready to unpack under
any path of a web server or to copy onto a USB stick.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from pathlib import Path

from .model.format import SETTINGS
from .model.yamlread import read_yaml


def make_dist(root: Path, site: Path) -> Path:
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site}: no built site here; run `make site` first")
    settings_file = root / "data" / "campaign.yml"
    settings = read_yaml(settings_file.read_text(encoding="utf-8")).data if settings_file.exists() else {}
    slug = (settings or {}).get("slug") or "campaign"
    if not isinstance(slug, str) or not re.fullmatch(SETTINGS["properties"]["slug"]["pattern"], slug):
        raise SystemExit("data/campaign.yml: slug must be lower-case ASCII letters, digits and '-' (it names the zip)")
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or _data_epoch(root) or _newest_mtime(site))
    day = dt.datetime.fromtimestamp(epoch, dt.timezone.utc)
    out = root / "dist" / f"{slug}-{day:%Y%m%d}.zip"
    out.parent.mkdir(parents=True, exist_ok=True)
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{slug}/{path.relative_to(site).as_posix()}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return out


def _data_epoch(root: Path) -> int:
    """The newest source date, as the build takes it (ingest only: no model, no render)."""
    from .build import _epoch, ingest_sources

    if not (root / "data" / "sources").is_dir():
        return 0
    documents, _ = ingest_sources(root, root / "data")
    return _epoch(documents)


def _newest_mtime(site: Path) -> float:
    return max(p.stat().st_mtime for p in site.rglob("*") if p.is_file())
