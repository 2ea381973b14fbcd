"""Bytes -> text: encoding detection, and refusal of input that is not a text document.

Order (as the issue asks):
  1. a byte-order mark (UTF-32, UTF-8, UTF-16; LE or BE);
  2. strict UTF-8;
  3. charset-normalizer's best guess;
  4. GB18030.

Steps 3 and 4 are weighed against each other, because on bytes that are not UTF-8 the two
often disagree and charset-normalizer's scores cannot tell real text from noise (it reports a
Big5 file and a random byte string with the same zero "chaos"). The corpus is Chinese, so:
  - a guess in the GB family (gb2312, gbk, gb18030, hz) is decoded as GB18030, its superset;
  - a guess GB18030 cannot decode is taken as is (a Latin-1 or cp1252 file);
  - otherwise GB18030 is kept, unless the guess reads as common Han characters where GB18030
    gives rare ones (a Big5 or Shift-JIS file), measured against the frequent-character list of
    the rules (at least `min_han` distinct Han characters). This keeps GB18030 files intact,
    whatever characters they hold.
UTF-16 without a BOM (an ASCII-heavy file with every other byte NUL) is recognised too.

`IngestError` is raised only for input that is not a text document: empty (or white space
only), binary (NUL bytes, a known binary signature, control characters in bulk), or bytes that
no encoding turns into text.
"""
from __future__ import annotations

import codecs
import re

from .rules import IngestRules


class IngestError(Exception):
    """The input is not a text document. `line` is 1-based (the first offending line)."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "euc_cn", "cp936", "ms936"}


def _line_of(data, index: int, newline) -> int:
    return data.count(newline, 0, index) + 1


def _han_common_share(text: str, rules: IngestRules) -> tuple[int, float]:
    """(number of distinct Han characters, share of the Han characters that are common)."""
    han = [ch for ch in text[:100_000] if "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003134f"]
    if not han:
        return 0, 0.0
    common = sum(1 for ch in han if ch in rules.common_chars)
    return len(set(han)), common / len(han)


def _utf16_without_bom(raw: bytes) -> str | None:
    """An ASCII-heavy UTF-16 text without BOM: NULs sit on every other byte."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even = raw[0::2].count(0)
    odd = raw[1::2].count(0)
    half = len(raw) // 2
    for nuls, other, enc in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls >= 0.3 * half and other <= 0.02 * half:
            try:
                return raw.decode(enc), enc
            except UnicodeDecodeError:
                return None
    return None


def _guess(raw: bytes, rules: IngestRules) -> tuple[str, str] | None:
    """Steps 3 and 4: charset-normalizer's best guess weighed against GB18030."""
    try:
        gb_text = raw.decode("gb18030")
    except UnicodeDecodeError:
        gb_text = None
    best = None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
    except Exception:  # pragma: no cover - detector failure falls back to GB18030
        best = None
    if best is not None:
        enc = best.encoding.lower().replace("-", "_")
        if enc in _GB_FAMILY:
            if gb_text is not None:
                return gb_text, "gb18030"
        else:
            try:
                guess_text = raw.decode(best.encoding)
            except (UnicodeDecodeError, LookupError):
                guess_text = None
            if guess_text is not None:
                if gb_text is None:
                    return guess_text, best.encoding
                distinct, share_guess = _han_common_share(guess_text, rules)
                _, share_gb = _han_common_share(gb_text, rules)
                if (
                    distinct >= rules.min_han
                    and share_guess >= rules.guess_common_min
                    and share_gb <= rules.gb_common_max
                    and share_guess - share_gb >= 0.3
                ):
                    return guess_text, best.encoding
    if gb_text is not None:
        return gb_text, "gb18030"
    return None


def decode_bytes(raw: bytes, rules: IngestRules) -> tuple[str, str, list[str]]:
    """Decode a source file. Returns (text, encoding name, warnings); raises IngestError."""
    warnings: list[str] = []
    if not raw:
        raise IngestError("empty file (0 bytes)", 1)

    text = encoding = None
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(codec.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                # not that encoding after all (bytes that merely look like a BOM): go on
                warnings.append(f"starts like a {codec} byte-order mark but is not {codec} ({exc.reason})")
                continue
            encoding = codec
            break

    if text is None:
        for sig in rules.binary_signatures:
            if raw.startswith(sig):
                raise IngestError(f"binary file (signature {sig.hex()})", 1)
        if b"\x00" in raw:
            found = _utf16_without_bom(raw)
            if found is None:
                raise IngestError("binary file (NUL bytes)", _line_of(raw, raw.index(b"\x00"), b"\n"))
            text, encoding = found
            warnings.append(f"decoded as {encoding} without a byte-order mark")

    if text is None:
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            found = _guess(raw, rules)
            if found is None:
                raise IngestError("not text in any known encoding", 1) from None
            text, encoding = found
            if encoding != "gb18030":
                warnings.append(f"decoded as {encoding} (charset-normalizer's guess)")

    if not text.strip():
        raise IngestError("empty file (white space only)", 1)

    controls = len(_CONTROL.findall(text))
    if controls:
        first = _CONTROL.search(text).start()
        if controls > rules.max_control_ratio * len(text) or "\x00" in text:
            raise IngestError(
                f"binary content ({controls} control characters in {len(text)})",
                _line_of(text, first, "\n"),
            )
        warnings.append(f"{controls} control character(s) in the text, kept as they are")
    return text, encoding, warnings

