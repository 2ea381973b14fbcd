"""Recognise a source's layout and take it apart into title, date, metadata and body lines.

Layouts (Document.layout):
  newspaper-db  fields 〖BT/标题〗…〖-BT/标题〗 of a newspaper database export; 〖ZW/正文〗 is the body
  web-page      a saved web page: site furniture (时间:, 导语:, 上一篇 …) around the text
  bulletin      a 简报: issuer and date on the first line, headline, distribution lines (报：送：发：)
  speech        an exported speech: a truncated teaser line (…) repeating the opening, or a
                salutation (同志们：) at the top
  plain         anything else

Every parser returns a `Parsed`: what it took out of the body is either carried over (title,
date, meta) or listed in `removed` with a reason, so nothing is dropped silently.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .document import Removed
from .rules import IngestRules
from .textutil import Line, fold, fold_with_map, nonblank, parse_date, split_lines

TITLE_MAX = 80  # a title line is at most this long
TEASER_MAX = 5000  # longer first lines are not teasers
TEASER_MIN_OVERLAP = 8  # a teaser repeats at least this much of the opening (or all of itself)
TOP_LINES = 6  # a date line is looked for among the first lines of the body


@dataclass
class Parsed:
    layout: str
    title: str | None = None
    date: str | None = None
    upload_date: str | None = None  # a web page's upload stamp: the date only when the text has none (dates.py)
    meta: dict[str, str] = field(default_factory=dict)
    body: list[Line] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    speech: bool = False  # speech-like (a salutation or a speech title), whatever the layout

    def add_meta(self, key: str, value: str, line: int = 0, source: str | None = None) -> None:
        """Set a meta label; a second value is appended, an exact repeat listed as removed
        (as `source`, the whole line it came from, when given)."""
        value = value.strip()
        if not value:
            if source:
                self.removed.append(Removed(line, source, f"{key}: no value"))
            return
        if key not in self.meta:
            self.meta[key] = value
        elif value in self.meta[key].split("；"):
            self.removed.append(Removed(line, source or value, f"repeats meta {key}"))
        else:
            self.meta[key] = f"{self.meta[key]}；{value}"


# --------------------------------------------------------------------------- helpers


def _is_marker(text: str, rules: IngestRules) -> bool:
    return rules.any_marker.match(text) is not None


def title_like(text: str, rules: IngestRules) -> bool:
    """A line that can be a title: short, no sentence inside, not a numbered heading,
    not a salutation or a date, not a lead-in or a wrapped line, not a dateline, byline or
    editor's note (rules.not_title)."""
    if not (2 <= len(text) <= TITLE_MAX):
        return False
    if any(ch in rules.sentence_end for ch in text):
        return False
    if text[-1] in rules.clause_end or text[-1] in rules.lead_in_end or text.endswith(rules.ellipsis):
        return False
    if _is_marker(text, rules) or rules.salutation.match(text) or rules.date_line.match(text):
        return False
    return not rules.not_a_title(text)  # a dateline, byline or 编者按 (rules.not_title)


def _furniture(line: Line, rules: IngestRules):
    for rule in rules.furniture:
        m = rule.match(line.text)
        if m:
            return rule, m
    return None


def _take_date_line(p: Parsed, rules: IngestRules) -> None:
    """A line near the top that is only a date becomes the document date."""
    if p.date is not None:
        return
    for i, line in enumerate(p.body[:TOP_LINES]):
        if len(line.text) <= 40 and rules.date_line.match(line.text):
            iso = parse_date(line.text, rules)
            if iso:
                p.date = iso
                p.removed.append(Removed(line.no, line.text, "date line (kept as the document date)"))
                del p.body[i]
                return


def drop_title_repeat(p: Parsed) -> None:
    """The body often opens with the title again (a web page's headline, a newspaper
    headline split over two lines). Drop those lines so the title is shown once."""
    if not p.title:
        return
    target = fold(p.title)
    if not target:
        return
    acc = ""
    for i, line in enumerate(p.body):
        acc += fold(line.text)
        if acc == target:
            for dropped in p.body[: i + 1]:
                p.removed.append(Removed(dropped.no, dropped.text, "repeats the title"))
            del p.body[: i + 1]
            return
        if not target.startswith(acc) or i >= 4:
            return


