"""Rewrite requirements.txt and constraints.txt from a venv where the latest releases are installed.

`make upgrade` installs the newest release of every direct requirement into a scratch venv, then
runs this: the direct pins (requirements.txt, comments and order kept) and the full transitive set
(constraints.txt) are taken from that venv's `pip freeze`, so both files always describe one working
install. It must not decide versions itself: pip's resolver does.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HEADER = "# Every transitive dependency, pinned (pip freeze of a working .venv). Direct ones: requirements.txt.\n"
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)")


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def frozen(venv: Path) -> dict[str, str]:
    """name (normalised) -> 'Name==version' line, as the venv's pip reports it."""
    out = subprocess.run([str(venv / "bin" / "pip"), "freeze", "--disable-pip-version-check"],
                         check=True, capture_output=True, text=True).stdout
    return {norm(m.group(1)): line for line in out.splitlines() if (m := PIN.match(line))}


def repin(requirements: str, pins: dict[str, str]) -> str:
    """requirements.txt with each `name==old` replaced by the installed version."""
    def new(line: str) -> str:
        m = PIN.match(line)
        if not m:
            return line
        if norm(m.group(1)) not in pins:
            sys.exit(f"requirements.txt: {m.group(1)} is not installed in the upgrade venv")
        return f"{m.group(1)}=={pins[norm(m.group(1))].split('==', 1)[1]}"
    return "\n".join(new(line) for line in requirements.splitlines()) + "\n"


def main(venv: str) -> None:
    pins = frozen(Path(venv))
    req = Path("requirements.txt")
    before = req.read_text(encoding="utf-8")
    req.write_text(repin(before, pins), encoding="utf-8")
    Path("constraints.txt").write_text(HEADER + "".join(f"{pins[k]}\n" for k in sorted(pins)), encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), req.read_text(encoding="utf-8").splitlines()) if a != b]
    for old, new in changed:
        print(f"{old}  ->  {new.split('==', 1)[1]}")
    print(f"{len(changed)} direct pins changed; constraints.txt: {len(pins)} packages")


if __name__ == "__main__":
    main(sys.argv[1])
