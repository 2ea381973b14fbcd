"""Save -> updated page, measured: `mkdocs serve` on a copy of the project, a series of
edits to a source document and to a YAML file, each timed until the served page shows it.

    .venv/bin/python tools/serve_latency.py [--rounds 5]

Prints each round and the median; run it on an idle machine for a figure of record.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "authoring")]

from servetools import mkdocs_serve  # noqa: E402
from sitetools import copy_project  # noqa: E402

EDITS = [
    # (file, text to find, page that shows it)
    ("data/sources/004_0e20f6ddf0c95574.txt", "总之，这一段工作，领导重视，开局良好，发展健康，已取得初步成效。", "sources/004_0e20f6ddf0c95574.html"),
    ("data/phases.yml", "明确新时期保持共产党员先进性基本要求三个环节。", "phases/phase-study.html"),
    ("data/glossary.yml", "先进就是先导、先行、先锋，走在前列。", "glossary/term-advanced-nature.html"),
]


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project")
        with mkdocs_serve(project) as server:
            times: dict[str, list[float]] = {}
            for n in range(args.rounds):
                for path, anchor, page in EDITS:
                    file = project / path
                    original = file.read_text(encoding="utf-8")
                    marker = f"延时测量{n}号"
                    time.sleep(1.0)  # let the previous rebuild (and its search index) settle
                    saved = time.monotonic()
                    file.write_text(original.replace(anchor, anchor + marker, 1), encoding="utf-8")
                    server.wait_for(page, lambda h: marker in text_of(h), timeout=60, interval=0.05)
                    took = time.monotonic() - saved
                    times.setdefault(path, []).append(took)
                    print(f"round {n + 1}: {path}: {took:.2f}s", flush=True)
                    file.write_text(original, encoding="utf-8")
                    server.wait_for(page, lambda h: marker not in text_of(h), timeout=60, interval=0.05)
    every = [t for ts in times.values() for t in ts]
    for path, ts in times.items():
        print(f"{path}: median {statistics.median(ts):.2f}s, max {max(ts):.2f}s")
    print(f"save -> updated page: median {statistics.median(every):.2f}s, max {max(every):.2f}s over {len(every)} edits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
