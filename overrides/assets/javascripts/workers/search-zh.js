/*
 * Chinese search worker for Material for MkDocs (answers Material's search UI).
 *
 * Material's bundle starts `new Worker(config.search)` and speaks a small protocol:
 *   SETUP (0) -> READY (1), QUERY (2, data: string) -> RESULT (3, data: {items}),
 * where items is a list of pages, each a list of {location, title, text, score, terms}
 * (first the page itself, location without '#', then its sections). Material inserts
 * title and text as HTML: everything we put there is escaped here, marks are ours.
 *
 * This worker ignores the documents Material sends with SETUP and loads its own chunked
 * index written by scripts/sitegen/search/index.py (search/zh/...): a small first-load
 * file and shards fetched for the query's character pairs or pinyin letters only.
 *
 * Hand-written because no library does it (and nothing may come from a CDN):
 *   - loading shards from http (fetch, in parallel) and from file:// (script elements,
 *     inside the iframe that the iframe-worker shim uses in place of a Worker there);
 *   - decoding pinyin, initials, mixed characters + pinyin and typing prefixes into
 *     Chinese candidates with a character-bigram model of the corpus;
 *   - matching titles against the same inputs, BM25 over character bigrams, the ranking
 *     tiers (pages about a thing first), snippets with marks.
 * Folding traditional -> simplified uses a table derived from OpenCC at build time.
 */
