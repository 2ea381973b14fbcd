/* Glossary tooltips (render/glossary.py appends the definitions table and writes this as
   glossary/tooltips.js). A term link (a.term) shows its term's short definition while
   hovered or focused; Esc, blur or the pointer leaving link and tooltip hide it (WCAG
   1.4.13: the pointer may move onto the tooltip). Definitions come from data/, which is
   not trusted: the tooltip is built with createElement and textContent only, never parsed
   as HTML. Listeners sit on the document, so this runs before or after the page. */
(function (terms) {
  "use strict";
  var TIP_ID = "sitegen-term-tip";
  var tip = null, owner = null, timer = 0;

  function definition(link) {
    var name = /([^\/#?]+)\.html(?:[#?].*)?$/.exec(link.getAttribute("href") || "");
    return name && Object.prototype.hasOwnProperty.call(terms, name[1]) ? String(terms[name[1]]) : null;
  }

  function tipElement() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = TIP_ID;
      tip.className = "term-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("mouseenter", function () { clearTimeout(timer); });
      tip.addEventListener("mouseleave", hideSoon);
      document.body.appendChild(tip);
    }
    return tip;
  }

  function place(link, box) {
    // Below the link, or above it when the viewport has no room below; never past
    // the right edge (phones are 320 px wide).
    var r = link.getBoundingClientRect(), view = document.documentElement.clientWidth;
    box.style.maxWidth = Math.max(160, Math.min(320, view - 16)) + "px";
    var w = box.offsetWidth, h = box.offsetHeight;
    var left = Math.max(8, Math.min(r.left, view - w - 8));
    var top = r.bottom + 6 + h > window.innerHeight && r.top > h + 6 ? r.top - h - 6 : r.bottom + 6;
    box.style.left = left + window.pageXOffset + "px";
    box.style.top = top + window.pageYOffset + "px";
  }

  function show(link) {
    var text = definition(link);
    if (text === null) return;
    clearTimeout(timer);
    if (owner && owner !== link) hide();
    var box = tipElement();
    box.textContent = text;
    box.hidden = false;
    owner = link;
    link.setAttribute("aria-describedby", TIP_ID);
    place(link, box);
  }

  function hide() {
    clearTimeout(timer);
    if (tip) tip.hidden = true;
    if (owner) owner.removeAttribute("aria-describedby");
    owner = null;
  }

  function hideSoon() {
    // A short delay lets the pointer cross the gap from the link to the tooltip; a
    // focused link keeps its tooltip until blur or Esc.
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (owner && document.activeElement !== owner) hide();
    }, 300);
  }

  function termLink(event) {
    var target = event.target;
    return target && target.closest ? target.closest("a.term[href]") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var link = termLink(event);
    if (link) show(link);
  });
  document.addEventListener("mouseout", function (event) {
    var link = termLink(event);
    if (link && link === owner && !link.contains(event.relatedTarget)) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var link = termLink(event);
    if (link) show(link);
  });
  document.addEventListener("focusout", function (event) {
    if (termLink(event) === owner) hide();
  });
  document.addEventListener("keydown", function (event) {
    if ((event.key === "Escape" || event.key === "Esc") && owner) hide();
  });
})(TERMS);
