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

  function tierOf(cand, d, t, ts, mark) {
    var e = cand.get(d);
    if (!e) cand.set(d, e = { tier: 0, ts: 0, body: 0, full: false, marks: [] });
    if (t > e.tier || (t === e.tier && ts > e.ts)) { e.tier = t; e.ts = ts; }
    if (mark) e.marks.push(mark);
    return e;
  }

  function cloneCand(cand) {
    var out = new Map();
    cand.forEach(function (e, d) { out.set(d, { tier: e.tier, ts: e.ts, body: e.body, full: e.full, marks: e.marks.slice() }); });
    return out;
  }

  // Step 4 of search(): into cand, each interpretation's body scores and title tiers (the
  // titles of pages about a thing, and of the others from h/: inTitles[ix] for phrases[ix]).
  function scoreInto(cand, interps, phrases, lists, inTitles) {
    interps.forEach(function (it, ix) {
      var scores = new Map();
      scoreBody(it.terms, lists, scores);
      scores.forEach(function (v, d) {
        var e = tierOf(cand, d, 0, 0), s = v.s * it.w;
        if (s > e.body) { e.body = s; e.full = v.full; }
      });
      var phrase = phrases[ix];
      if (!phrase) return;
      inTitles[ix].forEach(function (e, d) {
        var at = e[0], len = e[1];
        if (at === 0 && len === phrase.length) tierOf(cand, d, 6, it.w);
        else if (at === 0) tierOf(cand, d, 5, it.w - len / 1000);
        else tierOf(cand, d, 4, it.w - len / 1000);
      });
      PAGES.forEach(function (p) {
        p.names.forEach(function (nm) {
          var title = nm.text;
          var at = title.indexOf(phrase);
          if (title === phrase) tierOf(cand, p.id, p.typed ? 9 : 6, it.w, [0, title.length, nm]);
          else if (at === 0) tierOf(cand, p.id, p.typed ? 8 : 5, it.w - title.length / 1000, [0, phrase.length, nm]);
          else if (at > 0) tierOf(cand, p.id, p.typed ? 7 : 4, it.w - title.length / 1000, [at, at + phrase.length, nm]);
          else if (p.typed && phrase.length > title.length && title.length >= 2 && 2 * title.length >= phrase.length && phrase.indexOf(title) >= 0) tierOf(cand, p.id, 7, it.w * 0.9, [0, title.length, nm]);
        });
      });
    });
  }

  // The ranked list [[page, entry], ...] of scored pages, best first, at most MAX_RESULTS.
  function ranking(cand) {
    var out = Array.from(cand.entries()).filter(function (x) { return ranks(x[1]); });
    out.sort(function (a, b) { return totalOf(b[1], b[0]) - totalOf(a[1], a[0]) || a[0] - b[0]; });
    return out.slice(0, MAX_RESULTS);
  }

  // Order: title tier, then how well the title matched, then (between equal titles) the
  // kind of page, then the body score. One number, because Material sorts by it too.
  function totalOf(e, d) {
    var kind = e.tier > 0 && PAGES[d] ? (KIND_RANK[PAGES[d].kind] || 0) : 0;
    return e.tier * 1e7 + Math.round(Math.max(0, e.ts) * 1000) * 1e3 + kind * 100 + 99 * e.body / (e.body + 5);
  }

  async function search(raw, early) {
    mark("start");
    var q = normalizeQuery(raw);
    if (!q.s) return { items: [] };

    // 1. Titles matched directly by the query (characters, pinyin, initials, mixed, prefixes).
    var cand = new Map();
    function tier(d, t, ts, mark) { tierOf(cand, d, t, ts, mark); }
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
    // Pages not about a thing: titles holding each interpretation's phrase (h/ shards).
    function phraseOf(it) {
      if (it.w < 0.5 || it.title) return "";
      return it.terms.filter(function (t) { return !t.latin; }).map(function (t) { return t.text; }).join("");
    }
    var phrases0 = interps.map(phraseOf);
    var both = await Promise.all([Promise.all(keyList.map(postings)), Promise.all(phrases0.map(titleMaps))]);
    var pls = both[0], tmaps = both[1];
    mark("postings " + keyList.length);
    var lists = new Map();
    keyList.forEach(function (k, ix) { if (pls[ix]) lists.set(k, pls[ix]); });

    // 4. Scores and rank, from the heads of long lists when they decide (45-cut.js).
    function scored(lists, best) {
      var out = cloneCand(cand);
      scoreInto(out, interps, phrases0, lists, tmaps.map(function (m) { return titlesHolding(m, best); }));
      return out;
    }
    // With cut lists: when the heads decide the top WITH_TEXT but not the rest, the first
    // results show before the tails load (pending), and the rest is ranked with them.
    var low = scored(lists, false), ranked = null, pending = null;
    if (anyCut(lists, tmaps)) {
      var high = scored(guessLists(lists, knownPages(cand, lists, tmaps)), true);
      var floor = tailFloor(lists, tmaps);
      if (!decided(low, high, floor, MAX_RESULTS)) {
        pending = function () {
          return loadTails(lists, tmaps).then(function () { mark("tails"); return ranking(scored(lists, false)); });
        };
        if (!decided(low, high, floor, WITH_TEXT)) {
          ranked = await pending();
          pending = null;
        }
      }
    }
    if (!ranked) ranked = ranking(low);

    mark("ranked " + ranked.length);
    // 5. Text of the top pages: verify phrases, snippets.
    var phrases = [];
    interps.forEach(function (it) {
      if (it.w < 0.3) return;
      it.terms.forEach(function (t) { phrases.push({ text: t.text, w: it.w }); });
    });
    // Results to show: their pages from the page table first (ranked[i][2]).
    async function withPages(list) {
      var infos = await Promise.all(list.map(function (x) { return x[2] ? x[2] : pageInfo(x[0]); }));
      list.forEach(function (x, ix) { x[2] = infos[ix]; });
    }
    function build(list) {
      return list.map(function (x) {
        var group = render(x[2], x[1], totalOf(x[1], x[0]), phrases);
        // terms: what was found on the page (Material passes them on as ?h= for highlighting)
        var terms = {};
        if (x[1].hits && x[1].hits.exact) x[1].hits.found.forEach(function (t) { terms[t] = true; });
        group.forEach(function (it) { it.terms = terms; });
        return group;
      });
    }
    // Titles first: the top results show while the text of the top pages (for snippets)
    // and the pages of the rest load.
    if (!ranked.length) return withSuggestion(q, { items: [] });
    var top = ranked.slice(0, WITH_TEXT);
    await withPages(top);
    mark("pages");
    if (early) early({ items: build(top) });

    // The rest of the list: as ranked, or (tails pending) ranked again with the tails; the
    // top is the same pages either way (decided), with their scores from the whole lists.
    async function rest() {
      if (pending) {
        var again = await pending(), byDoc = new Map(again);
        top.forEach(function (x) { if (byDoc.has(x[0])) x[1] = byDoc.get(x[0]); });
        var shown = new Set(top.map(function (x) { return x[0]; }));
        ranked = top.concat(again.filter(function (x) { return !shown.has(x[0]); }).slice(0, MAX_RESULTS - top.length));
      }
      await withPages(ranked.slice(WITH_TEXT));
    }
    var loaded = await Promise.all([
      Promise.all(top.map(function (x) { return loadText(x[0]).catch(function () { return null; }); })),
      rest(),
    ]);
    var texts = loaded[0];
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
    top.sort(function (a, b) { return totalOf(b[1], b[0]) - totalOf(a[1], a[0]) || a[0] - b[0]; });
    ranked = top.concat(ranked.slice(WITH_TEXT));
    var items = build(ranked);
    mark("done");
    return withSuggestion(q, { items: items });
  }