# --------------------------------------------------------------------------- detection


def _teaser_split(lines: list[Line], rules: IngestRules):
    """If the first line is a truncated teaser repeating the opening of what follows, return
    (prefix, repeat, ellipsis): the text glued in front, the repeated part, the ellipsis."""
    if len(lines) < 2:
        return None
    text = lines[0].text
    if len(text) > TEASER_MAX:
        return None
    mark = next((e for e in rules.ellipsis if text.endswith(e)), None)
    if mark is None:
        return None
    core = text[: -len(mark)]
    while True:  # "……..." and the like
        more = next((e for e in rules.ellipsis if core.endswith(e)), None)
        if more is None:
            break
        core = core[: -len(more)]
        mark = more + mark
    core_f, index = fold_with_map(core)
    if not core_f:
        return None
    need = len(core_f) + 1
    body_f = ""
    for line in lines[1:]:
        body_f += fold(line.text)
        if len(body_f) >= need:
            break
    probe = body_f[: min(TEASER_MIN_OVERLAP, len(body_f))]
    if not probe:
        return None
    start = core_f.find(probe)
    while start >= 0:
        tail = core_f[start:]
        if body_f.startswith(tail) and (len(tail) >= TEASER_MIN_OVERLAP or start == 0):
            cut = index[start]
            return core[:cut].strip(), core[cut:], mark
        start = core_f.find(probe, start + 1)
    return None


def detect(lines: list[Line], text: str, rules: IngestRules) -> str:
    tags = closes = 0
    for m in rules.news_tag.finditer(text):
        tags += 1
        closes += bool(m.group("close"))
        if closes >= 1 and tags >= 3:
            return "newspaper-db"
    edge = lines[:30] + lines[-30:] if len(lines) > 60 else lines
    for line in edge:
        found = _furniture(line, rules)
        if found and found[0].strong:
            return "web-page"
    if lines and rules.bulletin_header.match(lines[0].text):
        return "bulletin"
    if len(_distribution_region(lines, rules)[1]) >= 2:
        return "bulletin"
    if _teaser_split(lines, rules) is not None:
        return "speech"
    if any(rules.salutation.match(line.text) for line in lines[:4]):
        return "speech"
    return "plain"


# --------------------------------------------------------------------------- layouts


def _parse_newspaper(text: str, rules: IngestRules) -> Parsed:
    p = Parsed("newspaper-db")
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_no(offset: int) -> int:
        return bisect.bisect_right(line_starts, offset)

    def body_lines(start: int, end: int) -> list[Line]:
        return nonblank(text[start:end].split("\n"), line_no(start))

    current = None  # (code, label, value start, tag text)
    pos = 0  # end of the last tag that was consumed outside a field
    outside: list[tuple[int, int]] = []
    bodies = 0
    for m in rules.news_tag.finditer(text):
        code, label = m.group("code").upper(), m.group("label").strip()
        if not m.group("close"):
            if current is not None:
                p.warnings.append(f"line {line_no(current[2])}: field {current[3]} is not closed")
                bodies += current[0] == rules.news_body
                _store_field(p, current, m.start(), text, rules, body_lines, line_no)
            elif text[pos:m.start()].strip():
                outside.append((pos, m.start()))
            current = (code, label, m.end(), m.group(0))
        elif current is not None and current[0] == code:
            bodies += current[0] == rules.news_body
            _store_field(p, current, m.start(), text, rules, body_lines, line_no)
            current = None
        elif current is None:
            if text[pos:m.start()].strip():
                outside.append((pos, m.start()))
            p.warnings.append(f"line {line_no(m.start())}: end tag {m.group(0)} without its start")
            p.removed.append(Removed(line_no(m.start()), m.group(0), "end tag without its start"))
        else:
            continue  # a stray end tag inside a field: removed with the field's other codes
        pos = m.end()
    if current is not None:
        p.warnings.append(f"line {line_no(current[2])}: field {current[3]} is not closed")
        bodies += current[0] == rules.news_body
        _store_field(p, current, len(text), text, rules, body_lines, line_no)
    elif text[pos:].strip():
        outside.append((pos, len(text)))
    for start, end in outside:
        extra = body_lines(start, end)
        for line in extra:
            p.warnings.append(f"line {line.no}: text outside any field, kept in the body")
        p.body.extend(extra)
    p.body.sort(key=lambda line: line.no)
    if bodies > 1:
        p.warnings.append(f"{bodies} body fields, joined in order")
    cleaned = []
    for line in p.body:
        t = _strip_codes(p, line.no, line.text, rules)
        if t:
            cleaned.append(Line(line.no, t))
    p.body = cleaned
    drop_title_repeat(p)
    return p


