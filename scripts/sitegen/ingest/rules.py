"""The ingest rules: every editable list of patterns, from data/ingest/boilerplate.yml or the built-in default.

The code holds the logic only; what counts as web-page furniture, a distribution line, a
numbering marker, a date, a speech title … is data. `load_rules` compiles it once.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from ..model.yamlread import YamlSyntaxError, read_yaml

# Built in: generic patterns of Chinese official, press and web documents, no campaign's
# names. A campaign's own data/ingest/boilerplate.yml, when present, replaces it whole.
DEFAULT_RULES_PATH = Path(__file__).resolve().parent / "boilerplate.yml"


def rules_path_for(data_dir: Path) -> Path:
    """The campaign's rules file if it has one, else the built-in default."""
    own = Path(data_dir) / "ingest" / "boilerplate.yml"
    return own if own.is_file() else DEFAULT_RULES_PATH

SETTINGS_FILE = "campaign.yml"  # (model.load reads the rest of it)


def with_settings(rules: "IngestRules", data_dir: Path) -> "IngestRules":
    """The rules with what data/campaign.yml asks of ingest: `ocr: true` reads scanned PDFs by OCR.
    A settings file that does not parse asks nothing here (the model stage reports it)."""
    try:
        settings = read_yaml((Path(data_dir) / SETTINGS_FILE).read_text(encoding="utf-8")).data
    except (OSError, UnicodeDecodeError, YamlSyntaxError):  # the model stage names the file and line
        return rules
    return dataclasses.replace(rules, ocr=isinstance(settings, dict) and settings.get("ocr") is True)


_DEF_REF = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class RulesError(ValueError):
    """The rules file is malformed (a programming/editing error, not bad input)."""


@dataclass(frozen=True)
class FurnitureRule:
    pattern: re.Pattern
    reason: str
    meta: str | None = None
    strong: bool = False
    max_len: int | None = None

    def match(self, line: str) -> re.Match | None:
        if self.max_len is not None and len(line) > self.max_len:
            return None
        return self.pattern.search(line)


@dataclass(frozen=True)
class NotTitleRule:
    """A line that opens a document but is never its title (a dateline, a byline, 编者按)."""

    name: str
    pattern: re.Pattern
    opening: str  # "strip": a derived title reads on after the match; "skip": not the paragraph

    def opening_text(self, text: str) -> str | None:
        """What of a paragraph opening with this match a derived title may use (None: no match)."""
        m = self.pattern.match(text)
        if m is None:
            return None
        return text[m.end():].strip() if self.opening == "strip" else ""


@dataclass(frozen=True)
class Marker:
    """A numbering marker of Chinese official writing (一、 （一） 1、 （1） 第一，)."""

    name: str
    level: int
    pattern: re.Pattern
    numeral: str  # "cn" | "arabic"
    range: re.Pattern | None = None


@dataclass(frozen=True)
class OfficialHead:
    """The 红头 and 文号 at the top of an issued document (某委发〔2005〕7号), read into meta."""

    number: re.Pattern  # a 文号 line, white space taken out
    lines: int  # the 文号 is among the first lines
    issuer_max: int  # an issuer line above it is at most this long
    number_label: str
    issuer_label: str


@dataclass(frozen=True)
class IngestRules:
    dates: tuple[re.Pattern, ...]
    date_line: re.Pattern
    furniture: tuple[FurnitureRule, ...]
    bulletin_header: re.Pattern
    distribution: dict[str, str]
    distribution_line: re.Pattern
    meta_labels: dict[str, str]
    upload_time_as_date: bool
    closing_month: re.Pattern | None  # a 落款 giving year and month only (groups y, m)
    news_tag: re.Pattern
    news_stray: re.Pattern
    news_title: str
    news_date: str
    news_body: str
    news_fields: dict[str, str]
    salutation: re.Pattern
    ellipsis: tuple[str, ...]
    title_end: re.Pattern
    title_split: re.Pattern
    title_line: re.Pattern
    heading_max: int
    clause_max: int
    sentence_end: frozenset[str]
    terminal: frozenset[str]
    closing: frozenset[str]
    clause_end: frozenset[str]
    lead_in_end: frozenset[str]
    wrap_end: frozenset[str]
    markers: tuple[Marker, ...]
    any_marker: re.Pattern  # all markers in one pattern: group m<i> is markers[i], n<i> its number
    derived_templates: dict[str, str]
    phrase_min: int
    phrase_max: int
    phrase_min_count: int
    edge_stop: frozenset[str]
    fallback_len: int
    min_han: int
    guess_common_min: float
    gb_common_max: float
    common_chars: frozenset[str]
    binary_signatures: tuple[bytes, ...]
    max_control_ratio: float
    source: str = ""
    not_title: tuple[NotTitleRule, ...] = ()
    official_head: OfficialHead | None = None  # None: no head taken off (a rules file without the section)
    # Not from the rules file: data/campaign.yml's `ocr` (build.ingest_rules), read by every reader with the rules.
    ocr: bool = False  # a PDF without a text layer is read by OCR (formats/ocr.py)

    def not_a_title(self, text: str) -> bool:
        return any(rule.pattern.match(text) for rule in self.not_title)


