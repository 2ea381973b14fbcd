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
  self.__zhSearch = { search: function (q) { return ready.then(function () { return search(q); }); }, normalize: normalizeQuery, load: load };
})();
