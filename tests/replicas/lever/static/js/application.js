/* Replica of the Lever form's own behaviour (own code): the resume parser that prefills the
 * contact fields after an upload, the custom-pronouns box, the applicant's time zone. */
(function () {
  "use strict";
  var form = document.getElementById("application-form");
  var tz = document.getElementById("applicant-timezone");
  if (tz) { try { tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) {} }

  var input = document.getElementById("resume-upload-input");
  var row = input && input.closest(".application-question");
  function setState(state) {
    row.classList.remove("resume-working", "resume-success", "resume-failure");
    if (state) row.classList.add("resume-" + state);
  }
  // Like Lever: what the parser read overwrites the fields, typed or not.
  function prefill(data) {
    var map = { name: "name", email: "email", phone: "phone", org: "org" };
    Object.keys(map).forEach(function (k) {
      if (!data[k]) return;
      var el = form.querySelector('[name="' + map[k] + '"]');
      if (el) el.value = data[k];
    });
    Object.keys(data.urls || {}).forEach(function (site) {
      var el = form.querySelector('[name="urls[' + site + ']"]');
      if (el) el.value = data.urls[site];
    });
  }
  if (input) {
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      row.querySelector(".filename").textContent = file ? file.name : "";
      if (!file) { setState(null); return; }
      setState("working");
      var body = new FormData();
      body.append("resume", file);
      fetch("/parseResume", { method: "POST", body: body })
        .then(function (r) { if (!r.ok) throw new Error("parse failed"); return r.json(); })
        .then(function (json) {
          form.querySelector('[name="resumeStorageId"]').value = json.resumeStorageId || "";
          prefill(json.data || {});
          setState("success");
        })
        .catch(function () { setState("failure"); });
    });
  }

  var custom = document.getElementById("customPronounsOption");
  var customText = document.getElementById("customPronounsTextField");
  if (custom && customText) {
    custom.addEventListener("change", function () {
      customText.style.display = custom.checked ? "" : "none";
      if (!custom.checked) customText.value = "";
    });
  }
})();
