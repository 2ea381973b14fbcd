"""Read YAML keeping the line of every value, so problems name their line.

PyYAML's composer already knows each node's position; we walk the node tree
once and record `path -> line` beside the plain Python data.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml


@dataclass
class LinedData:
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)  # path (keys/indices) -> 1-based line

    def line_of(self, path: tuple) -> int:
        """Line of the value at `path`, or of its nearest ancestor we know."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


# Limits: data/ is edited by many hands and nothing in it is trusted, so a
# file must not be able to exhaust the build machine. A real model file is a
# few hundred KB with a handful of levels; these bounds leave wide room.
MAX_BYTES = 4 * 1024 * 1024      # characters of one YAML file
MAX_DEPTH = 64                   # nested mappings/sequences
MAX_NODES = 1_000_000            # values after alias expansion (alias bombs)


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message
        super().__init__(f"{line}: {message}")


def _plain(node: yaml.Node, path: tuple, lines: dict) -> object:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlSyntaxError(key_node.start_mark.line + 1, "YAML key is a list or mapping: a key must be plain text")
            key = key_node.value
            if key in out:
                raise YamlSyntaxError(key_node.start_mark.line + 1, f"key '{key}' appears twice")
            lines[path + (key, "__key__")] = key_node.start_mark.line + 1
            out[key] = _plain(value_node, path + (key,), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_plain(child, path + (i,), lines) for i, child in enumerate(node.value)]
    # Scalars: PyYAML's safe constructor types them (int, bool, date, str ...). It raises
    # plain Python errors for values its resolver took for a type (2005-13-45, !!int abc).
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, KeyError, OverflowError):
        tag, value = node.tag.removeprefix("tag:yaml.org,2002:"), " ".join(str(node.value).split())[:60]
        raise YamlSyntaxError(node.start_mark.line + 1, f"YAML value '{value}' is not a valid {tag} "
                                                        "(put it in quotes if it is text)") from None


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


# libyaml's parser when PyYAML was built with it: several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_UNCLOSED = {
    "while parsing a flow sequence": "'[' opened here is not closed",
    "while parsing a flow mapping": "'{' opened here is not closed",
    "while scanning a quoted scalar": "quote opened here is not closed",
}


def _check_depth(text: str) -> None:
    """Reject nesting deeper than MAX_DEPTH from the event stream.

    Events come one at a time without building nodes, so a file of a million
    '[' is refused before the (recursive) composer could overflow the stack.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlSyntaxError(event.start_mark.line + 1, f"YAML nested deeper than {MAX_DEPTH} levels")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # syntax errors are reported, with their line, by compose below


def _expanded_size(node: yaml.Node, sizes: dict[int, tuple[int, int]], open_: set[int]) -> tuple[int, int]:
    """(values, depth) that `node` becomes once aliases are expanded.

    Each node is measured once (memoised by identity), so an alias bomb --
    anchors that repeat anchors -- is refused in linear time before any
    expansion happens; so is a chain of aliases nesting deeper than
    MAX_DEPTH, and a node that contains itself.
    """
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in open_:
        raise YamlSyntaxError(node.start_mark.line + 1, "YAML alias refers to a value that contains it")
    open_.add(key)
    if isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    else:
        children = []
    total, depth = 1, 0
    for child in children:
        size, child_depth = _expanded_size(child, sizes, open_)
        total, depth = total + size, max(depth, child_depth)
        line = child.start_mark.line + 1
        if total > MAX_NODES:
            raise YamlSyntaxError(line, f"YAML aliases expand to more than {MAX_NODES:,} values (alias bomb?)")
        if depth >= MAX_DEPTH:
            raise YamlSyntaxError(line, f"YAML aliases nest deeper than {MAX_DEPTH} levels")
    open_.discard(key)
    sizes[key] = (total, depth + bool(children))
    return sizes[key]


def read_yaml(text: str) -> LinedData:
    """Parse one YAML document; raise YamlSyntaxError with the offending line."""
    if len(text) > MAX_BYTES:
        raise YamlSyntaxError(1, f"YAML file larger than {MAX_BYTES // (1024 * 1024)} MB: split it or shorten it")
    _check_depth(text)
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), 1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                raise YamlSyntaxError(number, "YAML syntax: tab used for indentation (use spaces)")
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        # An unclosed bracket or quote is reported at the end of the file by
        # PyYAML; the line where it was opened (context_mark) is more useful.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else 1
        what = _UNCLOSED.get(exc.context or "") or "; ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise YamlSyntaxError(line, f"YAML syntax: {what}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (a control character ...)
        line = text[: exc.position].count("\n") + 1
        raise YamlSyntaxError(line, f"YAML syntax: character U+{exc.character:04X} is not allowed in YAML (remove it)") from None
    except yaml.YAMLError as exc:  # defensive: other reader errors, on one line
        raise YamlSyntaxError(1, "YAML syntax: " + " ".join(str(exc).split())) from None
    lines: dict[tuple, int] = {}
    if node is None:
        return LinedData(None, {(): 1})
    _expanded_size(node, {}, set())
    return LinedData(_plain(node, (), lines), lines)
