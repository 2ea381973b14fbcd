"""Build progress by stage: documents ingested, pages written, pages rendered, search.

Three modes, chosen once per build:
- "live":  rich progress bars on a terminal (stderr), one per stage, left on
  screen as a summary when the build ends;
- "log":   one log line per finished stage (a CI log, a pipe);
- "quiet": nothing (`mkdocs build -q`, `make site QUIET=1`, or SITEGEN_QUIET=1).

The pipeline only calls `update(stage, done, total)`; it knows nothing of rich.
"""
from __future__ import annotations

import logging
import os
import sys
import time

log = logging.getLogger("mkdocs.sitegen")

STAGES = {
    "ingest": "documents ingested",
    "model": "model checked",
    "link": "terms linked",
    "render": "pages written (Markdown)",
    "pages": "pages rendered (HTML)",
    "search": "search index",
}

SINGLE_STEP = {"model", "link", "search"}  # no count worth showing


def choose_mode(quiet: bool = False) -> str:
    """quiet if asked (or MkDocs runs with -q), live bars on a terminal, else log lines."""
    if quiet or os.environ.get("SITEGEN_QUIET", "") not in ("", "0"):
        return "quiet"
    if logging.getLogger("mkdocs").getEffectiveLevel() > logging.INFO:
        return "quiet"  # mkdocs build -q
    if os.environ.get("SITEGEN_PROGRESS") == "log":
        return "log"
    return "live" if sys.stderr.isatty() and os.environ.get("TERM") != "dumb" else "log"


class BuildProgress:
    def __init__(self, mode: str = "quiet", console=None):
        self.mode = mode
        self._console = console  # a rich Console; stderr by default
        self._rich = None
        self._tasks: dict[str, int] = {}
        self._started: dict[str, float] = {}
        self._finished: set[str] = set()
        self._streams: list = []
        self._count: dict[str, int] = {}

    # -- lifecycle -------------------------------------------------------------
    def start(self) -> "BuildProgress":
        if self.mode == "live":
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            console = self._console or Console(stderr=True)
            self._rich = Progress(
                SpinnerColumn(finished_text="[green]✓[/]"),
                TextColumn("{task.description:<26}"),
                BarColumn(bar_width=30),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=False,
                redirect_stderr=True,
                redirect_stdout=True,
            )
            self._rich.start()
            self._route_logs_through(sys.stderr)
        return self

    def stop(self) -> None:
        if self._rich is not None:
            for stage in list(self._tasks):
                if stage not in self._finished:
                    self._rich.stop_task(self._tasks[stage])
            self._rich.stop()
            self._rich = None
        self._restore_logs()

    # -- what the pipeline calls ---------------------------------------------------
    def update(self, stage: str, done: int, total: int | None = None) -> None:
        """`done` of `total` items of `stage`; done == total finishes the stage."""
        if self.mode == "quiet" or stage in self._finished:
            return
        if stage not in self._started:
            self._started[stage] = time.perf_counter()
            if self._rich is not None:
                self._tasks[stage] = self._rich.add_task(STAGES.get(stage, stage), total=total)
        if self._rich is not None:
            self._rich.update(self._tasks[stage], completed=done, total=total)
        if total is not None and done >= total:
            self._finish(stage, done)

    def advance(self, stage: str, total: int | None = None) -> None:
        """One more item of `stage` done."""
        self._count[stage] = self._count.get(stage, 0) + 1
        self.update(stage, self._count[stage], total)

    def _finish(self, stage: str, done: int) -> None:
        self._finished.add(stage)
        seconds = time.perf_counter() - self._started[stage]
        if self._rich is not None:
            self._rich.stop_task(self._tasks[stage])
        elif self.mode == "log":
            count = "" if stage in SINGLE_STEP else f": {done}"
            log.info(f"sitegen: {STAGES.get(stage, stage)}{count} in {seconds:.1f}s")

    # -- MkDocs's log lines would tear the live display: send them through rich --
    def _route_logs_through(self, stream) -> None:
        for handler in logging.getLogger("mkdocs").handlers + logging.getLogger().handlers:
            if isinstance(handler, logging.StreamHandler) and getattr(handler, "stream", None) in (sys.__stderr__, sys.__stdout__):
                self._streams.append((handler, handler.setStream(stream)))

    def _restore_logs(self) -> None:
        for handler, previous in self._streams:
            handler.setStream(previous)
        self._streams = []

