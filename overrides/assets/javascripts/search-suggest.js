/*
 * "您是不是要找 X" under Material's "no results" line: the search worker (workers/
 * search-zh.js) adds didYouMean {query} to a result with no items; Material ignores the
 * field, this script shows it as a button that runs that query.
 *
 * Material starts the worker with `new Worker(url)` (from file:// the iframe-worker shim's
 * class stands in for Worker, loaded before this file): Worker is wrapped here so that
 * this script hears the worker's messages too. Built with the DOM and textContent only
 * (the suggestion comes from the data; the CSP allows no inline code).
 */
"use strict";
(function () {
  var Base = window.Worker;
  if (!Base) return;
  var QUERY = 2, RESULT = 3, WORKER = "search-zh.js";
  var shown = null;

  function Tapped(url, options) {
    var worker = new Base(url, options);
    if (String(url).indexOf(WORKER) >= 0) tap(worker);
    return worker;
  }
  Tapped.prototype = Base.prototype;
  window.Worker = Tapped;

  function tap(worker) {
    var post = worker.postMessage;
    worker.postMessage = function (msg) {
      if (msg && msg.type === QUERY) clear(); // a new query: the old suggestion is stale
      return post.apply(worker, arguments);
    };
    worker.addEventListener("message", function (ev) {
      var msg = ev.data;
      if (!msg || msg.type !== RESULT) return;
      var data = msg.data || {};
      clear();
      if (data.items && !data.items.length && data.didYouMean) show(String(data.didYouMean.query || ""));
    });
  }

  function clear() {
    if (shown) shown.remove();
    shown = null;
  }

  function show(query) {
    var meta = document.querySelector(".md-search-result__meta");
    var input = document.querySelector("input.md-search__input");
    if (!query || !meta || !input || !input.value.trim()) return;
    var line = document.createElement("p");
    line.className = "sitegen-suggest";
    line.setAttribute("data-sitegen", "suggest");
    line.appendChild(document.createTextNode("您是不是要找 "));
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = query;
    button.addEventListener("click", function () { run(input, query); });
    line.appendChild(button);
    line.appendChild(document.createTextNode("？"));
    meta.insertAdjacentElement("afterend", line);
    shown = line;
  }

  function run(input, query) {
    input.value = query;
    input.focus();
    // Material reads the box on keyup (and on focus): as if the reader had typed it.
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  // The box emptied (Material then shows its placeholder, not a result): no suggestion.
  document.addEventListener("input", function (ev) {
    if (ev.target && ev.target.matches && ev.target.matches("input.md-search__input") && !ev.target.value.trim()) clear();
  });
})();
