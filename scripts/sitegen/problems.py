"""Problems found in the inputs, each pinned to a file and line.

Validation collects every problem instead of stopping at the first
(as Doorstop does), so an editor fixes a whole batch in one round.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Control characters (line breaks, ESC ...) that data/ may carry into a message: shown escaped,
# so that a problem stays one line and cannot drive the terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def one_line(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project, e.g. data/phases.yml
    line: int
    message: str
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        return one_line(f"{self.path}:{self.line}: {self.message}")


class BuildFailed(Exception):
    """Raised when the inputs have errors; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(p for p in problems if p.severity == "error")
        super().__init__("\n".join(str(p) for p in self.problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
