/*
 * Jobvite replica — the apply page of a careers site (invented company, job and questions;
 * no captured markup or text).
 *
 * What it reproduces from Jobvite, because that is what makes it hard:
 * - an AngularJS-style page: `form.jv-form.jv-apply-form[name="scopeData.applyForm"]` in two
 *   steps (`ng-form="scopeData.step1"`, `scopeData.step2` with the prescreen questions and
 *   the EEO section) swapped in place with `ng-hide`; the model is fed by the controls'
 *   input/change events only (what is sent is the model, not the DOM);
 * - `.jv-form-field` wrappers, `label.jv-form-field-label` with `.jv-required-label`,
 *   standard fields named firstName, lastName, email, phone, address, city, state (a select
 *   of state codes), postalCode, country (a select);
 * - the "use my Jobvite profile" sign-in panel (`.jv-login`), and Apply with LinkedIn / Indeed:
 *   options the flow must skip;
 * - attachments: `#attachResume` / `#attachCoverLetter`, a "Select" button opening a menu of
 *   File (a file input), LinkedIn, and Type or Paste (a textarea that shows only once
 *   chosen); the file is uploaded as soon as it is chosen;
 * - work history and education as numbered repeating blocks ("Add Employer"), each with its
 *   own Company / Title / dates, and prescreen radios drawn as `<i role=radio>` icons over
 *   hidden native radios;
 * - validation per step (inline messages, a banner), "Send Application", then the
 *   confirmation in place; the server refuses a second application from the same e-mail.
 */
