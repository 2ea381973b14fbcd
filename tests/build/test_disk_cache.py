"""cache.disk.DiskCache: what a build keeps for the next one (.cache/build/*.sqlite3)."""
import sqlite3
import sys

from sitegen.cache.disk import DiskCache, MemoryMemo


def _count(path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]


def test_saved_values_come_back_in_a_later_run(tmp_path):
    path = tmp_path / "c.sqlite3"
    first = DiskCache(path, b"code-1")
    assert first.get(("page", "a.md", "正文")) is None
    first.put(("page", "a.md", "正文"), {"html": "<p>正文</p>", "n": 3})
    first.save()

    second = DiskCache(path, b"code-1")
    assert second.get(("page", "a.md", "正文")) == {"html": "<p>正文</p>", "n": 3}
    assert second.get(("page", "a.md", "改过的正文")) is None, "another input is another key"
    assert (second.hits, second.misses) == (1, 1)
    second.save()

    assert DiskCache(path, b"code-2").get(("page", "a.md", "正文")) is None, "changed code: nothing is reused"


def test_key_parts_are_not_confused(tmp_path):
    cache = DiskCache(tmp_path / "c.sqlite3", b"")
    digests = {cache.digest(k) for k in [("ab", "c"), ("a", "bc"), ("abc",), (b"abc",), ("1",), (1,), (("a", "b"),), ("a", "b")]}
    assert len(digests) == 8


def test_what_a_failed_build_stored_is_not_kept(tmp_path):
    path = tmp_path / "c.sqlite3"
    DiskCache(path, b"s").save()
    failed = DiskCache(path, b"s")
    failed.put(("k",), "made by a build that then failed")
    del failed  # never saved: its connection rolls back
    assert DiskCache(path, b"s").get(("k",)) is None


def test_entries_no_build_uses_are_dropped(tmp_path):
    path = tmp_path / "c.sqlite3"
    old = DiskCache(path, b"s")
    for n in range(400):
        old.put(("old", n), n)
    old.save()
    assert _count(path) == 400
    new = DiskCache(path, b"s")
    for n in range(10):
        assert new.get(("old", n)) == n
    new.put(("new",), "x")
    new.save()
    remaining = _count(path)
    assert remaining <= 2 * 11 + 100
    check = DiskCache(path, b"s")
    assert [check.get(("old", n)) for n in range(10)] == list(range(10)), "what the last build used stays"
    assert check.get(("new",)) == "x"


def test_a_damaged_cache_file_is_ignored(tmp_path):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not an SQLite database" * 100)
    cache = DiskCache(path, b"s")
    assert cache.get(("k",)) is None
    cache.put(("k",), 1)  # no exception: the build goes on without its cache
    cache.save()


def test_a_damaged_entry_is_a_miss(tmp_path):
    path = tmp_path / "c.sqlite3"
    cache = DiskCache(path, b"s")
    cache.put(("k",), "value")
    cache.save()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE entries SET value = ?", (b"\x00garbage",))
    again = DiskCache(path, b"s")
    assert again.get(("k",)) is None and again.misses == 1


def test_sitegen_no_cache_turns_it_off(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEGEN_NO_CACHE", "1")
    cache = DiskCache(tmp_path / "c.sqlite3", b"s")
    assert not cache.active
    cache.put(("k",), 1)
    cache.save()
    assert not (tmp_path / "c.sqlite3").exists()


def test_memory_memo_forgets_what_a_run_did_not_use():
    memo = MemoryMemo()
    memo.put(("a",), 1)
    memo.put(("b",), 2)
    memo.save()
    assert memo.get(("a",)) == 1  # run 2 uses a only
    memo.save()
    assert memo.get(("a",)) == 1 and memo.get(("b",)) is None


def test_alike_values_are_stored_against_a_dictionary(tmp_path):
    frame = "<html><head>" + "".join(f'<link rel="x{n}" href="../assets/{n}.css">' for n in range(300)) + "</head><body>"
    plain, shared = tmp_path / "plain.sqlite3", tmp_path / "shared.sqlite3"
    for path, dictionary in ((plain, False), (shared, True)):
        cache = DiskCache(path, b"s", dictionary=dictionary)
        for n in range(50):
            cache.put(("page", n), (frame.replace("x7", f"y{n}"), f"</body><!-- {n} --></html>"))
        cache.save()

    def stored(path):
        with sqlite3.connect(path) as db:
            return db.execute("SELECT SUM(LENGTH(value)) FROM entries").fetchone()[0]

    assert stored(shared) < stored(plain) / 3
    again = DiskCache(shared, b"s", dictionary=True)  # a later build reads them back with the same dictionary
    assert again.get(("page", 9)) == (frame.replace("x7", "y9"), "</body><!-- 9 --></html>")


def test_caching_a_text_does_not_leave_a_copy_of_it_in_memory(tmp_path):
    # pickle.dumps keeps a UTF-8 copy inside every non-ASCII str it writes (for the str's
    # lifetime); at 10,000 documents that was a quarter of the build's peak memory.
    text = "保持共产党员先进性教育活动" * 500
    tree = {"html": text, "blocks": [(text[:40], 3), ("ascii", 4)], "odd": "\ud800孤"}
    sizes = (sys.getsizeof(text), sys.getsizeof(tree["blocks"][0][0]))
    path = tmp_path / "c.sqlite3"
    cache = DiskCache(path, b"s")
    cache.put(("k",), tree)
    cache.save()
    assert (sys.getsizeof(text), sys.getsizeof(tree["blocks"][0][0])) == sizes
    assert DiskCache(path, b"s").get(("k",)) == tree, "the same texts come back, lone surrogates included"
