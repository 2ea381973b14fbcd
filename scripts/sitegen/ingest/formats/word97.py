"""Word 97-2003 (.doc) and WPS (.wps) files -> Extracted, through Debian's antiword or catdoc.

Both are Compound Files (OLE2), as is an OOXML file saved with a password: that one holds an
EncryptedPackage stream instead of a document and is refused with a line saying so. The
converters run offline as subprocesses on a temporary copy, with a time limit.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from . import Extracted, IngestError, join_lines

TIMEOUT = 60  # seconds: a converter that takes longer is stuck on a hostile file
# (command, arguments before the file name): antiword keeps paragraphs better; catdoc also reads WPS
CONVERTERS = (("antiword", ["-m", "UTF-8.txt", "-w", "0"]), ("catdoc", ["-d", "utf-8", "-w"]))
# Unwrapped, antiword puts a blank line between paragraphs and a line break where Word has a soft one;
# catdoc -w writes one paragraph a line and no blank lines (a real .doc showed it: the test reads one).
ONE_PARAGRAPH_A_LINE = frozenset({"catdoc"})
INSTALL = "apt-get install antiword catdoc (or: make office-tools)"


def _encrypted(raw: bytes) -> bool:
    return any(name.encode("utf-16-le") in raw for name in ("EncryptedPackage", "EncryptionInfo"))


def _run(command: str, args: list[str], raw: bytes) -> tuple[int, str, str]:
    with tempfile.NamedTemporaryFile(suffix=".doc") as tmp:
        tmp.write(raw)
        tmp.flush()
        try:
            done = subprocess.run([command, *args, tmp.name], capture_output=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return 1, "", f"{command} took longer than {TIMEOUT} s"
        err = done.stderr.decode("utf-8", "replace").replace(tmp.name, "the file")  # not a temporary name
    return done.returncode, done.stdout.decode("utf-8", "replace"), err


def _paragraphs(text: str, command: str) -> list[str]:
    """Converter output -> paragraphs: blank lines separate them, wrapped lines are joined
    (catdoc's lines are paragraphs)."""
    lines = text.replace("\f", "\n").split("\n")
    if os.path.basename(command) in ONE_PARAGRAPH_A_LINE:
        return [line.strip() for line in lines if line.strip()]
    paragraphs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append(join_lines(current))
            current = []
    if current:
        paragraphs.append(join_lines(current))
    return paragraphs


def read(raw: bytes, rules) -> Extracted:
    if _encrypted(raw):
        raise IngestError("password-protected Office file: save it again without a password (文件 > 信息 > 保护文档)")
    available = [(cmd, args) for cmd, args in CONVERTERS if shutil.which(cmd)]
    if not available:
        raise IngestError(f"a Word 97-2003 or WPS file (.doc/.wps) needs a converter that is not installed: {INSTALL}")
    errors = []
    for cmd, args in available:
        code, out, err = _run(cmd, args, raw)
        paragraphs = _paragraphs(out, cmd) if code == 0 else []
        if paragraphs:
            return Extracted("\n".join(paragraphs), "word97", f"{cmd} (UTF-8)")
        errors.append(f"{cmd}: {(err.strip().splitlines() or ['no text'])[0][:120]}")
    raise IngestError("cannot read this Word 97-2003 / WPS file (damaged, or not a Word file): " + "; ".join(errors))
