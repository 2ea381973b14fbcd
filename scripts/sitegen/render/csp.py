"""Content-Security-Policy hashes of the few inline scripts the site's own templates write.

The policy (overrides/main.html) allows no inline script but these: Material's small
start-up scripts, which the page template renders (hashed from that same rendering, so a
Material update keeps working), and the script the iframe-worker shim writes into its
frame for file:// search. Nothing from data/ is ever hashed: a script that markup from a
source might smuggle into a page stays refused.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import re
from pathlib import Path

SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"  # under the theme's custom_dir

_INLINE = re.compile(r"<script>(.*?)</script>", re.S)  # no attributes: src/type ones are not inline code
# The frame the shim writes: a template literal `…<script>CODE<\/script><script src=${url}…`.
_FRAME_SCRIPT = re.compile(r"<script>(.*?)<\\/script><script src=\$\{(\w+)\}")
_PLACEHOLDER = re.compile(r"\$\{(\w+)\}")


class ShimError(ValueError):
    """The vendored shim is not the shape this module knows: update it with the shim."""


def sha256_source(code: str) -> str:
    """The CSP source that allows exactly one inline script whose text is `code`."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(html: str) -> list[str]:
    """Hash sources of every attribute-less <script> in `html` (a template's own output)."""
    return list(dict.fromkeys(sha256_source(code) for code in _INLINE.findall(html)))


def shim_frame_script(shim: str, worker_url: str) -> str:
    """The inline script the iframe-worker shim writes into its frame for `worker_url`.

    Its text is the shim's template with `${fn}` replaced by the source of the shim's
    function fn (what a JS template literal does with a function) and the URL placeholder
    by the URL. Read by hand from the pinned, minified file: a JavaScript parser is not
    worth a dependency for two functions, and any other shape is refused loudly."""
    found = _FRAME_SCRIPT.search(shim)
    if not found or "\\" in found.group(1):
        raise ShimError(f"{SHIM}: the frame script of iframe-worker is not where it was expected")
    template, url_name = found.groups()

    def value(match: re.Match) -> str:
        name = match.group(1)
        return worker_url if name == url_name else _function_source(shim, name)

    return _PLACEHOLDER.sub(value, template)


def _function_source(code: str, name: str) -> str:
    """`function name(...){...}` as Function.prototype.toString gives it back."""
    starts = [m.start() for m in re.finditer(rf"(?<![\w$])function {re.escape(name)}\(", code)]
    if len(starts) != 1:
        raise ShimError(f"{SHIM}: function {name} of the frame script not found once")
    depth, position = 0, code.index("{", starts[0])
    while position < len(code):
        char = code[position]
        if char in "\"'":  # skip a string literal: a brace inside it is no block
            end = _STRING_END[char].match(code, position + 1)
            if not end:
                break
            position = end.end()
            continue
        if char == "`":  # a template literal may nest code: not in the known shim
            raise ShimError(f"{SHIM}: function {name} holds a template literal, read it with a parser")
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return code[starts[0] : position + 1]
        position += 1
    raise ShimError(f"{SHIM}: function {name} does not end")


_STRING_END = {q: re.compile(rf"(?:[^{q}\\\n]|\\.)*{q}") for q in "\"'"}


def script_sources(theme_dir: str | None, rendered: str, worker_url: str) -> str:
    """script-src hash sources: the inline scripts of `rendered` (Material's partials as
    this page renders them) and the shim's frame script for this page's worker URL."""
    return " ".join(filter(None, [*inline_script_hashes(rendered), shim_frame_hash(theme_dir, worker_url)]))


@functools.lru_cache(maxsize=64)  # one per folder depth; the shim is read once
def shim_frame_hash(theme_dir: str | None, worker_url: str) -> str:
    """The hash source for the shim's frame script, or '' when the shim is not vendored
    (then file:// search cannot start anyway: `make setup` fetches it)."""
    path = Path(theme_dir or "") / SHIM
    if not theme_dir or not path.is_file():
        return ""
    return sha256_source(shim_frame_script(path.read_text(encoding="utf-8"), worker_url))
