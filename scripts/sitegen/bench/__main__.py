"""Run the benchmark: for each corpus size, build a copy of the project with a synthetic
corpus (ours), the same Markdown with bare MkDocs + Material (bare), time a first search
in headless Chromium, and rebuild ours after editing one document (caches warm).

Results: <out>/bench.json, <out>/bench.png, and the table on stdout. Builds run one at a
time (never more than the two cores a build machine has). What one measured build made
is set aside (renamed), not deleted, until the bench is done: on a file system without a
journal, ext4 does not reuse an inode freed within the last minutes and scans past every
such inode on each file it creates, so a build made right after deleting the last one's
tens of thousands of files was charged seconds of kernel time for the bench's own clean-up.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import report
from .corpus import write_corpus
from .run import ROOT, build_bare, build_ours, copy_project, edit_one, serve_rebuild

DEFAULT_QUERY = "整改"


def _say(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def set_aside(path: Path, trash: Path) -> None:
    """Move path (if there) into trash, a folder on the same file system that the bench
    deletes when it is done."""
    if not path.exists():
        return
    trash.mkdir(parents=True, exist_ok=True)
    path.rename(trash / f"{sum(1 for _ in trash.iterdir()):04d}-{path.name}")


def _profile(project: Path, out: Path, n: int, trash: Path) -> Path:
    """cProfile of one cold build (caches removed), top functions into a text file."""
    import cProfile  # noqa: F401  (run as python -m cProfile)
    import pstats
    import subprocess

    set_aside(project / ".cache", trash)
    prof = out / f"profile-{n}.prof"
    env = dict(os.environ, PYTHONPATH=str(project / "scripts"))
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "-q"], cwd=project, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    text = out / f"profile-{n}.txt"
    with open(text, "w") as f:
        stats = pstats.Stats(str(prof), stream=f)
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(30)
    return text


def _arguments(argv: list[str] | None):
    parser = argparse.ArgumentParser(prog="python -m sitegen.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000", help="corpus sizes (source documents), comma-separated")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out"), help="folder for bench.json and bench.png")
    parser.add_argument("--seed", type=int, default=2005)
    parser.add_argument("--data", help="another data/ folder to build (default: the project's)")
    parser.add_argument("--query", default=DEFAULT_QUERY, help="the first search's query")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare MkDocs + Material builds")
    parser.add_argument("--bare-max", type=int, default=2000,
                        help="largest corpus also built with bare MkDocs + Material (quadratic: 10,000 would take hours)")
    parser.add_argument("--no-browser", action="store_true", help="skip the first-search measurement in Chromium")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the rebuild after editing one document")
    parser.add_argument("--profile", action="store_true", help="also cProfile a cold build of the largest corpus")
    parser.add_argument("--quick", action="store_true", help="first search and rebuild on the largest corpus only (the test)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="cold builds of ours per corpus, each from an empty cache; the fastest counts, at every "
                             "size alike (the same build's wall time varies by a fifth from run to run on a shared machine)")
    parser.add_argument("--keep", action="store_true", help="keep the built projects (printed) instead of deleting them")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)

    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="sitegen-bench-"))
    trash = work / "set-aside"
    results: dict = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "seed": args.seed,
        "query": args.query,
        "runs": [],
    }
    json_path = out / "bench.json"

    def save() -> None:
        results["summary"] = report.summary(results)
        json_path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")

    try:
        # Every size's cold builds first: the measurements after them (bare builds, the
        # rebuild, `mkdocs serve`) write and delete tens of thousands of files.
        projects = []
        for n in sizes:
            project = copy_project(work / f"ours-{n}", Path(args.data).resolve() if args.data else None)
            sources = project / "data" / "sources"
            sources.mkdir(parents=True, exist_ok=True)
            write_corpus(sources, n, args.seed, pool_from=ROOT / "data" / "sources")
            docs = sum(1 for p in sources.iterdir() if p.is_file() and not p.name.startswith("."))
            run: dict = {"documents": docs, "source_mb": sum(p.stat().st_size for p in sources.iterdir()) / 2**20}
            results["runs"].append(run)
            projects.append((n, project, docs, run))
        for (n, project, docs, run), built in zip(projects, _cold_builds([p for _, p, _, _ in projects], args.repeat, trash)):
            run["ours"] = built
            _say(f"{docs} documents: ours {built['wall_s']:.1f}s, {built['peak_mb']:.0f} MB, median page {built['median_html_kb']:.1f} KB")
        save()
        for n, project, docs, run in projects:
            profile = _measure_after_builds(args, n, n == sizes[-1], project, docs, run, work, out, trash, save)
            if profile:
                results["profile"] = profile
        save()
        chart = report.chart(results, out / "bench.png")
        print(report.table(results))
        print(f"\nresults: {json_path}\nchart:   {chart}" + (f"\nprofile: {results['profile']}" if results.get("profile") else ""))
    finally:
        if args.keep:
            print(f"built projects kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0



def _measure_after_builds(args, n: int, largest: bool, project: Path, docs: int, run: dict, work: Path,
                          out: Path, trash: Path, save) -> str | None:
    """One corpus's first search, bare build, rebuild and `mkdocs serve` edit into run (saved
    after each); the profile's file, if one is made."""
    profile = None
    last = largest or not args.quick
    if not args.no_browser and last:
        run["ours"]["search"] = _search(project / "site", args.query)
        run["ours"]["search_file"] = _search(project / "site", args.query, "file")
        save()
    if not args.no_bare and n <= args.bare_max:
        _say(f"{docs} documents: building bare MkDocs + Material")
        run["bare"] = build_bare(project, work / f"bare-{n}")
        save()
        _say(f"  bare: {run['bare']['wall_s']:.1f}s, {run['bare']['peak_mb']:.0f} MB, median page {run['bare']['median_html_kb']:.1f} KB")
        if not args.no_browser and last:
            run["bare"]["search"] = _search(work / f"bare-{n}" / "site", args.query)
            save()
        if not args.keep:
            set_aside(work / f"bare-{n}", trash)
    if not args.no_rebuild and last:
        edited = edit_one(project)
        _say(f"{docs} documents: rebuilding ours after editing {edited.name}")
        rebuild = build_ours(project, "edit")
        run["ours"]["rebuild"] = {k: rebuild[k] for k in ("wall_s", "peak_mb", "stages", "cache")}
        save()
        _say(f"{docs} documents: `mkdocs serve`, editing one document")
        try:
            run["ours"]["serve"] = serve_rebuild(project)
        except RuntimeError as exc:  # the other figures stand without it
            run["ours"]["serve"] = {"error": str(exc)[:2000]}
        save()
    if args.profile and largest:
        _say(f"{docs} documents: profiling a cold build")
        try:
            profile = str(_profile(project, out, docs, trash))
        except Exception as exc:  # the figures stand without it
            _say(f"  profiling failed: {exc}")
    if not args.keep:
        set_aside(project, trash)
    return profile


