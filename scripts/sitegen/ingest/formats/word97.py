"""Word 97-2003 (.doc) and WPS (.wps) files -> Extracted: LibreOffice when installed, else
Debian's antiword or catdoc.

LibreOffice (headless, a profile of its own each run) saves the file as .docx and the .docx
reader reads it, so headings, numbering, tables and footnotes come through as from Word;
about 1 s a file, once (the ingest cache keeps the result). antiword and catdoc give text
only, in paragraphs; antiword writes tables as |cell|cell| lines, read back as a table.
Measured on a .doc LibreOffice saved from a report with a wide merged-cell table: antiword
dropped most of the table's rows and the paragraphs after it without a word, so its text is
checked against catdoc's and catdoc's is taken, with a warning, when antiword's is short.

Both are Compound Files (OLE2), as is an OOXML file saved with a password: that one holds an
EncryptedPackage stream instead of a document and is refused with a line saying so. The
converters run offline as subprocesses on a temporary copy, with a time limit.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..document import Cell
from . import Extracted, IngestError, join_lines, table_line

TIMEOUT = 60  # seconds: a converter that takes longer is stuck on a hostile file
# (command, arguments before the file name): antiword keeps paragraphs better; catdoc also reads WPS
CONVERTERS = (("antiword", ["-m", "UTF-8.txt", "-w", "0"]), ("catdoc", ["-d", "utf-8", "-w"]))
# Unwrapped, antiword puts a blank line between paragraphs and a line break where Word has a soft one;
# catdoc -w writes one paragraph a line and no blank lines (a real .doc showed it: the test reads one).
ONE_PARAGRAPH_A_LINE = frozenset({"catdoc"})
INSTALL = "apt-get install antiword catdoc (or: make office-tools)"
LIBREOFFICE = "soffice"  # None: never use LibreOffice (tests of the text converters)
SHORT = 0.9  # antiword's text under this share of catdoc's: antiword lost some
_PIPE_ROW = re.compile(r"^\|.*\|$")


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


def libreoffice_convert(folder: Path, names: list[str], to: str, timeout: int = TIMEOUT) -> None:
    """LibreOffice (headless, a profile of its own in `folder`) saves the files `names` in `folder`
    as format `to` ("docx", "doc") beside them; raises subprocess.TimeoutExpired."""
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--convert-to", to, "--outdir", str(folder), *(str(folder / n) for n in names)],
                   capture_output=True, timeout=timeout)


def _via_libreoffice(raw: bytes, rules) -> Extracted | None:
    """The file saved as .docx by LibreOffice and read by the .docx reader; None when it cannot."""
    from . import docx

    if not (LIBREOFFICE and shutil.which(LIBREOFFICE)):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "in.doc").write_bytes(raw)
        try:
            libreoffice_convert(folder, ["in.doc"], "docx")
        except subprocess.TimeoutExpired:
            return None
        out = folder / "in.docx"
        try:
            found = docx.read(out.read_bytes(), rules) if out.exists() else None
        except IngestError:
            return None
    if found is None or not found.text.strip():
        return None
    found.format, found.encoding = "word97", "LibreOffice (.docx)"
    return found


def _entries(text: str, command: str) -> list[tuple[str, tuple]]:
    """Converter output -> (paragraph, table rows) entries: blank lines separate paragraphs,
    wrapped lines are joined (catdoc's lines are paragraphs); a run of antiword's |…| lines
    is a table."""
    lines = text.replace("\f", "\n").split("\n")
    if os.path.basename(command) in ONE_PARAGRAPH_A_LINE:
        return [(line.strip(), ()) for line in lines if line.strip()]
    entries, current = [], []
    for line in lines + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            entries.extend(_block(current))
            current = []
    return entries


def _block(lines: list[str]) -> list[tuple[str, tuple]]:
    if not all(_PIPE_ROW.match(line) for line in lines):
        return [(join_lines(lines), ())]
    rows = tuple(tuple(Cell(cell.strip()) for cell in line[1:-1].split("|")) for line in lines)
    rows = tuple(row for row in rows if any(cell.text for cell in row))
    if max((len(row) for row in rows), default=0) < 2:  # a one-column box: its paragraphs
        return [(cell.text, ()) for row in rows for cell in row if cell.text]
    return [(table_line(rows), rows)] if rows else []


def _letters(entries) -> int:
    return sum(len(re.sub(r"[\s|｜；]", "", text)) for text, _ in entries)


def _converted(available, raw: bytes) -> tuple[str, list, list[str]]:
    """(converter, entries, warnings) of the first converter that reads the file, antiword's
    checked against catdoc's; raises IngestError naming what each said."""
    results, errors = [], []
    for cmd, args in available:
        code, out, err = _run(cmd, args, raw)
        entries = _entries(out, cmd) if code == 0 else []
        if entries:
            results.append((cmd, entries))
        else:
            errors.append(f"{cmd}: {(err.strip().splitlines() or ['no text'])[0][:120]}")
    if not results:
        raise IngestError("cannot read this Word 97-2003 / WPS file (damaged, or not a Word file): " + "; ".join(errors))
    (cmd, entries), warnings = results[0], []
    if len(results) > 1 and _letters(entries) < SHORT * _letters(results[1][1]):
        warnings.append(f"{cmd} read {_letters(entries)} characters where {results[1][0]} read "
                        f"{_letters(results[1][1])}: {results[1][0]}'s text is used (install LibreOffice to keep "
                        "headings and tables: make libreoffice)")
        cmd, entries = results[1]
    else:
        warnings.append(f"read by {cmd} as text and paragraphs only; LibreOffice keeps headings, numbering and "
                        "tables (make libreoffice)")
    return cmd, entries, warnings


def read(raw: bytes, rules) -> Extracted:
    if _encrypted(raw):
        raise IngestError("password-protected Office file: save it again without a password (文件 > 信息 > 保护文档)")
    found = _via_libreoffice(raw, rules)
    if found is not None:
        return found
    available = [(cmd, args) for cmd, args in CONVERTERS if shutil.which(cmd)]
    if not available:
        raise IngestError(f"a Word 97-2003 or WPS file (.doc/.wps) needs a converter that is not installed: {INSTALL}")
    cmd, entries, warnings = _converted(available, raw)
    tables = {no: rows for no, (_, rows) in enumerate(entries, 1) if rows}
    return Extracted("\n".join(text for text, _ in entries), "word97", f"{cmd} (UTF-8)", tables=tables, warnings=warnings)