def _expand(pattern: str, defs: dict[str, str]) -> str:
    def sub(m: re.Match) -> str:
        name = m.group(1)
        return f"(?:{defs[name]})" if name in defs else m.group(0)

    return _DEF_REF.sub(sub, pattern)


def _compile(pattern: str, defs: dict[str, str], where: str) -> re.Pattern:
    try:
        return re.compile(_expand(pattern, defs))
    except (re.error, TypeError) as exc:
        raise RulesError(f"{where}: bad pattern {pattern!r}: {exc}") from exc


def _need(data: dict, key: str, where: str = "rules"):
    if key not in data:
        raise RulesError(f"{where}: missing key {key!r}")
    return data[key]


def _traditional_forms(chars: str) -> str:
    """Traditional twins of simplified characters (OpenCC), so one list serves both scripts."""
    try:
        import opencc

        return opencc.OpenCC("s2t").convert(chars)
    except Exception:  # pragma: no cover - OpenCC is a declared dependency
        return ""


def rules_from_dict(data: dict, source: str = "") -> IngestRules:
    if not isinstance(data, dict):
        raise RulesError("rules: top level must be a mapping")
    unknown = sorted(set(data) - _KNOWN)
    if unknown:
        raise RulesError(f"rules: unknown key(s) {', '.join(unknown)} (a typo?)")
    defs = {k: _expand(str(v), {}) for k, v in (data.get("defs") or {}).items()}
    # defs may reference each other once
    defs = {k: _expand(v, defs) for k, v in defs.items()}
    c = lambda p, w: _compile(p, defs, w)  # noqa: E731

    furniture = _each(_need(data, "furniture"), "furniture", lambda item, where: _furniture(item, where, c))
    distribution = {str(k): str(v) for k, v in _need(data, "distribution").items()}
    distribution_line = _distribution_line(distribution, _need(defs, "colon", "defs"))

    news = _need(data, "newspaper")
    speech_end = _expand(str(_need(data, "title_end")), defs)
    speech_start = _expand(str(_need(data, "title_start")), defs)

    outline = _need(data, "outline")
    markers = _each(_need(outline, "markers", "outline"), "outline.markers", lambda m, where: _marker(m, where, c))
    # not_title is optional: older rules files lack it.
    not_title = _each(data.get("not_title") or [], "not_title", lambda item, where: _not_title(item, where, c))

    # official_head is optional too: without it an office file's 文号 stays in the body.
    head = _official_head(data["official_head"], c) if data.get("official_head") else None
    derived = _need(data, "derived_title")
    enc = _need(data, "encoding")
    common = str(_need(enc, "common_chars", "encoding"))
    common = "".join(ch for ch in common if not ch.isspace())
    binary = _need(data, "binary")

    # One keyword per field of IngestRules, each read and checked where it is named: long by nature.
    return IngestRules(
        dates=tuple(c(p, f"dates[{i}]") for i, p in enumerate(_need(data, "dates"))),
        date_line=c(_need(data, "date_line"), "date_line"),
        furniture=tuple(furniture),
        bulletin_header=c(_need(data, "bulletin_header"), "bulletin_header"),
        distribution=distribution,
        distribution_line=distribution_line,
        meta_labels={str(k): str(v) for k, v in _need(data, "meta_labels").items()},
        upload_time_as_date=bool(data.get("upload_time_as_date", True)),
        closing_month=c(data["closing_month"], "closing_month") if data.get("closing_month") else None,
        news_tag=c(_need(news, "tag", "newspaper"), "newspaper.tag"),
        news_stray=c(_need(news, "stray_code", "newspaper"), "newspaper.stray_code"),
        news_title=str(_need(news, "title", "newspaper")),
        news_date=str(_need(news, "date", "newspaper")),
        news_body=str(_need(news, "body", "newspaper")),
        news_fields={str(k): str(v) for k, v in (news.get("fields") or {}).items()},
        salutation=c(_need(data, "salutation"), "salutation"),
        ellipsis=tuple(sorted((str(x) for x in _need(data, "ellipsis")), key=len, reverse=True)),
        title_end=re.compile(f"(?:{speech_end})$"),
        title_split=re.compile(f"(?:{speech_end})(?=(?:{speech_start}))"),
        title_line=re.compile(f"^(?:{speech_start})?.{{2,80}}(?:{speech_end})$"),
        heading_max=int(_need(outline, "heading_max", "outline")),
        clause_max=int(_need(outline, "clause_max", "outline")),
        sentence_end=frozenset(str(_need(outline, "sentence_end", "outline"))),
        terminal=frozenset(str(_need(outline, "terminal", "outline"))),
        closing=frozenset(str(_need(outline, "closing", "outline"))),
        clause_end=frozenset(str(_need(outline, "clause_end", "outline"))),
        lead_in_end=frozenset(str(_need(outline, "lead_in_end", "outline"))),
        wrap_end=frozenset(str(_need(outline, "wrap_end", "outline"))),
        markers=tuple(markers),
        any_marker=_combine(markers),
        derived_templates={"speech": str(_need(derived, "speech")), "default": str(_need(derived, "default"))},
        phrase_min=int(derived.get("min_len", 4)),
        phrase_max=int(derived.get("max_len", 12)),
        phrase_min_count=int(derived.get("min_count", 3)),
        edge_stop=frozenset(str(derived.get("edge_stop", ""))),
        fallback_len=int(derived.get("fallback_len", 30)),
        min_han=int(enc.get("min_han", 8)),
        guess_common_min=float(enc.get("guess_common_min", 0.5)),
        gb_common_max=float(enc.get("gb_common_max", 0.2)),
        common_chars=frozenset(common) | frozenset(_traditional_forms(common)),
        binary_signatures=tuple(bytes.fromhex(str(s)) for s in _need(binary, "signatures", "binary")),
        max_control_ratio=float(binary.get("max_control_ratio", 0.05)),
        source=source,
        not_title=tuple(not_title),
        official_head=head,
    )