def _strip_codes(p: Parsed, no: int, text: str, rules: IngestRules) -> str:
    """Take typesetting codes (〖…〗) out of a text, listing each in `removed`."""
    if "〖" not in text:
        return text
    codes = list(rules.news_stray.finditer(text))
    if not codes:
        return text
    for c in codes:
        p.removed.append(Removed(no, c.group(0), "typesetting code"))
    return rules.news_stray.sub("", text).strip()


def _store_field(p: Parsed, current, end: int, text: str, rules: IngestRules, body_lines, line_no) -> None:
    code, label, start, tag = current
    if code == rules.news_body:
        p.body.extend(body_lines(start, end))
        return
    value = "".join(part.strip() for part in text[start:end].split("\n"))
    value = _strip_codes(p, line_no(start), value, rules)
    if not value:
        return
    if code == rules.news_title and p.title is None:
        p.title = value
    elif code == rules.news_date and p.date is None:
        iso = parse_date(value, rules)
        if iso:
            p.date = iso
        else:
            p.warnings.append(f"date field {tag} holds {value!r}, not a date; kept as meta")
            p.add_meta(label or code, value, line_no(start))
    else:
        p.add_meta(rules.news_fields.get(code) or label or code, value, line_no(start))


def _parse_web(lines: list[Line], rules: IngestRules) -> Parsed:
    p = Parsed("web-page")
    for line in lines:
        found = _furniture(line, rules)
        if found is None:
            p.body.append(line)
            continue
        rule, m = found
        p.removed.append(Removed(line.no, line.text, f"web-page furniture: {rule.reason}"))
        if rule.meta and "value" in m.groupdict() and m.group("value"):
            if m.group("value").strip() not in p.meta.get(rule.meta, "").split("；"):  # line already listed
                p.add_meta(rule.meta, m.group("value"))
    _take_title(p, rules)
    _take_date_line(p, rules)
    drop_title_repeat(p)
    label = rules.meta_labels["upload_time"]
    upload = p.meta.get(label)
    if upload and rules.upload_time_as_date:
        p.upload_date = parse_date(upload, rules)
    return p


def _take_title(p: Parsed, rules: IngestRules) -> None:
    if len(p.body) >= 2 and title_like(p.body[0].text, rules):
        p.title = p.body.pop(0).text


def _distribution_region(lines: list[Line], rules: IngestRules):
    """Trailing distribution lines (报：… 送：… 发：…), with wrapped continuation lines.
    Returns (index where the region starts, [(Line, label, value parts)])."""
    start = None
    pending = 0
    i = len(lines) - 1
    while i >= 0 and i >= len(lines) - 40:
        text = lines[i].text
        if rules.distribution_line.match(text):
            start = i
            pending = 0
        elif len(text) <= TITLE_MAX and not any(ch in rules.sentence_end for ch in text) and pending < 3:
            pending += 1
        else:
            break
        i -= 1
    if start is None:
        return len(lines), []
    entries = []
    for line in lines[start:]:
        m = rules.distribution_line.match(line.text)
        if m:
            entries.append((line, m.group("label"), [m.group("value")]))
        else:
            entries[-1][2].append(line.text)
    return start, entries


