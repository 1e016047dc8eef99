// The employer page grows the iCIMS iframe to its content, as the portal's resize messages do.
(function () {
  var frame = document.getElementById("icims_content_iframe");
  if (!frame) return;
  function fit() {
    try {
      var doc = frame.contentDocument;
      if (doc && doc.body) frame.height = String(Math.max(600, doc.body.scrollHeight + 40));
    } catch (e) { /* cross-origin: the portal keeps its own height */ }
  }
  frame.addEventListener("load", fit);
  setInterval(fit, 500);
})();
