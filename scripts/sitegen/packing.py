"""Values kept small while they wait: pickled with their text as UTF-8, LZ4-compressed.

A province's documents are held between the stages that use them (ingest, link, render,
search); packed, a document's blocks take a third of their memory and are unpacked in
about 50 µs each time a stage reads them. The build cache stores values the same way.
"""
from __future__ import annotations

import io
import pickle

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
