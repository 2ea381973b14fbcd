"""Body lines -> heading and paragraph blocks, following the numbering of Chinese official writing.

Markers (patterns in the rules): 一、 (level 1), （一） (2), 1、 1. （1） (3), 第一， (4).
A numbered line becomes a heading only when it reads as one:
  - the whole line is short (rules.outline.heading_max) and holds a single sentence; or
  - its first sentence is short: the line is split into a heading block and a paragraph
    block, both on the same source line (no text is lost, only the white space between);
  - or, when its siblings (same marker, same section) are headings and only its first
    sentence is too long, its first clause (up to a comma, rules.outline.clause_max) is the
    heading — the usual 「2、坚持在取得实效上下功夫，要……」 where a comma stands for a full stop.
A line that merely starts like a number because a paragraph was wrapped there
(「…与发展农村」 + 「二、三产业和支柱产业相结合…」, 「…对第」 + 「二、第三批…」) is joined to the line
before it: that line does not end a sentence (and is no short heading by itself, unless it ends
with a comma or a character such as 第 that cannot end a line), and the marker is a number
range (二、三) or out of sequence (二、 with no 一、 before it).
Levels are relative per document: the outline depth, so the top marker present is 1 and a
heading is one below the nearest heading of a higher marker level before it (see relative_levels).
"""
from __future__ import annotations

from dataclasses import dataclass

from .rules import IngestRules, Marker
from .textutil import Line, cn_number, ends_sentence, to_int


@dataclass(slots=True)
class Piece:
    """A block before anchoring."""

    kind: str  # "heading" | "paragraph" | "table"
    text: str
    line: int
    level: int = 0  # nominal marker level (before making it relative)
    marker: str = ""  # marker name, for headings and numbered paragraphs
    number: int | None = None
    numbered: bool = False  # a numbered line kept as a paragraph
    rows: tuple = ()  # a table's rows (document.Row)


@dataclass(slots=True)
class _Joined:
    no: int
    last_no: int
    parts: list[str]
    found: tuple | None = None  # match_marker of the first line

    @property
    def text(self) -> str:
        if len(self.parts) > 1:  # join once, however many lines were appended
            self.parts[:] = ["".join(self.parts)]
        return self.parts[0]


def match_marker(text: str, rules: IngestRules) -> tuple[Marker, int | None, int] | None:
    """(marker, number, end of the marker) for a line that starts with a numbering marker."""
    m = rules.any_marker.match(text)
    if m is None:
        return None
    i = int(m.lastgroup[1:])
    marker = rules.markers[i]
    num = m.group(f"n{i}") if f"n{i}" in m.re.groupindex else None
    if num is None:
        number = None
    elif marker.numeral == "arabic":
        number = int(num) if num.isdigit() else to_int(num)
    else:
        number = cn_number(num)
    return marker, number, m.end()


def _in_sequence(marker: Marker, number: int | None, seen: dict[str, int]) -> bool:
    if number is None or number == 1:
        return True
    last = seen.get(marker.name)
    return last is not None and last <= number <= last + 1


def _could_be_heading(text: str, rules: IngestRules) -> bool:
    """Short and without a sentence end: a heading or a title by itself, not wrapped text."""
    return len(text) <= rules.heading_max and not any(ch in rules.sentence_end for ch in text)


def rejoin(lines: list[Line], rules: IngestRules, warnings: list[str]) -> list[_Joined]:
    """Join lines that only look numbered because the paragraph was wrapped before a number."""
    out: list[_Joined] = []
    seen: dict[str, int] = {}
    joined_lines: list[int] = []
    for line in lines:
        found = match_marker(line.text, rules)
        if found and out:
            marker, number, end = found
            prev = out[-1]
            tail = prev.parts[-1]  # the end of what came before (joining it all each time is quadratic)
            wrapped = (
                line.no == prev.last_no + 1
                and not ends_sentence(tail, rules)
                and (
                    (len(prev.parts) > 1 or not _could_be_heading(tail, rules))
                    or tail[-1] in rules.clause_end
                    or tail[-1] in rules.wrap_end
                )
            )
            range_like = marker.range is not None and marker.range.match(line.text[end:]) is not None
            if wrapped and (range_like or not _in_sequence(marker, number, seen)):
                prev.parts.append(line.text)
                prev.last_no = line.no
                joined_lines.append(line.no)
                continue
        if found and found[1] is not None:
            seen[found[0].name] = found[1]
        out.append(_Joined(line.no, line.no, [line.text], found))
    if joined_lines:
        shown = ", ".join(str(n) for n in joined_lines[:20]) + (" …" if len(joined_lines) > 20 else "")
        warnings.append(
            f"{len(joined_lines)} line(s) start like a number but continue the line before; "
            f"joined to it: line {shown}"
        )
    return out


