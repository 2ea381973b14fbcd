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
  var PAGES = []; // by page number: {id, url, title, ftitle, kind, typed, names: [{text, ctx, starts}]}

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
    // Only the pages about a thing are in base (matched on their names); the others are
    // holes, filled from the page table (t/) when shown: PAGES.forEach skips them.
    PAGES = new Array(base.npages);
    base.pages.forEach(function (p) {
      var page = { id: p[0], url: p[1], title: p[2], kind: base.kinds[p[3]], typed: typed.has(p[3]) };
      page.names = p[4].map(function (n) {
        var text = fold(n[0]);
        // contextual readings: one per character of the name ("" where none)
        var ctx = n[1] ? n[1].split(" ") : [];
        var perChar = [];
        for (var k = 0; k < text.length; k++) perChar.push(ctx[k] || "");
        return { raw: n[0], text: text, ctx: perChar, starts: n[2], first: firstSets(text, n[2]) };
      });
      page.ftitle = page.names[0].text;
      PAGES[page.id] = page;
    });
  }

  // A page to show: from base, or from its page-table shard.
  var TABLE = new Map();
  function pageInfo(d) {
    if (PAGES[d]) return Promise.resolve(PAGES[d]);
    var n = Math.floor(d / B.table);
    return load("t/" + n).then(function (rows) {
      var row = rows[d - n * B.table];
      if (!row) throw new Error("page " + d + " not in the page table");
      var page = TABLE.get(d);
      if (!page) TABLE.set(d, page = { id: d, url: row[0], title: row[1], kind: B.kinds[row[2]], typed: false });
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

