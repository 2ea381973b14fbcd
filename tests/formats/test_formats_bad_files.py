"""Bad office files: one line naming what is wrong, never a traceback; the other sources still build."""
import io
import zipfile

import pytest
from ingest_helpers import RULES
from office_fixtures import notice_docx

from sitegen.build import ingest_sources
from sitegen.ingest import IngestError, ingest_document
from sitegen.ingest.formats import OLE2, word97


def _rewritten(raw: bytes, member: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, data if info.filename == member else src.read(info))
    return out.getvalue()


def _ole2(*streams: str) -> bytes:
    """The header of a Compound File and directory names in UTF-16 (what a reader sees first)."""
    return OLE2 + b"\x00" * 504 + b"".join(name.encode("utf-16-le") + b"\x00\x00" for name in streams) + b"\x00" * 512


def _no_converter(monkeypatch):
    monkeypatch.setattr(word97.shutil, "which", lambda name: None)


CASES = {
    "truncated": (lambda: notice_docx()[: len(notice_docx()) // 2], "damaged Word file"),
    "corrupt part": (lambda: _rewritten(notice_docx(), "word/document.xml", b"<w:document><not closed"), "damaged Word file"),
    "no document part": (lambda: _rewritten(notice_docx(), "word/document.xml", b""), "damaged Word file"),
    "password": (lambda: _ole2("Root Entry", "EncryptionInfo", "EncryptedPackage"), "password-protected"),
    "empty": (lambda: b"", "empty file"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_file_is_one_line(case):
    make, expected = CASES[case]
    with pytest.raises(IngestError) as err:
        ingest_document(f"{case}.docx", make(), RULES)
    message = err.value.message
    assert expected in message and "\n" not in message and "Traceback" not in message


def test_doc_renamed_docx_without_converter_names_what_to_install(monkeypatch):
    _no_converter(monkeypatch)
    with pytest.raises(IngestError, match="antiword") as err:
        ingest_document("old.docx", _ole2("Root Entry", "WordDocument"), RULES)
    assert "Word 97-2003" in err.value.message


def test_damaged_doc_with_a_converter_is_one_line(monkeypatch, tmp_path):
    fake = tmp_path / "antiword"
    fake.write_text("#!/bin/sh\necho 'I can not open this file' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(word97, "CONVERTERS", ((str(fake), []),))
    with pytest.raises(IngestError, match="cannot read this Word 97-2003") as err:
        ingest_document("bad.doc", _ole2("Root Entry", "WordDocument"), RULES)
    assert "I can not open this file" in err.value.message


def test_a_bad_file_is_a_problem_naming_it_and_the_rest_is_read(tmp_path):
    sources = tmp_path / "data" / "sources"
    sources.mkdir(parents=True)
    (sources / "good.docx").write_bytes(notice_docx())
    (sources / "broken.docx").write_bytes(notice_docx()[:3000])
    (sources / "plain.txt").write_text("标题\n正文一段。\n", encoding="utf-8")
    documents, problems = ingest_sources(tmp_path, tmp_path / "data")
    assert set(documents) == {"good", "plain"}
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1 and errors[0].path == "data/sources/broken.docx"


@pytest.mark.skipif(not any(word97.shutil.which(cmd) for cmd, _ in word97.CONVERTERS), reason="make office-tools installs them")
def test_damaged_doc_with_debians_converters_is_one_line():
    with pytest.raises(IngestError, match="cannot read this Word 97-2003") as err:
        ingest_document("bad.doc", _ole2("Root Entry", "WordDocument"), RULES)
    assert "\n" not in err.value.message


def test_an_unchanged_office_file_is_not_read_again(tmp_path, monkeypatch):
    from sitegen.ingest import formats

    sources = tmp_path / "data" / "sources"
    sources.mkdir(parents=True)
    (sources / "notice.docx").write_bytes(notice_docx())
    calls = []
    real = formats.Format.read
    monkeypatch.setattr(formats.Format, "read", lambda self, raw, rules: calls.append(self.name) or real(self, raw, rules))
    first, _ = ingest_sources(tmp_path, tmp_path / "data")
    second, _ = ingest_sources(tmp_path, tmp_path / "data")
    assert calls == ["docx"] and second["notice"].blocks == first["notice"].blocks


def test_a_docx_that_unpacks_to_too_much_is_refused_before_it_is_inflated(monkeypatch):
    from sitegen.ingest.formats import docx as docx_reader

    real = notice_docx()
    assert ingest_document("notice.docx", real, RULES).title  # a normal file reads
    monkeypatch.setattr(docx_reader, "MAX_UNPACKED", 1 << 20)
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(real)) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        out.writestr("word/media/padding.bin", b"\0" * (2 << 20))  # 2 MB of zeros: a few KB packed
    assert len(bomb.getvalue()) < len(real) + (64 << 10)
    with pytest.raises(IngestError) as refused:
        ingest_document("bomb.docx", bomb.getvalue(), RULES)
    assert "unpacks to" in str(refused.value) and "\n" not in str(refused.value)
