// Classic career-site behaviour (invented replica): Apply goes to sign-in for this
// requisition; "Email Job to Friend" opens its dialog.
(function () {
  "use strict";
  var form = document.getElementById("careerform");
  if (!form) return;
  var company = document.getElementById("career_company").value;
  var req = document.getElementById("career_job_req_id").value;
  document.addEventListener("click", function (ev) {
    var b = ev.target instanceof Element ? ev.target.closest("button") : null;
    if (!b) return;
    if (b.getAttribute("data-ns") === "login") {
      location.href = "/career?company=" + encodeURIComponent(company) + "&career_ns=login&career_job_req_id=" + encodeURIComponent(req);
    } else if (b.getAttribute("data-action") === "email") {
      document.getElementById("emailJobDialog").hidden = false;
    }
  });
})();
