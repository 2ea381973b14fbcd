"""Builds for the benchmark: a throw-away copy of the project with a synthetic corpus,
built by our pipeline and, from the very same Markdown, by bare MkDocs + Material.

Every build runs as its own process (`python -m mkdocs build`), so its wall time
includes start-up, and its peak memory is the process's own (ru_maxrss from wait4).
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PROJECT_PARTS = ("mkdocs.yml", "docs", "scripts", "overrides", "data")

BARE_CONFIG = """\
# Bare MkDocs + Material, as a site would be set up from the documentation:
# default navigation (every page listed), the built-in search (jieba for lang zh).
site_name: {site_name}
use_directory_urls: false   # the pages link to each other as x/y.html, as in our site
theme:
  name: material
  language: zh
  font: false               # no Google Fonts (no network here; ours has none either)
plugins:
  - search:
      lang: zh
markdown_extensions:
  - attr_list
  - tables
  - toc
  - admonition
  - pymdownx.details
"""


def copy_project(dest: Path, data: Path | None = None) -> Path:
    """A copy of the project's build inputs (no site/, no .cache/), optionally with
    another data/ folder (the tests use a small campaign's)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in PROJECT_PARTS:
        source = data if part == "data" and data else ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=ignore)
        else:
            shutil.copy2(source, dest / part)
    return dest


def _env(project: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(project / "scripts")
    env.update(extra)
    return env


def run_measured(cmd: list[str], cwd: Path, env: dict[str, str], log: Path, timeout: float = 7200) -> dict:
    """Run a command; wall seconds, peak RSS (MB) of the process, exit code."""
    os.sync()  # the previous build's files reach the disk first: each build pays for its own writes only
    started = time.perf_counter()
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,  # robust to other work on the machine
        # The build's own work apart from the kernel's share (sys), which varied from 2 to
        # 10 s at 2,000 documents on one machine (file creation after mass deletions).
        "user_s": usage.ru_utime,
        "sys_s": usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "returncode": proc.returncode,
        "load_avg": os.getloadavg()[0],  # > 2 on two cores: wall times are inflated
    }


def _tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text("utf-8", "replace").splitlines()[-lines:])


def site_stats(site: Path) -> dict:
    html, total, files, search = [], 0, 0, 0
    by_kind: dict[str, list[int]] = {"document": [], "term": [], "other": []}
    sizes: dict[str, int] = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        files += 1
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html" and rel != "404.html":
            html.append(size)
            sizes[rel] = size
            folder = rel.split("/")[0] if "/" in rel and not rel.endswith("/index.html") else ""
            by_kind[{"sources": "document", "glossary": "term"}.get(folder, "other")].append(size)
        if rel.startswith("search/") or "search_index" in rel:
            search += size
    return {
        "html_pages": len(html),
        "median_html_kb": statistics.median(html) / 1024 if html else 0.0,
        "max_html_kb": max(html) / 1024 if html else 0.0,
        "median_html_kb_by_kind": {k: statistics.median(v) / 1024 for k, v in by_kind.items() if v},
        "site_mb": total / 2**20,
        "files": files,
        "search_files_mb": search / 2**20,
        "html_sizes": sizes,  # page -> bytes: the same pages compared across corpus sizes
    }


def build_ours(project: Path, label: str = "build") -> dict:
    """`mkdocs build` of the project copy, with our hooks; stage timings from the glue."""
    timings_file = project / f".bench-timings-{label}.json"
    timings_file.unlink(missing_ok=True)
    log = project / f".bench-{label}.log"
    env = _env(project, SITEGEN_TIMINGS=str(timings_file))
    result = run_measured([sys.executable, "-m", "mkdocs", "build", "-q"], project, env, log)
    if result["returncode"] != 0:
        raise RuntimeError(f"our build failed ({project}):\n{_tail(log)}")
    raw = json.loads(timings_file.read_text(encoding="utf-8")) if timings_file.exists() else {}
    stages = dict(raw.get("stages", {}))
    pipeline = sum(stages.values())
    search = raw.get("search", 0.0)
    stages["mkdocs"] = max(0.0, raw.get("mkdocs", 0.0) - pipeline - search)  # MkDocs + Material rendering
    stages["search"] = search
    stages["startup"] = max(0.0, result["wall_s"] - raw.get("mkdocs", 0.0))  # imports, config, writing theme files
    result["stages"] = stages
    result["peak_mb_after"] = raw.get("peak_mb", {})  # peak so far after pipeline, pages, search index
    result["cache"] = raw.get("cache", {})  # .cache/build: seconds reading and writing, hits and misses
    result.update(site_stats(project / "site"))
    return result


