  /* ---------------------------------------------------------------- loading --- */

  // A search file calls __zhz(name, packed) (packed.py), or __zhs(name, json) for d/x.
  function Packed(text) { this.text = text; }
  var arrived = Object.create(null);
  self.__zhs = function (name, data) { arrived[name] = data; };
  self.__zhz = function (name, text) { arrived[name] = new Packed(text); };
  var cache = new Map();
  var VERSION = "";

  function viaScript(url) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement("script");
      el.src = url;
      el.onload = function () { el.remove(); resolve(); };
      el.onerror = function () { el.remove(); reject(new Error("cannot load " + url)); };
      (document.head || document.body || document.documentElement).appendChild(el);
    });
  }

  function viaFetch(url, name, fresh) {
    return fetch(url, fresh ? { cache: "no-cache" } : {}).then(function (res) {
      if (!res.ok) throw new Error("cannot load " + url + ": " + res.status);
      return res.text();
    }).then(function (text) {
      var data = JSON.parse(text.slice(text.indexOf(",") + 1, text.lastIndexOf(")")));
      arrived[name] = text.lastIndexOf("__zhz(", 0) === 0 ? new Packed(data) : data;
    });
  }

  function load(name) {
    var p = cache.get(name);
    if (p) return p;
    var url = new URL(name + ".js" + (VERSION ? "?v=" + VERSION : ""), ROOT).href;
    var go;
    if (IFRAME) go = viaScript(url);
    else if (self.location.protocol === "file:") go = Promise.resolve().then(function () { self.importScripts(url); });
    else go = viaFetch(url, name, !VERSION);
    p = go.then(function () {
      var data = arrived[name];
      delete arrived[name];
      if (data === undefined) throw new Error("shard " + name + " did not register");
      if (!(data instanceof Packed)) return data;
      // A page's text was packed after the site's dictionary (d/x), the rest without one.
      return name.lastIndexOf("d/", 0) === 0 ? textDictionary().then(function (d) { return unpack(data.text, d); })
        : unpack(data.text, null);
    });
    p.catch(function () { cache.delete(name); });
    cache.set(name, p);
    return p;
  }

  // packed.py: base91 (13 bits in 2 characters) -> deflate-raw, after the dictionary's
  // prefix for a page text -> GB18030 -> JSON. The browser's own DecompressionStream
  // and TextDecoder do the work.
  var B91 = new Int16Array(128).fill(-1);
  (function () {
    for (var c = 0x23, n = 0; c < 0x7f; c++) if (c !== 0x5c) B91[c] = n++;
  })();
  function fromBase91(s) {
    var out = new Uint8Array(Math.ceil(s.length * 13 / 16) + 1), n = 0, acc = 0, bits = 0;
    for (var j = 0; j < s.length; j += 2) {
      if (j + 1 < s.length) { acc |= (B91[s.charCodeAt(j)] + 91 * B91[s.charCodeAt(j + 1)]) << bits; bits += 13; }
      else { acc |= B91[s.charCodeAt(j)] << bits; bits += 6; }
      while (bits >= 8) { out[n++] = acc & 255; acc >>>= 8; bits -= 8; }
    }
    return out.subarray(0, n);
  }
  var GB = new TextDecoder("gb18030");
  function unpack(text, dict) {
    var parts = dict ? [dict.prefix, fromBase91(text)] : [fromBase91(text)];
    var stream = new Blob(parts).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (buf) {
      var bytes = new Uint8Array(buf, dict ? dict.length : 0), end = bytes.indexOf(0);
      var value = JSON.parse(GB.decode(end < 0 ? bytes : bytes.subarray(0, end)));
      return end < 0 ? value : withHashes(value, bytes.subarray(end + 1));
    });
  }
  // A page text's anchors that are a letter and "-" get their hash (8 hex digits) back
  // from the bytes after the JSON, in order: a section's, then its blocks'; a block that is
  // text alone is a paragraph with such an anchor, "p-" (page.py pack_record).
  function withHashes(record, hashes) {
    var at = 0;
    function full(anchor) {
      if (!/^[a-z]-$/.test(anchor)) return anchor;
      for (var k = 0; k < 4; k++) anchor += (hashes[at + k] < 16 ? "0" : "") + hashes[at + k].toString(16);
      at += 4;
      return anchor;
    }
    record.s.forEach(function (s) {
      s[0] = full(s[0]);
      s[3] = s[3].map(function (b) { return typeof b === "string" ? [full("p-"), b] : [full(b[0]), b[1]]; });
    });
    return record;
  }
  var dictionary = null;
  function textDictionary() {
    if (!dictionary) {
      dictionary = load("d/x").then(function (x) { return { length: x[0], prefix: fromBase91(x[1]) }; });
      dictionary.catch(function () { dictionary = null; });
    }
    return dictionary;
  }

  function loadText(doc) { return load("d/" + doc); }

  /* ------------------------------------------------------------ number codes --- */

  var TERM = "0123456789abcdefghijklmnopqrstuv", CONT = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var DIG = new Int8Array(128).fill(-1), DCONT = new Int8Array(128).fill(-1);
  for (var i = 0; i < 32; i++) { DIG[TERM.charCodeAt(i)] = i; DCONT[CONT.charCodeAt(i)] = i; }

  function decodeNumbers(s, from, to, out) {
    var cur = 0;
    for (var j = from; j < to; j++) {
      var c = s.charCodeAt(j), t = DIG[c];
      if (t >= 0) { out.push(cur * 32 + t); cur = 0; } else cur = cur * 32 + DCONT[c];
    }
    return out;
  }

  function isDigitChar(c) { var k = c.charCodeAt(0); return k < 128 && (DIG[k] >= 0 || DCONT[k] >= 0); }