"use strict";
(function () {
  var IFRAME = typeof document !== "undefined";
  var SCRIPT = (IFRAME && document.currentScript && document.currentScript.src) || self.location.href;
  var ROOT = new URL("../../../search/zh/", SCRIPT);
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var MAX_RESULTS = 50, WITH_TEXT = 10, MAX_SUB = 3;
  var LONG_TERM = 12, LONG_COVER = 0.8;
  // Two pages with the same title (a phase and the glossary term for it): the structured
  // page about the thing first, then the glossary entry.
  var KIND_RANK = { phase: 4, batch: 3, role: 2, checklist: 1 };

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

  /* ------------------------------------------------------------------ text --- */

  var T2S = Object.create(null);
  // One lookup per UTF-16 unit: traditional -> simplified (table from the index), full-width
  // ASCII -> ASCII, ideographic space -> space, A-Z -> a-z. Length-preserving, like fold.py.
  var FOLD = new Uint16Array(65536);
  for (var f0 = 0; f0 < 65536; f0++) FOLD[f0] = f0;
  for (var f1 = 0xff01; f1 <= 0xff5e; f1++) FOLD[f1] = f1 - 0xfee0;
  FOLD[0x3000] = 0x20;
  for (var f2 = 65; f2 <= 90; f2++) { FOLD[f2] = f2 + 32; FOLD[f2 + 0xfee0] = f2 + 32; }
  var UTF16 = new TextDecoder("utf-16le");

  function fold(s) {
    var n = s.length, buf = new Uint16Array(n), same = true;
    for (var j = 0; j < n; j++) {
      var c = s.charCodeAt(j), d = FOLD[c];
      buf[j] = d;
      if (d !== c) same = false;
    }
    return same ? s : UTF16.decode(buf);
  }

  function isCJK(ch) {
    var c = ch.charCodeAt(0);
    return c === 0x3007 || (c >= 0x3400 && c < 0x4dc0) || (c >= 0x4e00 && c < 0xa000) || (c >= 0xf900 && c < 0xfb00);
  }
  function isLetter(ch) { return ch >= "a" && ch <= "z"; }
  function isDigit(ch) { return ch >= "0" && ch <= "9"; }
  function isWordChar(ch) { return isCJK(ch) || isLetter(ch) || isDigit(ch); }

  var ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); }

  /* ---------------------------------------------------------------- pinyin --- */

  var INITIALS = new Set("b p m f d t n l g k h j q x zh ch sh r z c s y w".split(" "));
  var SYL = new Set(), SYLPREFIX = new Set(), READ = new Map(), COUNT = new Map(), TOTAL = 1;
  var SYLCHARS = Object.create(null);

  function readings(ch) { return READ.get(ch) || []; }
  function letterOf(ch) { var r = readings(ch); var best = null; for (var j = 0; j < r.length; j++) if (best === null || r[j][0] < best) best = r[j][0]; return best; }
  function count(ch) { return COUNT.get(ch) || 0; }

  /* -------------------------------------------------------------- the index --- */

  var B = null; // base: pages, titles, parameters
  var PAGES = []; // {id, url, title, ftitle, kind, typed, len, names: [{text, ctx, starts}]}

  function setupBase(base) {
    B = base;
    VERSION = base.version || "";
    var src = base.t2s[0], dst = base.t2s[1];
    for (var j = 0; j < src.length; j++) { T2S[src[j]] = dst[j]; FOLD[src.charCodeAt(j)] = dst.charCodeAt(j); }
    var typed = new Set(base.typed);
    Object.keys(base.syl).forEach(function (r) {
      SYL.add(r);
      for (var k = 1; k <= r.length; k++) SYLPREFIX.add(r.slice(0, k));
      var cs = base.syl[r];
      SYLCHARS[r] = cs;
      for (var k2 = 0; k2 < cs.length; k2++) {
        var list = READ.get(cs[k2]);
        if (!list) READ.set(cs[k2], list = []);
        list.push(r);
      }
    });
    var counts = decodeNumbers(base.counts, 0, base.counts.length, []);
    for (var j2 = 0; j2 < base.chars.length; j2++) COUNT.set(base.chars[j2], counts[j2]);
    TOTAL = Math.max(1, base.total);
    PAGES = base.pages.map(function (p, id) {
      var page = { id: id, url: p[0], title: p[1], kind: base.kinds[p[2]], typed: typed.has(p[2]), len: p[3] };
      var names = p[4] || [[p[1], "", [0]]];
      page.names = names.map(function (n) {
        var text = fold(n[0]);
        // contextual readings: one per character of the name ("" where none)
        var ctx = n[1] ? n[1].split(" ") : [];
        var perChar = [];
        for (var k = 0; k < text.length; k++) perChar.push(ctx[k] || "");
        return { raw: n[0], text: text, ctx: perChar, starts: page.typed ? n[2] : [0], first: firstSets(text, page.typed ? n[2] : [0]) };
      });
      page.ftitle = page.names[0].text;
      return page;
    });
  }

  function firstSets(text, starts) {
    // first letters / characters a query may begin with, for each start position
    return starts.map(function (k) {
      var ch = text[k] || "";
      var set = new Set([ch]);
      readings(ch).forEach(function (r) { set.add(r[0]); });
      return set;
    });
  }

  /* ------------------------------------------------------------ query parse --- */

  function normalizeQuery(raw) {
    var s = String(raw || "").replace(/[ǖǘǚǜü]/g, "v").replace(/[ǕǗǙǛÜ]/g, "V");
    s = s.replace(/[\u00c0-\u024f\u1e00-\u1eff]/g, function (c) {
      return c.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    });
    s = fold(s);
    var chars = [], bound = [], pendingBoundary = false;
    for (var j = 0; j < s.length; j++) {
      var ch = s[j];
      if (isWordChar(ch)) {
        chars.push(ch);
        bound.push(pendingBoundary || (chars.length > 1 && kindOf(ch) !== kindOf(chars[chars.length - 2]) && (isDigit(ch) || isDigit(chars[chars.length - 2]))));
        pendingBoundary = false;
      } else if (chars.length) pendingBoundary = true;
    }
    var MAXQ = 64; // longer input is cut: enough for any term or phrase
    return { s: chars.slice(0, MAXQ).join(""), bound: bound.slice(0, MAXQ) };
  }

  function kindOf(ch) { return isCJK(ch) ? "c" : isLetter(ch) ? "l" : isDigit(ch) ? "d" : "o"; }

  function crosses(q, i, j) {
    for (var k = i + 1; k < j; k++) if (q.bound[k]) return true;
    return false;
  }

  // Units of the pinyin lattice at position i: a character, a syllable, an initial, or
  // (at the end of the query only) any prefix of a syllable.
  function unitsAt(q, i) {
    var s = q.s, n = s.length, out = [];
    var ch = s[i];
    if (isCJK(ch)) { out.push({ end: i + 1, kind: "char", text: ch }); return out; }
    if (!isLetter(ch)) return out;
    for (var L = 1; L <= 6 && i + L <= n; L++) {
      var j = i + L;
      if (!isLetter(s[j - 1]) || crosses(q, i, j)) break;
      var t = s.slice(i, j);
      if (j === n) {
        if (SYLPREFIX.has(t)) out.push({ end: j, kind: "part", text: t });
        continue;
      }
      // (syllables without a vowel, n ng m hm: interjections, would only add readings)
      if (SYL.has(t) && /[aeiouv]/.test(t)) out.push({ end: j, kind: "syl", text: t });
      // an initial: b..w, zh/ch/sh, or the first letter of a syllable without one (e of er)
      if ((INITIALS.has(t) || t.length === 1) && SYLPREFIX.has(t)) out.push({ end: j, kind: "ini", text: t });
    }
    return out;
  }

  // People who abbreviate type "sgdb", not "s" + "an": after an initial alone, no syllable
  // of two letters or more that starts with a vowel (those only add shards and noise).
  function canFollow(u, v) {
    return !(u && u.kind === "ini" && v.kind !== "char" && v.text.length > 1 && /^[aeiouv]/.test(v.text));
  }

  function unitMatches(u, ch) {
    if (u.kind === "char") return ch === u.text;
    var r = readings(ch);
    for (var k = 0; k < r.length; k++) {
      if (u.kind === "syl" ? r[k] === u.text : r[k].lastIndexOf(u.text, 0) === 0) return true;
    }
    return false;
  }

  function unitLetter(u) { return u.kind === "char" ? letterOf(u.text) : u.text[0]; }
  function unitCost(u) { return u.kind === "ini" ? 1.5 : u.kind === "part" ? 0.3 : 0; }

  /* ----------------------------------------------------------- pinyin shards --- */

  var VSET = null;
  var vparsed = new Map();

  function vshard(name) {
    if (!VSET) VSET = new Set(B.vshards);
    if (!VSET.has(name)) return Promise.resolve(null);
    var p = vparsed.get(name);
    if (p) return p;
    p = load("v/" + name).then(function (str) {
      var map = new Map();
      var groups = str.split(" ");
      for (var g = 0; g < groups.length; g++) {
        var grp = groups[g];
        if (!grp) continue;
        var a = grp[0], list = [];
        var j = 1;
        while (j < grp.length) {
          var b = grp[j++], start = j;
          while (j < grp.length && isDigitChar(grp[j]) && DIG[grp.charCodeAt(j)] < 0) j++;
          j++; // terminal digit
          var nums = decodeNumbers(grp, start, j, []);
          list.push(b, nums[0]);
        }
        map.set(a, list);
      }
      return map;
    });
    p.catch(function () { vparsed.delete(name); });
    vparsed.set(name, p);
    return p;
  }

  /* --------------------------------------------------------------- decoding --- */

  var RESTART = Math.log(1e-4), BEAM = 48, TOPCHARS = 4;
  var topCache = new Map();

  function topCharsFor(u) {
    if (u.kind === "char") return [u.text];
    var key = u.kind + ":" + u.text;
    var hit = topCache.get(key);
    if (hit) return hit;
    var seen = new Set(), all = [];
    Object.keys(SYLCHARS).forEach(function (r) {
      if (u.kind === "syl" ? r === u.text : r.lastIndexOf(u.text, 0) === 0) {
        var cs = SYLCHARS[r];
        for (var k = 0; k < cs.length && k < 12; k++) if (!seen.has(cs[k])) { seen.add(cs[k]); all.push(cs[k]); }
      }
    });
    all.sort(function (a, b) { return count(b) - count(a); });
    hit = all.slice(0, TOPCHARS);
    topCache.set(key, hit);
    return hit;
  }

  // Which pinyin shards a query needs: one per pair of consecutive units in its lattice.
  // Full pinyin is read as full syllables only (the last one may be a prefix): any string
  // of letters splits into initials, so initials are read only against names (titles,
  // aliases and their words: "the initials of a term or word"), never decoded into free
  // text, where "asdfgh" would always spell some chain of characters.
  function latticePairs(q) {
    var all = [];
    for (var i = 0; i < q.s.length; i++) all.push(unitsAt(q, i));
    return latticeOf(q, all.map(function (us) { return us.filter(function (u) { return u.kind !== "ini"; }); }));
  }

  // True when the query's letters read as whole syllables (a prefix of the last allowed);
  // false when some letters can only be initials (sgdb, 三个db) or are no pinyin at all.
  function readsAsSyllables(q) { return !/[a-z]/.test(q.s) || latticePairs(q).ok; }

  function latticeOf(q, units) {
    var n = q.s.length;
    // back[i]: the end of the query can be reached from position i
    var back = new Array(n + 1).fill(false);
    back[n] = true;
    for (var i3 = n - 1; i3 >= 0; i3--) units[i3].forEach(function (u) { if (back[u.end]) back[i3] = true; });
    // live units: reachable from the start along allowed transitions, leading to the end
    var arrive = [];
    for (var i0 = 0; i0 <= n; i0++) arrive.push([]);
    var live = [];
    for (var i5 = 0; i5 < n; i5++) {
      var from = arrive[i5];
      if (i5 > 0 && !from.length) continue;
      units[i5].forEach(function (u) {
        if (!back[u.end]) return;
        if (i5 === 0 || from.some(function (p) { return canFollow(p, u); })) { arrive[u.end].push(u); live.push(u); }
      });
    }
    var names = new Set();
    live.forEach(function (u) {
      if (u.end >= n) return;
      var la = unitLetter(u);
      if (!la) return;
      units[u.end].forEach(function (v) {
        var lb = unitLetter(v);
        if (lb && back[v.end] && canFollow(u, v)) names.add(la + lb);
      });
    });
    return { units: units, ok: arrive[n].length > 0, names: Array.from(names).sort() };
  }

  // Characters read by unit u that begin a corpus bigram with a character read by a unit
  // after it: a rare first character (a name: 吴 of 吴光辉) is not among u's most frequent
  // ones (topCharsFor), yet the pair makes it the likely reading.
  function chainStarts(u, next, shards) {
    if (u.kind === "char") return [];
    var out = [], seen = new Set();
    next.forEach(function (v) {
      var map = canFollow(u, v) && shards.get(unitLetter(u) + unitLetter(v));
      if (!map) return;
      map.forEach(function (list, a) {
        if (seen.has(a) || !unitMatches(u, a)) return;
        for (var m = 0; m < list.length; m += 2) if (unitMatches(v, list[m])) { seen.add(a); out.push(a); return; }
      });
    });
    return out;
  }

  function decode(q, lat, shards) {
    var n = q.s.length, starts = new Map();
    function startsOf(u) {
      var hit = starts.get(u);
      if (!hit) {
        var extra = chainStarts(u, lat.units[u.end] || [], shards), tops = topCharsFor(u);
        starts.set(u, hit = tops.concat(extra.filter(function (c) { return tops.indexOf(c) < 0; })));
      }
      return hit;
    }
    var beams = [];
    for (var i = 0; i <= n; i++) beams.push(new Map());
    function push(pos, hyp) {
      var key = hyp.last + "|" + hyp.text.length;
      var old = beams[pos].get(key);
      if (!old || old.lp < hyp.lp) beams[pos].set(key, hyp);
    }
    push(0, { text: "", last: "", letter: "", lp: 0, unit: null });
    for (var i2 = 0; i2 < n; i2++) {
      var hyps = Array.from(beams[i2].values()).sort(function (a, b) { return b.lp - a.lp; }).slice(0, BEAM);
      var units = lat.units[i2];
      for (var h = 0; h < hyps.length; h++) {
        var hyp = hyps[h];
        for (var k = 0; k < units.length; k++) {
          var u = units[k], cost = unitCost(u), any = false;
          if (!canFollow(hyp.unit, u)) continue;
          if (hyp.last) {
            var map = shards.get(hyp.letter + unitLetter(u));
            var list = map && map.get(hyp.last);
            if (list) {
              var ca = Math.max(count(hyp.last), 1);
              for (var m = 0; m < list.length; m += 2) {
                if (unitMatches(u, list[m])) {
                  any = true;
                  push(u.end, { text: hyp.text + list[m], last: list[m], letter: unitLetter(u) || "", lp: hyp.lp + Math.log(Math.min(1, list[m + 1] / ca)) - cost, unit: u });
                }
              }
            }
          }
          var tops = startsOf(u);
          for (var t = 0; t < tops.length; t++) {
            var c = tops[t];
            var lp0 = Math.log(Math.max(count(c), 0.5) / TOTAL) + (hyp.last ? RESTART : 0) - cost - (any ? 2 : 0);
            push(u.end, { text: hyp.text + c, last: c, letter: u.kind === "char" ? (letterOf(c) || "") : u.text[0], lp: hyp.lp + lp0, unit: u });
          }
        }
      }
    }
    var finals = Array.from(beams[n].values()).sort(function (a, b) { return b.lp - a.lp; });
    var out = [], seen = new Set();
    for (var f = 0; f < finals.length && out.length < 5; f++) {
      if (seen.has(finals[f].text)) continue;
      seen.add(finals[f].text);
      out.push(finals[f]);
    }
    return out;
  }

  /* ---------------------------------------------------------- title matching --- */

  // Match the query against a name (title or alias) from start position k0: each name
  // character is consumed by itself, by a full reading, by an initial, or (at the end of
  // the query) by a prefix of a reading. Returns {cost, end, exact} or null.
  function matchName(q, name, k0, wordEnd) {
    var s = q.s, n = s.length, text = name.text, L = text.length;
    var W = L + 1, INF = 1e9;
    var f = new Float64Array((n + 1) * W).fill(INF);
    f[0 * W + k0] = 0;
    for (var i = 0; i <= n; i++) {
      for (var k = k0; k < L; k++) {
        var cur = f[i * W + k];
        if (cur >= INF) continue;
        var c = text[k];
        if (!isWordChar(c)) { relax(i, k + 1, cur); continue; }
        if (i >= n) continue;
        if (s[i] === c) relax(i + 1, k + 1, cur);
        if (!isLetter(s[i]) || !isCJK(c)) continue;
        var ctx = name.ctx[k] || "";
        var rs = readings(c);
        if (ctx && rs.indexOf(ctx) < 0) rs = [ctx].concat(rs);
        for (var r = 0; r < rs.length; r++) {
          var rd = rs[r], rc = ctx && rd !== ctx ? 0.4 : 0;
          var j = i + rd.length;
          if (s.lastIndexOf(rd, i) === i && j <= n && !crosses(q, i, j)) relax(j, k + 1, cur + rc);
          // an initial or a prefix stands for the reading in context where the name has one
          // (任 of 车间主任 is ren: cjzl is no spelling of it, though 任 may also read lin)
          var ini = ctx && rd !== ctx ? [] : /^[zcs]h/.test(rd) ? [rd.slice(0, 2), rd[0]] : [rd[0]];
          for (var t = 0; t < ini.length; t++) {
            if (ini[t] === rd) continue;
            var j2 = i + ini[t].length;
            if (j2 <= n && s.lastIndexOf(ini[t], i) === i && !crosses(q, i, j2)) relax(j2, k + 1, cur + 1 + rc);
          }
          var rest = s.slice(i);
          if (ini.length && rest.length < rd.length && rd.lastIndexOf(rest, 0) === 0 && !crosses(q, i, n)) relax(n, k + 1, cur + 0.5 + rc);
        }
      }
    }
    function relax(i2, k2, v) { var x = i2 * W + k2; if (v < f[x]) f[x] = v; }
    var best = null;
    for (var k3 = k0 + 1; k3 <= L; k3++) {
      var v = f[n * W + k3];
      if (v >= INF || (wordEnd && !endsWord(name, k3))) continue;
      var remaining = 0;
      for (var z = k3; z < L; z++) if (isWordChar(text[z])) remaining++;
      var cand = { cost: v, end: k3, exact: remaining === 0, remaining: remaining };
      if (!best || (cand.exact && !best.exact) || (cand.exact === best.exact && (cand.cost < best.cost || (cand.cost === best.cost && cand.remaining < best.remaining)))) best = cand;
    }
    return best;
  }

  // A word of the name ends before position k: at the end, before a word start (jieba's,
  // from the index) or before a character that is no part of a word.
  function endsWord(name, k) {
    return k >= name.text.length || name.starts.indexOf(k) >= 0 || !isWordChar(name.text[k]);
  }

  /* ---------------------------------------------------------------- postings --- */

  function fnv1a(key) {
    var h = 0x811c9dc5;
    for (var ch of key) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return h >>> 0;
  }

  var pcache = new Map();
  function postings(key) {
    var hit = pcache.get(key);
    if (hit) return hit;
    var shard = fnv1a(key) & (B.pshards - 1);
    hit = load("p/" + shard).then(function (data) {
      var str = data[key];
      if (!str) return null;
      var nums = decodeNumbers(str, 0, str.length, []);
      var docs = [], tfs = [], d = 0;
      for (var j = 0; j < nums.length; j += 2) {
        d += nums[j];
        if (d >= PAGES.length) break; // a shard newer than the base (site rebuilt meanwhile)
        docs.push(d);
        tfs.push(nums[j + 1] + 1);
      }
      return { docs: docs, tfs: tfs };
    });
    hit.catch(function () { pcache.delete(key); });
    pcache.set(key, hit);
    return hit;
  }

  // Keys of a term: its character bigrams; for a long phrase every other one (and the last),
  // which still covers every character: fewer shards to load, and the phrase itself is
  // verified in the text of the top pages.
  function termKeys(term) {
    if (term.latin) return [term.text];
    var t = term.text, keys = [], seen = new Set(), step = t.length > 5 ? 2 : 1;
    if (t.length > 25) step = Math.ceil((t.length - 1) / 12); // a pasted paragraph: 12 keys
    for (var j = 0; j + 1 < t.length; j += step) add(t.slice(j, j + 2));
    if (t.length > 5) add(t.slice(t.length - 2));
    function add(k) { if (!seen.has(k)) { seen.add(k); keys.push(k); } }
    return keys;
  }

  function bm25(tf, len, df) {
    var N = PAGES.length, k1 = 1.2, b = 0.4;
    var idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
    return idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / Math.max(1, B.avgdl)));
  }

  // Body score of one interpretation: per term, BM25 over its bigrams (phrase frequency
  // estimated by the smallest bigram frequency), scaled down when bigrams are missing.
  function scoreBody(terms, lists, scores) {
    var usable = terms.filter(function (t) { return termKeys(t).length; });
    if (!usable.length) return;
    var per = new Map();
    usable.forEach(function (term, ti) {
      var keys = termKeys(term);
      var acc = new Map();
      keys.forEach(function (k) {
        var pl = lists.get(k);
        if (!pl) return;
        for (var j = 0; j < pl.docs.length; j++) {
          var d = pl.docs[j], a = acc.get(d);
          if (!a) acc.set(d, a = { n: 0, minTf: 1e9, sum: 0, df: 0 });
          a.n++;
          a.minTf = Math.min(a.minTf, pl.tfs[j]);
          a.sum += bm25(pl.tfs[j], PAGES[d].len, pl.docs.length);
          a.df = Math.max(a.df, pl.docs.length);
        }
      });
      acc.forEach(function (a, d) {
        var cover = a.n / keys.length, s;
        // A hit holds the whole term, not a few of its pieces; a pasted passage (over
        // LONG_TERM characters) may differ in a few of its sampled pairs.
        if (a.n < keys.length && (term.text.length <= LONG_TERM || cover < LONG_COVER)) return;
        if (a.n === keys.length) {
          var mindf = 1e9;
          keys.forEach(function (k) { mindf = Math.min(mindf, lists.get(k).docs.length); });
          s = bm25(a.minTf, PAGES[d].len, mindf) * (1 + 0.15 * (keys.length - 1));
        } else s = (a.sum / keys.length) * cover * cover;
        var e = per.get(d);
        if (!e) per.set(d, e = { s: 0, terms: 0, full: 0 });
        e.s += s;
        e.terms++;
        if (a.n === keys.length) e.full++;
      });
    });
    per.forEach(function (e, d) {
      if (e.terms < usable.length) return; // every term of the query, or not a hit
      var frac = e.terms / usable.length;
      var val = e.s * frac * frac;
      var old = scores.get(d);
      if (!old || old.s < val) scores.set(d, { s: val, full: e.full === usable.length });
    });
  }

  /* ----------------------------------------------------------------- search --- */

  function literalTerms(q) {
    // Maximal runs of CJK characters, and of latin letters or digits, split by boundaries.
    var terms = [], cur = "", kind = "";
    for (var j = 0; j <= q.s.length; j++) {
      var ch = q.s[j] || "", k = ch ? kindOf(ch) : "";
      if (j === q.s.length || q.bound[j] || (cur && k !== kind && !(kind !== "c" && k !== "c"))) {
        if (cur) terms.push({ text: cur, latin: kind !== "c" });
        cur = "";
      }
      if (ch) { cur += ch; kind = k; }
    }
    return terms.filter(function (t) { return t.text.length && (!t.latin || t.text.length <= 24); });
  }

  // Material shows "no results" for an empty list; didYouMean (which Material ignores) is
  // read by assets/javascripts/search-suggest.js in the page, which offers to run it.
  function withSuggestion(q, result) {
    if (!result.items.length) {
      var s = suggest(q);
      if (s) result.didYouMean = s;
    }
    return result;
  }

  // Phase timings of the last query (self.__zhTiming), for tests and debugging.
  var TIMING = self.__zhTiming = [];
  function mark(label) { TIMING.push([label, Math.round(performance.now())]); }

  async function search(raw, early) {
    mark("start");
    var q = normalizeQuery(raw);
    if (!q.s) return { items: [] };

    // 1. Titles matched directly by the query (characters, pinyin, initials, mixed, prefixes).
    var cand = new Map();
    function entry(d) { var e = cand.get(d); if (!e) cand.set(d, e = { tier: 0, ts: 0, body: 0, full: false, marks: [] }); return e; }
    function tier(d, t, ts, mark) {
      var e = entry(d);
      if (t > e.tier || (t === e.tier && ts > e.ts)) { e.tier = t; e.ts = ts; }
      if (mark) e.marks.push(mark);
    }
    var first = q.s[0], titleHits = [];
    var initials = !readsAsSyllables(q);
    PAGES.forEach(function (p) {
      p.names.forEach(function (nm) {
        for (var si = 0; si < nm.starts.length; si++) {
          if (!nm.first[si].has(first)) continue;
          // Initials inside a name stand for whole words (xyz is not the start of 需要注意).
          var m = matchName(q, nm, nm.starts[si], initials && nm.starts[si] > 0);
          if (!m) continue;
          var fromStart = nm.starts[si] === 0;
          var t = p.typed ? (fromStart ? (m.exact ? 9 : 8) : 7) : (fromStart ? (m.exact ? 6 : 5) : 4);
          var ts = 1 - m.cost / 20 - m.remaining / 200;
          tier(p.id, t, ts, [nm.starts[si], m.end, nm]);
          if (fromStart && (m.exact || p.typed)) titleHits.push({ t: t, ts: ts, text: m.exact ? nm.text : nm.text.slice(0, m.end) });
        }
      });
    });

    mark("titles");
    // 2. Interpretations: the literal query; titles the query spells exactly (so pages that
    //    mention the thing follow the page about it); Chinese decodings of pinyin.
    var hasLetters = /[a-z]/.test(q.s);
    var interps = [{ terms: literalTerms(q), w: 1, literal: true }];
    titleHits.sort(function (a, b) { return b.t - a.t || b.ts - a.ts; });
    var exactTitle = titleHits.length && titleHits[0].t >= 6 && titleHits[0].t !== 8 && titleHits[0].t !== 5;
    var seenTexts = new Set([q.s]);
    titleHits.slice(0, 3).forEach(function (h, ix) {
      var text = h.text.replace(/[^\u3007\u3400-\u9fff\uf900-\ufaffa-z0-9]/g, "");
      if (text.length < 2 || seenTexts.has(text)) return;
      seenTexts.add(text);
      interps.push({ terms: [{ text: text, latin: !/[^a-z0-9]/.test(text) ? true : false }], w: ix === 0 ? (h.t === 9 || h.t === 6 ? 1 : 0.7) : 0.5, title: true });
    });
    // Start loading the postings of what we already know while the pinyin is decoded.
    interps.forEach(function (it) { it.terms.forEach(function (t) { termKeys(t).forEach(postings); }); });
    // A query that spells a title exactly (sgdb, sangedaibiao, 三个db) needs no decoding:
    // the page about the thing first, then the pages that mention it.
    if (hasLetters && !initials && !exactTitle && !/[0-9]/.test(q.s)) {
      var lat = latticePairs(q);
      if (lat.ok) {
        mark("lattice " + lat.names.length);
        var maps = await Promise.all(lat.names.map(vshard));
        mark("vshards");
        var shardMap = new Map();
        lat.names.forEach(function (nm, ix) { if (maps[ix]) shardMap.set(nm, maps[ix]); });
        var dec = decode(q, lat, shardMap);
        if (dec.length) {
          var best = dec[0].lp, scale = 0.95;
          dec.forEach(function (h, ix) {
            var w = Math.exp((h.lp - best) / 3);
            if ((ix === 0 || w >= 0.25) && ix < 3 && h.text.length >= 2 && !seenTexts.has(h.text)) {
              seenTexts.add(h.text);
              interps.push({ terms: [{ text: h.text, latin: false }], w: w * scale, decoded: true });
            }
          });
          if (interps.some(function (it) { return it.decoded && it.w >= 0.5; }) && interps[0].terms.every(function (t) { return t.latin; })) interps[0].w = 0.6;
        }
      }
    }

    // 3. Postings for every bigram/token of every interpretation, in parallel.
    var keys = new Set();
    interps.forEach(function (it) { it.terms.forEach(function (t) { termKeys(t).forEach(function (k) { keys.add(k); }); }); });
    var keyList = Array.from(keys);
    mark("decoded");
    var pls = await Promise.all(keyList.map(postings));
    mark("postings " + keyList.length);
    var lists = new Map();
    keyList.forEach(function (k, ix) { if (pls[ix]) lists.set(k, pls[ix]); });

    // 4. Scores: title tiers first, then body.
    interps.forEach(function (it) {
      var scores = new Map();
      scoreBody(it.terms, lists, scores);
      scores.forEach(function (v, d) {
        var e = entry(d), s = v.s * it.w;
        if (s > e.body) { e.body = s; e.full = v.full; }
      });
      if (it.w < 0.5 || it.title) return;
      var phrase = it.terms.filter(function (t) { return !t.latin; }).map(function (t) { return t.text; }).join("");
      if (!phrase) return;
      PAGES.forEach(function (p) {
        p.names.forEach(function (nm) {
          var title = nm.text;
          var at = title.indexOf(phrase);
          if (title === phrase) tier(p.id, p.typed ? 9 : 6, it.w, [0, title.length, nm]);
          else if (at === 0) tier(p.id, p.typed ? 8 : 5, it.w - title.length / 1000, [0, phrase.length, nm]);
          else if (at > 0) tier(p.id, p.typed ? 7 : 4, it.w - title.length / 1000, [at, at + phrase.length, nm]);
          else if (p.typed && phrase.length > title.length && title.length >= 2 && 2 * title.length >= phrase.length && phrase.indexOf(title) >= 0) tier(p.id, 7, it.w * 0.9, [0, title.length, nm]);
        });
      });
    });

    // 4. Rank.
    var ranked = Array.from(cand.entries()).filter(function (x) { return x[1].tier > 0 || x[1].body > 0; });
    // Order: title tier, then how well the title matched, then (between equal titles) the
    // kind of page, then the body score. One number, because Material sorts by it too.
    function total(e, d) {
      var kind = e.tier > 0 ? (KIND_RANK[PAGES[d].kind] || 0) : 0;
      return e.tier * 1e7 + Math.round(Math.max(0, e.ts) * 1000) * 1e3 + kind * 100 + 99 * e.body / (e.body + 5);
    }
    ranked.sort(function (a, b) { return total(b[1], b[0]) - total(a[1], a[0]) || a[0] - b[0]; });
    ranked = ranked.slice(0, MAX_RESULTS);

    mark("ranked " + ranked.length);
    // 5. Text of the top pages: verify phrases, snippets.
    var phrases = [];
    interps.forEach(function (it) {
      if (it.w < 0.3) return;
      it.terms.forEach(function (t) { phrases.push({ text: t.text, w: it.w }); });
    });
    function build() {
      return ranked.map(function (x) {
        var group = render(PAGES[x[0]], x[1], total(x[1], x[0]), phrases);
        // terms: what was found on the page (Material passes them on as ?h= for highlighting)
        var terms = {};
        if (x[1].hits && x[1].hits.exact) x[1].hits.found.forEach(function (t) { terms[t] = true; });
        group.forEach(function (it) { it.terms = terms; });
        return group;
      });
    }
    // Titles first: the results show while the text of the top pages (for snippets) loads.
    if (early && ranked.length) early({ items: build() });
    if (!ranked.length) return withSuggestion(q, { items: [] });

    var top = ranked.slice(0, WITH_TEXT);
    var texts = await Promise.all(top.map(function (x) { return load("d/" + x[0]).catch(function () { return null; }); }));
    mark("texts");
    top.forEach(function (x, ix) {
      var doc = texts[ix];
      x[1].doc = doc;
      if (!doc) return;
      x[1].hits = findHits(doc, phrases);
      // Bigrams present, phrase not: no hit, but for a pasted passage (which may differ).
      if (x[1].tier === 0 && !x[1].hits.exact) {
        if (phrases.some(function (ph) { return ph.text.length > LONG_TERM; })) x[1].body *= 0.5;
        else x[1].drop = true;
      }
    });
    top = top.filter(function (x) { return !x[1].drop; });
    top.sort(function (a, b) { return total(b[1], b[0]) - total(a[1], a[0]) || a[0] - b[0]; });
    ranked = top.concat(ranked.slice(WITH_TEXT));
    var items = build();
    mark("done");
    return withSuggestion(q, { items: items });
  }

  /* ------------------------------------------------------------- suggestion --- */

  // Optimal string alignment distance (Levenshtein with a swap of neighbours: "sgbd" for
  // sgdb, the commonest slip, counted 0.75 so that it wins a tie), banded at `limit`. Hand-written: the worker is one file
  // with no dependencies, and it is a dozen lines.
  function editDistance(a, b, limit) {
    var n = a.length, m = b.length;
    if (Math.abs(n - m) > limit) return limit + 1;
    var prev2 = null, prev = new Array(m + 1), cur;
    for (var j = 0; j <= m; j++) prev[j] = j;
    for (var i = 1; i <= n; i++) {
      cur = new Array(m + 1);
      cur[0] = i;
      var low = i;
      for (var j2 = 1; j2 <= m; j2++) {
        var c = a[i - 1] === b[j2 - 1] ? 0 : 1;
        var v = Math.min(prev[j2] + 1, cur[j2 - 1] + 1, prev[j2 - 1] + c);
        if (prev2 && i > 1 && j2 > 1 && a[i - 1] === b[j2 - 2] && a[i - 2] === b[j2 - 1]) v = Math.min(v, prev2[j2 - 2] + 0.75);
        cur[j2] = v;
        if (v < low) low = v;
      }
      if (low > limit) return limit + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[m];
  }

  // Edits allowed for a near miss of this many letters or characters: none below 3 (two
  // letters are a different word), one up to 7, two beyond.
  function allowedEdits(len) { return len < 3 ? 0 : len < 8 ? 1 : 2; }

  // A string's pinyin: each character by its (contextual) reading, letters as they are.
  function spell(text, ctx) {
    var full = "", ini = "", syllables = 0;
    for (var k = 0; k < text.length; k++) {
      var ch = text[k];
      if (isLetter(ch) || isDigit(ch)) { full += ch; ini += ch; continue; }
      var r = (ctx && ctx[k]) || readings(ch)[0];
      if (!r) continue;
      full += r;
      ini += r[0];
      syllables++;
    }
    return { full: full, ini: ini, syllables: syllables };
  }

  var SPELLED = null;
  function spelledNames() {
    if (SPELLED) return SPELLED;
    SPELLED = [];
    PAGES.forEach(function (p) {
      p.names.forEach(function (nm) {
        if (nm.text.length < 2 || nm.text.length > 24) return;
        var sp = spell(nm.text, nm.ctx);
        SPELLED.push({ page: p, name: nm, full: sp.full, ini: sp.ini, syllables: sp.syllables });
      });
    });
    return SPELLED;
  }

  // When nothing matches: the page title or other name closest to the query, by pinyin
  // (a typo in pinyin or initials, or a character of the same sound: 代彪 for 代表) or by
  // characters (one character wrong), within allowedEdits. Null when none is close.
  function suggest(q) {
    var cjk = !/[a-z0-9]/.test(q.s), qp = spell(q.s, null), best = null;
    function consider(d, len, c, limit) {
      if (d > limit) return;
      var rank = d / len - (c.page.typed ? 0.001 : 0) + c.name.text.length / 1e5;
      if (!best || rank < best.rank) best = { rank: rank, text: c.name.raw };
    }
    spelledNames().forEach(function (c) {
      if (c.name.text === q.s) return;
      var lim = allowedEdits(qp.full.length);
      if (lim) consider(editDistance(qp.full, c.full, lim), qp.full.length, c, lim);
      // initials (one slip) of a name of three syllables or more, from four letters or more
      if (!cjk && qp.full.length >= 4 && c.syllables >= 3) consider(editDistance(qp.full, c.ini, 1), qp.full.length * 2, c, 1);
      lim = allowedEdits(q.s.length);
      if (cjk && lim) consider(editDistance(q.s, c.name.text, lim), q.s.length, c, lim);
    });
    return best && fold(best.text) !== q.s ? { query: best.text } : null;
  }

  /* --------------------------------------------------------------- snippets --- */

  function spansIn(ftext, phrases, found) {
    var spans = [], exact = false;
    phrases.forEach(function (p) {
      if (!p.text) return;
      var at = ftext.indexOf(p.text);
      if (at >= 0 && found) found.add(p.text);
      while (at >= 0) { spans.push([at, at + p.text.length, p.w]); exact = true; at = ftext.indexOf(p.text, at + p.text.length); }
    });
    return { spans: spans, exact: exact };
  }

  function partialSpans(ftext, phrases) {
    // Longest pieces (two characters or more) of each phrase that occur in the text.
    var spans = [];
    phrases.forEach(function (p) {
      var t = p.text;
      for (var L = t.length - 1; L >= 2; L--) {
        for (var j = 0; j + L <= t.length; j++) {
          var piece = t.slice(j, j + L), at = ftext.indexOf(piece);
          while (at >= 0) { spans.push([at, at + L, p.w * L / t.length]); at = ftext.indexOf(piece, at + L); }
        }
        if (spans.length) break;
      }
    });
    return spans;
  }

  function mergeSpans(spans) {
    spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = [];
    spans.forEach(function (s) {
      var last = out[out.length - 1];
      if (last && s[0] <= last[1]) { last[1] = Math.max(last[1], s[1]); last[2] = Math.max(last[2], s[2]); }
      else out.push([s[0], s[1], s[2]]);
    });
    return out;
  }

  function findHits(doc, phrases) {
    var blocks = [], exact = false, found = new Set();
    doc.s.forEach(function (sec) {
      sec[3].forEach(function (blk) {
        var ft = fold(blk[1]);
        var r = spansIn(ft, phrases, found);
        if (r.exact) exact = true;
        blocks.push({ sec: sec, anchor: blk[0] || sec[0], text: blk[1], ftext: ft, spans: r.spans });
      });
    });
    if (!exact) blocks.forEach(function (b) { b.spans = partialSpans(b.ftext, phrases); });
    blocks.forEach(function (b) {
      b.spans = mergeSpans(b.spans);
      b.score = b.spans.reduce(function (acc, s) { return acc + s[2] * (s[1] - s[0]); }, 0);
    });
    return { blocks: blocks, exact: exact, found: Array.from(found) };
  }

  function highlight(text, spans, from, to) {
    var out = "", pos = from;
    spans.forEach(function (s) {
      var a = Math.max(s[0], from), b = Math.min(s[1], to);
      if (b <= a || a < pos) return;
      out += esc(text.slice(pos, a)) + "<mark>" + esc(text.slice(a, b)) + "</mark>";
      pos = b;
    });
    return out + esc(text.slice(pos, to));
  }

  function snippet(block, width) {
    var text = block.text, spans = block.spans;
    var from = 0;
    if (spans.length) from = Math.max(0, spans[0][0] - 24);
    var to = Math.min(text.length, from + width);
    if (to - from < width) from = Math.max(0, to - width);
    if (from > 0 && /[\udc00-\udfff]/.test(text[from])) from++;
    if (to < text.length && /[\ud800-\udbff]/.test(text[to - 1])) to--;
    return (from > 0 ? "…" : "") + highlight(text, spans, from, to) + (to < text.length ? "…" : "");
  }

  function titleHtml(page, e, phrases) {
    var t = page.title, ft = fold(t);
    var spans = spansIn(ft, phrases).spans;
    e.marks.forEach(function (m) { if (m[2].text === ft) spans.push([m[0], m[1], 1]); });
    return highlight(t, mergeSpans(spans), 0, t.length);
  }

  function render(page, e, score, phrases) {
    var parent = { location: page.url, title: titleHtml(page, e, phrases), text: "", score: score };
    var group = [parent];
    if (!e.hits) return group;
    var blocks = e.hits.blocks;
    var hit = blocks.filter(function (b) { return b.spans.length; }).sort(function (a, b) { return b.score - a.score; });
    var lead = hit[0] || blocks[0];
    if (lead) parent.text = snippet(lead, 120);
    var used = new Set();
    hit.forEach(function (b) {
      if (group.length > MAX_SUB || !b.anchor || used.has(b.anchor)) return;
      used.add(b.anchor);
      var secTitle = b.sec[0] ? b.sec[1] : page.title;
      group.push({ location: page.url + "#" + b.anchor, title: esc(secTitle), text: snippet(b, 100), score: score / 2 });
    });
    return group;
  }

  /* ---------------------------------------------------------------- protocol --- */

  var ready = load("base").then(setupBase);
  ready.catch(function (err) { console.error("search index not available", err); });
  ready.then(function () { postMessage({ type: READY }); }, function () { postMessage({ type: READY }); });

  var pending = null, busy = false;
  async function pump() {
    if (busy) return;
    busy = true;
    try {
      while (pending !== null) {
        var query = pending;
        pending = null;
        var result;
        try {
          await ready;
          result = await search(query, function (partial) {
            if (pending === null) postMessage({ type: RESULT, data: partial });
          });
        } catch (err) {
          console.warn("search failed for", query, err);
          result = { items: [] };
        }
        if (pending === null) postMessage({ type: RESULT, data: result });
      }
    } finally {
      busy = false;
    }
  }

  addEventListener("message", function (ev) {
    var msg = ev.data || {};
    if (msg.type === SETUP) {
      ready.then(function () { postMessage({ type: READY }); }, function () { postMessage({ type: READY }); });
    } else if (msg.type === QUERY) {
      TIMING.length = 0;
      mark("received");
      pending = typeof msg.data === "string" ? msg.data : "";
      pump();
    }
  });

  // For tests and debugging in a page that loads this file directly.
  self.__zhSearch = { search: function (q) { return ready.then(function () { return search(q); }); }, normalize: normalizeQuery };
})();
