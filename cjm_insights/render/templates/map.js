// cjm-insights map: persona switch, source filters, quotes in context.
// Corpus text is only ever written with textContent: never parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("cjm-data").textContent);
  var docs = data.documents || {};
  var CONTEXT = 700; // characters shown either side of a quote

  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  // ---- persona switch
  var persona = document.getElementById("persona");
  if (persona) {
    persona.addEventListener("change", function () {
      all("section.view").forEach(function (s) { s.hidden = s.getAttribute("data-view") !== persona.value; });
    });
  }

  // ---- source-type filter: hide quotes of unchecked types, then items left with none
  function applyFilter() {
    var on = {};
    all("input[name=src]").forEach(function (c) { on[c.value] = c.checked; });
    all("li.q").forEach(function (q) { q.classList.toggle("is-filtered", on[q.getAttribute("data-src")] === false); });
    all("details.item").forEach(function (d) {
      var quotes = all(":scope > ol.quotes > li.q", d);
      var shown = quotes.filter(function (q) { return !q.classList.contains("is-filtered"); }).length;
      d.classList.toggle("is-filtered", quotes.length > 0 && shown === 0);
      var n = d.querySelector(":scope > summary .n");
      if (n) {
        if (n.getAttribute("data-orig") === null) n.setAttribute("data-orig", n.textContent);
        n.textContent = shown === quotes.length ? n.getAttribute("data-orig") : shown + "/" + quotes.length;
      }
    });
  }
  all("input[name=src]").forEach(function (c) { c.addEventListener("change", applyFilter); });

  // ---- expand / collapse
  function setOpen(open) {
    all("section.view:not([hidden]) details").forEach(function (d) { d.open = open; });
  }
  document.getElementById("expand").addEventListener("click", function () { setOpen(true); });
  document.getElementById("collapse").addEventListener("click", function () { setOpen(false); });

  // ---- a quote in its document
  var panel = document.getElementById("ctx");
  var pre = document.getElementById("ctx-text");
  var current = null;

  function showContext(docId, start, end, whole) {
    var doc = docs[docId];
    if (!doc) return;
    var text = doc.text;
    var from = whole ? 0 : Math.max(0, start - CONTEXT);
    var to = whole ? text.length : Math.min(text.length, end + CONTEXT);
    if (!whole) { // widen to whole lines so the context reads naturally
      var nl = text.lastIndexOf("\n", from); from = from > 0 && nl >= 0 && start - nl < CONTEXT * 1.5 ? nl + 1 : from;
      var nr = text.indexOf("\n", to); to = nr >= 0 && nr - end < CONTEXT * 1.5 ? nr : to;
    }
    pre.textContent = "";
    pre.appendChild(document.createTextNode((from > 0 ? "\u2026" : "") + text.slice(from, start)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(start, end);
    pre.appendChild(mark);
    pre.appendChild(document.createTextNode(text.slice(end, to) + (to < text.length ? "\u2026" : "")));
    document.getElementById("ctx-doc").textContent = docId;
    document.getElementById("ctx-meta").textContent = doc.source_type + " \u00b7 characters " + start + "\u2013" + end;
    current = { doc: docId, start: start, end: end };
    panel.hidden = false;
    mark.scrollIntoView({ block: "center" });
  }

  document.addEventListener("click", function (ev) {
    var b = ev.target.closest && ev.target.closest("button.ctx");
    if (!b) return;
    showContext(b.getAttribute("data-doc"), +b.getAttribute("data-start"), +b.getAttribute("data-end"), false);
  });
  document.getElementById("ctx-full").addEventListener("click", function () {
    if (current) showContext(current.doc, current.start, current.end, true);
  });
  document.getElementById("ctx-close").addEventListener("click", function () { panel.hidden = true; });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") panel.hidden = true; });
})();
