/* Replica of Greenhouse's embed loader (boards.greenhouse.io/embed/job_board/js?for=...):
 * on a company's careers page it puts the application iframe into #grnhse_app for the
 * posting named by the page's ?gh_jid= parameter. */
(function () {
  "use strict";
  var script = document.currentScript;
  var board = new URL(script.src).searchParams.get("for");
  function load() {
    var jid = new URLSearchParams(window.location.search).get("gh_jid");
    var app = document.getElementById("grnhse_app");
    if (!app || !jid || document.getElementById("grnhse_iframe")) return;
    var frame = document.createElement("iframe");
    frame.id = "grnhse_iframe";
    frame.width = "100%";
    frame.setAttribute("frameborder", "0");
    frame.setAttribute("scrolling", "no");
    frame.setAttribute("allow", "geolocation");
    frame.title = "Greenhouse Job Board";
    frame.style.height = "3200px";
    frame.style.border = "0";
    frame.src = "https://job-boards.greenhouse.io/embed/job_app?for=" + encodeURIComponent(board) +
      "&token=" + encodeURIComponent(jid);
    app.appendChild(frame);
  }
  window.Grnhse = { Iframe: { load: load } };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load);
  else load();
})();
