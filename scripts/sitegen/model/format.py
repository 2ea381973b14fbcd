"""The model's format version and the JSON Schema files editors' tools read (schema/*.json).

One source of truth: the files are generated from model/schema.py, the same schemas
`make check` validates with; tests/model/test_format.py fails when a shipped file is stale.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..problems import Problem
from .schema import FILES, KINDS, TITLES

FORMAT_VERSION = 1
# What changed at each version, said as what an editor must do to an older data/ folder.
CHANGES = {
    1: "add the line `format: 1` to data/campaign.yml (nothing else changed)",
}
SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schema"
SETTINGS = {
    "type": "object",
    "properties": {
        "format": {"type": "integer", "description": f"model format version; this generator reads {FORMAT_VERSION}"},
        "title": {"type": "string", "minLength": 1, "description": "the site's name (活动名称)"},
        "slug": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "description": "ASCII name of the zip from make dist"},
        "description": {"type": "string", "description": "one sentence shown under the site's name"},
        "copyright": {"type": "string", "description": "footer line, e.g. the publishing office"},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "discovery": {"type": "object"},
        "ocr": {"type": "boolean", "description": "read scanned PDFs (no text layer) by OCR: tesseract chi_sim, make ocr-tools"},
    },
}


def file_schema(name: str) -> dict:
    """The JSON Schema of one data/ file: campaign.yml, or a list of one kind's items."""
    if name == "campaign.yml":
        body = SETTINGS
    elif name == "sources/titles.yml":
        body = TITLES
    else:
        body = {"type": "array", "items": KINDS[FILES[name]]}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": f"data/{name}", **body}


def schema_files() -> dict[str, str]:
    """schema/<file>.schema.json -> its text, for every file data/ may hold."""
    return {f"{Path(name).stem}.schema.json": json.dumps(file_schema(name), ensure_ascii=False, indent=2) + "\n"
            for name in ["campaign.yml", *FILES, "sources/titles.yml"]}


def write_schemas(target: Path = SCHEMA_DIR) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        (target / name).write_text(text, encoding="utf-8")
        written.append(target / name)
    return written


def schema_line(name: str, folder: Path | None = None) -> str:
    """The comment naming the file's schema for yaml-language-server (VS Code's YAML extension)."""
    relative = os.path.relpath(SCHEMA_DIR, folder) if folder else "../schema"
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}/{Path(name).stem}.schema.json\n"


def format_problems(settings: dict, line_of, rel: str) -> list[Problem]:
    """An older or newer `format:` than this generator reads, said with what to change."""
    version = settings.get("format", FORMAT_VERSION)  # (a data/ without the line is taken as current)
    line = line_of(("format",))
    if not isinstance(version, int) or isinstance(version, bool):
        return [Problem(rel, line, f"field 'format' must be a whole number (this generator reads format {FORMAT_VERSION})")]
    if version > FORMAT_VERSION:
        return [Problem(rel, line, f"model format {version} is newer than this generator's {FORMAT_VERSION}: update the generator (scripts/)")]
    if version < FORMAT_VERSION:
        todo = "; ".join(CHANGES[v] for v in range(max(version + 1, 1), FORMAT_VERSION + 1))
        return [Problem(rel, line, f"model format {version} is older than this generator's {FORMAT_VERSION}: {todo}")]
    return []
