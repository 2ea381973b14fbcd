"""The model's format version and the shipped JSON Schema files (schema/*.schema.json)."""
from __future__ import annotations

import json
import re

import jsonschema
import yaml

from sitegen.model.format import FORMAT_VERSION, SCHEMA_DIR, format_problems, schema_files
from sitetools import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "campaign2" / "data"


def test_shipped_schemas_are_generated_from_the_model():
    """One source of truth: `python -m sitegen schema` rewrites them; a stale file fails here."""
    expected = schema_files()
    shipped = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.schema.json")}
    assert shipped == expected, "run `PYTHONPATH=scripts python -m sitegen schema`"


def test_every_data_file_names_its_schema_and_is_valid_against_it():
    for folder in (ROOT / "data", FIXTURE):
        for path in sorted(folder.glob("*.yml")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
            assert match, f"{path}: no schema line"
            schema_path = (path.parent / match.group(1)).resolve()
            assert schema_path.parent == SCHEMA_DIR and schema_path.name == f"{path.stem}.schema.json", path
            schema = json.loads(schema_path.read_text(encoding="utf-8"))
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            jsonschema.validate(data, schema)  # what VS Code checks while typing agrees with the data


def test_format_versions_are_explained():
    line_of = lambda path: 3  # noqa: E731 - where the `format:` key sits
    assert format_problems({"format": FORMAT_VERSION}, line_of, "data/campaign.yml") == []
    assert format_problems({}, line_of, "data/campaign.yml") == []
    (older,) = format_problems({"format": 0}, line_of, "data/campaign.yml")
    assert older.line == 3 and "older" in older.message and "format: 1" in older.message
    (newer,) = format_problems({"format": FORMAT_VERSION + 1}, line_of, "data/campaign.yml")
    assert "newer" in newer.message and "update the generator" in newer.message
    (wrong,) = format_problems({"format": "one"}, line_of, "data/campaign.yml")
    assert "whole number" in wrong.message
