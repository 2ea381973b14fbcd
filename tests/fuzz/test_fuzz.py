"""Fuzzing the readers of data/: whatever bytes or text come in, the source reader
raises only IngestError, the YAML reader only YamlSyntaxError, and the model loader
answers with one-line problems naming a file and line, never an exception.

Bounded in `make test`; `make fuzz` (HYPOTHESIS_PROFILE=long) runs 5,000 cases a target and
prints them (--hypothesis-show-statistics)."""
from __future__ import annotations

import os
import re
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from sitegen.ingest import IngestError, ingest_document, load_rules
from sitegen.ingest.document import Document
from sitegen.model.load import load_campaign
from sitegen.model.yamlread import YamlSyntaxError, read_yaml

pytestmark = pytest.mark.fuzz
# The deadline only catches a hang (a reader looping on some input): far above any real
# example's time, also on a loaded machine. Speed itself is measured in `make bench`.
FUZZ = settings(max_examples=5000 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 60,
                deadline=timedelta(seconds=30), suppress_health_check=[HealthCheck.too_slow])
RULES = load_rules()

# Pieces real documents and hostile ones are made of: headings, dates, 落款, markup, controls.
PIECES = ["关于开展学习教育活动的通知", "一、", "（二）", "第三条", "2005年3月1日", "二〇〇五年三月", "中共某某委员会",
          "抄送：", "附件：", "来源：", "发布时间：2005-03-01 10:00", "\u3000\u3000", "\r\n", "\n", "\n\n", "\t",
          "<script>window.__pwned=1</script>", "[x](javascript:1)", "{{ 7*7 }}", "\x00", "\x1b[31m", "\ufeff",
          "\u202e", "\ud7ff", "# ", "| a | b |", "&amp;", "。", "：", "“", "”", "——", "1.", "(1)"]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=60).map("".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-be", "latin-1"])
SOURCE = st.one_of(st.binary(max_size=4000),
                   st.tuples(TEXT, ENCODINGS).map(lambda te: te[0].encode(te[1], "replace")))
NAMES = st.text(min_size=1, max_size=30).filter(lambda n: "/" not in n and "\x00" not in n)


@FUZZ
@given(NAMES, SOURCE)
def test_source_reader_raises_only_ingest_error(name, raw):
    try:
        doc = ingest_document(name + ".txt", raw, RULES)
    except IngestError as exc:
        assert exc.line >= 1 and str(exc)
        return
    assert isinstance(doc, Document) and doc.title


YAML_PIECES = ["- ", "  ", "\n", ": ", "&a ", "*a", "&b [*a, *a, *a]", "<<: *a", "[", "]", "{", "}", ",", "'", '"',
               "? ", "!!python/object:os.system", "!!binary", "!!str ", "!!set", "%YAML 1.1\n", "---\n", "...\n",
               "|\n", ">-\n", "#", "\t", "key", "id", "\\u0000", "\ufeff", "\x85", "\u2028", "0o17", "1e999", "~"]
YAML_TEXT = st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=10)), max_size=80).map("".join)


@FUZZ
@given(st.one_of(YAML_TEXT, st.text(max_size=500)))
def test_yaml_reader_raises_only_yaml_syntax_error(text):
    try:
        lined = read_yaml(text)
    except YamlSyntaxError as exc:
        assert exc.line >= 1 and exc.message and "\n" not in exc.message
        return
    assert isinstance(lined.lines, dict)


# Hostile strings for every field of one item of each kind (ids kept valid, so the loader
# gets past the schema and into links, citations and settings).
HOSTILE = st.one_of(TEXT, st.sampled_from(['"><img src=x onerror=alert(1)>', "{% raw %}", "../../etc/passwd",
                                           "CON", "a\\b", "", " ", "\u0000", "*a", "&a", "- x", "key: v"]))


def _write(data: Path, name: str, value) -> None:
    (data / name).write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")


@FUZZ
@given(st.lists(HOSTILE, min_size=12, max_size=12), st.text(max_size=40))
def test_model_loader_answers_hostile_fields_with_one_line_problems(texts, doc_id):
    t = iter(texts)
    cite = [{"doc": doc_id or next(t), "quote": next(t), "note": next(t)}]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "data"
        (data / "sources").mkdir(parents=True)
        _write(data, "campaign.yml", {"format": 1, "title": next(t), "description": next(t), "labels": {"role": next(t)}})
        _write(data, "roles.yml", [{"id": "r", "title": next(t), "kind": "role", "summary": next(t),
                                    "duties": [{"text": next(t), "sources": cite}], "sources": cite}])
        _write(data, "glossary.yml", [{"id": "t", "term": next(t), "short": next(t), "variants": [next(t)],
                                       "sources": cite}])
        campaign, problems = load_campaign(data, {}, root)
    for problem in problems:
        assert re.fullmatch(r"data/[^\n:]+:\d+: [^\n]+", str(problem)), str(problem)
