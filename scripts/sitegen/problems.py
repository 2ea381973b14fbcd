"""Problems found in the inputs, each pinned to a file and line.

Validation collects every problem instead of stopping at the first
(as Doorstop does), so an editor fixes a whole batch in one round.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project, e.g. data/phases.yml
    line: int
    message: str
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class BuildFailed(Exception):
    """Raised when the inputs have errors; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(p for p in problems if p.severity == "error")
        super().__init__("\n".join(str(p) for p in self.problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
