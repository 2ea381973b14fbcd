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

  // A list's string in its shard: its entries, and for a long list cut at build time
  // (index.py, impact.py) "." then its full length, the bound of its tail (the head's
  // worst entry) and the number of tail chunks.
  function splitCut(str) {
    var dot = str.indexOf(".");
    if (dot < 0) return { end: str.length, mark: null };
    return { end: dot, mark: decodeNumbers(str, dot + 1, str.length, []) };
  }

  function tailNames(dir, key, chunks) {
    var name = /^[a-z0-9]+$/.test(key) ? "t" + key : "";
    if (!name) for (var ch of key) name += ch.codePointAt(0).toString(16).padStart(4, "0");
    var out = [];
    for (var c = 0; c < chunks; c++) out.push(dir + "/" + name + "-" + c);
    return out;
  }

  // BM25's term weight of a quantized level (index.py weight_level).
  function levelWeight(level) { return level * (B.levels[1] + 1) / B.levels[0]; }

  function decodePostings(str, from, to, docs, ws) {
    var nums = decodeNumbers(str, from, to, []), d = 0;
    for (var j = 0; j < nums.length; j += 2) {
      d += nums[j];
      if (d >= PAGES.length) break; // a shard newer than the base (site rebuilt meanwhile)
      docs.push(d);
      ws.push(levelWeight(nums[j + 1]));
    }
  }

  // A cut list's tail, loaded once into the list (shared by the queries that use it):
  // holder.cut.names are its files, decode(str) adds one to the list; then holder.cut = null.
  function loadCut(holder, decode) {
    var cut = holder.cut;
    if (!cut) return Promise.resolve();
    if (!cut.loading) {
      cut.loading = Promise.all(cut.names.map(load)).then(function (parts) {
        parts.forEach(decode);
        holder.cut = null;
      });
      cut.loading.catch(function () { cut.loading = null; });
    }
    return cut.loading;
  }

  // A key's postings {docs, ws, df, cut}: cut (for a list whose tail is not loaded) says the
  // best weight a page of the tail can have, w, the head's worst page, doc (a page of the
  // tail with weight w comes after it), and the tail's files, names.
  var pcache = new Map();
  function postings(key) {
    var hit = pcache.get(key);
    if (hit) return hit;
    var shard = fnv1a(key) & (B.pshards - 1);
    hit = load("p/" + shard).then(function (data) {
      var str = data[key];
      if (!str) return null;
      var at = splitCut(str), pl = { docs: [], ws: [], df: 0, cut: null };
      decodePostings(str, 0, at.end, pl.docs, pl.ws);
      pl.df = at.mark ? at.mark[0] : pl.docs.length;
      if (at.mark) pl.cut = { w: levelWeight(at.mark[1]), doc: at.mark[2], names: tailNames("pt", key, at.mark[3]) };
      return pl;
    });
    hit.catch(function () { pcache.delete(key); });
    pcache.set(key, hit);
    return hit;
  }

  // The whole list of a cut key (its head and every tail chunk), in place.
  function loadTail(pl) {
    if (!pl) return Promise.resolve();
    return loadCut(pl, function (str) { decodePostings(str, 0, str.length, pl.docs, pl.ws); });
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
  // and the title's length; cut like the postings (the head: at the title's start first,
  // then the shortest titles), out.cut = {start, len, names}: a page of the tail is no
  // better than [start ? 0 : 1, len].
  function decodeTitles(str, from, to, out) {
    var nums = decodeNumbers(str, from, to, []), d = 0;
    for (var j = 0; j + 2 < nums.length; j += 3) {
      d += nums[j];
      if (d >= PAGES.length) break;
      out.set(d, [nums[j + 1], nums[j + 2]]);
    }
  }

  var hcache = new Map();
  function titlePostings(key) {
    var hit = hcache.get(key);
    if (hit) return hit;
    hit = load("h/" + (fnv1a(key) & (B.hshards - 1))).then(function (data) {
      var str = data[key], out = new Map();
      out.cut = null;
      if (!str) return out;
      var at = splitCut(str);
      decodeTitles(str, 0, at.end, out);
      if (at.mark) out.cut = { start: at.mark[1] === 0, len: at.mark[2], doc: at.mark[3], names: tailNames("ht", key, at.mark[4]) };
      return out;
    });
    hit.catch(function () { hcache.delete(key); });
    hcache.set(key, hit);
    return hit;
  }

  function loadTitleTail(map) {
    return loadCut(map, function (str) { decodeTitles(str, 0, str.length, map); });
  }

  // The title maps of a phrase's bigrams (none for a phrase too short or too long).
  var MAX_TITLE_PHRASE = 40;
  function titleMaps(phrase) {
    if (phrase.length < 2 || phrase.length > MAX_TITLE_PHRASE) return Promise.resolve([]);
    var keys = [];
    for (var j = 0; j + 1 < phrase.length; j++) keys.push(phrase.slice(j, j + 2));
    return Promise.all(keys.map(titlePostings)).then(function (maps) { maps.keys = keys; return maps; });
  }

  // Pages (not about a thing) whose title holds every bigram of the phrase: page -> [at,
  // length], at = where the phrase starts in the title, or -1 when its bigrams are not in
  // a row there (the phrase is then in the title somewhere, or nearly so).
  // best: the best each page could have when some maps are cut (a page missing from a cut
  // map may be in its tail), with page -1 for the pages seen in none of them.
  function titlesHolding(maps, best) {
    var out = new Map();
    if (!maps.length) return out;
    var keys = maps.keys, pages = new Set(maps[0].keys());
    if (best) {
      maps.forEach(function (m) { m.forEach(function (e, d) { pages.add(d); }); });
      if (maps.every(function (m) { return m.cut; })) pages.add(-1);
    }
    pages.forEach(function (d) {
      var first = maps[0].get(d), len = -1;
      for (var k = 0; k < maps.length && len < 0; k++) { var e = maps[k].get(d); if (e) len = e[1]; }
      if (!first) {
        var cut = maps[0].cut;
        if (!cut) return;
        if (d === -1) len = cut.len;
        // a title of the tail starts with the phrase only if the head was cut among those that do
        first = [cut.start && len >= cut.len ? 0 : 1, len];
      }
      var at = first[0];
      for (var k2 = 1; k2 < maps.length; k2++) {
        var e2 = maps[k2].get(d);
        if (!e2) { if (best && maps[k2].cut) continue; return; }
        if (at >= 0 && e2[0] !== at + k2 && keys.indexOf(keys[k2]) === k2) at = -1;
      }
      out.set(d, [at, first[1]]);
    });
    return out;
  }

  // Body score of one interpretation: per term, BM25 over its bigrams (phrase frequency
  // estimated by the smallest bigram frequency), scaled down when bigrams are missing.
  // A list may carry guesses (45-cut.js): entries from pl.known on are pages that may be in
  // its tail; a page scored with one gets the best it could have, full or partial.
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
          if (!a) acc.set(d, a = { n: 0, minW: 1e9, sum: 0, df: 0, guess: false });
          if (j >= pl.known) a.guess = true;
          a.n++;
          a.minW = Math.min(a.minW, pl.ws[j]);
          a.sum += bm25(pl.ws[j], pl.df);
          a.df = Math.max(a.df, pl.df);
        }
      });
      acc.forEach(function (a, d) {
        var cover = a.n / keys.length, s;
        // A hit holds the whole term, not a few of its pieces; a pasted passage (over
        // LONG_TERM characters) may differ in a few of its sampled pairs.
        if (a.n < keys.length && (term.text.length <= LONG_TERM || cover < LONG_COVER)) return;
        if (a.n === keys.length) {
          var mindf = 1e9;
          keys.forEach(function (k) { mindf = Math.min(mindf, lists.get(k).df); });
          s = bm25(a.minW, mindf) * (1 + 0.15 * (keys.length - 1)); // weight grows with tf: min w = w(min tf)
          if (a.guess) s = Math.max(s, a.sum / keys.length); // some of them may be missing: partial
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

