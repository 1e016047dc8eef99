// The iCIMS replica's page script (invented): what the portal's own scripts do on each step.
// - the privacy checkbox enables the e-mail step's Next button;
// - choosing a resume uploads it to the parser, which answers later and fills the profile
//   (contact fields, work and education rows), overwriting what is there, as iCIMS does;
// - Work Experience / Education entries are added from a template and removed per entry.
(function () {
  "use strict";

  function setValue(el, value) {
    if (!el) return;
    if (el.type === "checkbox") el.checked = !!value;
    else el.value = value == null ? "" : String(value);
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // --- e-mail step: privacy acceptance gates Next -----------------------------------------
  var gdpr = document.getElementById("accept_gdpr");
  var next = document.getElementById("enterEmailSubmitButton");
  if (gdpr && next) {
    var sync = function () { next.disabled = !gdpr.checked; };
    gdpr.addEventListener("change", sync);
    gdpr.addEventListener("click", sync);
    sync();
  }

  // --- repeated entries ------------------------------------------------------------------
  function entries(kind) { return document.getElementById(kind === "work" ? "workEntries" : "educationEntries"); }

  function renumber(kind) {
    var list = entries(kind);
    if (!list) return;
    var rows = list.querySelectorAll(":scope > fieldset");
    rows.forEach(function (row, n) {
      var old = row.getAttribute("data-entry");
      row.setAttribute("data-entry", String(n));
      var legend = row.querySelector("legend");
      var title = kind === "work" ? "Work Experience " : "Education ";
      if (legend) legend.textContent = title + (n + 1);
      var rm = row.querySelector("[data-remove]");
      if (rm) { rm.setAttribute("data-remove", String(n)); rm.textContent = "Remove " + title + (n + 1); }
      row.querySelectorAll("[id], [name], label[for]").forEach(function (el) {
        ["id", "name", "for"].forEach(function (a) {
          var v = el.getAttribute(a);
          if (v) el.setAttribute(a, v.replace("_" + old + "_", "_" + n + "_"));
        });
      });
    });
  }

  function addEntry(kind) {
    var tpl = document.getElementById(kind === "work" ? "workTemplate" : "educationTemplate");
    var list = entries(kind);
    if (!tpl || !list) return null;
    var n = list.querySelectorAll(":scope > fieldset").length;
    var html = tpl.innerHTML.split("_999_").join("_" + n + "_").split('data-entry="999"').join('data-entry="' + n + '"');
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    list.appendChild(row);
    renumber(kind);
    return row;
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return;
    if (t.id === "addWork") { ev.preventDefault(); addEntry("work"); }
    else if (t.id === "addEducation") { ev.preventDefault(); addEntry("education"); }
    else if (t.hasAttribute("data-remove")) {
      ev.preventDefault();
      var row = t.closest("fieldset");
      var list = row && row.parentElement;
      if (row && list) {
        row.remove();
        renumber(list.getAttribute("data-kind"));
      }
    }
  });

  // --- resume parsing --------------------------------------------------------------------
  var form = document.getElementById("cp_form");
  var resume = document.getElementById("-1_PersonProfileFields.Resume");
  if (form && resume) {
    resume.addEventListener("change", function () {
      var file = resume.files && resume.files[0];
      if (!file) return;
      var status = document.getElementById("resumeParseStatus");
      status.textContent = "Parsing your resume...";
      form.setAttribute("data-parsing", "1");
      // The file goes up as base64 JSON, as the portal's uploader sends it in pieces: a
      // multipart blob body would reach a routed replica without its bytes.
      readBase64(file)
        .then(function (data) {
          return fetch(form.getAttribute("data-parse"), {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ filename: file.name, mime: file.type, data: data }),
          });
        })
        .then(function (r) { return r.json(); })
        .then(function (data) { prefill(data); status.textContent = "We filled in your profile from " + file.name + ". Please review it."; })
        .catch(function () { status.textContent = "We could not read your resume. Please fill in your profile."; })
        .then(function () { form.removeAttribute("data-parsing"); form.setAttribute("data-parsed", "1"); });
    });
  }

  function readBase64(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(String(reader.result).split(",", 2)[1] || ""); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsDataURL(file);
    });
  }

  function prefill(data) {
    Object.keys(data.fields || {}).forEach(function (name) {
      setValue(document.getElementById("-1_PersonProfileFields." + name), data.fields[name]);
    });
    fillRows("work", data.work || [], function (f, r) {
      setValue(f("Employer"), r.employer); setValue(f("JobTitle"), r.title);
      setValue(f("StartMonth"), r.start_month); setValue(f("StartYear"), r.start_year);
      setValue(f("EndMonth"), r.end_month); setValue(f("EndYear"), r.end_year);
      setValue(f("Current"), r.current);
    });
    fillRows("education", data.education || [], function (f, r) {
      setValue(f("School"), r.school); setValue(f("Degree"), r.degree);
      setValue(f("Major"), r.major); setValue(f("GraduationYear"), r.year);
    });
  }

  function fillRows(kind, rows, fill) {
    var list = entries(kind);
    if (!list) return;
    list.innerHTML = "";
    rows.forEach(function (r) {
      var row = addEntry(kind);
      var n = row.getAttribute("data-entry");
      var prefix = kind === "work" ? "-1_WorkExperience_" : "-1_Education_";
      fill(function (part) { return document.getElementById(prefix + n + "_" + part); }, r);
    });
  }
})();