def _each(items: list, prefix: str, make) -> list:
    """make(item, where) for each entry of a rules list; `where` names it in messages."""
    return [make(item, f"{prefix}[{i}]") for i, item in enumerate(items)]


def _furniture(item: dict, where: str, c) -> FurnitureRule:
    return FurnitureRule(
        pattern=c(_need(item, "pattern", where), where),
        reason=str(_need(item, "reason", where)),
        meta=item.get("meta"),
        strong=bool(item.get("strong", False)),
        max_len=item.get("max_len"),
    )

def _distribution_line(distribution: dict[str, str], colon: str) -> re.Pattern:
    """A 主送/抄送-style line: one of the labels (longest first), a colon, the value."""
    labels = sorted(distribution, key=len, reverse=True)
    return re.compile(
        r"^(?P<label>" + "|".join(re.escape(x) for x in labels) + r")\s*"
        + f"(?:{colon})" + r"\s*(?P<value>.*)$"
    )


def _marker(m: dict, where: str, c) -> Marker:
    return Marker(
        name=str(_need(m, "name", where)),
        level=int(_need(m, "level", where)),
        pattern=c(_need(m, "pattern", where), where),
        numeral=str(m.get("numeral", "arabic")),
        range=c(m["range"], where) if m.get("range") else None,
    )

def _official_head(item: dict, c) -> OfficialHead:
    where = "official_head"
    labels = _need(item, "labels", where)
    return OfficialHead(
        number=c(_need(item, "number", where), f"{where}.number"),
        lines=int(_need(item, "lines", where)),
        issuer_max=int(_need(item, "issuer_max", where)),
        number_label=str(_need(labels, "number", f"{where}.labels")),
        issuer_label=str(_need(labels, "issuer", f"{where}.labels")),
    )


def _not_title(item, where: str, c) -> NotTitleRule:
    if not isinstance(item, dict):
        raise RulesError(f"{where}: must be a mapping with name, pattern and opening")
    opening = str(item.get("opening", "skip"))
    if opening not in ("strip", "skip"):
        raise RulesError(f"{where}: opening must be strip or skip, not {opening!r}")
    return NotTitleRule(str(_need(item, "name", where)), c(_need(item, "pattern", where), where), opening)

_KNOWN = {
    "defs", "dates", "date_line", "furniture", "bulletin_header", "distribution", "meta_labels",
    "newspaper", "salutation", "ellipsis", "title_end", "title_start", "outline", "derived_title",
    "encoding", "binary", "upload_time_as_date", "closing_month", "not_title", "official_head",
}


def _combine(markers: list[Marker]) -> re.Pattern:
    """One pattern trying every marker in order (one match per line instead of one per marker)."""
    parts = []
    for i, marker in enumerate(markers):
        body = marker.pattern.pattern.replace("(?P<num>", f"(?P<n{i}>")
        parts.append(f"(?P<m{i}>{body})")
    return re.compile("|".join(parts))


def load_rules(path: Path | str = DEFAULT_RULES_PATH) -> IngestRules:
    """Read and compile the ingest rules (see rules_path_for)."""
    path = Path(path)
    # The same bounded reader as the model (size, depth, alias bombs, duplicate keys).
    data = read_yaml(path.read_text(encoding="utf-8")).data
    return rules_from_dict(data, source=str(path))