def dump_pages(project: Path, docs: Path) -> int:
    """Our pipeline's Markdown pages (as MkDocs gets them) into a plain docs/ folder."""
    from ..build import generate

    shutil.copytree(project / "docs", docs, dirs_exist_ok=True)
    generated = generate(project)
    for rel, content in generated.markdown().items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return len(generated.pages) + len(generated.direct)


def build_bare(project: Path, bare: Path) -> dict:
    """The same Markdown, built by bare MkDocs + Material (default nav, built-in search)."""
    if bare.exists():
        shutil.rmtree(bare)
    bare.mkdir(parents=True)
    code = "import sys; from pathlib import Path; from sitegen.bench.run import dump_pages; dump_pages(Path(sys.argv[1]), Path(sys.argv[2]))"
    subprocess.run([sys.executable, "-c", code, str(project), str(bare / "docs")], env=_env(project), check=True)
    site_name = "bench"
    for line in (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_name:"):
            site_name = line.split(":", 1)[1].strip()
    (bare / "mkdocs.yml").write_text(BARE_CONFIG.format(site_name=site_name), encoding="utf-8")
    log = bare / ".bench-build.log"
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    result = run_measured([sys.executable, "-m", "mkdocs", "build", "-q"], bare, env, log)
    if result["returncode"] != 0:
        raise RuntimeError(f"bare MkDocs build failed ({bare}):\n{_tail(log)}")
    result.update(site_stats(bare / "site"))
    return result


def edit_one(project: Path) -> Path:
    """Change one synthetic document the way an editor would (a paragraph added)."""
    path = sorted((project / "data" / "sources").glob("bench_*.txt"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n\n编者补充：本文件已按要求修改一处。\n", encoding="utf-8")
    return path


def _is_search_file(js: str) -> bool:
    """A whole search file (search/packed.py), as served: not an error page nor one half written."""
    return js.startswith(("__zhz(", "__zhs(")) and js.rstrip().endswith(");")


def serve_rebuild(project: Path, timeout: float = 600) -> dict:
    """`mkdocs serve` on the project, as an editor works: after the first build, edit one
    document and time until the edited page is served with the change (the rebuild reuses
    the other pages' Markdown conversion and layout: cache/pages.py)."""
    import signal
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = project / ".bench-serve.log"
    os.sync()
    env = _env(project, PYTHONUNBUFFERED="1")
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)

    def get(path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=30) as response:
                return response.read().decode("utf-8")
        except (OSError, UnicodeDecodeError):  # not served yet, or read while being written
            return ""

    def wait(path: str, predicate) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if proc.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited:\n{_tail(log)}")
            if predicate(get(path)):
                return time.perf_counter() - started
            time.sleep(0.1)
        raise RuntimeError(f"mkdocs serve: {path} not updated within {timeout}s:\n{_tail(log)}")

    try:
        first = wait("index.html", lambda html: "</html>" in html)
        path = sorted((project / "data" / "sources").glob("bench_*.txt"))[-1]
        page = f"sources/{path.stem}.html"
        wait(page, lambda html: "</html>" in html)
        # The first build's search index is written after its pages are served: an
        # editor's first edit comes later than that.
        wait("search/zh/base.js", _is_search_file)
        index_before = get("search/zh/base.js")
        time.sleep(1.0)  # let the watcher settle after the first build
        marker = "编者在预览中补充的一段文字。"
        path.write_text(path.read_text(encoding="utf-8") + f"\n\n{marker}\n", encoding="utf-8")
        started = time.perf_counter()
        rebuild = wait(page, lambda html: marker in html)
        wait("search/zh/base.js", lambda js: _is_search_file(js) and js != index_before)
        return {"first_build_s": first, "edit_to_page_s": rebuild, "edit_to_search_s": time.perf_counter() - started}
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
