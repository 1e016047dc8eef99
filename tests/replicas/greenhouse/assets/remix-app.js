/*
 * Replica of Greenhouse's job-boards (Remix) application form, written for JobPilot's tests
 * with invented content. Real React 18 renders it; markup conventions follow the real
 * renderer (ids, classes, aria wiring, react-select structure), the behaviour too:
 *
 * - react-select dropdowns: the menu opens on mousedown or typing, renders options only
 *   while open, filters on the typed text, picks on click, clears the search on blur;
 *   degree/discipline lists are fetched from the server when a menu first opens, locations
 *   and schools are searched on the server as the person types ("Loading..." meanwhile);
 * - uploads: Attach (hidden file input), Dropbox, Google Drive, "Enter manually" (textarea);
 * - "Race" appears only once "Are you Hispanic/Latino?" is answered "No";
 * - client-side required-field validation, server errors shown under their fields;
 * - the e-mailed security code: 8 one-character boxes, Submit disabled until all are filled;
 * - the invisible reCAPTCHA: with CFG.recaptchaChallenge the submit click opens the image
 *   challenge (bframe) instead of posting; a token delivered to the widget's response field
 *   and data-callback closes it and posts, as Google's widget does for the page.
 */
(function () {
  "use strict";
  var h = React.createElement;
  var useState = React.useState;
  var useRef = React.useRef;
  var useEffect = React.useEffect;
  var CFG = JSON.parse(document.getElementById("gh-form-definition").textContent);
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var REQUIRED_MSG = "This field is required.";

  function cls() {
    return Array.prototype.filter.call(arguments, Boolean).join(" ");
  }

  function star(required) {
    return required ? h("span", { "aria-hidden": "true" }, "*") : null;
  }

  function errorText(id, error) {
    return error ? h("p", { id: id + "-error", className: "helper-text helper-text--error" }, error) : null;
  }

  // --- text inputs ---------------------------------------------------------------------

  function TextInput(p) {
    var multi = p.multiline;
    var tag = multi ? "textarea" : "input";
    var attrs = {
      id: p.id,
      className: cls("input", multi ? "input__multi-line" : "input__single-line"),
      "aria-label": p.label,
      "aria-describedby": p.id + "-description " + p.id + "-error " + p.id + "-help",
      "aria-invalid": p.error ? "true" : "false",
      "aria-errormessage": p.id + "-error",
      "aria-required": p.required ? "true" : "false",
      value: p.value || "",
      onChange: function (e) { p.onChange(e.target.value); },
    };
    if (multi) attrs.rows = 4;
    else {
      attrs.type = p.type || "text";
      attrs.maxLength = 255;
      if (p.autoComplete) attrs.autoComplete = p.autoComplete;
    }
    return h("div", { className: cls("field-wrapper", multi && "field-wrapper--multiline") },
      h("div", { className: "text-input-wrapper" },
        h("div", { className: cls("input-wrapper", multi && "input-wrapper__multi-line") },
          h("label", { id: p.id + "-label", htmlFor: p.id, className: "label label" }, p.label, star(p.required)),
          h(tag, attrs),
          errorText(p.id, p.error))));
  }

  // --- react-select look-alike ---------------------------------------------------------

  function matches(label, input) {
    return label.toLowerCase().indexOf(input.trim().toLowerCase()) >= 0;
  }

  /**
   * props: id, label, required, value, onChange, error, placeholder,
   *   options (static list) | source {url, mode: "open" | "search"}
   */
  function Select(p) {
    var s1 = useState(false), open = s1[0], setOpen = s1[1];
    var s2 = useState(""), input = s2[0], setInput = s2[1];
    var s3 = useState(p.options || null), list = s3[0], setList = s3[1];
    var s4 = useState(false), loading = s4[0], setLoading = s4[1];
    var s5 = useState(0), focused = s5[0], setFocused = s5[1];
    var s6 = useState(false), hasFocus = s6[0], setHasFocus = s6[1];
    var inputRef = useRef(null);
    var seq = useRef(0);
    var source = p.source;

    useEffect(function () {
      if (!open || !source) return undefined;
      if (source.mode === "open") {
        if (list !== null) return undefined;
        setLoading(true);
        fetch(source.url).then(function (r) { return r.json(); }).then(function (items) {
          setList(items);
          setLoading(false);
        });
        return undefined;
      }
      // Type-to-search: nothing until two characters, then a debounced server search.
      var term = input.trim();
      if (term.length < 2) { setList([]); setLoading(false); return undefined; }
      setLoading(true);
      var mine = ++seq.current;
      var timer = setTimeout(function () {
        fetch(source.url + "?term=" + encodeURIComponent(term)).then(function (r) { return r.json(); })
          .then(function (items) {
            if (mine !== seq.current) return; // a newer search is under way
            setList(items);
            setLoading(false);
          });
      }, 200);
      return function () { clearTimeout(timer); };
    }, [open, input]);

    var shown = [];
    if (list) {
      shown = source && source.mode === "search" ? list : list.filter(function (o) { return matches(o, input); });
    }

    function choose(label) {
      p.onChange(label);
      setInput("");
      setOpen(false);
    }

    function onControlMouseDown(e) {
      var onInput = e.target === inputRef.current;
      if (!onInput) e.preventDefault();
      if (!hasFocus) { inputRef.current.focus(); setOpen(true); return; }
      if (!open) setOpen(true);
      else if (!onInput) setOpen(false);
    }

    function onKeyDown(e) {
      if (e.key === "ArrowDown") { e.preventDefault(); if (!open) setOpen(true); else setFocused(Math.min(focused + 1, shown.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); setFocused(Math.max(focused - 1, 0)); }
      else if (e.key === "Enter") { if (open && shown[focused] != null) { e.preventDefault(); choose(shown[focused]); } }
      else if (e.key === "Escape") { setOpen(false); setInput(""); }
    }

    var menu = null;
    if (open) {
      var body;
      if (loading) body = h("div", { className: "select__menu-notice select__menu-notice--loading" }, "Loading...");
      else if (!shown.length) body = h("div", { className: "select__menu-notice select__menu-notice--no-options" }, "No options");
      else {
        body = shown.map(function (o, i) {
          return h("div", {
            key: o, id: "react-select-" + p.id + "-option-" + i, role: "option", tabIndex: -1,
            "aria-selected": o === p.value ? "true" : "false",
            className: cls("select__option", i === focused && "select__option--is-focused", o === p.value && "select__option--is-selected"),
            onMouseMove: function () { if (focused !== i) setFocused(i); },
            onClick: function () { choose(o); },
          }, o);
        });
      }
      menu = h("div", { className: "select__menu", onMouseDown: function (e) { e.preventDefault(); } },
        h("div", { className: "select__menu-list", role: "listbox", id: "react-select-" + p.id + "-listbox",
          "aria-multiselectable": "false" }, body));
    }
    var placeholderId = "react-select-" + p.id + "-placeholder";
    var showValue = p.value && !input;
    return h("div", { className: "select" },
      h("div", { className: "select__container" },
        h("label", { id: p.id + "-label", htmlFor: p.id, className: "label select__label" }, p.label, star(p.required)),
        h("div", { className: "select-shell" },
          h("span", { id: "react-select-" + p.id + "-live-region", className: "a11yText" }),
          h("span", { "aria-live": "polite", "aria-atomic": "false", "aria-relevant": "additions text", role: "log", className: "a11yText" }),
          h("div", null,
            h("div", { className: cls("select__control", hasFocus && "select__control--is-focused", open && "select__control--menu-is-open"), onMouseDown: onControlMouseDown },
              h("div", { className: "select__value-container" },
                showValue ? h("div", { className: "select__single-value" }, p.value) : null,
                !p.value && !input ? h("div", { className: "select__placeholder", id: placeholderId }, p.placeholder == null ? "Select..." : p.placeholder) : null,
                h("div", { className: "select__input-container", "data-value": input },
                  h("input", {
                    ref: inputRef, className: "select__input", id: p.id, type: "text", role: "combobox",
                    autoCapitalize: "none", autoComplete: "off", autoCorrect: "off", spellCheck: "false", tabIndex: 0,
                    "aria-autocomplete": "list", "aria-expanded": open ? "true" : "false", "aria-haspopup": "true",
                    "aria-errormessage": p.id + "-error", "aria-invalid": p.error ? "true" : "false",
                    "aria-labelledby": p.id + "-label", "aria-required": p.required ? "true" : "false",
                    "aria-controls": open ? "react-select-" + p.id + "-listbox" : undefined,
                    "aria-describedby": placeholderId + (p.error ? " " + p.id + "-error" : ""),
                    enterKeyHint: "done", value: input,
                    onChange: function (e) { setInput(e.target.value); setOpen(true); setFocused(0); },
                    onFocus: function () { setHasFocus(true); },
                    onBlur: function () { setHasFocus(false); setOpen(false); setInput(""); },
                    onKeyDown: onKeyDown,
                  }))),
              h("div", { className: "select__indicators" },
                source && source.mode === "search" ? null :
                  h("button", { type: "button", className: "icon-button icon-button--sm", "aria-label": "Toggle flyout", tabIndex: -1,
                    onMouseDown: function (e) { e.preventDefault(); inputRef.current.focus(); setOpen(!open); } }, h("svg", { width: 12, height: 12, "aria-hidden": "true" })))),
            menu),
          p.required ? h("input", { required: true, tabIndex: -1, "aria-hidden": "true", className: "requiredInput",
            value: p.value || "", onChange: function () {} }) : null),
        errorText(p.id, p.error)));
  }

  // --- uploads -----------------------------------------------------------------------------

  function FileUpload(p) {
    var fileRef = useRef(null);
    var st = p.state || { mode: "buttons" };
    var labelId = "upload-label-" + p.id;
    var content;
    if (st.mode === "text") {
      content = h("div", { className: "file-upload__text" },
        h("label", { className: "visually-hidden", htmlFor: p.id + "_text" }, p.label),
        h("textarea", { id: p.id + "_text", className: "input input__multi-line", rows: 6,
          "aria-describedby": p.id + "-error", value: st.text || "",
          onChange: function (e) { p.onChange({ mode: "text", text: e.target.value }); } }),
        h("button", { type: "button", className: "btn btn--tertiary", onClick: function () { p.onChange({ mode: "buttons" }); } }, "Cancel"));
    } else {
      content = h("div", { className: "button-container" },
        st.file ? h("div", { className: "file-upload__filename" }, h("span", null, st.file.name),
          h("button", { type: "button", className: "icon-button", "aria-label": "Remove file",
            onClick: function () { if (fileRef.current) fileRef.current.value = ""; p.onChange({ mode: "buttons" }); } }, "\u00d7")) : null,
        h("div", { className: "secondary-button" },
          h("div", null,
            h("button", { type: "button", className: "btn btn--rectangle", onClick: function () { fileRef.current.click(); } }, "Attach"),
            h("label", { className: "visually-hidden", htmlFor: p.id }, "Attach"),
            h("input", { id: p.id, ref: fileRef, className: "visually-hidden", type: "file", accept: ".pdf,.doc,.docx,.txt,.rtf", "aria-describedby": p.id + "-error",
              onChange: function (e) { var f = e.target.files[0]; p.onChange(f ? { mode: "buttons", file: f } : { mode: "buttons" }); } }))),
        h("div", { className: "secondary-button" },
          h("button", { type: "button", className: "btn btn--rectangle", "data-testid": p.id + "-dropbox" }, "Dropbox")),
        h("div", { className: "secondary-button" },
          h("button", { type: "button", className: "btn btn--rectangle" }, "Google Drive")),
        p.allowText ? h("div", { className: "secondary-button" },
          h("div", null,
            h("button", { type: "button", className: "btn btn--rectangle", "data-testid": p.id + "-text",
              onClick: function () { p.onChange({ mode: "text", text: "" }); } }, "Enter manually"),
            h("label", { className: "visually-hidden", htmlFor: p.id + "_text" }, "Enter manually"))) : null,
        h("p", { className: "file-upload__filetypes" }, "Accepted file types: pdf, doc, docx, txt, rtf"));
    }
    return h("div", { className: "field-wrapper" },
      h("div", { role: "group", "aria-labelledby": labelId, "aria-required": p.required ? "true" : "false", className: "file-upload", "data-allow-s3": "false" },
        h("div", { id: labelId, className: "label upload-label" }, p.label, p.required ? h("span", { className: "required" }, "*") : null),
        h("div", { className: "file-upload__wrapper" }, content),
        errorText(p.id, p.error)));
  }

  function Checkbox(p) {
    return h("div", { className: "checkbox", id: p.group },
      h("div", { className: "checkbox__wrapper" },
        h("div", { className: "checkbox__input" },
          h("input", { type: "checkbox", id: p.id, name: p.group, value: "1", checked: !!p.checked,
            "aria-required": p.required ? "true" : "false", "aria-describedby": p.group + "-description " + p.group + "-error",
            onChange: function (e) { p.onChange(e.target.checked); } })),
        h("label", { htmlFor: p.id }, p.label, star(p.required))),
      errorText(p.group, p.error));
  }

  // --- the form ----------------------------------------------------------------------------

  function App() {
    var s1 = useState({}), values = s1[0], setValues = s1[1];
    var s2 = useState({}), uploads = s2[0], setUploads = s2[1];
    var s3 = useState({}), errors = s3[0], setErrors = s3[1];
    var s4 = useState(false), codeStep = s4[0], setCodeStep = s4[1];
    var s5 = useState(["", "", "", "", "", "", "", ""]), code = s5[0], setCode = s5[1];
    var s6 = useState(null), codeError = s6[0], setCodeError = s6[1];
    var s7 = useState(false), busy = s7[0], setBusy = s7[1];
    var s8 = useState(false), challenge = s8[0], setChallenge = s8[1];
    var token = useRef(null);
    var post = useRef(null);

    function set(id) {
      return function (v) {
        setValues(function (old) { var n = Object.assign({}, old); n[id] = v; return n; });
        setErrors(function (old) { if (!old[id]) return old; var n = Object.assign({}, old); delete n[id]; return n; });
      };
    }
    function setUpload(id) {
      return function (v) {
        setUploads(function (old) { var n = Object.assign({}, old); n[id] = v; return n; });
        setErrors(function (old) { var n = Object.assign({}, old); delete n[id]; return n; });
      };
    }

    var required = [["first_name"], ["last_name"], ["email"], ["country"], ["phone"], ["candidate_location", "candidate-location"]];
    CFG.questions.forEach(function (q) { if (q.required) required.push([q.id]); });
    if (CFG.gdpr && CFG.gdpr.processing) required.push(["gdpr_processing_consent_given"]);

    function validate() {
      var errs = {};
      required.forEach(function (r) {
        var v = values[r[1] || r[0]];
        if (v == null || v === "" || v === false) errs[r[1] || r[0]] = REQUIRED_MSG;
      });
      var resume = uploads.resume || {};
      if (!resume.file && !(resume.mode === "text" && (resume.text || "").trim())) errs.resume = REQUIRED_MSG;
      if (values.email && !/^[^@\s]+@[^@\s]+$/.test(values.email)) errs.email = "Enter a valid email address.";
      return errs;
    }

    function formData() {
      var fd = new FormData();
      ["first_name", "last_name", "email", "phone", "country"].forEach(function (k) { fd.append(k, values[k] || ""); });
      fd.append("candidate_location", values["candidate-location"] || "");
      ["resume", "cover_letter"].forEach(function (k) {
        var u = uploads[k] || {};
        if (u.file) fd.append(k, u.file, u.file.name);
        else if (u.mode === "text") fd.append(k + "_text", u.text || "");
      });
      CFG.questions.forEach(function (q) {
        if (q.type === "input_file") { var u = uploads[q.id] || {}; if (u.file) fd.append(q.id, u.file, u.file.name); }
        else fd.append(q.id, values[q.id] || "");
      });
      ["school", "degree", "discipline", "start-month", "start-year", "end-month", "end-year"].forEach(function (k) {
        fd.append("education[0][" + k.replace("-", "_") + "]", values[k + "--0"] || "");
      });
      (CFG.demographic ? CFG.demographic.questions : []).forEach(function (q) { fd.append("demographic[" + q.id + "]", values[q.id] || ""); });
      ["gender", "hispanic_ethnicity", "race", "veteran_status", "disability_status"].forEach(function (k) { fd.append(k, values[k] || ""); });
      ["gdpr_processing_consent_given", "gdpr_demographic_data_consent_given"].forEach(function (k) { fd.append(k, values[k] ? "1" : "0"); });
      fd.append("g-recaptcha-response", CFG.recaptchaChallenge ? token.current || "" : "replica-invisible-token");
      if (codeStep) fd.append("security_code", code.join(""));
      return fd;
    }

    function onSubmit(e) {
      e.preventDefault();
      var errs = validate();
      if (Object.keys(errs).length) { setErrors(errs); return; }
      if (CFG.recaptchaChallenge && !token.current) { setChallenge(true); return; }
      send();
    }

    // The widget calls back with its token (solved by the person, or delivered by a solver).
    post.current = function (t) { token.current = t; setChallenge(false); send(); };
    useEffect(function () {
      window.onReplicaRecaptcha = function (t) { post.current(t); };
    }, []);

    function send() {
      setBusy(true);
      fetch(CFG.submitPath, { method: "POST", body: formData(), headers: { Accept: "application/json" } })
        .then(function (r) { return r.json().then(function (d) { return [r.status, d]; }); })
        .then(function (res) {
          var status = res[0], data = res[1];
          setBusy(false);
          if (status === 428) { setCodeStep(true); setCode(["", "", "", "", "", "", "", ""]); setCodeError(null); return; }
          if (status === 422) {
            if (data.errors && data.errors.security_code) setCodeError(data.errors.security_code);
            else setErrors(data.errors || {});
            return;
          }
          if (data.redirect) window.location.assign(data.redirect);
        });
    }

    function setCodeAt(i, v) {
      var chars = v.replace(/\s+/g, "").split("");
      setCode(function (old) {
        var n = old.slice();
        if (chars.length <= 1) n[i] = chars[0] || "";
        else for (var k = 0; k < chars.length && i + k < 8; k++) n[i + k] = chars[k];
        return n;
      });
      setCodeError(null);
      if (chars.length === 1 && i < 7) { var next = document.getElementById("security-input-" + (i + 1)); if (next) next.focus(); }
    }

    var q = CFG.questions;
    function question(qq) {
      if (qq.type === "single_select") return h("div", { className: "field-wrapper", key: qq.id },
        h(Select, { id: qq.id, label: qq.label, required: qq.required, options: qq.values, value: values[qq.id], onChange: set(qq.id), error: errors[qq.id] }));
      if (qq.type === "input_file") return h(FileUpload, { key: qq.id, id: qq.id, label: qq.label, required: qq.required, state: uploads[qq.id], onChange: setUpload(qq.id), error: errors[qq.id] });
      return h(TextInput, { key: qq.id, id: qq.id, label: qq.label, required: qq.required, multiline: qq.type === "textarea", value: values[qq.id], onChange: set(qq.id), error: errors[qq.id] });
    }

    var eeo = CFG.eeocOptions;
    function eeoc(id, label) {
      return h("div", { className: "eeoc__question__wrapper", key: id },
        h(Select, { id: id, label: label, options: eeo[id], value: values[id], onChange: set(id) }));
    }

    var codeComplete = code.every(function (c) { return c.length === 1; });
    var securityStep = codeStep ? h("div", { id: "email-verification", className: "email-verification" },
      h("p", { className: "body" }, "A verification code was sent to " + (values.email || "your email") +
        ". To submit your application, enter the 8-character code to confirm you're a human."),
      h("div", { role: "group", "aria-labelledby": "security-code-label", className: "security-code-wrapper" },
        h("label", { id: "security-code-label", className: "label", htmlFor: "security-input-0" }, "Security code", star(true)),
        h("div", { className: "security-code" }, code.map(function (c, i) {
          return h("input", { key: i, id: "security-input-" + i, className: "security-code__input", type: "text",
            maxLength: 8, autoComplete: i === 0 ? "one-time-code" : "off", "aria-label": "Security code character " + (i + 1),
            "aria-describedby": "security-code-error", value: c,
            onChange: function (e) { setCodeAt(i, e.target.value); } });
        })),
        codeError ? h("p", { id: "security-code-error", className: "helper-text helper-text--error", role: "alert" }, codeError) : null)) : null;

    var disabled = busy || (codeStep && !codeComplete);
    var form = h("form", { method: "get", action: CFG.submitPath, id: "application-form", className: "application--form", noValidate: true, onSubmit: onSubmit },
      h("div", { className: "application--questions" },
        h(TextInput, { id: "first_name", label: "First Name", required: true, autoComplete: "given-name", value: values.first_name, onChange: set("first_name"), error: errors.first_name }),
        h(TextInput, { id: "last_name", label: "Last Name", required: true, autoComplete: "family-name", value: values.last_name, onChange: set("last_name"), error: errors.last_name }),
        h(TextInput, { id: "email", label: "Email", required: true, autoComplete: "email", value: values.email, onChange: set("email"), error: errors.email }),
        h("div", null, h("fieldset", { className: "phone-input" },
          h("legend", { className: "visually-hidden" }, "Phone"),
          h("div", { className: "phone-input__country" },
            h(Select, { id: "country", label: "Country", required: true, placeholder: "", options: CFG.phoneCountries, value: values.country, onChange: set("country"), error: errors.country })),
          h("div", { className: "phone-input__phone" },
            h(TextInput, { id: "phone", label: "Phone", required: true, type: "tel", value: values.phone, onChange: set("phone"), error: errors.phone })))),
        h("div", { className: "field-wrapper" },
          h(Select, { id: "candidate-location", label: "Location (City)", required: true, placeholder: "", source: { url: "/api/locations", mode: "search" }, value: values["candidate-location"], onChange: set("candidate-location"), error: errors["candidate-location"] }),
          h("button", { type: "button", className: "btn--tertiary" }, "Locate me")),
        h(FileUpload, { id: "resume", label: "Resume/CV", required: true, allowText: true, state: uploads.resume, onChange: setUpload("resume"), error: errors.resume }),
        h(FileUpload, { id: "cover_letter", label: "Cover Letter", required: false, allowText: true, state: uploads.cover_letter, onChange: setUpload("cover_letter"), error: errors.cover_letter })),
      h("div", { className: "education--container" },
        h("div", { className: "education--form" }, h("hr"),
          h("div", { className: "education--header" }, h("p", { className: "body body--medium" }, "Education")),
          h(Select, { id: "school--0", label: "School", source: { url: "/api/schools", mode: "search" }, value: values["school--0"], onChange: set("school--0") }),
          h(Select, { id: "degree--0", label: "Degree", source: { url: "/api/degrees", mode: "open" }, value: values["degree--0"], onChange: set("degree--0") }),
          h(Select, { id: "discipline--0", label: "Discipline", source: { url: "/api/disciplines", mode: "open" }, value: values["discipline--0"], onChange: set("discipline--0") }),
          h("div", { className: "education--half-width-container" },
            h("div", { className: "education--date-container" },
              h(Select, { id: "start-month--0", label: "Start date month", options: MONTHS, value: values["start-month--0"], onChange: set("start-month--0") }),
              h(TextInput, { id: "start-year--0", label: "Start date year", type: "number", value: values["start-year--0"], onChange: set("start-year--0") })),
            h("div", { className: "education--date-container" },
              h(Select, { id: "end-month--0", label: "End date month", options: MONTHS, value: values["end-month--0"], onChange: set("end-month--0") }),
              h(TextInput, { id: "end-year--0", label: "End date year", type: "number", value: values["end-year--0"], onChange: set("end-year--0") }))))),
      h("div", { className: "application--questions" }, h("hr"), q.map(question)),
      CFG.demographic ? h("div", { id: "demographic-section", className: "demographic--container" },
        h("h3", { className: "section-header font-primary" }, CFG.demographic.title),
        CFG.demographic.questions.map(function (dq) {
          return h(Select, { key: dq.id, id: dq.id, label: dq.label, options: dq.options, value: values[dq.id], onChange: set(dq.id) });
        })) : null,
      CFG.eeoc ? h("div", { className: "eeoc__container body" },
        h("div", { className: "divider", role: "separator" }),
        h("div", null, h("h2", { className: "section-header font-primary" }, "Voluntary Self-Identification"),
          h("p", null, "For government reporting purposes, we ask candidates to respond to the below self-identification survey. Completion of the form is entirely voluntary.")),
        eeoc("gender", "Gender"),
        eeoc("hispanic_ethnicity", "Are you Hispanic/Latino?"),
        values.hispanic_ethnicity === "No" ? eeoc("race", "Please identify your race") : null,
        eeoc("veteran_status", "Veteran Status"),
        h("div", null, h("h2", { className: "section-header font-primary" }, "Voluntary Self-Identification of Disability")),
        eeoc("disability_status", "Disability Status")) : null,
      CFG.gdpr ? h("div", { className: "data-compliance" }, h("hr"),
        CFG.gdpr.processing ? h(Checkbox, { group: "gdpr_processing_consent_given", id: "gdpr_processing_consent_given_1", required: true,
          label: "I consent to " + CFG.companyName + " processing my personal data to evaluate this application.",
          checked: values.gdpr_processing_consent_given, onChange: set("gdpr_processing_consent_given"), error: errors.gdpr_processing_consent_given }) : null,
        CFG.gdpr.demographic ? h(Checkbox, { group: "gdpr_demographic_data_consent_given", id: "gdpr_demographic_data_consent_given_1",
          label: "I consent to " + CFG.companyName + " storing my answers to the voluntary demographic questions above.",
          checked: values.gdpr_demographic_data_consent_given, onChange: set("gdpr_demographic_data_consent_given") }) : null) : null,
      CFG.recaptcha ? h("div", { className: "g-recaptcha", "data-sitekey": CFG.recaptcha, "data-size": "invisible",
        "data-callback": CFG.recaptchaChallenge ? "onReplicaRecaptcha" : undefined },
        CFG.recaptchaChallenge ? h("textarea", { name: "g-recaptcha-response", className: "g-recaptcha-response",
          style: { display: "none" }, defaultValue: "" }) : null) : null,
      challenge ? h("div", { className: "recaptcha-challenge", style: { position: "fixed", top: "20px", left: "20px", zIndex: 2000000000 } },
        h("iframe", { title: "recaptcha challenge expires in two minutes", width: 400, height: 580, style: { border: 0, background: "#fff" },
          src: "https://www.recaptcha.net/recaptcha/enterprise/bframe?hl=en&v=replica&k=" + encodeURIComponent(CFG.recaptcha) })) : null,
      securityStep,
      h("div", { className: "application--submit" },
        h("button", { type: "submit", className: "btn btn--rectangle", disabled: disabled, "aria-disabled": disabled ? "true" : "false" }, "Submit application")));

    return h("main", { className: "job-post" },
      CFG.embed ? null : h("div", { className: "job__header" },
        h("h1", { className: "section-header section-header--large font-primary" }, CFG.title),
        h("p", null, CFG.companyName + " \u00b7 " + CFG.location)),
      h("div", { className: "application--container" },
        h("div", { className: "application--header" },
          h("h2", { className: "section-header font-primary" }, "Apply for this job"),
          h("p", { className: "body body__secondary" }, "* indicates a required field")),
        form));
  }

  ReactDOM.createRoot(document.getElementById("app-root")).render(h(App));
})();
