"""The site does not depend on one engine: ProperDocs builds the same site as MkDocs, and
`sitegen generate` runs the whole pipeline with no engine at all."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from sitetools import ROOT, copy_project

PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"  # made by `make properdocs` (a `make test` step)
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _sitegen(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(project / "scripts")}
    return subprocess.run([sys.executable, "-m", "sitegen", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def test_properdocs_builds_the_same_site_byte_for_byte(built_site, tmp_path):
    assert PROPERDOCS.exists(), "no ProperDocs venv: run `make properdocs` (make test does)"
    project = copy_project(tmp_path / "project")
    env = {**os.environ, "PYTHONPATH": str(project / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(PROPERDOCS), "build", "-q", "-f", "mkdocs.yml"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    ours, theirs = _files(built_site), _files(project / "site")
    assert sorted(ours) == sorted(theirs)
    differing = []
    for rel, path in ours.items():
        a, b = path.read_bytes(), theirs[rel].read_bytes()
        if a != b and GENERATOR.sub(b"", a) != GENERATOR.sub(b"", b):
            differing.append(rel)
    # The one difference allowed: the generator line names the engine.
    assert differing == [], differing[:10]
    assert b"ProperDocs" in (project / "site" / "index.html").read_bytes()


def test_generate_writes_every_page_without_an_engine(built_site, tmp_path):
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    result = _sitegen(project, "generate", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    pages = {p.relative_to(out / "docs").as_posix() for p in (out / "docs").rglob("*.md")}
    html = {rel[:-5] + ".md" for rel in _files(built_site) if rel.endswith(".html") and rel != "404.html"}
    assert pages == html
    assert (out / "docs" / "glossary" / "tooltips.js").read_text(encoding="utf-8") == \
        (built_site / "glossary" / "tooltips.js").read_text(encoding="utf-8")

    def targets(entries):
        for entry in entries:
            for value in entry.values():
                yield from (targets(value) if isinstance(value, list) else [value])
    listed = list(targets(json.loads((out / "nav.json").read_text(encoding="utf-8"))))
    assert listed and all((out / "docs" / target).is_file() for target in listed)
    settings = json.loads((out / "settings.json").read_text(encoding="utf-8"))
    title = re.search(r"<title>([^<]*)</title>", (built_site / "index.html").read_text(encoding="utf-8")).group(1)
    assert settings["title"] in title


def test_generate_with_bad_data_says_where_and_keeps_the_old_output(tmp_path):
    project = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    assert _sitegen(project, "generate", str(out)).returncode == 0
    before = {rel: p.read_bytes() for rel, p in _files(out).items()}
    settings = project / "data" / "campaign.yml"
    lines = settings.read_text(encoding="utf-8").splitlines()
    first_key = next(i for i, line in enumerate(lines) if re.match(r"^[a-z_]+:", line))
    lines.append(lines[first_key])  # the same key twice: an error, not "the last one wins"
    settings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _sitegen(project, "generate", str(out))
    assert result.returncode == 1
    assert f"data/campaign.yml:{len(lines)}:" in result.stderr
    assert "Traceback" not in result.stderr
    assert {rel: p.read_bytes() for rel, p in _files(out).items()} == before
    assert not list(tmp_path.glob(".out.*"))
