"""A 10 MB document ingests in a few seconds; nothing is quadratic; a very long line works.

Times are CPU times of this process (other jobs may share the machine)."""
import time

from ingest_helpers import RULES, SOURCES

from sitegen.ingest import ingest_document

LIMIT = 5.0  # seconds of CPU time


def _timed(raw: bytes, name: str = "big.txt"):
    start = time.process_time()
    doc = ingest_document(name, raw, RULES)
    return doc, time.process_time() - start


def _ten_mb(text: str) -> str:
    return text * (10_000_000 // len(text.encode("utf-8")) + 1)


def test_ten_megabyte_speech():
    text = _ten_mb((SOURCES / "004_0e20f6ddf0c95574.txt").read_text(encoding="utf-8"))
    doc, seconds = _timed(text.encode("utf-8"))
    assert len(text.encode("utf-8")) >= 10_000_000
    assert doc.layout == "speech" and len(doc.blocks) > 30_000
    assert seconds < LIMIT, seconds


def test_ten_megabyte_web_page_in_gb18030():
    text = _ten_mb((SOURCES / "001_d07ea692fa7c841a.txt").read_text(encoding="utf-8"))
    doc, seconds = _timed(text.encode("gb18030"))
    assert doc.encoding == "gb18030" and doc.layout == "web-page"
    assert seconds < LIMIT, seconds


def test_ten_megabyte_single_line():
    line = "".join((SOURCES / "003_03a93d32dd1e0467.txt").read_text(encoding="utf-8").split())
    text = _ten_mb(line)
    doc, seconds = _timed(text.encode("utf-8"))
    assert len(doc.blocks) == 1 and doc.blocks[0].text == text
    assert seconds < LIMIT, seconds


def test_many_wrapped_number_lines_join_in_linear_time():
    # every line is joined to the one before: joining must not copy the paragraph each time
    text = "标题\n1、开头。要做到与发展农村\n" + "二、三产业相结合，与发展农村\n" * 150_000
    doc, seconds = _timed(text.encode("utf-8"))
    assert len(doc.blocks) == 2
    assert seconds < LIMIT, seconds


def test_long_teaser_and_long_title_lines():
    teaser = "同志们：" + "很长的开场白，" * 100_000 + "..."
    text = teaser + "\n同志们：\n" + "很长的开场白，" * 100_000 + "\n" + "标" * 1_000_000
    doc, seconds = _timed(text.encode("utf-8"))
    assert seconds < LIMIT, seconds
    assert teaser in [b.text for b in doc.blocks]  # too long to be a teaser: kept as it is
