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

