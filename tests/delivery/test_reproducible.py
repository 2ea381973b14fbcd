"""Two builds of the same commit are byte-identical: same files, same bytes.

The second build differs in everything that must not matter: the folder it is
built in, the hash seed (set and dict ordering), the time zone, the locale, a
fresh temporary folder (jieba rebuilds its cache) and no SOURCE_DATE_EPOCH in
the environment (the build takes its date from the data)."""
from __future__ import annotations

import datetime as dt
import difflib
import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from sitegen.build import _epoch, ingest_sources
from sitetools import PROJECT_PARTS


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def _text(path: Path) -> list[str]:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace").replace("><", ">\n<").splitlines()


def _explain(name: str, a: Path, b: Path) -> str:
    if a.suffix in (".html", ".xml", ".json", ".js", ".css", ".txt", ".gz") and a.stat().st_size < 5_000_000:
        diff = list(difflib.unified_diff(_text(a), _text(b), "first", "second", n=0, lineterm=""))[:12]
        if diff:
            return f"{name}:\n  " + "\n  ".join(line[:200] for line in diff)
    return f"{name}: {a.stat().st_size} vs {b.stat().st_size} bytes (gzip header or binary difference)"


def test_two_builds_are_byte_identical(built_site, tmp_path):
    # The very sources of the first build (the working tree may change meanwhile).
    project = tmp_path / "elsewhere" / "second build"
    first_project = built_site.parent
    for part in PROJECT_PARTS:
        source = first_project / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            project.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / part)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PYTHONHASHSEED")}
    env.update(PYTHONHASHSEED="4242", TZ="America/Los_Angeles", LC_ALL="C.UTF-8", LANG="C.UTF-8",
               TMPDIR=str(scratch))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    first, second = _files(built_site), _files(project / "site")
    assert sorted(first) == sorted(second), (
        f"only in the first: {sorted(set(first) - set(second))[:20]}; "
        f"only in the second: {sorted(set(second) - set(first))[:20]}")
    different = [name for name in first if first[name].read_bytes() != second[name].read_bytes()]
    assert not different, f"{len(different)} of {len(first)} files differ:\n" + "\n".join(
        _explain(name, first[name], second[name]) for name in different[:8])
    # Paths of the machine that built it never reach the site.
    leaks = [name for name, path in second.items()
             if path.suffix in (".html", ".js", ".json", ".xml") and str(project).encode() in path.read_bytes()]
    assert not leaks, leaks


def test_build_dates_come_from_the_data(built_site):
    """The build date MkDocs writes (sitemap, gzip header) is the newest source date, not today."""
    project = built_site.parent
    documents, _ = ingest_sources(project, project / "data")
    epoch = _epoch(documents)
    assert epoch > 0
    gz = (built_site / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(gz[4:8], "little") == epoch  # gzip header MTIME
    day = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date().isoformat()
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (built_site / "sitemap.xml").read_text(encoding="utf-8")))
    assert dates <= {day}, dates