def _parse_bulletin(lines: list[Line], rules: IngestRules) -> Parsed:
    p = Parsed("bulletin")
    body = list(lines)
    if body:
        m = rules.bulletin_header.match(body[0].text)
        if m:
            first = body.pop(0)
            p.add_meta(rules.meta_labels["issuer"], m.group("issuer"))
            p.date = parse_date(m.group("date"), rules)
            p.removed.append(
                Removed(first.no, first.text, f"issuer and date line (kept as meta {rules.meta_labels['issuer']} and the date)")
            )
    start, entries = _distribution_region(body, rules)
    for line, label, parts in entries:
        # a line break inside a distribution line was white space: keep one space
        p.add_meta(rules.distribution[label], " ".join(parts), line.no, " ".join([line.text, *parts[1:]]))
    for line, label, parts in entries:
        if len(parts) > 1:
            p.warnings.append(f"line {line.no}: distribution line {label} continued over {len(parts)} lines")
    body = body[:start]
    p.body = body
    _take_title(p, rules)
    if p.title and len(p.body) >= 2:
        nxt = p.body[0].text
        if title_like(nxt, rules) and len(nxt) <= rules.heading_max:
            p.add_meta(rules.meta_labels["subtitle"], p.body.pop(0).text)
    _take_date_line(p, rules)
    drop_title_repeat(p)
    return p


def _choose_title(segments: list[str]) -> tuple[str, list[str]]:
    """Of several titles glued together, keep the fullest (longest; the first on a tie):
    an exported speech often carries the site's short title and then the full one, e.g.
    在学习经验交流会上的讲话 + 在某区工委学习经验交流会上的讲话 — the
    second names the meeting and reads right; the first only drops words from it."""
    best = max(segments, key=len)  # max keeps the first of equal lengths
    return best, [s for s in segments if s is not best]


def _is_variant(short: str, full: str) -> bool:
    """`short` is `full` with words left out (a subsequence)."""
    it = iter(full)
    return all(ch in it for ch in short)


def _parse_speech(lines: list[Line], rules: IngestRules) -> Parsed:
    p = Parsed("speech", speech=True)
    body = list(lines)
    split = _teaser_split(body, rules)
    front: list[Line] = []
    if split is not None:
        first = body.pop(0)
        prefix, repeat, mark = split
        p.removed.append(Removed(first.no, repeat + mark, "teaser repeats the opening"))
        if prefix:
            cuts = [0] + [m.end() for m in rules.title_split.finditer(prefix)] + [len(prefix)]
            segments = [prefix[a:b].strip() for a, b in zip(cuts, cuts[1:]) if prefix[a:b].strip()]
            titles = [s for s in segments if rules.title_end.search(s) and len(s) <= TITLE_MAX]
            others = [s for s in segments if s not in titles]
            if titles:
                p.title, rest = _choose_title(titles)
                for s in rest:
                    if _is_variant(s, p.title):
                        p.removed.append(Removed(first.no, s, "shorter variant of the title, glued to the teaser"))
                    else:
                        p.add_meta(rules.meta_labels["other_title"], s, first.no)
            for s in others:
                front.append(Line(first.no, s))
                p.warnings.append(f"line {first.no}: text glued to the teaser kept as a paragraph: {s[:20]}")
    elif body and body[0].text.endswith(tuple(rules.ellipsis)):
        p.warnings.append(f"line {body[0].no}: ends like a teaser but does not repeat the opening; kept")
    p.body = front + body
    if p.title is None:
        _take_title(p, rules)
    _take_date_line(p, rules)
    drop_title_repeat(p)
    return p


def _parse_plain(lines: list[Line], rules: IngestRules) -> Parsed:
    p = Parsed("plain")
    p.body = list(lines)
    _take_title(p, rules)
    _take_date_line(p, rules)
    drop_title_repeat(p)
    return p


def parse(text: str, rules: IngestRules) -> Parsed:
    """Split decoded text into the parts of a document according to its layout."""
    raw_lines = split_lines(text)
    lines = nonblank(raw_lines)
    layout = detect(lines, text, rules)
    if layout == "newspaper-db":
        # line numbers of the decoded source: normalise line ends first
        p = _parse_newspaper("\n".join(raw_lines), rules)
    elif layout == "web-page":
        p = _parse_web(lines, rules)
    elif layout == "bulletin":
        p = _parse_bulletin(lines, rules)
    elif layout == "speech":
        p = _parse_speech(lines, rules)
    else:
        p = _parse_plain(lines, rules)
    if not p.speech:
        p.speech = any(rules.salutation.match(line.text) for line in p.body[:4]) or bool(
            p.title and rules.title_line.match(p.title)
        )
    return p
