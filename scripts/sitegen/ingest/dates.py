"""Settle a source's date from its own text: the 落款 date at the end, the dateline, a date in the title.

A web page's upload stamp (时间:2022-11-19 04:35:00) is when a site reposted the
document, not when it was written: it is the date only when the text gives none, and
the Document says so (date_source "web-page"). Own dates that disagree give a warning
naming both, so an editor sees which one was kept.
"""
from __future__ import annotations

from .textutil import Line, parse_date, to_int

CLOSING_LINES = 3  # the 落款 (issuer and date) is among the last lines of the body
CLOSING_MAX = 40  # a signature line is short; a longer one is a sentence that cites a date
TRAIL = 16  # a date at the end of a line fits in this many characters (二〇〇九年十二月三十一日)


def closing_date(body: list[Line], rules) -> str | None:
    """The date of the 落款: a short line among the last ones that is a date or ends with one."""
    for line in reversed(body[-CLOSING_LINES:]):
        text = line.text.strip().rstrip("）)】]").strip()
        if not text or len(text) > CLOSING_MAX:
            continue
        if rules.date_line.match(line.text.strip()):
            return parse_date(line.text, rules)
        iso = parse_date(text[-TRAIL:], rules) if text.endswith("日") else None
        if iso:
            return iso
        month = closing_month(text, rules)
        if month:
            return month
    return None


def closing_month(text: str, rules) -> str | None:
    """YYYY-MM from a 落款 that names only year and month (ISO 8601 reduced precision)."""
    m = rules.closing_month.match(text) if rules.closing_month else None
    y, mo = (to_int(m.group("y")), to_int(m.group("m"))) if m else (None, None)
    return f"{y:04d}-{mo:02d}" if y and mo and 1 <= mo <= 12 else None


def own_dates(dateline: str | None, body: list[Line], title: str | None, rules) -> list[tuple[str, str]]:
    """(where, ISO date) for every date the text gives of itself, most trusted first."""
    found = [("落款", closing_date(body, rules)), ("dateline", dateline),
             ("title", parse_date(title, rules) if title else None)]
    return [(where, iso) for where, iso in found if iso]


def settle_date(dateline: str | None, upload: str | None, body: list[Line], title: str | None,
                rules, warnings: list[str]) -> tuple[str | None, str | None]:
    """(date, date_source): the first own date, else the web page's upload time."""
    own = own_dates(dateline, body, title, rules)
    if own:
        where, iso = own[0]
        for other, other_iso in own[1:]:
            if other_iso != iso:
                warnings.append(f"conflicting dates: {where} says {iso}, {other} says {other_iso}; kept {iso}")
        return iso, where
    if upload:
        label = rules.meta_labels["upload_time"]
        warnings.append(f"document date taken from the web page's upload time ({label}); the text gives none")
        return upload, "web-page"
    return None, None
