/*
 * Workable replica — the one-page application (invented account, job and questions; no
 * captured markup or text).
 *
 * What it reproduces from real Workable, because that is what makes it hard:
 * - a React app whose every input is controlled (what is sent is React state), CSS-module
 *   class names (styles--xxxxx), data-ui hooks, ids firstname/lastname/email/headline,
 *   custom attributes CA_<n> and questions QA_<n>, uploaders input_files_input_<id>;
 * - the resume upload is parsed by the server at once: it fills the fields still empty and
 *   creates Education and Experience entries (with the mistakes a parser makes);
 * - Education / Experience entries: "+ Add" opens an entry form, Save / Cancel; saved
 *   entries are cards with Edit / Remove; one form open at a time;
 * - the phone field with an intl-tel-input country picker (div role=combobox, a listbox of
 *   countries), Workable dropdowns (readonly input role=combobox + a hidden input named
 *   after the field, options in a listbox that opens on click), yes/no questions as
 *   role=radio wrappers around hidden native radios, checkbox groups named by option ids,
 *   the GDPR box; validation on submit (inline errors, nothing sent);
 * - after Submit, with the account's e-mail verification on, a six-digit code "e-mailed" to
 *   the applicant must be entered before the application counts; a wrong code is refused.
 */
(function () {
  "use strict";
  var h = React.createElement;
  var useState = React.useState;
  var useRef = React.useRef;
  var C = window.WK_REPLICA;

  function cx() { return Array.prototype.filter.call(arguments, Boolean).join(" "); }
  function rid() { return Math.random().toString(36).slice(2, 10) + Math.random().toString(36).slice(2, 10); }
  function useRid() { var r = useRef(null); if (r.current === null) r.current = rid().slice(0, 16); return r.current; }
  function api(method, url, body) {
    var init = { method: method, headers: { Accept: "application/json" } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) { init.body = JSON.stringify(body); init.headers["Content-Type"] = "application/json"; }
    return fetch(url, init).then(function (r) { return r.json().then(function (j) { return { status: r.status, body: j }; }); });
  }

  // --- fields -----------------------------------------------------------------------------

  function Label(props) {
    return h("span", { className: "styles--1-9tY" },
      props.required ? h("span", { className: "styles--33eUF", "aria-hidden": "true" }, h("strong", null, "*")) : null,
      h("span", null, h("span", { id: props.id, className: "styles--QTMDv" }, h("strong", null, props.text)),
        props.required ? null : h("span", { className: "styles--f-uLT" }, " (Optional)")));
  }

  function Err(props) {
    return props.error ? h("div", { className: "styles--err", role: "alert", id: props.id }, props.error) : null;
  }

  function Text(props) {
    var name = props.name;
    var attrs = {
      id: props.id || name, "data-ui": props.ui || name, name: name, "aria-labelledby": (props.id || name) + "_label",
      required: props.required || undefined, type: props.multiline ? undefined : props.type || "text",
      className: "styles--2e9Cp", value: props.value || "", autoComplete: props.autoComplete,
      placeholder: props.placeholder, "aria-invalid": props.error ? "true" : undefined,
      onChange: function (e) { props.onChange(e.target.value); },
    };
    return h("div", { className: "styles--3IYUq" },
      h("label", { className: "styles--3aPac" },
        h(Label, { id: (props.id || name) + "_label", text: props.label, required: props.required }),
        h("div", { className: "styles--1tBNa" }, h("div", { className: "styles--3qHIU" }, h(props.multiline ? "textarea" : "input", attrs)))),
      h(Err, { error: props.error }));
  }

  function Dropdown(props) {
    var st = useState(false);
    var open = st[0], setOpen = st[1];
    var lid = props.name + "_label";
    var listId = "input_" + props.name + "_listbox";
    return h("div", { className: "styles--3IYUq styles--aZ3VQ" },
      h("div", { className: "styles--3aPac" }, h(Label, { id: lid, text: props.label, required: props.required })),
      h("div", { className: "styles--2N29s", "data-ui": props.name },
        h("label", { className: "styles--2bW8g" },
          h("div", { className: "styles--1tBNa styles--2JAdl" }, h("div", { className: "styles--3qHIU" },
            h("input", {
              role: "combobox", "aria-haspopup": "listbox", "aria-expanded": open ? "true" : "false", "aria-controls": listId,
              autoComplete: "off", id: "input_" + props.name + "_input", placeholder: "Select an option…", readOnly: true,
              "aria-labelledby": lid, type: "text", className: "styles--2e9Cp", value: props.value || "",
              onClick: function () { setOpen(!open); }, onKeyDown: function (e) { if (e.key === "Escape") setOpen(false); if (e.key === "ArrowDown") setOpen(true); },
              onChange: function () {},
            })))),
        h("input", { name: props.name, required: props.required || undefined, className: "styles--3eBMS", value: props.value || "", onChange: function () {}, tabIndex: -1, "aria-hidden": "true", hidden: true }),
        open ? h("ul", { role: "listbox", id: listId, className: "styles--menu" },
          props.options.map(function (o) {
            return h("li", { key: o, role: "option", "aria-selected": o === props.value ? "true" : "false", className: "styles--opt",
              onMouseDown: function (e) { e.preventDefault(); }, onClick: function () { props.onChange(o); setOpen(false); } }, o);
          })) : null),
      h(Err, { error: props.error }));
  }

  function YesNo(props) {
    var lid = useRid() + "_label";
    return h("div", { className: "styles--3IYUq" },
      h("div", { className: "styles--3aPac" }, h(Label, { id: lid, text: props.label, required: props.required })),
      h("fieldset", { role: "radiogroup", "data-ui": props.name, "aria-labelledby": lid, className: "styles--2-TzV" },
        [["true", "YES"], ["false", "NO"]].map(function (o) {
          var id = props.name + "_" + o[0];
          return h("div", { key: o[0], "data-ui": "option", role: "radio", "aria-checked": props.value === o[0] ? "true" : "false",
            "aria-labelledby": lid + " radio_label_" + id, id: "wrapper_" + id, className: "styles--2uZxz" },
            h("label", null,
              h("input", { id: id, type: "radio", name: props.name, value: o[0], className: "styles--2e9Cp", checked: props.value === o[0],
                required: props.required || undefined, onChange: function () { props.onChange(o[0]); } }),
              h("div", null, h("span", { id: "radio_label_" + id }, o[1]))));
        })),
      h(Err, { error: props.error }));
  }

  function CheckGroup(props) {
    var lid = useRid() + "_label";
    var chosen = props.value || [];
    return h("div", { className: "styles--3IYUq" },
      h("div", { className: "styles--3aPac" }, h(Label, { id: lid, text: props.label, required: props.required })),
      h("div", { role: "group", "data-ui": props.name, "aria-labelledby": lid, className: "styles--2-TzV" },
        props.options.map(function (o) {
          var on = chosen.indexOf(o[1]) >= 0;
          return h("label", { key: o[0], className: "styles--2dcpC" },
            h("div", { role: "checkbox", "aria-checked": on ? "true" : "false", className: "styles--3muiL" },
              h("input", { type: "checkbox", name: o[0], checked: on, className: "styles--2e9Cp", onChange: function (e) {
                props.onChange(e.target.checked ? chosen.concat([o[1]]) : chosen.filter(function (x) { return x !== o[1]; }));
              } })),
            h("span", { className: "styles--QTMDv" }, o[1]));
        })),
      h(Err, { error: props.error }));
  }

  function FileField(props) {
    var key = useRid();
    var inputId = "input_files_input_" + key;
    return h("div", { className: "styles--3IYUq styles--YBb-N" },
      h("div", { className: "styles--3aPac" }, h(Label, { id: key + "_label", text: props.label, required: props.required })),
      h("div", { className: "styles--1L916" },
        h("label", { role: "button", htmlFor: inputId, id: "description_" + inputId, className: "button--2de5X tertiary--1JsWJ" }, "Choose file"),
        h("span", { className: "styles--f-uLT" }, " or drag and drop here"),
        h("input", { "data-ui": props.ui, id: inputId, type: "file", className: "styles--1lKzl",
          "aria-labelledby": key + "_label description_" + inputId, required: props.required || undefined,
          onChange: function (e) { var f = e.target.files && e.target.files[0]; if (f) props.onFile(f); } }),
        props.file ? h("div", { className: "styles--file", "data-ui": "file-name" }, props.file.name) : null),
      h(Err, { error: props.error }));
  }

  function Phone(props) {
    var st = useState(false);
    var open = st[0], setOpen = st[1];
    var v = props.value;
    var current = C.countries.filter(function (c) { return c[0] === v.country; })[0] || C.countries[0];
    return h("div", { className: "styles--3IYUq" },
      h("div", { className: "styles--3aPac" }, h(Label, { id: "phone_label", text: "Phone", required: props.required })),
      h("div", { className: "styles--1EuHm", "data-ui": "phone" },
        h("div", { className: "iti iti--allow-dropdown iti--separate-dial-code" },
          h("div", { className: "iti__flag-container" },
            h("div", { className: "iti__selected-flag", role: "combobox", tabIndex: 0, "aria-haspopup": "listbox", "aria-expanded": open ? "true" : "false",
              "aria-controls": "iti-0__country-listbox", "aria-label": "Telephone country code", onClick: function () { setOpen(!open); },
              onKeyDown: function (e) { if (e.key === "ArrowDown" || e.key === "Enter" || e.key === " ") setOpen(true); if (e.key === "Escape") setOpen(false); } },
              h("div", { className: "iti__selected-dial-code" }, current[2])),
            open ? h("ul", { className: "iti__country-list", id: "iti-0__country-listbox", role: "listbox", "aria-label": "List of countries" },
              C.countries.map(function (c) {
                return h("li", { key: c[0], className: "iti__country", role: "option", "aria-selected": c[0] === v.country ? "true" : "false",
                  onClick: function () { props.onChange({ country: c[0], number: v.number }); setOpen(false); } },
                  h("span", { className: "iti__country-name" }, c[1]), " ", h("span", { className: "iti__dial-code" }, c[2]));
              })) : null),
          h("input", { name: "phone", type: "tel", required: props.required || undefined, className: "styles--2e9Cp iti__tel-input", autoComplete: "off",
            "aria-labelledby": "phone_label", value: v.number, onChange: function (e) {
              // Like intl-tel-input: a number typed with its dial code selects that country.
              var n = e.target.value, country = v.country;
              var m = /^\+(\d{1,3})/.exec(n.replace(/\s/g, ""));
              if (m) {
                var same = C.countries.filter(function (c) { return c[2] === "+" + m[1]; });
                if (same.length && !same.some(function (c) { return c[0] === country; })) country = same[0][0];
              }
              props.onChange({ country: country, number: n });
            } }))),
      h(Err, { error: props.error }));
  }

  // --- education / experience entries --------------------------------------------------------

  var ENTRY = {
    education: {
      title: "Education", add: "Add Education", parts: [["school", "School", true], ["field_of_study", "Field of study"], ["degree", "Degree"], ["start_date", "Start date"], ["end_date", "End date"]],
      current: "I currently attend", card: function (e) { return [e.school, e.degree, e.field_of_study].filter(Boolean).join(" · "); },
    },
    experience: {
      title: "Experience", add: "Add Experience", parts: [["title", "Title", true], ["company", "Company"], ["industry", "Industry"], ["summary", "Summary", false, true], ["start_date", "Start date"], ["end_date", "End date"]],
      current: "I currently work here", card: function (e) { return [e.title, e.company].filter(Boolean).join(" · "); },
    },
  };
  var MONTH_YEAR = /^(0[1-9]|1[0-2])\/(19|20)\d\d$/;

  function Entries(props) {
    var D = ENTRY[props.section];
    var list = props.value;
    var editing = props.editing && props.editing.section === props.section ? props.editing : null;
    var errs = useState({});
    function setDraft(k, v) { props.setEditing(Object.assign({}, editing, { draft: Object.assign({}, editing.draft, (function () { var o = {}; o[k] = v; return o; })()) })); }
    function save() {
      var d = editing.draft, e = {};
      D.parts.forEach(function (p) {
        var v = (d[p[0]] || "").trim();
        if (p[2] && !v) e[p[0]] = "Required";
        else if (/_date$/.test(p[0]) && v && !MONTH_YEAR.test(v)) e[p[0]] = "Use MM/YYYY";
      });
      if (d.current) delete e.end_date;
      errs[1](e);
      if (Object.keys(e).length) return;
      var entry = {};
      D.parts.forEach(function (p) { entry[p[0]] = (d[p[0]] || "").trim(); });
      entry.current = !!d.current;
      if (entry.current) entry.end_date = "";
      var next = list.slice();
      next[editing.index] = entry;
      props.onChange(next);
      props.setEditing(null);
    }
    function form(i) {
      var d = editing.draft;
      return h("div", { key: "form", "data-ui": props.section + "-entry", className: "styles--entry" },
        D.parts.map(function (p) {
          return h(Text, { key: p[0], id: props.section + "_" + p[0], name: props.section + "_" + p[0], ui: p[0], label: p[1], required: p[2], multiline: p[3],
            placeholder: /_date$/.test(p[0]) ? "MM/YYYY" : undefined, value: d[p[0]], error: errs[0][p[0]], onChange: function (v) { setDraft(p[0], v); } });
        }),
        h("label", { className: "styles--2dcpC" }, h("input", { type: "checkbox", "data-ui": "current", id: props.section + "_current", checked: !!d.current,
          onChange: function (e) { setDraft("current", e.target.checked); } }), " ", D.current),
        h("div", { className: "styles--actions" },
          h("button", { type: "button", "data-ui": "save-entry", className: "button--2de5X primary--25RCR", onClick: save }, "Save"),
          h("button", { type: "button", "data-ui": "cancel-entry", className: "button--2de5X tertiary--1JsWJ", onClick: function () { errs[1]({}); props.setEditing(null); } }, "Cancel")));
    }
    var rows = list.map(function (e, i) {
      if (editing && editing.index === i) return form(i);
      return h("div", { key: i, className: "styles--card", "data-ui": props.section + "-item" },
        h("span", null, D.card(e)),
        h("button", { type: "button", "aria-label": "Edit " + D.title + " entry", "data-ui": "edit-entry", className: "button--2de5X tertiary--1JsWJ",
          onClick: function () { if (!props.editing) props.setEditing({ section: props.section, index: i, draft: Object.assign({}, e) }); } }, "Edit"),
        h("button", { type: "button", "aria-label": "Remove " + D.title + " entry", "data-ui": "remove-entry", className: "button--2de5X tertiary--1JsWJ",
          onClick: function () { if (!props.editing) props.onChange(list.filter(function (_, k) { return k !== i; })); } }, "Remove"));
    });
    if (editing && editing.index === list.length) rows.push(form(list.length));
    return h("div", { className: "styles--1YIkW", "data-ui": props.section },
      h("div", { className: "styles--36XiB" },
        h("p", { id: props.section + "_label" }, D.title, h("small", null, " (Optional)")),
        h("button", { "data-ui": "add-section", "aria-label": D.add, className: "button--2de5X secondary--2ySVn", type: "button",
          onClick: function () { if (!props.editing) props.setEditing({ section: props.section, index: list.length, draft: {} }); } }, "+ Add")),
      rows);
  }

  // --- the page ---------------------------------------------------------------------------

  function App() {
    var init = { firstname: "", lastname: "", email: "", headline: "", phone: { country: "US", number: "" }, address: "", summary: "",
      cover_letter: "", education: [], experience: [], answers: {}, gdpr: false, resume: null };
    var s = useState(init);
    var st = s[0], setSt = s[1];
    var ed = useState(null);
    var e = useState({});
    var errors = e[0], setErrors = e[1];
    var phase = useState({ step: "form" });
    var code = useState("");
    function set(k) { return function (v) { setSt(function (prev) { var n = Object.assign({}, prev); n[k] = v; return n; }); }; }
    function answer(k) { return function (v) { setSt(function (prev) { var a = Object.assign({}, prev.answers); a[k] = v; return Object.assign({}, prev, { answers: a }); }); }; }

    function onResume(file) {
      var fd = new FormData();
      fd.append("file", file, file.name);
      api("POST", "/api/v1/accounts/" + C.account + "/resume?shortcode=" + C.shortcode, fd).then(function (r) {
        if (r.status !== 200) return;
        var p = r.body;
        setSt(function (prev) {
          var n = Object.assign({}, prev, { resume: { id: p.fileId, name: file.name } });
          ["firstname", "lastname", "email", "headline", "summary"].forEach(function (k) { if (!prev[k] && p[k]) n[k] = p[k]; });
          if (!prev.phone.number && p.phone) n.phone = { country: prev.phone.country, number: p.phone };
          if (!prev.education.length) n.education = p.education;
          if (!prev.experience.length) n.experience = p.experience;
          return n;
        });
      });
    }

    function validate() {
      var out = {};
      if (!st.firstname.trim()) out.firstname = "First name is required";
      if (!st.lastname.trim()) out.lastname = "Last name is required";
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(st.email.trim())) out.email = "Enter a valid email address";
      if (!st.phone.number.trim()) out.phone = "Phone is required";
      if (!st.resume) out.resume = "Resume is required";
      if (!st.gdpr) out.gdpr = "You need to accept the privacy notice";
      C.fields.forEach(function (f) {
        var v = st.answers[f.name];
        if (f.required && (v == null || v === "" || (Array.isArray(v) && !v.length))) out[f.name] = "This field is required";
      });
      if (ed[0]) out.entry = "Save or cancel the entry you are editing";
      return out;
    }

    function submit(ev) {
      ev.preventDefault();
      if (phase[0].step === "sending") return;
      var out = validate();
      setErrors(out);
      if (Object.keys(out).length) return;
      phase[1]({ step: "sending" });
      var body = Object.assign({}, st, { resume: st.resume });
      api("POST", "/api/v1/accounts/" + C.account + "/jobs/" + C.shortcode + "/apply", body).then(function (r) {
        if (r.status === 200) phase[1]({ step: "done" });
        else if (r.status === 202) phase[1]({ step: "verify", email: r.body.email, token: r.body.token });
        else phase[1]({ step: "form", error: r.body.error || "Something went wrong" });
      });
    }

    function verify(ev) {
      ev.preventDefault();
      var p = phase[0];
      api("POST", "/api/v1/accounts/" + C.account + "/jobs/" + C.shortcode + "/verify", { token: p.token, code: code[0] }).then(function (r) {
        if (r.status === 200) phase[1]({ step: "done" });
        else phase[1](Object.assign({}, p, { error: r.body.error || "The code is not valid" }));
      });
    }

    var p = phase[0];
    if (p.step === "done") {
      return h("div", { className: "styles--done", "data-ui": "application-sent" },
        h("h2", null, "Thank you for applying!"), h("p", null, "Your application for " + C.title + " at " + C.company + " has been received."));
    }
    if (p.step === "verify") {
      return h("form", { className: "styles--verify", "data-ui": "email-verification", onSubmit: verify },
        h("h2", null, "Verify your email"),
        h("p", null, "We sent a 6-digit code to " + p.email + ". Enter it to submit your application."),
        h(Text, { name: "verification_code", ui: "verification-code", label: "Verification code", required: true, value: code[0], onChange: code[1], autoComplete: "one-time-code" }),
        p.error ? h("p", { role: "alert", className: "styles--err" }, p.error) : null,
        h("button", { type: "submit", "data-ui": "verify-button", className: "button--2de5X primary--25RCR" }, "Verify"));
    }
    var fields = C.fields.map(function (f) {
      var common = { key: f.name, name: f.name, label: f.label, required: f.required, value: st.answers[f.name], onChange: answer(f.name), error: errors[f.name] };
      if (f.type === "dropdown") return h(Dropdown, Object.assign(common, { options: f.options }));
      if (f.type === "boolean") return h(YesNo, common);
      if (f.type === "multiple") return h(CheckGroup, Object.assign(common, { options: f.options }));
      if (f.type === "file") return h(FileField, { key: f.name, ui: f.name, label: f.label, required: f.required, file: st.answers[f.name],
        onFile: function (file) { answer(f.name)({ name: file.name }); } });
      return h(Text, Object.assign(common, { multiline: f.type === "paragraph" }));
    });
    return h("form", { className: "styles--2I-rr", "data-ui": "application-form", noValidate: true, onSubmit: submit },
      h("section", { "data-ui": "section", className: "styles--QXNVJ" },
        h("h2", { id: "section-0_section_name" }, "Personal information"),
        h("div", { "data-ui": "section-fields" },
          h(Text, { name: "firstname", label: "First name", required: true, value: st.firstname, onChange: set("firstname"), error: errors.firstname }),
          h(Text, { name: "lastname", label: "Last name", required: true, value: st.lastname, onChange: set("lastname"), error: errors.lastname }),
          h(Text, { name: "email", type: "email", label: "Email", required: true, value: st.email, onChange: set("email"), error: errors.email }),
          h(Text, { name: "headline", label: "Headline", value: st.headline, onChange: set("headline") }),
          h(Phone, { required: true, value: st.phone, onChange: set("phone"), error: errors.phone }),
          h(Text, { name: "address", label: "Address", value: st.address, onChange: set("address") }))),
      h("section", { "data-ui": "section", className: "styles--QXNVJ" },
        h("h2", { id: "section-1_section_name" }, "Profile"),
        h("div", { "data-ui": "section-fields" },
          h(Entries, { section: "education", value: st.education, onChange: set("education"), editing: ed[0], setEditing: ed[1] }),
          h(Entries, { section: "experience", value: st.experience, onChange: set("experience"), editing: ed[0], setEditing: ed[1] }),
          errors.entry ? h("p", { role: "alert", className: "styles--err" }, errors.entry) : null,
          h(Text, { name: "summary", label: "Summary", multiline: true, value: st.summary, onChange: set("summary") }),
          h(FileField, { ui: "resume", label: "Resume", required: true, file: st.resume, onFile: onResume, error: errors.resume }))),
      h("section", { "data-ui": "section", className: "styles--QXNVJ" },
        h("h2", { id: "section-2_section_name" }, "Details"),
        h("div", { "data-ui": "section-fields" },
          h(Text, { name: "cover_letter", label: "Cover letter", multiline: true, value: st.cover_letter, onChange: set("cover_letter") }),
          fields)),
      h("section", { "data-ui": "section", className: "styles--QXNVJ" },
        h("div", { "data-ui": "gdpr", className: "styles--1C6Ij" },
          h("label", { className: "styles--2dcpC", "data-ui": "gdpr" },
            h("div", { role: "checkbox", "aria-checked": st.gdpr ? "true" : "false", className: "styles--3muiL" },
              h("input", { type: "checkbox", name: "gdpr", checked: st.gdpr, className: "styles--2e9Cp", onChange: function (ev) { set("gdpr")(ev.target.checked); } })),
            h("span", { className: "styles--QTMDv" }, "I have read and accept the privacy notice of " + C.company + " and consent to the processing of my data for this application.")),
          h(Err, { error: errors.gdpr }))),
      p.error ? h("p", { role: "alert", className: "styles--err" }, p.error) : null,
      h("button", { type: "submit", "data-ui": "apply-button", className: "button--2de5X primary--25RCR styles--10XMc" }, "Submit application"));
  }

  ReactDOM.createRoot(document.getElementById("app")).render(h(App));
})();
