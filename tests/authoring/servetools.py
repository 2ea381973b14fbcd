"""Run `mkdocs serve` on a copy of the project and poll its pages over HTTP.

No browser: the served HTML is enough to see an edit arrive. Every wait is
bounded, and the server is always killed (its whole process group).
"""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, project: Path, port: int, log: Path, process: subprocess.Popen):
        self.project, self.port, self.log, self.process = project, port, log, process
        self.url = f"http://127.0.0.1:{port}/"

    def get(self, path: str, timeout: float = 30) -> str:
        """The page's HTML, or '' while the server is not answering (yet)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return ""

    def wait_for(self, path: str, predicate, timeout: float, interval: float = 0.1) -> tuple[str, float]:
        """Poll `path` until predicate(html) holds; return (html, seconds waited)."""
        started = time.monotonic()
        html = ""
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise AssertionError(f"mkdocs serve exited ({self.process.returncode}):\n{self.output()[-3000:]}")
            html = self.get(path, timeout=max(1.0, timeout - (time.monotonic() - started)))
            if html and predicate(html):
                return html, time.monotonic() - started
            time.sleep(interval)
        raise AssertionError(f"{path}: condition not met within {timeout}s\n--- server log ---\n{self.output()[-3000:]}")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""


def temporary_folder(project: Path) -> Path:
    folder = project.parent / f"{project.name}-tmp"
    folder.mkdir(exist_ok=True)
    return folder


@contextlib.contextmanager
def mkdocs_serve(project: Path, startup_timeout: float = 120):
    """`mkdocs serve` of `project` on a free port; yields a Server once the first build is served."""
    port = free_port()
    log = project / "serve.log"
    # Plain `mkdocs serve`, as an editor would type it: no PYTHONPATH (MkDocs finds the
    # hooks, and they find the pipeline, from mkdocs.yml alone).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONUNBUFFERED"] = "1"
    env["TMPDIR"] = str(temporary_folder(project))  # (where MkDocs puts the site it serves)
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,  # its own process group: killed as a whole below
        )
    server = Server(project, port, log, process)
    try:
        server.wait_for("index.html", lambda html: "</html>" in html, timeout=startup_timeout, interval=0.3)
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` (which must occur once) in a file, the way an editor saves it."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: {old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")
