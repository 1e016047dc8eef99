/*
 * JobPilot test replica of the Ashby embed script (served as
 * https://jobs.ashbyhq.com/<org>/embed): it puts the posting named by the page's ?ashby_jid=
 * into an iframe from jobs.ashbyhq.com inside #ashby_embed. Invented, minimal.
 */
(function () {
  "use strict";
  var me = document.currentScript;
  var org = new URL(me.src).pathname.split("/").filter(Boolean)[0];
  var jid = new URLSearchParams(location.search).get("ashby_jid");
  var host = document.getElementById("ashby_embed");
  if (!host || !jid) return;
  var frame = document.createElement("iframe");
  frame.id = "ashby_embed_iframe";
  frame.title = "Ashby Job Board";
  frame.src = "https://jobs.ashbyhq.com/" + org + "/" + jid + "/application?embed=js";
  host.appendChild(frame);
})();
