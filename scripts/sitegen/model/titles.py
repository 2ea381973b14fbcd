"""Editors' titles for source documents: data/sources/titles.yml, `document id: title`.

A source without a title line gets a derived one (ingest/titles.py), and a source's own
title may be unusable (a site's short form, a typo); an editor sets the title here instead of
editing the source. Applied after ingest, so changing a title re-ingests nothing; the page
shows that the title is the editors' (render/documents.py).
"""
from __future__ import annotations

import dataclasses
import difflib
import hashlib
from pathlib import Path

import jsonschema

from ..ingest.document import Document
from ..problems import Problem
from .load import _py_type, read_data_file
from .schema import TITLE_MAX, TITLES

TITLES_FILE = "titles.yml"  # inside data/sources/, beside the documents it names; not a source
_VALIDATOR = jsonschema.Draft202012Validator(TITLES)


def _value_problem(doc_id: str, value: object, error: jsonschema.ValidationError) -> str:
    """What is wrong with one title, said as what to write."""
    where = f"title of '{doc_id}'"
    if error.validator == "type":
        return f"{where} must be text (one line), not {_py_type(value)}"
    if error.validator == "maxLength":
        return f"{where} is {len(value)} characters long; a title has at most {TITLE_MAX}"
    if error.validator in ("minLength", "pattern") and not value.strip():
        return f"{where} is empty: write the title or delete the line"
    return f"{where} must be one line"


def read_titles(path: Path, rel: str, documents: dict[str, Document]) -> tuple[dict[str, str], list[Problem]]:
    """{document id: title} from the file, and its problems with file:line."""
    if not path.is_file():
        return {}, []
    lined, problem = read_data_file(path, rel)
    if problem:
        return {}, [problem]
    if lined.data is None:  # a file of comments only
        return {}, []
    if not isinstance(lined.data, dict):
        example = next(iter(sorted(documents)), "document-id")
        return {}, [Problem(rel, lined.line_of(()), f"expected lines `document id: title`, e.g. `{example}: 关于…的通知`")]
    titles, problems = {}, []
    for doc_id, value in lined.data.items():
        errors = list(_VALIDATOR.iter_errors({doc_id: value}))
        if errors:
            problems.append(Problem(rel, lined.line_of((doc_id,)), _value_problem(doc_id, value, errors[0])))
        elif doc_id not in documents:
            hint = difflib.get_close_matches(doc_id, list(documents), n=1)
            tip = f" (did you mean '{hint[0]}'?)" if hint else " (the id is the file name without extension)"
            problems.append(Problem(rel, lined.line_of((doc_id, "__key__")), f"no source document '{doc_id}'{tip}"))
        elif value.strip() == documents[doc_id].title and not documents[doc_id].title_derived:
            problems.append(Problem(rel, lined.line_of((doc_id, "__key__")),
                                    f"'{doc_id}' already has this title in its source: the line can go", "warning"))
        else:
            titles[doc_id] = value.strip()
    return titles, problems


def apply_titles(documents: dict[str, Document], titles: dict[str, str],
                 fingerprints: dict[str, str] | None = None) -> dict[str, Document]:
    """The documents with the editors' titles set. A retitled document's fingerprint (what
    its cached pages are keyed by, build.py) takes in the title, so no stale page is reused."""
    out = dict(documents)
    for doc_id, title in titles.items():
        doc = documents[doc_id]
        out[doc_id] = dataclasses.replace(
            doc, title=title, title_derived=True, title_by_editor=True,
            source_title=None if doc.title_derived else doc.title,
        )
        if fingerprints is not None and doc_id in fingerprints:
            fingerprints[doc_id] = hashlib.sha256(f"{fingerprints[doc_id]}\0{title}".encode()).hexdigest()
    return out
