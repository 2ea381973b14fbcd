"""render/csp.py: the hashes the Content-Security-Policy names, and the shim's frame script."""
import base64
import hashlib

import pytest

from sitegen.render.csp import ShimError, inline_script_hashes, sha256_source, shim_frame_script

# The shape of iframe-worker's shim (minified): two functions stringified into the frame.
SHIM = ('(()=>{function c(s,n){parent.postMessage(s,n||"}")}function d(...s){return s.map(e=>{let t="{";return t})}'
        'var o=class{constructor(e){this.w.document.write(`<html><body><script>postMessage=${c};importScripts=${d};'
        'f("${e}")<\\/script><script src=${e}?${+Date.now()}><\\/script></body></html>`)}}})();')


def test_hash_source_is_the_base64_sha256_of_the_text():
    code = "var a=1"
    expected = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
    assert sha256_source(code) == f"'sha256-{expected}'"


def test_only_attribute_less_scripts_are_hashed():
    html = '<script>a()</script><script src="x.js"></script><script type="application/json">{}</script><script>a()</script>'
    assert inline_script_hashes(html) == [sha256_source("a()")]


def test_frame_script_is_the_template_with_functions_and_url_filled_in():
    script = shim_frame_script(SHIM, "../w.js")
    assert script == ('postMessage=function c(s,n){parent.postMessage(s,n||"}")};'
                      'importScripts=function d(...s){return s.map(e=>{let t="{";return t})};f("../w.js")')


@pytest.mark.parametrize("shim", [
    SHIM.replace("<script>postMessage", "<script >postMessage"),  # frame script moved
    SHIM.replace("function d(", "function D("),  # a function it names is gone
    SHIM.replace('let t="{"', "let t=`{`"),  # a template literal inside a function
])
def test_an_unknown_shim_shape_is_refused(shim):
    with pytest.raises(ShimError, match="iframe-worker-shim.js"):
        shim_frame_script(shim, "w.js")
