// kaava serve: the one event stream of this browser, shared by every open
// page of the site; each build's token goes to every page.
var pages = [];
var latest = null;
var events = new EventSource("/__kaava/events");
events.addEventListener("build", function (event) {
  latest = event.data;
  pages.forEach(function (port) { port.postMessage(latest); });
});
onconnect = function (event) {
  var port = event.ports[0];
  pages.push(port);
  if (latest) port.postMessage(latest);
};
