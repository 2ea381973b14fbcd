"""`make dist`: one zip of site/, named with the campaign and the data's date,
the same bytes every time, unpacking to one folder that is the whole site."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from sitegen.build import _epoch, ingest_sources
from sitegen.dist import make_dist


def _data_day(project: Path) -> dt.date:
    documents, _ = ingest_sources(project, project / "data")
    return dt.datetime.fromtimestamp(_epoch(documents), dt.timezone.utc).date()


def test_dist_zip_is_the_site_named_and_dated_from_the_data(built_site, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = built_site.parent
    day = _data_day(project)
    out = make_dist(project, built_site)
    assert out == project / "dist" / f"xianjinxing-jiaoyu-{day:%Y%m%d}.zip"
    first = out.read_bytes()
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert {i.date_time for i in infos} == {(day.year, day.month, day.day, 0, 0, 0)}
        assert all(n.startswith("xianjinxing-jiaoyu/") for n in names)
        site_files = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file())
        assert [n.split("/", 1)[1] for n in names] == site_files
        for name in ("index.html", "checklists/checklist-five-four.html", "sitemap.xml.gz"):
            assert archive.read(f"xianjinxing-jiaoyu/{name}") == (built_site / name).read_bytes()
    # Same site, same zip, byte for byte (even when the files' own mtimes change).
    os.utime(built_site / "index.html")
    assert make_dist(project, built_site).read_bytes() == first


def test_make_dist_command(built_site, tmp_path):
    """What `make dist` runs: `python -m sitegen dist` from the project."""
    project = built_site.parent
    env = dict(os.environ, PYTHONPATH=str(project / "scripts"))
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run([sys.executable, "-m", "sitegen", "dist"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    out = Path(result.stdout.strip().splitlines()[-1])
    assert out.parent == project / "dist" and out.name == f"xianjinxing-jiaoyu-{_data_day(project):%Y%m%d}.zip"
    unpacked = tmp_path / "usb"
    with zipfile.ZipFile(out) as archive:
        archive.extractall(unpacked)
    assert (unpacked / "xianjinxing-jiaoyu" / "index.html").read_bytes() == (built_site / "index.html").read_bytes()


def test_dist_refuses_without_a_site(tmp_path):
    import pytest

    with pytest.raises(SystemExit, match="make site"):
        make_dist(tmp_path, tmp_path / "site")


def test_dist_refuses_a_slug_that_would_name_a_path(tmp_path):
    import pytest

    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<html></html>", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "campaign.yml").write_text("slug: ../../outside\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="slug must be"):
        make_dist(tmp_path, tmp_path / "site")
    assert not (tmp_path.parent / "outside-").exists() and not list(tmp_path.parent.glob("outside*.zip"))
