"""`python -m sitegen generate OUT`: the pipeline without any site engine.

Writes what the engine is given, as plain files: OUT/docs/ (the hand-written pages of docs/
with every generated page, Markdown with raw HTML, the generated assets such as the
tooltip script, and a copy of each source file), OUT/nav.json (the navigation) and OUT/settings.json (site name, description,
copyright, the date builds are stamped with). Any engine that reads a Markdown folder can build
OUT/docs; only mkdocs_glue.py knows MkDocs. What needs rendered HTML, the search index, is not
written here: it is made from the engine's pages (search.write_index over page_from_html).
Like `mkdocs build`, a failed run leaves an existing OUT as it was.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from .build import generate


def export(root: Path, out: Path) -> dict[str, int]:
    """Run ingest -> render for root's data/ and write the result to `out`; returns counts.
    Raises BuildFailed (nothing written) when data/ has errors."""
    generated = generate(root, workers=os.cpu_count() or 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.writing-", dir=out.parent))
    try:
        docs = staging / "docs"
        if (root / "docs").is_dir():
            shutil.copytree(root / "docs", docs)
        written = {**generated.markdown(), **generated.files}
        for rel, text in written.items():
            target = docs / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        for rel, original in generated.originals.items():  # each source file as it is, for download
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(original, docs / rel)
        _write_json(staging / "nav.json", generated.nav)
        settings = generated.campaign.settings
        _write_json(staging / "settings.json", {
            **{key: settings[key] for key in ("title", "description", "copyright") if isinstance(settings.get(key), str)},
            "source_date_epoch": generated.source_epoch,
        })
        _replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return {"pages": len(generated.markdown()), "files": len(generated.files), "warnings": len(generated.problems)}


def _write_json(path: Path, value) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _replace(new: Path, out: Path) -> None:
    """`new` in place of `out`, which is removed only once `new` is complete."""
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
