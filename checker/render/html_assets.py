"""The inline CSS and JavaScript of the HTML dashboard (checker/render/html.py).

Kept apart so the renderer reads as markup. The table's rows are data (a JSON block in the
page): the script shows one page of them at a time, sorted and filtered, building each row
with createElement and textContent only, so report text is never read as markup.
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
.pager { margin: .6em 0; display: flex; gap: .6em; align-items: center; flex-wrap: wrap; }
.pager button { min-width: 2.2em; }
#f-search { width: 16em; }
@media print { .pager { display: none !important; } }
"""

SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("matrix");
  var body = table.tBodies[0];
  var data = JSON.parse(document.getElementById("matrix-rows").textContent);
  var rows = data.rows, looks = data.cells;
  var F = {};                                    // field name -> its place in a row
  data.fields.forEach(function (name, at) { F[name] = at; });
  var marks = { "passed": "pass", "failed": "fail", "unreadable": "error" };
  var rank = { "missing": 0, "error": 0, "partial": 1, "met": 2, "not-applicable": 3, "": 4 };
  var verdictRank = { "failed": 0, "unreadable": 1, "passed": 2 };
  var columns = Array.prototype.map.call(table.querySelectorAll("thead th.el"),
                                         function (th) { return th.dataset.el; });
  var state = { sort: null, descending: false, page: 0, size: 100, filters: {} };
  var shownRows = rows.slice(), printing = false;

  function node(tag, css, text) {
    var made = document.createElement(tag);
    if (css) { made.className = css; }
    if (text !== undefined && text !== null) { made.textContent = text; }
    return made;
  }

  function link(href, name, file) {
    var a = node("a", "", name);
    a.href = href;
    a.title = file;
    return a;
  }

  function statusOf(row, el) {
    var at = columns.indexOf(el);
    return at < 0 ? "" : looks[row[F.cells][at]][0];
  }

  function fileCell(row) {
    var td = node("td", "file");
    td.appendChild(link(row[F.href], row[F.name], row[F.file]));
    td.appendChild(node("div", "title", row[F.title]));
    if (row[F.copies].length) {
      var list = node("ul", "copies");
      list.title = data.copiesTitle;
      row[F.copies].forEach(function (copy) {
        var item = node("li");
        item.appendChild(link(copy[0], copy[1], copy[2]));
        item.appendChild(document.createTextNode(" "));
        item.appendChild(node("span", "matched", copy[3]));
        list.appendChild(item);
      });
      td.appendChild(list);
    }
    return td;
  }

  function rowNode(row, only) {
    var tr = node("tr", row[F.css]);
    var set = { index: row[F.index], file: row[F.file], score: row[F.score], kind: row[F.kind],
                body: row[F.body], level: row[F.level], verdict: row[F.verdict],
                error: row[F.verdict] === "unreadable" ? "yes" : "" };
    Object.keys(set).forEach(function (key) { tr.dataset[key] = set[key]; });
    tr.appendChild(fileCell(row));
    tr.appendChild(node("td", "body", row[F.bodyName] || "\u2013"));
    tr.appendChild(node("td", "level", row[F.levelName] || "\u2013"));
    tr.appendChild(node("td", "score", row[F.score] || "\u2013"));
    var verdict = node("td", "verdict");
    verdict.appendChild(node("span", marks[row[F.verdict]], row[F.verdictName]));
    tr.appendChild(verdict);
    tr.appendChild(node("td", "kind", row[F.kindName]));
    row[F.cells].forEach(function (look, at) {
      var status = looks[look][0];
      var hidden = only && columns[at] !== only ? " hidden" : "";
      var td = node("td", "cell st-" + status + hidden, looks[look][1]);
      td.dataset.el = columns[at];
      td.dataset.status = status;
      td.title = looks[look][2];
      tr.appendChild(td);
    });
    return tr;
  }

  function keyFor(how, el) {
    if (how === "score") {   // no score (unreadable): below every score
      return function (row) { return row[F.score] === "" ? -1 : parseFloat(row[F.score]); };
    }
    if (how === "file") { return function (row) { return row[F.file]; }; }
    if (how === "body") { return function (row) { return row[F.body] || "\uffff"; }; }   // none: last
    if (how === "level") { return function (row) { return row[F.level] || "\uffff"; }; }
    if (how === "verdict") { return function (row) { return verdictRank[row[F.verdict]]; }; }
    return function (row) { var s = statusOf(row, el); return s in rank ? rank[s] : 9; };
  }

  function compare(a, b) { return a < b ? -1 : (a > b ? 1 : 0); }

  function ordered(list) {
    if (!state.sort) { return list; }
    var key = keyFor(state.sort.how, state.sort.el), sign = state.descending ? -1 : 1;
    return list.slice().sort(function (a, b) {
      return sign * compare(key(a), key(b)) || compare(a[F.index], b[F.index]);
    });
  }

  var selects = ["f-verdict", "f-body", "f-level", "f-status", "f-kind", "f-element"].map(function (id) {
    return document.getElementById(id);
  });
  var search = document.getElementById("f-search");

  function value(id) { var s = document.getElementById(id); return s ? s.value : ""; }

  function rowMatches(row, wanted) {
    if (wanted.verdict && row[F.verdict] !== wanted.verdict) { return false; }
    if (wanted.kind && row[F.kind] !== wanted.kind) { return false; }
    if (wanted.body && row[F.body] !== wanted.body) { return false; }
    if (wanted.level && row[F.level] !== wanted.level) { return false; }
    if (wanted.text) {
      var hay = [row[F.file], row[F.title], row[F.bodyName], row[F.body]].join("\\n").toLowerCase();
      if (hay.indexOf(wanted.text) < 0) { return false; }
    }
    if (!wanted.status) { return true; }
    if (wanted.status === "error") { return row[F.verdict] === "unreadable"; }
    if (wanted.el) { return statusOf(row, wanted.el) === wanted.status; }
    return row[F.cells].some(function (look) { return looks[look][0] === wanted.status; });
  }

  function wantedNow() {
    return { verdict: value("f-verdict"), kind: value("f-kind"), body: value("f-body"),
             level: value("f-level"), status: value("f-status"), el: value("f-element"),
             text: search.value.trim().toLowerCase() };
  }

  function pages() { return Math.max(1, Math.ceil(shownRows.length / state.size)); }

  function draw() {
    var el = value("f-element");
    var start = printing ? 0 : state.page * state.size;
    var slice = printing ? ordered(rows) : shownRows.slice(start, start + state.size);
    var made = document.createDocumentFragment();   // one reflow, not one per row
    slice.forEach(function (row) { made.appendChild(rowNode(row, printing ? "" : el)); });
    body.replaceChildren(made);
    table.querySelectorAll("thead [data-el]").forEach(function (th) {
      th.classList.toggle("hidden", !printing && !!el && th.dataset.el !== el);
    });
    var counter = document.getElementById("shown");
    counter.textContent = counter.dataset.template.replace("{shown}", shownRows.length)
                                                  .replace("{total}", rows.length);
    var at = document.getElementById("page-at");
    at.textContent = at.dataset.template.replace("{page}", state.page + 1).replace("{pages}", pages());
    var first = state.page === 0, last = state.page >= pages() - 1;
    ["page-first", "page-prev"].forEach(function (id) { document.getElementById(id).disabled = first; });
    ["page-next", "page-last"].forEach(function (id) { document.getElementById(id).disabled = last; });
    remember();
  }

  function refilter() {
    var wanted = wantedNow();
    shownRows = ordered(rows.filter(function (row) { return rowMatches(row, wanted); }));
    state.page = Math.min(state.page, pages() - 1);
    draw();
  }

  function sortBy(th) {
    var how = th.dataset.sort, el = th.dataset.el || "";
    var same = state.sort && state.sort.how === how && state.sort.el === el;
    state.descending = same ? !state.descending : how === "score";   // scores: highest first
    state.sort = { how: how, el: el };
    table.querySelectorAll("th").forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
    th.classList.add(state.descending ? "sorted-desc" : "sorted-asc");
    table.dataset.sorted = (el || how) + (state.descending ? "-desc" : "-asc");
    state.page = 0;
    refilter();
  }

  // the browser keeps this with the history entry: back from a report's page, the table is
  // as it was left (page, order, filters)
  function remember() {
    var filters = {};
    selects.concat([search, document.getElementById("page-size")]).forEach(function (s) {
      if (s) { filters[s.id] = s.value; }
    });
    state.filters = filters;
    try { history.replaceState({ fazhi: state }, ""); } catch (e) { /* no history: nothing kept */ }
  }

  function restore() {
    var kept = history.state && history.state.fazhi;
    if (!kept) { return; }
    Object.keys(kept.filters || {}).forEach(function (id) {
      var s = document.getElementById(id);
      if (s) { s.value = kept.filters[id]; }
    });
    state.size = kept.size || state.size;
    state.page = kept.page || 0;
    if (kept.sort) {
      var th = Array.prototype.filter.call(table.querySelectorAll("th[data-sort]"), function (h) {
        return h.dataset.sort === kept.sort.how && (h.dataset.el || "") === kept.sort.el;
      })[0];
      if (th) {
        state.sort = kept.sort;
        state.descending = kept.descending;
        th.classList.add(state.descending ? "sorted-desc" : "sorted-asc");
        table.dataset.sorted = (kept.sort.el || kept.sort.how) + (state.descending ? "-desc" : "-asc");
      }
    }
  }

  table.querySelectorAll("th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () { sortBy(th); });
  });
  selects.forEach(function (s) {
    s.addEventListener("change", function () { state.page = 0; refilter(); });
  });
  search.addEventListener("input", function () { state.page = 0; refilter(); });
  var size = document.getElementById("page-size");
  size.addEventListener("change", function () {
    var first = state.page * state.size;
    state.size = parseInt(size.value, 10);
    state.page = Math.floor(first / state.size);
    draw();
  });
  function go(page) { state.page = Math.max(0, Math.min(page, pages() - 1)); draw(); }
  document.getElementById("page-first").addEventListener("click", function () { go(0); });
  document.getElementById("page-prev").addEventListener("click", function () { go(state.page - 1); });
  document.getElementById("page-next").addEventListener("click", function () { go(state.page + 1); });
  document.getElementById("page-last").addEventListener("click", function () { go(pages() - 1); });

  // printed, the table holds every submission, whatever the filter or the page
  function printMode(on) { if (printing !== on) { printing = on; draw(); } }
  window.addEventListener("beforeprint", function () { printMode(true); });
  window.addEventListener("afterprint", function () { printMode(false); });
  var media = window.matchMedia("print");
  if (media.addEventListener) { media.addEventListener("change", function (e) { printMode(e.matches); }); }

  restore();
  size.value = String(state.size);
  refilter();
})();
"""
