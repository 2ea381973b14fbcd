  /* ------------------------------------------------------------ cut lists --- */

  // A long posting or title list comes as its head, the entries that rank first (index.py,
  // impact.py); its tail loads only when the head cannot decide the results shown. They are
  // decided when, with every page of a tail scored at the best it could have (the bound
  // of the tail), the order of the top results and who is in them cannot change.

  function anyCut(lists, tmaps) {
    for (var pl of lists.values()) if (pl.cut) return true;
    return tmaps.some(function (maps) { return maps.some(function (m) { return m.cut; }); });
  }

  async function loadTails(lists, tmaps) {
    var work = Array.from(lists.values()).map(loadTail);
    tmaps.forEach(function (maps) { maps.forEach(function (m) { work.push(loadTitleTail(m)); }); });
    await Promise.all(work);
  }

  // Every page any list, title map or title match knows of; -1 stands for all the others.
  function knownPages(cand, lists, tmaps) {
    var seen = new Set(cand.keys());
    lists.forEach(function (pl) { pl.docs.forEach(function (d) { seen.add(d); }); });
    tmaps.forEach(function (maps) { maps.forEach(function (m) { m.forEach(function (e, d) { seen.add(d); }); }); });
    return seen;
  }

  // The lists with guesses: each cut list also holds, at its tail's bound, every known page
  // it lacks and page -1 (from pl.known on, which scoreBody reads).
  function guessLists(lists, seen) {
    var out = new Map();
    lists.forEach(function (pl, k) {
      if (!pl.cut) { out.set(k, pl); return; }
      var has = new Set(pl.docs), docs = pl.docs.slice(), ws = pl.ws.slice();
      seen.forEach(function (d) { if (!has.has(d)) { docs.push(d); ws.push(pl.cut.w); } });
      docs.push(-1);
      ws.push(pl.cut.w);
      out.set(k, { docs: docs, ws: ws, df: pl.df, known: pl.docs.length, cut: null });
    });
    return out;
  }

  // The smallest page number a page of a tail can have at its bound (ties go to the lower).
  function tailFloor(lists, tmaps) {
    var floor = Infinity;
    lists.forEach(function (pl) { if (pl.cut) floor = Math.min(floor, pl.cut.doc + 1); });
    tmaps.forEach(function (maps) { maps.forEach(function (m) { if (m.cut) floor = Math.min(floor, m.cut.doc + 1); }); });
    return floor;
  }

  // low: page -> entry scored with the heads; high: with the guesses. A page's true total
  // is at least lo (its body counted only when no guess touched it) and at most hi. The top
  // `upto` is decided when each of its pages is ahead of every page after it, whatever
  // their true scores: lo of the one >= hi of the other (equal: the lower page first).
  function decided(low, high, floor, upto) {
    var rows = [];
    high.forEach(function (h, d) {
      var l = low.get(d), lo = -1;
      if (l && ranks(l)) lo = totalOf(h.body === l.body ? l : { tier: l.tier, ts: l.ts, body: 0 }, d);
      rows.push({ lo: lo, hi: ranks(h) ? totalOf(h, d) : -1, id: d < 0 ? floor : d });
    });
    rows.sort(function (a, b) { return b.lo - a.lo || a.id - b.id; });
    var shown = 0;
    while (shown < rows.length && shown < upto && rows[shown].lo >= 0) shown++;
    var maxHi = -1, idAtMax = Infinity;
    for (var i = rows.length - 1; i >= 0; i--) {
      var r = rows[i];
      if (i >= shown && shown < upto && r.hi >= 0) return false; // it may fill a place left
      if (i < shown && (maxHi > r.lo || (maxHi === r.lo && idAtMax <= r.id))) return false;
      if (r.hi > maxHi) { maxHi = r.hi; idAtMax = r.id; } else if (r.hi === maxHi) idAtMax = Math.min(idAtMax, r.id);
    }
    return true;
  }

  function ranks(e) { return e.tier > 0 || e.body > 0; }