(function () {
  "use strict";
  var C = window.JV_REPLICA;
  var form = document.querySelector("form.jv-apply-form");
  var M = { fields: {}, work: [{}], education: [{}], answers: {}, eeo: {}, resume: null, coverLetterText: "", coverLetterFile: null };
  window.JV_MODEL = M;

  function esc(s) { return String(s == null ? "" : s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
  function $(sel, scope) { return (scope || document).querySelector(sel); }
  function $$(sel, scope) { return Array.prototype.slice.call((scope || document).querySelectorAll(sel)); }
  var ids = 0;
  function fid() { return "jv-field-" + (++ids).toString(36) + "x" + Math.random().toString(36).slice(2, 6); }
  function req(r) { return r ? ' <span class="jv-required-label">*</span>' : ""; }

  function textField(name, label, opts) {
    opts = opts || {};
    var id = opts.id || fid();
    var input = opts.multiline
      ? '<textarea id="' + id + '" name="' + name + '" ng-model="' + (opts.model || "applyData." + name) + '"' + (opts.required ? " required" : "") + "></textarea>"
      : '<input id="' + id + '" name="' + name + '" type="' + (opts.type || "text") + '" ng-model="' + (opts.model || "applyData." + name) + '"' +
        (opts.required ? " required" : "") + (opts.placeholder ? ' placeholder="' + esc(opts.placeholder) + '"' : "") + (opts.autocomplete ? ' autocomplete="' + opts.autocomplete + '"' : "") + ">";
    return '<div class="jv-form-field jv-form-field-' + (opts.multiline ? "textarea" : "text") + '">' +
      '<label class="jv-form-field-label" for="' + id + '">' + esc(label) + req(opts.required) + "</label>" +
      '<div class="jv-form-field-control">' + input + '</div><p class="jv-form-field-error" role="alert"></p></div>';
  }

  function selectField(name, label, options, opts) {
    opts = opts || {};
    var id = fid();
    return '<div class="jv-form-field jv-form-field-select">' +
      '<label class="jv-form-field-label" for="' + id + '">' + esc(label) + req(opts.required) + "</label>" +
      '<div class="jv-form-field-control"><select id="' + id + '" name="' + name + '"' + (opts.required ? " required" : "") + ">" +
      '<option value="">Select an option...</option>' +
      options.map(function (o) { var v = Array.isArray(o) ? o[0] : o, t = Array.isArray(o) ? o[1] : o; return '<option value="' + esc(v) + '">' + esc(t) + "</option>"; }).join("") +
      '</select></div><p class="jv-form-field-error" role="alert"></p></div>';
  }

  function radioField(name, label, options, opts) {
    opts = opts || {};
    var lid = fid();
    return '<div class="jv-form-field jv-form-field-radio' + (opts.prescreen ? " jv-prescreen-element" : "") + '"><fieldset class="jv-input-group">' +
      '<legend class="jv-form-field-legend" id="' + lid + '">' + esc(label) + req(opts.required) + "</legend>" +
      options.map(function (o, i) {
        var rid = name + "-" + i;
        return '<label class="jv-input-group-row" for="' + rid + '"><i class="icon icon-radio-empty" role="radio" aria-checked="false"></i>' +
          '<input class="jv-visually-hidden" id="' + rid + '" type="radio" name="' + name + '" value="' + esc(o) + '"' + (opts.required ? " required" : "") + "> " + esc(o) + "</label>";
      }).join("") + '</fieldset><p class="jv-form-field-error" role="alert"></p></div>';
  }

  function attachment(kind, title, required) {
    var header = kind === "resume" ? "jv-resume-header" : "jv-cover-letter-header";
    var box = kind === "resume" ? "attachResume" : "attachCoverLetter";
    return '<h3 id="' + header + '" class="jv-form-section-header">' + title + req(required) + "</h3>" +
      '<div id="' + box + '" class="jv-add-attachment" data-kind="' + kind + '">' +
      '<button type="button" class="jv-button jv-attachment-select" aria-haspopup="true" aria-labelledby="' + header + '">Select</button>' +
      '<ul class="jv-attachment-menu ng-hide" role="menu">' +
      '<li role="menuitem"><label class="jv-attachment-file" for="' + box + '-file">File</label>' +
      '<input type="file" id="' + box + '-file" class="jv-visually-hidden" accept=".pdf,.doc,.docx,.txt"></li>' +
      '<li role="menuitem"><span role="button" class="jv-attachment-linkedin">LinkedIn</span></li>' +
      '<li role="menuitem"><span role="button" class="jv-add-attachment-paste">Type or Paste ' + (kind === "resume" ? "Resume" : "Cover Letter") + "</span></li></ul>" +
      '<div class="jv-paste ng-hide"><label class="jv-form-field-label" for="' + box + '-text">Type or paste your ' + (kind === "resume" ? "resume" : "cover letter") + " here</label>" +
      '<textarea id="' + box + '-text" name="' + kind + 'Text"></textarea></div>' +
      '<ul class="jv-file-list"></ul><p class="jv-form-field-error" role="alert"></p></div>';
  }

  function workBlock(i) {
    return '<fieldset class="jv-repeat-group jv-work-history" data-index="' + i + '"><legend class="jv-form-field-legend">Employer ' + (i + 1) + "</legend>" +
      textField("workHistory[" + i + "].company", "Company Name", { model: "applyData.work[" + i + "].company" }) +
      textField("workHistory[" + i + "].title", "Job Title", { model: "applyData.work[" + i + "].title" }) +
      textField("workHistory[" + i + "].startDate", "Start Date", { placeholder: "MM/YYYY", model: "applyData.work[" + i + "].startDate" }) +
      textField("workHistory[" + i + "].endDate", "End Date", { placeholder: "MM/YYYY", model: "applyData.work[" + i + "].endDate" }) +
      '<div class="jv-form-field jv-form-field-checkbox"><label class="jv-input-group-row"><input type="checkbox" name="workHistory[' + i + '].current"> I currently work here</label></div>' +
      "</fieldset>";
  }

  function educationBlock(i) {
    return '<fieldset class="jv-repeat-group jv-education" data-index="' + i + '"><legend class="jv-form-field-legend">School ' + (i + 1) + "</legend>" +
      textField("education[" + i + "].school", "School", { model: "applyData.education[" + i + "].school" }) +
      selectField("education[" + i + "].degree", "Degree", C.degrees) +
      textField("education[" + i + "].major", "Major / Field of Study", { model: "applyData.education[" + i + "].major" }) +
      textField("education[" + i + "].graduationDate", "Graduation Date", { placeholder: "MM/YYYY", model: "applyData.education[" + i + "].graduationDate" }) +
      "</fieldset>";
  }

  function step1() {
    return '<div ng-form="scopeData.step1" class="jv-apply-step" data-step="1">' +
      '<section class="jv-apply-options"><p>Apply with</p>' +
      '<button type="button" class="jv-button jv-button-secondary jv-apply-linkedin">Apply with LinkedIn</button> ' +
      '<button type="button" class="jv-button jv-button-secondary jv-apply-indeed">Apply with Indeed</button> ' +
      '<button type="button" class="jv-button jv-button-link jv-profile-signin">Sign in with your Jobvite profile</button>' +
      '<div class="jv-login ng-hide"><h4>Sign in</h4>' +
      textField("loginEmail", "Email", { type: "email", model: "login.email" }) + textField("loginPassword", "Password", { type: "password", model: "login.password" }) +
      '<button type="button" class="jv-button jv-login-submit">Sign In</button></div></section>' +
      '<h3 class="jv-form-section-header">Contact Information</h3>' +
      textField("firstName", "First Name", { required: true, autocomplete: "given-name" }) +
      textField("lastName", "Last Name", { required: true, autocomplete: "family-name" }) +
      textField("email", "Email", { required: true, type: "email", autocomplete: "email" }) +
      textField("phone", "Phone", { required: true, type: "tel", autocomplete: "tel" }) +
      textField("address", "Address") +
      textField("city", "City", { required: true }) +
      selectField("state", "State/Province", C.states) +
      textField("postalCode", "Postal Code") +
      selectField("country", "Country", C.countries, { required: true }) +
      attachment("resume", "Add Resume", true) +
      attachment("coverLetter", "Add Cover Letter", false) +
      '<h3 class="jv-form-section-header">Work History</h3><div class="jv-work-blocks">' + workBlock(0) + "</div>" +
      '<button type="button" class="jv-button jv-button-secondary jv-add-employer" aria-label="Add Employer">+ Add Employer</button>' +
      '<h3 class="jv-form-section-header">Education</h3><div class="jv-education-blocks">' + educationBlock(0) + "</div>" +
      '<p class="jv-page-error-banner" role="alert"></p>' +
      '<div class="jv-apply-form-actions"><button type="button" id="jv-apply-next" class="jv-button jv-button-primary">Next</button></div></div>';
  }

  function step2() {
    var html = '<div ng-form="scopeData.step2" class="jv-apply-step jv-prescreen-section ng-hide" data-step="2"><h3 class="jv-form-section-header">Questions</h3>';
    C.questions.forEach(function (q) {
      if (q.type === "radio") html += radioField(q.name, q.label, q.options, { required: q.required, prescreen: true });
      else if (q.type === "select") html += '<div class="jv-prescreen-element">' + selectField(q.name, q.label, q.options, { required: q.required }) + "</div>";
      else html += '<div class="jv-prescreen-element">' + textField(q.name, q.label, { required: q.required, multiline: q.type === "textarea", model: "applyData.answers." + q.name }) + "</div>";
    });
    html += '<section class="jv-eeo"><h3 class="jv-form-section-header">Voluntary Self-Identification</h3>' +
      "<p>Providing this information is voluntary. It will not be used in the hiring decision.</p>";
    C.eeo.forEach(function (q) { html += selectField(q.name, q.label, q.options); });
    html += '</section><p class="jv-page-error-banner" role="alert"></p><div class="jv-apply-form-actions">' +
      '<button type="button" id="jv-apply-back" class="jv-button">Back</button> ' +
      '<button type="submit" id="jv-apply-submit" class="jv-button jv-button-primary">Send Application</button></div></div>';
    return html;
  }

  form.innerHTML = step1() + step2();

  // --- binding: the model follows each control's own events --------------------------

  function setPath(name, value) {
    var m = /^(workHistory|education)\[(\d+)\]\.(\w+)$/.exec(name);
    if (m) {
      var list = m[1] === "workHistory" ? M.work : M.education;
      list[+m[2]] = list[+m[2]] || {};
      list[+m[2]][m[3]] = value;
    } else if (C.questions.some(function (q) { return q.name === name; })) M.answers[name] = value;
    else if (C.eeo.some(function (q) { return q.name === name; })) M.eeo[name] = value;
    else if (name === "coverLetterText") M.coverLetterText = value;
    else if (name && name !== "resumeText" && !/^login/.test(name)) M.fields[name] = value;
  }
  form.addEventListener("input", function (ev) {
    var el = ev.target;
    if (el.type === "radio" || el.type === "checkbox" || el.type === "file") return;
    setPath(el.name, el.value);
  });
  form.addEventListener("change", function (ev) {
    var el = ev.target;
    if (el.type === "file") return;
    if (el.type === "radio") {
      if (el.checked) setPath(el.name, el.value);
      $$('input[name="' + el.name + '"]', form).forEach(function (r) {
        var icon = r.parentNode.querySelector("i[role=radio]");
        icon.className = "icon " + (r.checked ? "icon-radio-checked" : "icon-radio-empty");
        icon.setAttribute("aria-checked", r.checked ? "true" : "false");
      });
      return;
    }
    setPath(el.name, el.type === "checkbox" ? el.checked : el.value);
  });
  $$("i[role=radio]", form).forEach(function (icon) {
    icon.addEventListener("click", function () { var r = icon.parentNode.querySelector("input"); if (!r.checked) r.click(); });
  });

  // --- sign-in panel and external apply (never used by JobPilot) ----------------------

  $(".jv-profile-signin").addEventListener("click", function () { $(".jv-login").classList.toggle("ng-hide"); });
  $(".jv-login-submit").addEventListener("click", function () {
    fetch("/api/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: $("[name=loginEmail]").value }) });
  });
  $$(".jv-apply-linkedin, .jv-apply-indeed").forEach(function (b) {
    b.addEventListener("click", function () { fetch("/api/external-apply", { method: "POST", body: b.textContent }); });
  });

  // --- attachments ----------------------------------------------------------------------

  $$(".jv-add-attachment").forEach(function (box) {
    var kind = box.getAttribute("data-kind");
    var menu = $(".jv-attachment-menu", box);
    $(".jv-attachment-select", box).addEventListener("click", function () { menu.classList.toggle("ng-hide"); });
    $(".jv-add-attachment-paste", box).addEventListener("click", function () {
      menu.classList.add("ng-hide");
      $(".jv-paste", box).classList.remove("ng-hide");
    });
    $("input[type=file]", box).addEventListener("change", function (ev) {
      var f = ev.target.files && ev.target.files[0];
      if (!f) return;
      menu.classList.add("ng-hide");
      var fd = new FormData();
      fd.append("file", f, f.name);
      fetch("/api/upload?kind=" + kind, { method: "POST", body: fd }).then(function (r) { return r.json(); }).then(function (j) {
        var att = { id: j.id, name: f.name };
        if (kind === "resume") M.resume = att; else M.coverLetterFile = att;
        $(".jv-file-list", box).innerHTML = "<li>" + esc(f.name) + "</li>";
      });
    });
  });

  // --- repeating blocks -------------------------------------------------------------------

  $(".jv-add-employer").addEventListener("click", function () {
    var n = $$(".jv-work-history", form).length;
    if (n >= 5) return;
    $(".jv-work-blocks").insertAdjacentHTML("beforeend", workBlock(n));
    M.work[n] = {};
  });

  // --- steps, validation, submission --------------------------------------------------------

  function validate(step) {
    var bad = [];
    $$(".jv-form-field-error", step).forEach(function (p) { p.textContent = ""; });
    $$("[required]", step).forEach(function (el) {
      var empty = el.type === "radio" ? !$$('input[name="' + el.name + '"]', step).some(function (r) { return r.checked; }) : !String(el.value || "").trim();
      if (!empty) return;
      var holder = el.closest(".jv-form-field");
      var err = holder && $(".jv-form-field-error", holder);
      var label = holder && (($(".jv-form-field-label", holder) || $(".jv-form-field-legend", holder)) || {}).textContent;
      if (err) err.textContent = "This field is required.";
      bad.push(String(label || el.name).replace(/\*/g, "").trim() + " is required.");
    });
    if (step.getAttribute("data-step") === "1" && !M.resume) {
      $("#attachResume .jv-form-field-error").textContent = "Please add your resume.";
      bad.push("Please add your resume.");
    }
    $(".jv-page-error-banner", step).textContent = bad.length ? "Please correct the errors below." : "";
    return Array.from(new Set(bad));
  }

  $("#jv-apply-next").addEventListener("click", function () {
    var s1 = $("[data-step='1']");
    if (validate(s1).length) return;
    s1.classList.add("ng-hide");
    $("[data-step='2']").classList.remove("ng-hide");
    window.scrollTo(0, 0);
  });
  $("#jv-apply-back").addEventListener("click", function () {
    $("[data-step='2']").classList.add("ng-hide");
    $("[data-step='1']").classList.remove("ng-hide");
  });
  var sending = false;
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var s2 = $("[data-step='2']");
    if (sending || validate(s2).length) return;
    sending = true;
    var body = {
      fields: M.fields, work: M.work.filter(function (w) { return w && Object.keys(w).some(function (k) { return w[k]; }); }),
      education: M.education.filter(function (e) { return e && Object.keys(e).some(function (k) { return e[k]; }); }),
      answers: M.answers, eeo: M.eeo, resume: M.resume, coverLetterText: M.coverLetterText, coverLetterFile: M.coverLetterFile,
    };
    fetch("/api/jobs/" + C.jobId + "/apply", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { status: r.status, body: j }; }); })
      .then(function (r) {
        sending = false;
        if (r.status === 200) {
          document.querySelector(".jv-page-body").innerHTML = '<div class="jv-wrapper jv-apply-confirmation"><h2>Thank you for your application!</h2>' +
            "<p>Your application for " + esc(C.title) + " has been submitted to " + esc(C.company) + ".</p></div>";
          return;
        }
        $(".jv-page-error-banner", s2).textContent = r.body.error || "Your application could not be submitted.";
      });
  });
})();
