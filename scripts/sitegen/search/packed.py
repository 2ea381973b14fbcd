"""How a search file's JSON is stored: `__zhz("<name>","<packed>");` (worker/10-load.js unpacks it).

packed = base91(deflate-raw(gb18030(json))). Each step is there for size, and each step has
a decoder the browser already has or that takes a few lines:
- GB18030 writes a Chinese character in 2 bytes where UTF-8 needs 3, and deflate does
  better on the shorter form: about 14% smaller after deflate. The browser decodes it with
  TextDecoder("gb18030"). A few code points decode differently there than Python encodes
  them (private use, U+1E3F), so those are written as JSON \\u escapes (UNSAFE).
- deflate-raw: the browser's DecompressionStream. A page text (d/) may be deflated after a
  dictionary, text the site shares (the glossary's definitions and quotes, which the
  documents repeat): see Packer. DecompressionStream takes no preset dictionary, so the
  dictionary is deflated once, cut with a sync flush (a byte boundary, no final block).
  The browser inflates that prefix followed by a page's own bytes and drops the
  dictionary's bytes from the front. About a fifth smaller again.
- base91: 13 bits in 2 printable ASCII characters, neither `"` nor `\\`. A JS/JSON string
  needs no escapes then, so the file still loads with a <script> element from file://.
  That is 6.5 bits a byte where base64 gives 6. Hand-written: no library writes a
  fixed-width base91 (basE91 is variable-width and its decoder longer).
"""
from __future__ import annotations

import hashlib
import json
import re
import zlib

import numpy as np

ALPHABET = "".join(chr(c) for c in range(0x23, 0x7F) if chr(c) != "\\")
assert len(ALPHABET) == 91 and '"' not in ALPHABET
_DECODE = np.full(128, 255, dtype=np.uint8)
_DECODE[np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)] = np.arange(91, dtype=np.uint8)
_CHARS = np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)
_WEIGHTS = (1 << np.arange(13, dtype=np.uint32)).astype(np.uint32)

# Code points whose GB18030 bytes (as Python writes them) the WHATWG decoder reads as
# another character: the private use area and U+1E3F. Found by decoding every code point
# in Chromium (tests/search/test_packed_browser.py keeps it so).
UNSAFE = re.compile("[\ue000-\uf8ff\u1e3f]")
WINDOW = 32768  # deflate's window: a dictionary longer than this is never reached


