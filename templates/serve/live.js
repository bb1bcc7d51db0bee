// kaava serve: reloads this page when a change to the model changes it (or
// a picture it shows), and keeps where the page was scrolled to (kaava.js
// keeps each view's zoom). One event stream serves every open page: a
// shared worker holds it, as a browser allows only six connections to a
// server and a stream per page would use them up.
(function () {
  "use strict";
  var script = document.currentScript;
  var generation = script ? script.getAttribute("data-generation") : "";
  var key = "kaava-serve-scroll:" + location.pathname;
  try {
    var kept = sessionStorage.getItem(key);
    if (kept) {
      sessionStorage.removeItem(key);
      var xy = kept.split(",");
      if ("scrollRestoration" in history) history.scrollRestoration = "manual";
      window.addEventListener("load", function () { window.scrollTo(+xy[0] || 0, +xy[1] || 0); });
    }
  } catch (e) { /* no storage: the page starts at its top */ }

  // The errors' banner stays folded once folded, page after page.
  var banner = document.getElementById("kaava-serve-banner");
  if (banner) {
    try {
      if (sessionStorage.getItem("kaava-serve-banner") === "folded") banner.open = false;
      banner.addEventListener("toggle", function () {
        sessionStorage.setItem("kaava-serve-banner", banner.open ? "open" : "folded");
      });
    } catch (e) { /* as above */ }
  }

  var asking = false, waiting = null;
  function reload() {
    try { sessionStorage.setItem(key, window.scrollX + "," + window.scrollY); } catch (e) { /* as above */ }
    location.reload();
  }
  // A build `latest` is there: does this page read differently in it?
  function built(latest) {
    if (!latest || latest === generation) return;
    if (asking) { waiting = latest; return; }
    asking = true;
    fetch("/__kaava/changed?page=" + encodeURIComponent(location.pathname) +
          "&generation=" + encodeURIComponent(generation), { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        if (answer.reload) { reload(); return; }
        generation = answer.generation;  // the same page: later builds are compared with this one
        asking = false;
        if (waiting) { var next = waiting; waiting = null; built(next); }
      })
      .catch(function () { asking = false; });
  }
  if (window.SharedWorker) {
    try {
      var worker = new SharedWorker("/__kaava/worker.js");
      worker.port.onmessage = function (event) { built(event.data); };
      worker.port.start();
      return;
    } catch (e) { /* no shared worker here: a stream of the page's own */ }
  }
  if (window.EventSource) {
    new EventSource("/__kaava/events").addEventListener("build", function (event) { built(event.data); });
  }
})();
