// The career section's page script (invented replica): buttons that lead to another page.
(function () {
  "use strict";
  document.addEventListener("click", function (ev) {
    var b = ev.target instanceof Element ? ev.target.closest("[data-href]") : null;
    if (b) location.href = b.getAttribute("data-href");
  });
})();
