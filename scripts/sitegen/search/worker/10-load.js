  /* ---------------------------------------------------------------- loading --- */

  var arrived = Object.create(null);
  self.__zhs = function (name, data) { arrived[name] = data; };
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
      arrived[name] = JSON.parse(text.slice(text.indexOf(",") + 1, text.lastIndexOf(")")));
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
      return data;
    });
    p.catch(function () { cache.delete(name); });
    cache.set(name, p);
    return p;
  }

  // A page's text (d/<n>): deflated and base64-coded at build time (index.py pack_text);
  // the browser's own DecompressionStream inflates it.
  var texts = new Map();
  function loadText(doc) {
    var p = texts.get(doc);
    if (p) return p;
    p = load("d/" + doc).then(function (packed) {
      var bin = atob(packed), bytes = new Uint8Array(bin.length);
      for (var j = 0; j < bin.length; j++) bytes[j] = bin.charCodeAt(j);
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
      return new Response(stream).text();
    }).then(JSON.parse);
    p.catch(function () { texts.delete(doc); });
    texts.set(doc, p);
    return p;
  }

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

