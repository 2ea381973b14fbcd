"""Load data/*.yml into a Campaign, collecting every problem with its line."""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import jsonschema

from ..ingest.document import Document
from ..datafiles import refused_file
from ..problems import Problem
from .campaign import Campaign, Item
from .citations import QuoteIndex
from .format import format_problems
from .schema import FILES, KINDS, LINKS
from .yamlread import MAX_BYTES, LinedData, YamlSyntaxError, read_yaml

SETTINGS_FILE = "campaign.yml"
_PATHLIKE = re.compile(r"[/\\]|[\x00-\x1f]")  # a folder or a control character: never an id (".." is caught whole)
_VALIDATORS = {kind: jsonschema.Draft202012Validator(schema) for kind, schema in KINDS.items()}
_TYPE_NAMES = {"string": "text", "integer": "a whole number", "array": "a list", "object": "a mapping", "boolean": "true or false"}


def _py_type(value: object) -> str:
    return {str: "text", int: "a number", float: "a number", bool: "true/false", list: "a list", dict: "a mapping"}.get(
        type(value), type(value).__name__
    )


def _field(path) -> str:
    names = [str(p) for p in path if not isinstance(p, int)]
    return names[-1] if names else "item"


def _schema_problems(kind: str, entry: object, index: int, lined: LinedData, rel: str) -> list[Problem]:
    problems = []
    for error in sorted(_VALIDATORS[kind].iter_errors(entry), key=lambda e: list(map(str, e.absolute_path))):
        path = (index, *error.absolute_path)
        line = lined.line_of(path)
        if error.validator == "additionalProperties":
            allowed = sorted(error.schema.get("properties", {}))
            for name in sorted(set(error.instance) - set(allowed)):
                hint = difflib.get_close_matches(name, allowed, n=1)
                tip = f" (did you mean '{hint[0]}'?)" if hint else f" (allowed: {', '.join(allowed)})"
                problems.append(Problem(rel, lined.line_of(path + (name, "__key__")), f"unknown field '{name}'{tip}"))
            continue
        if error.validator == "required":
            missing = [name for name in error.validator_value if name not in error.instance]
            for name in missing:
                problems.append(Problem(rel, line, f"missing field '{name}' in {_describe(error.instance, kind)}"))
            continue
        if error.validator == "type":
            wanted = _TYPE_NAMES.get(error.validator_value, error.validator_value)
            message = f"field '{_field(error.absolute_path)}' must be {wanted}, not {_py_type(error.instance)}"
        elif error.validator == "pattern" and _field(error.absolute_path) in ("id", "phases", "steps", "batches", "responsible", "checklists", "used_by", "part_of", "related", "see"):
            message = f"'{error.instance}' is not a valid id (use lower-case ASCII letters, digits and dashes)"
        elif error.validator == "pattern":
            message = f"field '{_field(error.absolute_path)}' has an invalid value '{error.instance}'"
        elif error.validator == "enum":
            message = f"field '{_field(error.absolute_path)}' must be one of {', '.join(map(str, error.validator_value))}, not '{error.instance}'"
        elif error.validator == "minItems":
            message = f"field '{_field(error.absolute_path)}' must not be empty"
        elif error.validator == "minLength":
            message = f"field '{_field(error.absolute_path)}' must not be empty"
        else:
            message = f"field '{_field(error.absolute_path)}': {error.message}"
        problems.append(Problem(rel, line, message))
    return problems


def _describe(instance: object, kind: str) -> str:
    if isinstance(instance, dict) and isinstance(instance.get("id"), str):
        return f"{kind} '{instance['id']}'"
    return kind


def _walk_values(data: object, path: tuple[str, ...], base: tuple = ()):
    """Yield (value, path) for `path` inside `data`; '*' walks every list entry."""
    if not path:
        yield data, base
        return
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(data, list):
            for i, child in enumerate(data):
                yield from _walk_values(child, rest, base + (i,))
    elif isinstance(data, dict) and head in data:
        yield from _walk_values(data[head], rest, base + (head,))


