/* Citation control, `mkdocs serve` only (overrides/main.html loads it when
   config.extra.sitegen_serve): every block of a source page gets a button that copies
   a ready citation for data/*.yml to the clipboard:

     - doc: <document id>  # <anchor>
       quote: <the selected text inside the block, or the whole block>

   The text is the page's own (textContent), so the quote is verbatim and `make check`
   finds it. Everything is built as text and DOM nodes, never as HTML from the page. */
(function () {
  "use strict";

  var meta = document.querySelector(".doc-meta[data-doc]");
  if (!meta) return;
  var docId = meta.getAttribute("data-doc");

  /* A YAML scalar: plain when nothing in it can be read as YAML syntax, otherwise
     double-quoted (a JSON string is a valid YAML double-quoted scalar). */
  function scalar(text) {
    var plain = /^[^\s\-?:,\[\]{}#&*!|>'"%@`0-9.+~]/.test(text) &&
      !/[:#]|\s$|[\r\n\t]/.test(text) && !/^(true|false|yes|no|on|off|null)$/i.test(text);
    return plain ? text : JSON.stringify(text);
  }

  function citation(block, quote) {
    return "- doc: " + scalar(docId) + "  # " + block.id + "\n  quote: " + scalar(quote) + "\n";
  }

  /* The selection when it lies inside `block`, else the block's whole text. */
  function quoteOf(block) {
    var selection = window.getSelection();
    if (selection && !selection.isCollapsed && selection.rangeCount &&
        block.contains(selection.anchorNode) && block.contains(selection.focusNode)) {
      var selected = selection.toString().trim();
      if (selected) return selected;
    }
    return block.textContent.trim();
  }

  /* The Clipboard API needs a secure context (http://127.0.0.1 is one; a LAN address
     is not): there the older copy command over a hidden text area stands in. */
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "sitegen-cite-buffer";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      document.body.removeChild(area);
      (done ? resolve : reject)(new Error("copy refused"));
    });
  }

  var status = document.createElement("div");
  status.className = "sitegen-cite-status";
  status.setAttribute("role", "status");
  document.body.appendChild(status);

  function say(text) {
    status.textContent = text;
    window.clearTimeout(say.timer);
    say.timer = window.setTimeout(function () { status.textContent = ""; }, 2500);
  }

  function control(block) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sitegen-cite";
    button.setAttribute("aria-label", "复制引文（YAML）：选中部分文字则只引选中的");
    button.title = "复制引文（YAML）";
    /* Keep the reader's selection: a click would otherwise clear it before we read it. */
    button.addEventListener("mousedown", function (event) { event.preventDefault(); });
    button.addEventListener("click", function () {
      var text = citation(block, quoteOf(block));
      copy(text).then(function () {
        button.classList.add("sitegen-cite--done");
        window.setTimeout(function () { button.classList.remove("sitegen-cite--done"); }, 1500);
        say("已复制引文：" + text);
      }, function () {
        say("无法写入剪贴板，请手动复制：" + text);
      });
    });
    return button;
  }

  /* The document's blocks: paragraphs and headings after the metadata table, up to the
     list of items citing the document (not part of the source). */
  for (var node = meta.nextElementSibling; node && node.id !== "cited-by"; node = node.nextElementSibling) {
    if (node.id && /^(P|H[2-6])$/.test(node.tagName)) {
      node.appendChild(control(node));
    }
  }
})();
