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
      var docs = [], ws = [], d = 0, unit = B.levels[1] + 1, top = B.levels[0];
      for (var j = 0; j < nums.length; j += 2) {
        d += nums[j];
        if (d >= PAGES.length) break; // a shard newer than the base (site rebuilt meanwhile)
        docs.push(d);
        ws.push(nums[j + 1] * unit / top); // BM25's term weight, quantized (index.py weight_level)
      }
      return { docs: docs, ws: ws };
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

  // w: the term's weight on the page, tf (k1 + 1) / (tf + k1 (1 - b + b len / pivot)),
  // computed at build time (the worker has no page lengths).
  function bm25(w, df) {
    var N = PAGES.length;
    return Math.log(1 + (N - df + 0.5) / (df + 0.5)) * w;
  }

  // Title shards (h/): bigram -> pages whose title holds it, with its first position there
  // and the title's length.
  var hcache = new Map();
  function titlePostings(key) {
    var hit = hcache.get(key);
    if (hit) return hit;
    hit = load("h/" + (fnv1a(key) & (B.hshards - 1))).then(function (data) {
      var str = data[key], out = new Map();
      if (!str) return out;
      var nums = decodeNumbers(str, 0, str.length, []), d = 0;
      for (var j = 0; j + 2 < nums.length; j += 3) {
        d += nums[j];
        if (d >= PAGES.length) break;
        out.set(d, [nums[j + 1], nums[j + 2]]);
      }
      return out;
    });
    hit.catch(function () { hcache.delete(key); });
    hcache.set(key, hit);
    return hit;
  }

  // Pages (not about a thing) whose title holds every bigram of phrase: page -> [at, length],
  // at = where the phrase starts in the title, or -1 when its bigrams are not in a row
  // there (the phrase is then in the title somewhere, or nearly so).
  var MAX_TITLE_PHRASE = 40;
  async function titlesHolding(phrase) {
    var out = new Map();
    if (phrase.length < 2 || phrase.length > MAX_TITLE_PHRASE) return out;
    var keys = [];
    for (var j = 0; j + 1 < phrase.length; j++) keys.push(phrase.slice(j, j + 2));
    var maps = await Promise.all(keys.map(titlePostings));
    maps[0].forEach(function (first, d) {
      var at = first[0];
      for (var k = 1; k < maps.length; k++) {
        var e = maps[k].get(d);
        if (!e) return;
        if (at >= 0 && e[0] !== at + k && keys.indexOf(keys[k]) === k) at = -1;
      }
      out.set(d, [at, first[1]]);
    });
    return out;
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
          if (!a) acc.set(d, a = { n: 0, minW: 1e9, sum: 0, df: 0 });
          a.n++;
          a.minW = Math.min(a.minW, pl.ws[j]);
          a.sum += bm25(pl.ws[j], pl.docs.length);
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
          s = bm25(a.minW, mindf) * (1 + 0.15 * (keys.length - 1)); // weight grows with tf: min w = w(min tf)
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