def _first_end(text: str, start: int, ends: frozenset[str]) -> int:
    for i in range(start, len(text)):
        if text[i] in ends:
            return i
    return -1


def _cut_after(text: str, i: int, rules: IngestRules) -> int:
    """Index just past position i and any closing quotes/brackets that follow it."""
    j = i + 1
    while j < len(text) and text[j] in rules.closing:
        j += 1
    return j


def classify(joined: list[_Joined], rules: IngestRules) -> list[Piece]:
    pieces: list[Piece] = []
    limit = rules.heading_max
    for item in joined:
        text = item.text
        found = item.found if item.last_no == item.no else match_marker(text, rules)
        if not found:
            pieces.append(Piece("paragraph", text, item.no))
            continue
        marker, number, end = found
        # search for the sentence end only after the marker, and no further than needed
        stop = _first_end(text[: max(limit + 1, end + 1)], end, rules.sentence_end)
        if len(text) <= limit and (stop < 0 or _cut_after(text, stop, rules) >= len(text)):
            pieces.append(Piece("heading", text, item.no, marker.level, marker.name, number))
            continue
        if 0 <= stop:
            cut = _cut_after(text, stop, rules)
            if cut <= limit and text[cut:].strip():
                pieces.append(Piece("heading", text[:cut], item.no, marker.level, marker.name, number))
                pieces.append(Piece("paragraph", text[cut:].strip(), item.no))
                continue
        pieces.append(Piece("paragraph", text, item.no, marker.level, marker.name, number, numbered=True))
    return _siblings(pieces, rules)


def _siblings(pieces: list[Piece], rules: IngestRules) -> list[Piece]:
    """A numbered paragraph whose siblings are headings gets its first clause as heading."""
    numbered = [i for i, p in enumerate(pieces) if p.marker]
    if not any(pieces[i].numbered for i in numbered):
        return pieces
    out: list[Piece] = []
    split: dict[int, tuple[Piece, Piece]] = {}
    for pos, i in enumerate(numbered):
        piece = pieces[i]
        if not piece.numbered:
            continue
        if not (_sibling_heading(pieces, numbered, pos, -1) or _sibling_heading(pieces, numbered, pos, 1)):
            continue
        found = match_marker(piece.text, rules)
        end = found[2] if found else 0
        stop = _first_end(piece.text[: end + rules.clause_max + 1], end, rules.clause_end)
        if stop < 0:
            continue
        cut = _cut_after(piece.text, stop, rules)
        rest = piece.text[cut:].strip()
        if cut - end < 2 or not rest:
            continue
        split[i] = (
            Piece("heading", piece.text[:cut], piece.line, piece.level, piece.marker, piece.number),
            Piece("paragraph", rest, piece.line),
        )
    for i, piece in enumerate(pieces):
        if i in split:
            out.extend(split[i])
        else:
            out.append(piece)
    return out


def _sibling_heading(pieces: list[Piece], numbered: list[int], pos: int, step: int) -> bool:
    """Is the nearest item with the same marker, in the same section, a heading?"""
    me = pieces[numbered[pos]]
    k = pos + step
    while 0 <= k < len(numbered):
        other = pieces[numbered[k]]
        if other.marker == me.marker:
            return other.kind == "heading"
        if other.kind == "heading" and other.level < me.level:
            return False  # crossed into another section
        k += step
    return False


def relative_levels(pieces: list[Piece]) -> None:
    """Outline depth from the marker levels: a heading sits one below the nearest heading
    before it with a higher marker level (一、 above （一） above 1、 above 第一，), so the
    document's top marker becomes 1 and no depth is skipped: 1、 directly under 一、 is 2,
    as is （一） under 三、 in the same document."""
    stack: list[tuple[int, int]] = []  # (marker level, depth)
    for p in pieces:
        if p.kind != "heading":
            p.level = 0
            continue
        while stack and stack[-1][0] >= p.level:
            stack.pop()
        depth = stack[-1][1] + 1 if stack else 1
        stack.append((p.level, depth))
        p.level = depth


def build(lines: list[Line], rules: IngestRules, warnings: list[str]) -> list[Piece]:
    """Body lines -> pieces (headings with relative levels, paragraphs)."""
    pieces = classify(rejoin(lines, rules, warnings), rules)
    relative_levels(pieces)
    return pieces