def _cold_builds(projects: list[Path], repeat: int, trash: Path) -> list[dict]:
    """For each project, the fastest of `repeat` cold builds (no .cache/build, no site/: the
    last build's are set aside), with every wall and user CPU time in the order run.

    Interleaved, a round at a time (every size once, then again): this machine's speed
    drifts by up to a fifth over minutes, and builds of one size in a row would charge a
    slow spell to that size alone, tilting the comparison between sizes."""
    builds: list[list[dict]] = [[] for _ in projects]
    for round_ in range(1, max(1, repeat) + 1):
        for project, done in zip(projects, builds):
            set_aside(project / ".cache" / "build", trash)
            set_aside(project / "site", trash)
            done.append(build_ours(project, "cold"))
            _say(f"{project.name}: cold build {round_} of {repeat}: {done[-1]['wall_s']:.1f}s")
    out = []
    for done in builds:
        fastest = dict(min(done, key=lambda b: b["wall_s"]))
        fastest["wall_runs_s"] = [b["wall_s"] for b in done]
        fastest["user_runs_s"] = [b["user_s"] for b in done]
        out.append(fastest)
    return out


def _search(site: Path, query: str, over: str = "http") -> dict | None:
    from .browser import first_search

    try:
        found = first_search(site, query, over=over)
    except Exception as exc:  # a failed measurement is reported, not fatal
        _say(f"  first search failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
        return {"error": f"{type(exc).__name__}: {exc}"[:500]}
    _say(f"  first search ({over}): {found['first_result_ms']:.0f} ms, {found['bytes_until_first_result'] / 1024:.0f} KB")
    return found


if __name__ == "__main__":
    sys.exit(main())