def _citations(data: object, base: tuple = ()):
    """Every {doc, quote} mapping found under a 'sources' list, with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list):
                for i, citation in enumerate(value):
                    if isinstance(citation, dict):
                        yield citation, base + (key, i)
            else:
                yield from _citations(value, base + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _citations(value, base + (i,))


def read_data_file(path: Path, rel: str) -> tuple[LinedData | None, Problem | None]:
    """One YAML file of data/ with its lines, or the one problem that stops reading it."""
    if path.stat().st_size > 4 * MAX_BYTES:  # never read a huge file into memory (UTF-8: <= 4 bytes a character)
        return None, Problem(rel, 1, f"YAML file larger than {MAX_BYTES // (1024 * 1024)} MB: split it or shorten it")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, Problem(rel, raw[: exc.start].count(b"\n") + 1, "not UTF-8 text: save the file as UTF-8")
    try:
        return read_yaml(text), None
    except YamlSyntaxError as exc:
        return None, Problem(rel, exc.line, exc.message)


def load_campaign(data_dir: Path, documents: dict[str, Document], root: Path) -> tuple[Campaign, list[Problem]]:
    """The model from data/*.yml, and every problem found in it (each with its file:line):
    files read, then items checked by the schema and collected, typed links, citations."""
    campaign = Campaign()
    problems: list[Problem] = []
    unreadable: set[str] = set()  # kinds whose file could not be read: links to them are not judged
    loaded = _read_model_files(data_dir, root, campaign, problems, unreadable)
    _collect_items(loaded, campaign, problems)
    _check_links(loaded, campaign, problems, unreadable)
    _check_citations(loaded, documents, campaign, problems)
    return campaign, problems


def _read_model_files(data_dir: Path, root: Path, campaign: Campaign, problems: list[Problem],
                      unreadable: set[str]) -> list[tuple[str, str, LinedData]]:
    """(kind, rel path, data) of each item file; campaign.yml's settings set on `campaign`."""
    loaded: list[tuple[str, str, LinedData]] = []
    for path in sorted(data_dir.glob("*.yml")) + sorted(data_dir.glob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        refused = refused_file(path, root, data_dir)  # a link out of data/ is never read
        if refused:
            problems.append(refused)
            continue
        lined, problem = read_data_file(path, rel)
        if problem:
            problems.append(problem)
            unreadable.add(FILES.get(path.name, ""))
            continue
        if path.name == SETTINGS_FILE:
            if not isinstance(lined.data, dict):
                problems.append(Problem(rel, 1, "campaign settings must be a mapping (title: …, slug: …)"))
            else:
                campaign.settings = lined.data
                problems.extend(format_problems(lined.data, lined.line_of, rel))
            continue
        kind = FILES.get(path.name)
        if kind is None:
            hint = difflib.get_close_matches(path.name, [*FILES, SETTINGS_FILE], n=1)
            tip = f"did you mean {hint[0]}?" if hint else f"expected one of {', '.join(FILES)}"
            problems.append(Problem(rel, 1, f"unknown model file: {tip}"))
            continue
        if lined.data is None:
            problems.append(Problem(rel, 1, "file is empty: expected a list of items (- id: …)"))
            continue
        if not isinstance(lined.data, list):
            problems.append(Problem(rel, 1, f"expected a list of items (- id: …), not {_py_type(lined.data)}"))
            continue
        loaded.append((kind, rel, lined))
    return loaded


def _collect_items(loaded: list, campaign: Campaign, problems: list[Problem]) -> None:
    """Schema problems of every entry; items (phases' steps too) collected by id, duplicates refused."""
    first_seen: dict[str, Item] = {}
    for kind, rel, lined in loaded:
        for index, entry in enumerate(lined.data):
            found = _schema_problems(kind, entry, index, lined, rel) if isinstance(entry, dict) else [
                Problem(rel, lined.line_of((index,)), f"expected an item (id: …), not {_py_type(entry)}")
            ]
            problems.extend(found)
            if not isinstance(entry, dict):
                continue
            if kind == "not_term":
                campaign.not_terms.append(entry)
                continue
            candidates = [(entry, (index,), kind, None)]
            if kind == "phase" and isinstance(entry.get("steps"), list):
                candidates += [
                    (step, (index, "steps", i), "step", entry.get("id"))
                    for i, step in enumerate(entry["steps"])
                    if isinstance(step, dict)
                ]
            for data, path, item_kind, parent in candidates:
                item_id = data.get("id")
                if not isinstance(item_id, str):
                    continue
                item = Item(item_id, item_kind, data, rel, lined.line_of(path + ("id",)), parent)
                if item_id in first_seen:
                    other = first_seen[item_id]
                    problems.append(Problem(rel, item.line, f"duplicate id '{item_id}' (first defined at {other.path}:{other.line})"))
                    continue
                first_seen[item_id] = item
                campaign.items[item_id] = item


def _check_links(loaded: list, campaign: Campaign, problems: list[Problem], unreadable: set[str]) -> None:
    """Typed links between items; the reverse direction is recorded for the pages."""
    for kind, rel, lined in loaded:
        for index, entry in enumerate(lined.data):
            if not isinstance(entry, dict):
                continue
            for link_kind, link_path, targets in LINKS:
                if link_kind != kind:
                    continue
                for ids, path in _walk_values(entry, link_path, (index,)):
                    if not isinstance(ids, list):
                        continue
                    owner = _owner_id(entry, path)
                    for i, target in enumerate(ids):
                        if not isinstance(target, str):
                            continue
                        line = lined.line_of(path + (i,))
                        item = campaign.items.get(target)
                        if item is None and _unjudgeable(targets, unreadable):
                            continue  # its file has a syntax error, reported already
                        if item is None:
                            hint = difflib.get_close_matches(target, list(campaign.items), n=1)
                            tip = f" (did you mean '{hint[0]}'?)" if hint else ""
                            problems.append(Problem(rel, line, f"unknown id '{target}' in '{path[-1]}'{tip}"))
                        elif item.kind not in targets:
                            problems.append(Problem(rel, line, f"'{target}' is a {item.kind}, but '{path[-1]}' takes a {' or '.join(targets)}"))
                        elif owner:
                            campaign.backlinks[target].append((owner, str(path[-1])))


def _check_citations(loaded: list, documents: dict[str, Document], campaign: Campaign, problems: list[Problem]) -> None:
    """Each citation's document exists and its quote is in one of the document's paragraphs."""
    quotes = QuoteIndex(documents)
    for kind, rel, lined in loaded:
        for index, entry in enumerate(lined.data):
            for citation, path in _citations(entry, (index,)):
                doc_id, quote = citation.get("doc"), citation.get("quote")
                if not isinstance(doc_id, str) or not isinstance(quote, str):
                    continue  # the schema already said so
                line = lined.line_of(path + ("quote",))
                if _PATHLIKE.search(doc_id) or doc_id.strip(".") == "":
                    problems.append(Problem(rel, lined.line_of(path + ("doc",)),
                                            f"citation 'doc: {doc_id}' must be a document id (the source file's name "
                                            "without folder or extension), not a path"))
                    continue
                if doc_id not in documents:
                    hint = difflib.get_close_matches(doc_id, list(documents), n=1)
                    tip = f" (did you mean '{hint[0]}'?)" if hint else " (no such file in data/sources/)"
                    problems.append(Problem(rel, lined.line_of(path + ("doc",)), f"citation to unknown document '{doc_id}'{tip}"))
                    continue
                block = quotes.find(doc_id, quote)
                if block is None:
                    short = quote if len(quote) <= 30 else quote[:30] + "…"
                    problems.append(Problem(rel, line, f"quote not found in {doc_id}: “{short}” (suspect citation: was the source edited?)"))
                    continue
                campaign.anchors[id(citation)] = (doc_id, block.anchor)
                owner = _owner_id(entry, path)
                if owner:
                    campaign.citing[doc_id].add(owner)

def _unjudgeable(targets: tuple[str, ...], unreadable: set[str]) -> bool:
    kinds = {"phase" if kind == "step" else kind for kind in targets}
    return bool(kinds & unreadable)


def _owner_id(entry: dict, path: tuple) -> str | None:
    """The id that owns a link: the step for links inside a step, else the item."""
    if len(path) >= 3 and path[1] == "steps" and isinstance(path[2], int):
        steps = entry.get("steps") or []
        if path[2] < len(steps) and isinstance(steps[path[2]], dict):
            return steps[path[2]].get("id")
    return entry.get("id") if isinstance(entry.get("id"), str) else None
