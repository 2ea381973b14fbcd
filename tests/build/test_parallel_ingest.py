"""New source files are ingested by several processes in `mkdocs build`: same results."""
from sitegen.build import _PARALLEL_FROM, ingest_many
from sitegen.ingest import IngestError, load_rules
from sitetools import ROOT


def test_processes_give_what_one_process_gives():
    rules = load_rules()
    sources = sorted((ROOT / "data" / "sources").glob("*.txt"))
    files = [(f"{n:03d}_{p.name}", p.read_bytes()) for n in range(_PARALLEL_FROM // len(sources) + 2) for p in sources]
    files.insert(7, ("broken.txt", b"\x00\x01\x02 not text"))
    files.insert(20, ("empty.txt", b""))
    assert len(files) >= _PARALLEL_FROM
    one = ingest_many(files, rules, workers=1)
    two = ingest_many(files, rules, workers=2)
    assert len(one) == len(two) == len(files)
    for a, b in zip(one, two):
        if isinstance(a, IngestError):
            assert isinstance(b, IngestError) and (a.line, a.message) == (b.line, b.message)
        else:
            assert a == b  # every field (pickle bytes differ by which equal strings are one object)
    assert isinstance(two[7], IngestError) and isinstance(two[20], IngestError)
    assert two[0].title == one[0].title and two[0].blocks
