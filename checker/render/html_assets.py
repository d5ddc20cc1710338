"""The inline CSS and JavaScript of the HTML dashboard (checker/render/html.py).

Kept apart so the renderer reads as markup. The script only reads data-* attributes and
moves or hides existing elements; it never turns report text into markup.
"""

STYLE = """
:root { --met:#cdeccd; --partial:#fbe7a6; --missing:#f6c1bd; --na:#e4e4e4; --error:#d9c3f0; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       "Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; } h1 small { color: #777; font-weight: normal; font-size: .6em; }
.filters { margin: 1em 0; display: flex; gap: 1.5em; flex-wrap: wrap; align-items: center; }
#shown { color: #555; }
table { border-collapse: collapse; }
#matrix th, #matrix td { border: 1px solid #ccc; padding: 2px 6px; }
#matrix th[data-sort] { cursor: pointer; background: #f3f3f3; user-select: none; }
#matrix th[data-sort]:hover { background: #e3ecf7; }
#matrix th.sorted-asc::after { content: " ▲"; } #matrix th.sorted-desc::after { content: " ▼"; }
#matrix th.el { vertical-align: bottom; height: 6.5em; }
/* short Chinese names read top to bottom, upright, as in a printed Chinese table */
#matrix th.el span { writing-mode: vertical-rl; text-orientation: upright; white-space: nowrap;
                      font-weight: normal; font-size: .85em; letter-spacing: .05em; }
html:not([lang="zh-CN"]) #matrix th.el span { text-orientation: mixed; }
#matrix td.file { max-width: 28em; } #matrix td.file .title { color: #555; font-size: .85em; }
#matrix td.score, #matrix td.verdict, #matrix td.kind, #matrix th { white-space: nowrap; }
#matrix td.score { text-align: right; font-variant-numeric: tabular-nums; }
#matrix tr.fail td.score { color: #b00; } #matrix tr.error td.score { color: #6a3d9a; }
.cell { text-align: center; min-width: 1.6em; display: table-cell; }
.legend .cell { display: inline-block; padding: 0 .4em; border: 1px solid #ccc; }
.st-met { background: var(--met); } .st-partial { background: var(--partial); }
.st-missing { background: var(--missing); } .st-not-applicable { background: var(--na); color: #666; }
.st-error { background: var(--error); }
.hidden { display: none !important; }
.detail { display: none; border-top: 3px solid #446; margin-top: 2em; padding-top: .5em; }
.detail:target, .detail.open { display: block; }
.detail .close { float: right; }
.detail table.elements td, .detail table.elements th { border: 1px solid #ddd; padding: 4px 8px;
                                                       vertical-align: top; text-align: left; }
.detail td.status { white-space: nowrap; }
.detail .hint { margin: 0 0 .3em; color: #7a4a00; }
.detail .evidence { margin: 0; padding-left: 1.2em; }
.detail .where { color: #555; font-size: .85em; }
.detail .notes li { color: #7a4a00; } .detail .notes li.error { color: #b00; }
span.pass { color: #176617; font-weight: bold; } span.fail { color: #b00; font-weight: bold; }
span.error { color: #6a3d9a; font-weight: bold; }
.detail .path { color: #777; font-size: .85em; margin-top: -.8em; }
.detail table.figures td, .detail table.figures th { border: 1px solid #ddd; padding: 4px 8px;
                                                     vertical-align: top; text-align: left; }
.detail table.figures td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
#figures { margin-top: 2em; } #figures .note { color: #555; font-size: .9em; }
.figure-element { margin: 1em 0 2em; }
.figure-chart { margin: .5em 0 1em; } .figure-chart figcaption { font-weight: bold; }
.figure-chart svg { font-size: 12px; } .figure-chart rect { fill: #5b7fb5; }
.figure-chart .flagged rect { fill: #d0533f; } .figure-chart .flagged text { fill: #b00; }
.figure-chart a:hover rect { opacity: .75; }
.flag { color: #b00; }
.no-figures p { margin: .3em 0; color: #7a4a00; } .no-figures ul { margin: 0; }
.charts { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; margin: 1em 0; }
.chart { margin: 0; } .chart figcaption { font-weight: bold; margin-bottom: .4em; }
.chart figcaption small { display: block; font-weight: normal; color: #666; }
.chart svg { font-size: 12px; font-family: inherit; }
.chart svg text.num, .chart svg text.axis { fill: #444; }
.chart-side { display: flex; flex-direction: column; gap: 1.5em; }

/* A4: the overview and the matrix on landscape pages, each report's detail on a page of its own */
@page { size: A4 portrait; margin: 12mm 10mm; }
@page matrix { size: A4 landscape; margin: 10mm 8mm; }
@media print {
  body { margin: 0; font-size: 9pt; }
  .filters, .detail .close, #shown { display: none !important; }
  header, .charts { page: matrix; }
  .charts { break-after: page; }
  #figures { break-before: page; }
  #matrix { page: matrix; width: 100%; font-size: 7.5pt; }
  #matrix thead { display: table-header-group; }      /* the header row on every page */
  #matrix tr { break-inside: avoid; }
  #matrix tr.hidden { display: table-row !important; }  /* print every report, whatever the filter */
  #matrix td.file { max-width: 40mm; word-break: break-all; }
  #matrix td.file .title { display: none; }
  #matrix th.el { height: 5.5em; }
  #matrix th, #matrix td { padding: 1px 3px; }
  #matrix .hidden { display: table-cell !important; }
  .detail, .detail:target, .detail.open { display: block; break-before: page; border-top: none; }
  .detail table.elements { width: 100%; font-size: 8pt; table-layout: fixed; }
  .detail table.elements th:nth-child(1) { width: 20%; } .detail table.elements th:nth-child(2) { width: 9%; }
  .detail table.elements th:nth-child(3) { width: 15%; }
  .detail table.elements tr { break-inside: avoid; }
  .cell, .st-met, .st-partial, .st-missing, .st-not-applicable, .st-error, .chart svg {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
.about { color: #555; font-size: .85em; }
#matrix ul.copies { margin: .2em 0 0; padding-left: 1.2em; font-size: .8em; color: #555; }
#matrix .matched { color: #888; }
"""

SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("matrix");
  var body = table.tBodies[0];
  var rank = { "missing": 0, "error": 0, "partial": 1, "met": 2, "not-applicable": 3, "": 4 };
  var verdictRank = { "failed": 0, "unreadable": 1, "passed": 2 };

  function rows() { return Array.prototype.slice.call(body.rows); }
  function score(row) { var s = row.dataset.score; return s === "" ? -1 : parseFloat(s); }
  function cellOf(row, el) { return row.querySelector('td[data-el="' + CSS.escape(el) + '"]'); }

  function keyFor(th) {
    var how = th.dataset.sort;
    if (how === "score") { return score; }
    if (how === "file") { return function (row) { return row.dataset.file; }; }
    if (how === "body" || how === "level") {   // rows with no body or level go last
      return function (row) { return row.dataset[how] || "\uffff"; };
    }
    if (how === "verdict") { return function (row) { return verdictRank[row.dataset.verdict]; }; }
    var el = th.dataset.el;
    return function (row) { var c = cellOf(row, el); return c ? rank[c.dataset.status] : 9; };
  }

  function compare(a, b) { return a < b ? -1 : (a > b ? 1 : 0); }

  function sortBy(th) {
    var descending = th.classList.contains("sorted-asc") ||
                     (!th.classList.contains("sorted-desc") && th.dataset.sort === "score");
    var key = keyFor(th), sign = descending ? -1 : 1;
    var sorted = rows().sort(function (a, b) {
      return sign * compare(key(a), key(b)) || compare(+a.dataset.index, +b.dataset.index);
    });
    var moved = document.createDocumentFragment();   // one reflow, not one per row
    sorted.forEach(function (row) { moved.appendChild(row); });
    body.appendChild(moved);
    table.querySelectorAll("th").forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
    th.classList.add(descending ? "sorted-desc" : "sorted-asc");
    table.dataset.sorted = (th.dataset.el || th.dataset.sort) + (descending ? "-desc" : "-asc");
  }

  table.querySelectorAll("th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () { sortBy(th); });
  });

  var verdictSelect = document.getElementById("f-verdict");
  var statusSelect = document.getElementById("f-status");
  var kindSelect = document.getElementById("f-kind");
  var elementSelect = document.getElementById("f-element");
  var verdictSelect = document.getElementById("f-verdict");
  var bodySelect = document.getElementById("f-body");
  var levelSelect = document.getElementById("f-level");

  function rowMatches(row, verdict, status, kind, el) {
    if (verdict && row.dataset.verdict !== verdict) { return false; }
    if (kind && row.dataset.kind !== kind) { return false; }
    if (verdictSelect.value && row.dataset.verdict !== verdictSelect.value) { return false; }
    if (bodySelect.value && row.dataset.body !== bodySelect.value) { return false; }
    if (levelSelect.value && row.dataset.level !== levelSelect.value) { return false; }
    if (!status) { return true; }
    if (status === "error") { return row.dataset.error === "yes"; }
    var cells = el ? [cellOf(row, el)] : row.querySelectorAll("td[data-el]");
    return Array.prototype.some.call(cells, function (c) { return c && c.dataset.status === status; });
  }

  function showColumns(el) {
    table.querySelectorAll("[data-el]").forEach(function (node) {
      node.classList.toggle("hidden", !!el && node.dataset.el !== el);
    });
  }

  function applyFilters() {
    var status = statusSelect.value, kind = kindSelect.value, el = elementSelect.value, shown = 0;
    rows().forEach(function (row) {
      var keep = rowMatches(row, verdictSelect.value, status, kind, el);
      row.classList.toggle("hidden", !keep);
      shown += keep ? 1 : 0;
    });
    showColumns(el);
    var counter = document.getElementById("shown");
    counter.textContent = counter.dataset.template.replace("{shown}", shown)
                                                  .replace("{total}", rows().length);
  }

  [verdictSelect, statusSelect, kindSelect, elementSelect, bodySelect, levelSelect].forEach(function (s) {
    s.addEventListener("change", applyFilters);
  });
  applyFilters();
})();
"""
