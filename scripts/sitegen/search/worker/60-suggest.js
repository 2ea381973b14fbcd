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