def b91encode(data: bytes) -> str:
    """13 bits (little-endian) -> 2 characters, low digit first; the last 1-6 bits -> 1."""
    bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8), bitorder="little")
    whole, rest = divmod(len(bits), 13)
    values = bits[:whole * 13].reshape(-1, 13).astype(np.uint32) @ _WEIGHTS
    out = np.empty((whole, 2), dtype=np.uint8)
    out[:, 0], out[:, 1] = _CHARS[values % 91], _CHARS[values // 91]
    text = out.tobytes().decode("ascii")
    if rest:
        last = int(bits[whole * 13:].astype(np.uint32) @ _WEIGHTS[:rest])
        text += ALPHABET[last % 91] + (ALPHABET[last // 91] if rest > 6 else "")
    return text


def b91decode(text: str) -> bytes:
    codes = _DECODE[np.frombuffer(text.encode("ascii"), dtype=np.uint8)]
    if (codes == 255).any():
        raise ValueError("not base91")
    pairs = codes[:len(codes) // 2 * 2].reshape(-1, 2).astype(np.uint32)
    values = pairs[:, 0] + pairs[:, 1] * 91
    bits = ((values[:, None] >> np.arange(13, dtype=np.uint32)) & 1).astype(np.uint8).ravel()
    if len(codes) % 2:
        bits = np.concatenate([bits, (int(codes[-1]) >> np.arange(6)) & 1]).astype(np.uint8)
    return np.packbits(bits[:len(bits) // 8 * 8], bitorder="little").tobytes()


def json_text(obj) -> str:
    """The JSON every search file holds (sorted keys, no spaces: the same data, the same bytes)."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def gb_bytes(text: str) -> bytes:
    """text as GB18030, with the code points the browser would misread as \\u escapes
    (text is JSON, or a part of it that stays inside a JSON string)."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode("gb18030")


class Packer:
    """Packs JSON for search files, after a dictionary (b"": none). The dictionary's own
    packed prefix is `prefix`, written once (index.py d/x.js)."""

    def __init__(self, dictionary: bytes = b"", level: int = 6):
        self.dictionary, self.level = dictionary[-WINDOW:], level
        self.digest = hashlib.sha256(bytes([level]) + self.dictionary).hexdigest()[:16]
        base = zlib.compressobj(level, zlib.DEFLATED, -15, 8)
        head = base.compress(self.dictionary) + base.flush(zlib.Z_SYNC_FLUSH) if self.dictionary else b""
        self._base, self.prefix = base, b91encode(head)

    def pack(self, obj, tail: bytes = b"") -> str:
        return self.pack_text(json_text(obj), tail)

    def pack_text(self, text: str, tail: bytes = b"") -> str:
        """tail: bytes after the JSON and a NUL (which GB18030 JSON never holds), for what
        costs less as bytes than as text (page.py: the anchors' hashes)."""
        c = self._base.copy()
        return b91encode(c.compress(gb_bytes(text) + (b"\0" + tail if tail else b"")) + c.flush())

    def unpack(self, packed: str):
        return self.unpack_parts(packed)[0]

    def unpack_parts(self, packed: str) -> tuple[object, bytes]:
        inflate = zlib.decompressobj(-15, zdict=self.dictionary) if self.dictionary else zlib.decompressobj(-15)
        return split(inflate.decompress(b91decode(packed)))

    def __reduce__(self):  # (forked workers and the memo's pickles: rebuilt, not copied)
        return (Packer, (self.dictionary, self.level))


# Level 6: page texts and posting lists deflate as well at 6 as at 9 (within 0.1%), a
# fifth faster.
PLAIN = Packer()  # the shards: posting lists gain nothing from a dictionary
NO_DICTIONARY = Packer()  # page texts when the site has no dictionary (and in tests)


def script(name: str, packed: str) -> bytes:
    assert "," not in name and '"' not in name
    return f'__zhz("{name}","{packed}");\n'.encode("ascii")


def shared_text(strings) -> bytes:
    """A dictionary from text the site shares: distinct strings, shortest first, so the
    longest (the quotes and definitions, most worth reaching) are nearest the pages'
    text; as GB18030 like the pages, the last WINDOW bytes."""
    chosen = sorted({s for s in strings if s.strip()}, key=lambda s: (len(s), s))
    return b"\n".join(gb_bytes(s) for s in chosen)[-WINDOW:]


def text_packer(strings) -> Packer:
    """How a site packs its page texts: after a dictionary of the text it shares."""
    return Packer(shared_text(strings))


def split(raw: bytes) -> tuple[object, bytes]:
    """Unpacked bytes -> (the JSON's value, the tail after the NUL or b"")."""
    end = raw.find(b"\0")
    return json.loads((raw if end < 0 else raw[:end]).decode("gb18030")), (b"" if end < 0 else raw[end + 1:])


def read_script(text: str, prefix: tuple[int, str] | None = None) -> tuple[object, bytes]:
    """(JSON value, tail) of a search file's text, read the worker's way (tools and tests):
    a page text's bytes inflated after prefix, d/x.js's [length, packed prefix], then cut."""
    data = json.loads(text[text.index(",") + 1:text.rindex(")")])
    if text.startswith("__zhs("):
        return data, b""
    if not text.startswith("__zhz("):
        raise ValueError("not a search file")
    length, head = prefix or (0, "")
    return split(zlib.decompressobj(-15).decompress(b91decode(head) + b91decode(data))[length:])
