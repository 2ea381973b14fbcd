"""Values kept small while they wait: pickled with their text as UTF-8, LZ4-compressed.

A province's documents are held between the stages that use them (ingest, link, render,
search); packed, a document's blocks take a third of their memory and are unpacked in
about 50 µs each time a stage reads them. The build cache stores values the same way.
"""
from __future__ import annotations

import io
import os
import pickle
import tempfile
from dataclasses import dataclass

import lz4.block


class _TextPickler(pickle.Pickler):
    """Non-ASCII strings go out as UTF-8 bytes that pickle does not keep.

    pickle.dumps encodes a str with PyUnicode_AsUTF8AndSize, which keeps the UTF-8
    copy inside the live str for as long as the str lives: every Chinese text the build
    cached stayed in memory one and a half times over (about 150 MB at 2,000 documents).
    str.encode() makes a copy that is freed at once. (reducer_override is never asked
    about str; persistent_id is asked about every object.)"""

    def persistent_id(self, obj):
        if type(obj) is str and not obj.isascii():
            return obj.encode("utf-8", "surrogatepass")
        return None


class _TextUnpickler(pickle.Unpickler):
    def persistent_load(self, pid):
        return pid.decode("utf-8", "surrogatepass")


def dumps(value) -> bytes:
    out = io.BytesIO()
    _TextPickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


def loads(data: bytes):
    return _TextUnpickler(io.BytesIO(data)).load()


def pack(value) -> bytes:
    return lz4.block.compress(dumps(value))


def unpack(data: bytes):
    return loads(lz4.block.decompress(data))


class Spool:
    """Bytes kept in a nameless file (gone when the last value in it is let go), not in
    memory: what every document leaves for a later stage (its packed blocks, its page's
    search text) would, at 100,000 documents, hold gigabytes and scatter the memory
    between the pages' temporaries so that it is never given back. Written by hand: the
    standard library's spooled file keeps everything in memory up to a size."""

    def __init__(self, folder: str | os.PathLike | None = None, *, named: bool = False):
        self.name: str | None = None
        if named:  # for another process to adopt(): a forked worker's results
            try:
                fd, self.name = tempfile.mkstemp(prefix=".spool-", dir=folder)
            except OSError:
                fd, self.name = tempfile.mkstemp(prefix=".spool-")
            self._file = os.fdopen(fd, "w+b")
        else:
            try:
                self._file = tempfile.TemporaryFile(dir=folder)
            except OSError:  # (an unwritable folder: the system's)
                self._file = tempfile.TemporaryFile()
        self._end = 0

    @classmethod
    def adopt(cls, name: str) -> "Spool":
        """The named spool another process wrote, as this process's own (its name is removed)."""
        spool = cls.__new__(cls)
        spool._file = open(name, "r+b")
        os.unlink(name)
        spool.name, spool._end = None, os.fstat(spool._file.fileno()).st_size
        return spool

    def keep(self, data: bytes) -> "Spooled":
        os.pwrite(self._file.fileno(), data, self._end)
        where = Spooled(self, self._end, len(data))
        self._end += len(data)
        return where

    def read(self, offset: int, size: int) -> bytes:
        return os.pread(self._file.fileno(), size, offset)

    def read_into(self, offset: int, buffer: memoryview) -> None:
        """len(buffer) bytes from offset, into buffer (no copy in between)."""
        done = 0
        while done < len(buffer):
            got = os.preadv(self._file.fileno(), [buffer[done:]], offset + done)
            if got <= 0:
                raise EOFError(f"spool: {len(buffer) - done} bytes missing at {offset + done}")
            done += got


@dataclass(frozen=True, eq=False)
class Spooled:
    """Where a Spool keeps one value."""

    spool: Spool
    offset: int
    size: int

    def read(self) -> bytes:
        return self.spool.read(self.offset, self.size)

    def read_into(self, buffer: memoryview) -> None:
        self.spool.read_into(self.offset, buffer)

    def __eq__(self, other) -> bool:
        if isinstance(other, Spooled):
            other = other.read()
        elif isinstance(other, str):
            other = other.encode("utf-8")
        return self.read() == other

    def __hash__(self) -> int:
        return hash(self.read())
