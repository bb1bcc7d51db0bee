// kaava docs: the site's one script (search, sortable and filterable
// tables, pan and zoom for views). The pages work without it.
(function () {
  "use strict";
  var body = document.body;
  var root = body.getAttribute("data-root") || "";
  var single = body.hasAttribute("data-single");

  // Lower case, accents off: "a" finds "ä". Words are letters and digits of
  // any script ("система" is a word too).
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss").toLowerCase();
  }
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }

  // The index, folded here once as the query is (kaava folds Latin
  // letters already; this covers every script the same way).
  var folded = null;
  function entries() {
    if (!folded) {
      folded = window.KAAVA_INDEX.map(function (item) {
        var name = fold(item[1]);
        return { item: item, name: name, text: words(item[3]).join(" ") + " " + words(name).join(" "),
                 id: item[4] ? fold(item[4]) : "" };
      });
    }
    return folded;
  }

  // Search over the index (assets/search-index.js): every word must occur.
  // An exact id or name comes first, then names that start with the first
  // word, then names that hold it, then the rest; by name within each.
  function search(query) {
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!list || !status || !window.KAAVA_INDEX) return;
    list.textContent = "";
    var wanted = words(query);
    if (wanted.length === 0) {
      status.textContent = String(query).trim() ? list.getAttribute("data-none") : "";
      return;
    }
    var whole = fold(String(query).trim());
    var joined = wanted.join(" ");
    var hits = [];
    entries().forEach(function (e) {
      for (var i = 0; i < wanted.length; i++) {
        if (e.text.indexOf(wanted[i]) < 0) return;
      }
      var at = e.name.indexOf(wanted[0]);
      var score = e.id === whole || e.name === whole || words(e.name).join(" ") === joined ? -1
                : at === 0 ? 0 : at > 0 ? 1 : 2;
      hits.push({ item: e.item, score: score });
    });
    hits.sort(function (a, b) { return a.score - b.score || (a.item[1] < b.item[1] ? -1 : a.item[1] > b.item[1] ? 1 : 0); });
    hits.slice(0, 200).forEach(function (hit) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = single ? hit.item[0] : root + hit.item[0];
      a.textContent = hit.item[1];
      var type = document.createElement("span");
      type.className = "type";
      type.textContent = hit.item[2];
      li.appendChild(a);
      li.appendChild(type);
      list.appendChild(li);
    });
    status.textContent = hits.length === 0 ? list.getAttribute("data-none")
                       : hits.length === 1 ? list.getAttribute("data-one")
                       : list.getAttribute("data-results").replace("{}", String(hits.length));
  }
  // One file: the tab's title follows the page shown, and the language
  // switcher leads to the same page in the other language's file.
  if (single) {
    var siteName = document.querySelector("header.top .site");
    var baseTitle = document.title;
    var retitle = function () {
      var id = decodeURIComponent(location.hash.slice(1));
      var page = id ? document.getElementById(id) : null;
      var label = page && page.classList.contains("page") ? page.getAttribute("aria-label") : "";
      var name = siteName ? siteName.textContent : "";
      document.title = label && label !== name ? label + " · " + name : baseTitle;
    };
    window.addEventListener("hashchange", retitle);
    retitle();
    // The skip link goes to the content of the page shown, not away from it.
    var skip = document.querySelector("a.skip");
    if (skip) {
      skip.addEventListener("click", function (event) {
        event.preventDefault();
        var id = decodeURIComponent(location.hash.slice(1));
        var page = (id && document.getElementById(id)) || document.querySelector("section.page.home");
        if (!page) return;
        page.tabIndex = -1;
        page.focus();
      });
    }
    Array.prototype.forEach.call(document.querySelectorAll("nav.languages a"), function (a) {
      a.addEventListener("click", function () { a.href = a.href.split("#")[0] + location.hash; });
    });
  }

  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  if (single && form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      location.hash = "search";
      search(input.value);
    });
  } else if (input) {
    var query = new URLSearchParams(location.search).get("q");
    if (query) { input.value = query; search(query); }
  }

  // Tables: click a heading to sort, type to filter.
  function cell(row, column) {
    var c = row.children[column];
    return c ? c.textContent.trim() : "";
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var tbody = table.tBodies[0];
    if (!tbody) return;
    var tools = table.previousElementSibling;
    if (tools && tools.classList.contains("table-tools")) {
      tools.hidden = false;
      var filter = tools.querySelector("input");
      filter.addEventListener("input", function () {
        var wanted = fold(filter.value.trim());
        Array.prototype.forEach.call(tbody.rows, function (row) {
          row.hidden = wanted.length > 0 && fold(row.textContent).indexOf(wanted) < 0;
        });
      });
    }
    var headings = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headings, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headings, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(tbody.rows);
        rows.sort(function (a, b) {
          var x = cell(a, column), y = cell(b, column);
          var order = x.localeCompare(y, document.documentElement.lang, { numeric: true, sensitivity: "base" });
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { tbody.appendChild(row); });
      });
    });
  });

  // Views: drag to pan, the wheel or the buttons to zoom. A reload (kaava
  // serve's after a change, or the browser's) keeps each view's zoom.
  Array.prototype.forEach.call(document.querySelectorAll("figure.view-svg"), function (figure, index) {
    var svg = figure.querySelector("svg");
    var tools = figure.previousElementSibling;
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal || !tools || !tools.classList.contains("view-tools")) return;
    var base = svg.viewBox.baseVal;
    var home = { x: base.x, y: base.y, w: base.width, h: base.height };
    if (home.w <= 0 || home.h <= 0) return;
    var view = { x: home.x, y: home.y, w: home.w, h: home.h };
    var key = "kaava-view:" + location.pathname + ":" + index;
    try {
      var kept = JSON.parse(sessionStorage.getItem(key) || "null");
      if (kept && kept.w > 0 && kept.h > 0) view = { x: +kept.x, y: +kept.y, w: +kept.w, h: +kept.h };
    } catch (e) { /* no storage (a file: page in some browsers): every load starts whole */ }
    window.addEventListener("pagehide", function () {
      try {
        var whole = view.x === home.x && view.y === home.y && view.w === home.w && view.h === home.h;
        if (whole) sessionStorage.removeItem(key); else sessionStorage.setItem(key, JSON.stringify(view));
      } catch (e) { /* as above */ }
    });
    tools.hidden = false;
    figure.classList.add("zoomable");
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    // As tall as the picture is at this width (a wide view gets a low
    // box), at most most of the window.
    function fit() {
      var width = svg.clientWidth || figure.clientWidth;
      svg.style.height = Math.round(Math.max(120, Math.min(window.innerHeight * 0.8, width * home.h / home.w))) + "px";
    }
    fit();
    show();
    window.addEventListener("resize", fit);
    window.addEventListener("hashchange", fit);  // one file: the view's page was hidden until now
    function show() { svg.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h); }
    function zoom(factor, fx, fy) {
      var w = Math.min(home.w * 4, Math.max(home.w / 40, view.w * factor));
      var h = w * view.h / view.w;
      view.x = fx - (fx - view.x) * w / view.w;
      view.y = fy - (fy - view.y) * h / view.h;
      view.w = w;
      view.h = h;
      show();
    }
    tools.addEventListener("click", function (event) {
      var kind = event.target.getAttribute("data-zoom");
      if (kind === "reset") { view = { x: home.x, y: home.y, w: home.w, h: home.h }; show(); }
      if (kind === "in") zoom(0.7, view.x + view.w / 2, view.y + view.h / 2);
      if (kind === "out") zoom(1 / 0.7, view.x + view.w / 2, view.y + view.h / 2);
    });
    function point(event) {
      var box = svg.getBoundingClientRect();
      var scale = Math.max(view.w / box.width, view.h / box.height);
      var ox = (box.width * scale - view.w) / 2, oy = (box.height * scale - view.h) / 2;
      return { x: view.x - ox + (event.clientX - box.left) * scale, y: view.y - oy + (event.clientY - box.top) * scale, scale: scale };
    }
    // The wheel zooms once the picture has focus (a click on it), or with
    // Ctrl; otherwise it scrolls the page past the picture.
    svg.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && document.activeElement !== figure) return;
      event.preventDefault();
      var p = point(event);
      zoom(event.deltaY < 0 ? 0.85 : 1 / 0.85, p.x, p.y);
    }, { passive: false });
    var drag = null;
    // The keyboard: arrows pan, + and - zoom, 0 resets (the figure takes focus).
    figure.tabIndex = 0;
    figure.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.altKey || event.metaKey) return;  // the browser's own zoom and keys
      var step = 0.1, handled = true;
      if (event.key === "ArrowLeft") view.x -= view.w * step;
      else if (event.key === "ArrowRight") view.x += view.w * step;
      else if (event.key === "ArrowUp") view.y -= view.h * step;
      else if (event.key === "ArrowDown") view.y += view.h * step;
      else if (event.key === "+" || event.key === "=") zoom(0.7, view.x + view.w / 2, view.y + view.h / 2);
      else if (event.key === "-") zoom(1 / 0.7, view.x + view.w / 2, view.y + view.h / 2);
      else if (event.key === "0") view = { x: home.x, y: home.y, w: home.w, h: home.h };
      else handled = false;
      if (handled) { event.preventDefault(); show(); }
    });
    // Dragging pans with a mouse or pen; on a touch screen a finger scrolls
    // the page as everywhere else (the buttons zoom).
    svg.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "touch") return;
      if (event.target.closest && event.target.closest("a")) return;  // a click on a node follows its link
      figure.focus({ preventScroll: true });
      drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, scale: point(event).scale };
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) return;
      view.x = drag.vx - (event.clientX - drag.x) * drag.scale;
      view.y = drag.vy - (event.clientY - drag.y) * drag.scale;
      show();
    });
    svg.addEventListener("pointerup", function () { drag = null; });
  });
})();
