// kaava serve: reloads this page when a change to the model changes it,
// and keeps where the page was scrolled to (kaava.js keeps each view's zoom).
(function () {
  "use strict";
  var script = document.currentScript;
  var generation = script ? script.getAttribute("data-generation") : "0";
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
  if (!window.EventSource) return;
  var events = new EventSource("/__kaava/events?page=" + encodeURIComponent(location.pathname) +
                               "&generation=" + encodeURIComponent(generation));
  events.addEventListener("reload", function () {
    events.close();
    try { sessionStorage.setItem(key, window.scrollX + "," + window.scrollY); } catch (e) { /* as above */ }
    location.reload();
  });
})();
