/*
 * JobPilot test replica of Ashby's hosted application form (jobs.ashbyhq.com/<org>/<job>/application).
 *
 * Written for JobPilot's tests from the markup conventions Ashby uses (ids, names, wrapper
 * classes, data-field-path hooks, widget structure); companies, jobs, questions, class-name
 * hashes and wording are invented. Like the real page it is a client-rendered React app:
 *
 *  - the posting's form definition is fetched after load, then rendered;
 *  - every control is React-controlled (state, not the DOM, is what gets submitted);
 *  - yes/no questions are two <button>s plus a visually hidden checkbox named by the field;
 *    the chosen button carries an "_active_" class;
 *  - location and school are comboboxes whose suggestions load asynchronously after typing;
 *  - the form is validated only on submit: missing required answers are shown inline and in
 *    a "Your form needs corrections" box, and nothing is posted;
 *  - a valid form is posted as a GraphQL multipart request (operations + map + files) to
 *    /api/non-user-graphql?op=ApiSubmitSingleApplicationFormAction, then a confirmation shows.
 */
(function () {
  "use strict";
  var h = React.createElement;
  var useState = React.useState;
  var useRef = React.useRef;
  var useEffect = React.useEffect;

  var BASE = "/replicas/ashby/app/";
  var SUBMIT_URL = "/api/non-user-graphql?op=ApiSubmitSingleApplicationFormAction";
  var segs = location.pathname.split("/").filter(Boolean);
  var ORG = segs[0] || "";
  var JOB = segs[1] || "";
  var ACCEPT = "application/pdf,.pdf,application/msword,.doc,.docx,application/rtf,.rtf,.odt";
  var HIDDEN = {
    border: 0, clip: "rect(0px, 0px, 0px, 0px)", clipPath: "inset(50%)", height: "1px",
    margin: "0px -1px -1px 0px", overflow: "hidden", padding: 0, position: "absolute",
    width: "1px", whiteSpace: "nowrap",
  };
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var YEARS = [];
  for (var y = 2028; y >= 1970; y--) YEARS.push(String(y));

  function cls() {
    return Array.prototype.filter.call(arguments, Boolean).join(" ");
  }
  function delay(ms) {
    return new Promise(function (r) { setTimeout(r, ms); });
  }
  function norm(s) {
    return String(s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }
  function getJSON(path) {
    return fetch(BASE + path, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error(path + ": HTTP " + r.status);
      return r.json();
    });
  }
  /** Every typed word must start a word of the suggestion ("ca" finds "California"). */
  function searcher(file, prefix) {
    return function (q) {
      var want = norm(q).split(" ").filter(Boolean);
      return getJSON(file + "?query=" + encodeURIComponent(q)).then(function (all) {
        return delay(180).then(function () {
          return all
            .map(function (label, i) { return { id: prefix + "-" + i, label: label }; })
            .filter(function (it) {
              var words = norm(it.label).split(" ");
              return want.every(function (t) { return words.some(function (w) { return w.indexOf(t) === 0; }); });
            })
            .slice(0, 8);
        });
      });
    };
  }
  var searchPlaces = searcher("places.json", "place");
  var searchSchools = searcher("schools.json", "school");

  function isEmpty(v) {
    return v == null || v === "" || (Array.isArray(v) && !v.length);
  }

  // --- small pieces --------------------------------------------------------------------

  function Title(p) {
    return h("label", {
      className: cls("_heading_k2m9d_52", p.required && "_required_k2m9d_91", p.edu ? "_educationLabel_7q2mx_162" : "_label_7q2mx_42",
        "ashby-application-form-question-title"),
      htmlFor: p.htmlFor,
    }, p.children);
  }

  function FieldError(p) {
    return p.error ? h("p", { className: "_fieldError_7q2mx_61 ashby-application-form-field-error" }, p.error) : null;
  }

  function Entry(p) {
    var f = p.f;
    return h("div", {
      className: "_fieldEntry_7q2mx_28 ashby-application-form-field-entry",
      "data-field-path": f.path,
      "data-field-entry-id": p.entryId,
    },
    h(Title, { htmlFor: f.path, required: f.required }, f.title),
    f.description ? h("div", { className: "_description_7q2mx_48 ashby-application-form-question-description" }, h("p", null, f.description)) : null,
    p.children,
    h(FieldError, { error: p.error }));
  }

  function TextBox(p) {
    var f = p.f;
    var type = f.type === "Email" ? "email" : f.type === "Phone" ? "tel" : "text";
    var ph = f.type === "Email" ? "hello@example.com..." : f.type === "Phone" ? "+1 555 010 0000..." : "Type here...";
    return h("input", {
      placeholder: ph, name: f.path, required: f.required, id: f.path, type: type,
      className: "_input_p4w2z_28 _input_7q2mx_32", value: p.value || "",
      onChange: function (e) { p.set(e.target.value); },
    });
  }

  function LongText(p) {
    var f = p.f;
    return h("textarea", {
      placeholder: "Type here...", required: f.required, name: f.path, id: f.path,
      className: "_input_h6t1s_28 _input_7q2mx_32 ", rows: 4, value: p.value || "",
      onChange: function (e) { p.set(e.target.value); },
    });
  }

  function FileField(p) {
    var f = p.f;
    var input = useRef(null);
    return h("div", { role: "presentation", className: "_container_8d2fk_70 " },
      h("input", {
        accept: ACCEPT, type: "file", tabIndex: -1, id: f.path, required: f.required, style: HIDDEN, ref: input,
        onChange: function (e) { p.set(e.target.files && e.target.files[0] ? e.target.files[0] : null); },
      }),
      h("div", { className: "_instructions_8d2fk_33" },
        p.value ? h("p", { className: "_fileName_8d2fk_52" }, p.value.name) : null,
        h("button", {
          className: "_button_v7c2p_28 _secondary_v7c2p_115 _button_8d2fk_106",
          onClick: function (e) { e.preventDefault(); input.current.click(); },
        }, h("span", null, h("span", null, p.value ? "Replace File" : "Upload File"))),
        h("p", { className: "_dragInstructions_8d2fk_28" }, "or drag and drop here")));
  }

  function YesNo(p) {
    var f = p.f;
    function choose(v) {
      return function (e) { e.preventDefault(); p.set(v); };
    }
    return h("div", { className: "_container_9v3nc_28 _yesno_7q2mx_148 " },
      h("button", { className: cls("_container_r2d8s_1 _option_9v3nc_32", p.value === true && "_active_9v3nc_41"), onClick: choose(true) }, "Yes"),
      h("button", { className: cls("_container_r2d8s_1 _option_9v3nc_32", p.value === false && "_active_9v3nc_41"), onClick: choose(false) }, "No"),
      h("input", {
        type: "checkbox", className: "_input_9v3nc_78", tabIndex: -1, name: f.path, checked: p.value === true,
        onChange: function (e) { p.set(e.target.checked); },
      }));
  }

  /** Type, wait for suggestions (fetched asynchronously), pick one. Leaving without picking clears it. */
  function Autocomplete(p) {
    var st = useState(p.value ? p.value.label : "");
    var text = st[0], setText = st[1];
    var op = useState(false);
    var open = op[0], setOpen = op[1];
    var ld = useState(false);
    var loading = ld[0], setLoading = ld[1];
    var it = useState([]);
    var items = it[0], setItems = it[1];
    var seq = useRef(0);
    var picked = useRef(p.value || null);
    var listId = p.listId;

    function onChange(e) {
      var q = e.target.value;
      setText(q);
      if (picked.current) { picked.current = null; p.onPick(null); }
      if (!q.trim()) { setOpen(false); setItems([]); return; }
      setOpen(true);
      setLoading(true);
      var n = ++seq.current;
      delay(120).then(function () {
        if (n !== seq.current) return null;
        return p.search(q).then(function (res) {
          if (n === seq.current) { setItems(res); setLoading(false); }
        });
      });
    }
    function pick(item) {
      picked.current = item;
      setText(item.label);
      setOpen(false);
      p.onPick(item);
    }
    function onBlur() {
      setOpen(false);
      if (!picked.current || picked.current.label !== text) {
        seq.current++;
        setText("");
        setItems([]);
      }
    }
    var menu = null;
    if (open) {
      var body;
      if (loading) body = h("div", { className: "_status_d3k8w_70" }, "Loading...");
      else if (!items.length) body = h("div", { className: "_status_d3k8w_70" }, "No results found");
      else body = items.map(function (item, i) {
        return h("div", {
          key: item.id, role: "option", id: listId + "-option-" + i, "aria-selected": "false",
          className: "_option_d3k8w_66", onClick: function () { pick(item); },
        }, item.label);
      });
      menu = h("div", {
        className: "_menu_d3k8w_60", role: "listbox", id: listId,
        onMouseDown: function (e) { e.preventDefault(); },
      }, body);
    }
    return h("div", { className: "_inputContainer_d3k8w_28" },
      h("input", {
        className: "_input_d3k8w_28", placeholder: p.placeholder, "aria-autocomplete": "list",
        "aria-expanded": open ? "true" : "false", "aria-haspopup": "listbox", role: "combobox",
        "aria-controls": open ? listId : undefined, value: text, onChange: onChange, onBlur: onBlur,
      }),
      h("button", { className: "_container_r2d8s_1 _toggleButton_d3k8w_32", tabIndex: -1, "aria-label": "Show options",
        onClick: function (e) { e.preventDefault(); } }),
      menu);
  }

  function ChoiceGroup(p) {
    var f = p.f;
    var multiple = f.type === "MultiValueSelect";
    var value = p.value;
    return h("div", { "data-field-path": f.path, "data-field-entry-id": p.entryId },
      h("fieldset", { className: "_container_m4x7q_28 _fieldEntry_7q2mx_28" },
        h(Title, { htmlFor: f.path, required: f.required }, f.title),
        f.options.map(function (o, i) {
          var id = p.entryId + "-labeled-" + (multiple ? "checkbox" : "radio") + "-" + i;
          var on = multiple ? (value || []).indexOf(o) >= 0 : value === o;
          return h("div", { key: o, className: "_option_m4x7q_34" },
            h("span", { className: "_container_c6v1b_28", "data-disabled": "false" },
              h("span", { className: multiple ? "_box_c6v1b_60" : "_circle_c6v1b_77" }),
              h("input", {
                type: multiple ? "checkbox" : "radio", id: id, name: multiple ? o : p.entryId, checked: on,
                onChange: function (e) {
                  if (!multiple) { p.set(o); return; }
                  var cur = (value || []).filter(function (x) { return x !== o; });
                  if (e.target.checked) cur.push(o);
                  p.set(cur);
                },
              })),
            h("label", { htmlFor: id, className: "_label_m4x7q_42 " }, o));
        }),
        h(FieldError, { error: p.error })));
  }

  function Select(p) {
    return h("div", { className: cls("_container_w8c4n_78 _select_w8c4n_1", !p.value && "_placeholder_w8c4n_7") },
      h("select", {
        className: "_select_w8c4n_39", value: p.value || "",
        onChange: function (e) { p.set(e.target.value); },
      },
      h("option", { disabled: true, hidden: true, value: "" }, p.placeholder),
      p.options.map(function (o) { return h("option", { key: o[0], value: o[0] }, o[1]); })));
  }

  var MONTH_OPTS = MONTHS.map(function (m, i) { return [String(i + 1), m]; });
  var YEAR_OPTS = YEARS.map(function (y) { return [y, y]; });

  function Education(p) {
    var f = p.f;
    var e = p.value && p.value[0] ? p.value[0] : {};
    function upd(k) {
      return function (v) {
        var n = Object.assign({}, e);
        n[k] = v;
        p.set([n]);
      };
    }
    var P = f.path;
    function DatePair(which, label) {
      return h("div", { className: "_stack_b1x4r_1 _vertical_b1x4r_4 _educationFlexField_7q2mx_171" },
        h(Title, { htmlFor: P + "-" + which, edu: true }, label),
        h("div", { className: "_stack_b1x4r_1 _horizontal_b1x4r_7", id: P + "-" + which },
          h(Select, { placeholder: "Month...", options: MONTH_OPTS, value: e[which + "Month"], set: upd(which + "Month") }),
          h(Select, { placeholder: "Year...", options: YEAR_OPTS, value: e[which + "Year"], set: upd(which + "Year") })));
    }
    return h("div", { className: "_fieldEntry_7q2mx_28 ashby-application-form-field-entry", "data-field-path": P, "data-field-entry-id": p.entryId },
      h(Title, { htmlFor: P }, f.title),
      h("div", null,
        h("div", { className: "_repeatableEducationEntry_7q2mx_176" },
          h("div", { className: "_stack_b1x4r_1 _horizontal_b1x4r_7 _repeatableEducationHeader_7q2mx_182" },
            h("span", { className: "_repeatableEducationLabel_7q2mx_186" }, "Education"),
            h("button", { className: "_button_v7c2p_28 _quaternary_v7c2p_92 _repeatableEducationButton_7q2mx_192",
              onClick: function (ev) { ev.preventDefault(); p.set([]); } }, h("span", null, "Delete"))),
          h("div", { className: "_stack_b1x4r_1 _vertical_b1x4r_4 _gapNormal_b1x4r_19" },
            h("div", { className: "_stack_b1x4r_1 _vertical_b1x4r_4" },
              h(Title, { htmlFor: P + "-school", required: true, edu: true }, "School"),
              h(Autocomplete, { placeholder: "Search schools...", listId: "school-listbox", search: searchSchools,
                value: e.school || null, onPick: upd("school") })),
            h("div", { className: "_stack_b1x4r_1 _horizontal_b1x4r_7 _wrap_b1x4r_28" },
              h("div", { className: "_stack_b1x4r_1 _vertical_b1x4r_4 _educationFlexField_7q2mx_171" },
                h(Title, { htmlFor: P + "-degree", edu: true }, "Degree"),
                h("input", { id: P + "-degree", placeholder: "e.g. Bachelor of Science", type: "text", className: "_input_p4w2z_28 ",
                  value: e.degree || "", onChange: function (ev) { upd("degree")(ev.target.value); } })),
              h("div", { className: "_stack_b1x4r_1 _vertical_b1x4r_4 _educationFlexField_7q2mx_171" },
                h(Title, { htmlFor: P + "-major", edu: true }, "Field of Study"),
                h("input", { id: P + "-major", placeholder: "e.g. Computer Science", type: "text", className: "_input_p4w2z_28 ",
                  value: e.major || "", onChange: function (ev) { upd("major")(ev.target.value); } }))),
            h("div", { className: "_stack_b1x4r_1 _horizontal_b1x4r_7 _wrap_b1x4r_28" },
              DatePair("startDate", "Start Date"),
              DatePair("endDate", "End Date")),
            h("div", { className: "_stack_b1x4r_1 _horizontal_b1x4r_7 _alignCenter_b1x4r_25" },
              h("input", { type: "checkbox", id: P + "-isCurrent", checked: !!e.isCurrent,
                onChange: function (ev) { upd("isCurrent")(ev.target.checked); } }),
              h("label", { htmlFor: P + "-isCurrent", className: "_checkboxLabel_7q2mx_200" }, "Still Student?"))))));
  }

  // --- the form -------------------------------------------------------------------------

  function entryIdOf(owner, f) {
    return owner + "_" + f.path;
  }

  function App() {
    var ps = useState(null);
    var posting = ps[0], setPosting = ps[1];
    var vs = useState({});
    var values = vs[0], setValues = vs[1];
    var es = useState({ fields: {}, missing: [] });
    var errors = es[0], setErrors = es[1];
    var ss = useState("editing");
    var status = ss[0], setStatus = ss[1];
    var cs = useState(null);
    var consent = cs[0], setConsent = cs[1];

    useEffect(function () {
      getJSON("postings/" + JOB + ".json")
        .then(function (d) { return delay(150).then(function () { return d; }); })
        .then(function (d) {
          document.title = d.title + " @ " + d.organizationName;
          setPosting(d);
        })
        .catch(function () { setStatus("missing"); });
    }, []);

    if (status === "missing") return h("h1", null, "Job not found");
    if (!posting) return h("span", { role: "progressbar", "aria-label": "Loading...", className: "_spinner_q1w2e_9" });

    function setter(path) {
      return function (v) {
        setValues(function (cur) { var n = Object.assign({}, cur); n[path] = v; return n; });
      };
    }

    function validate() {
      var fieldErrs = {};
      var missing = [];
      posting.sections.forEach(function (s) {
        s.fields.forEach(function (f) {
          var v = values[f.path];
          var empty = f.type === "Boolean" ? v !== true && v !== false : isEmpty(v);
          if (f.required && empty) {
            fieldErrs[f.path] = "This field is required.";
            missing.push(f.title);
          } else if (f.type === "Email" && !empty && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) {
            fieldErrs[f.path] = "Enter a valid email address.";
            missing.push(f.title);
          }
        });
      });
      return { fields: fieldErrs, missing: missing };
    }

    function datePart(e, which) {
      var year = e[which + "Year"];
      var month = e[which + "Month"];
      return year || month ? { month: month ? Number(month) : null, year: year ? Number(year) : null } : null;
    }

    function answer(f, v) {
      if (f.type === "Location") return v ? { locationId: v.id, locationSummary: v.label } : null;
      if (f.type === "EducationHistory") {
        return (v || []).map(function (e) {
          return {
            school: e.school ? e.school.label : null, degree: e.degree || null, fieldOfStudy: e.major || null,
            startDate: datePart(e, "startDate"),
            endDate: datePart(e, "endDate"),
            isCurrent: !!e.isCurrent,
          };
        });
      }
      return v;
    }

    function submit(ev) {
      ev.preventDefault();
      var v = validate();
      setErrors(v);
      if (v.missing.length) return;
      setStatus("submitting");
      var entries = [];
      var files = [];
      var map = {};
      posting.sections.forEach(function (s) {
        s.fields.forEach(function (f) {
          var val = values[f.path];
          if (f.type === "File") {
            if (!val) return;
            entries.push({ path: f.path, value: null });
            map[String(files.length)] = ["variables.applicationForm.fieldEntries." + (entries.length - 1) + ".value"];
            files.push(val);
            return;
          }
          var a = answer(f, val);
          if (isEmpty(a)) return;
          entries.push({ path: f.path, value: a });
        });
      });
      var surveys = posting.surveys.map(function (sv) {
        var responses = [];
        sv.fields.forEach(function (f) {
          var val = values[sv.id + ":" + f.path];
          if (!isEmpty(val)) responses.push({ path: f.path, value: val });
        });
        return { surveyId: sv.id, responses: responses };
      }).filter(function (sv) { return sv.responses.length; });
      var operations = {
        operationName: "ApiSubmitSingleApplicationFormAction",
        variables: {
          organizationHostedJobsPageName: ORG, jobPostingId: JOB,
          applicationForm: { formId: posting.formId, fieldEntries: entries },
          surveySubmissions: surveys, communicationConsent: consent,
        },
        query: "mutation ApiSubmitSingleApplicationFormAction($organizationHostedJobsPageName: String!, " +
          "$jobPostingId: String!, $applicationForm: JSON!, $surveySubmissions: JSON, $communicationConsent: String) " +
          "{ submitSingleApplicationForm { applicationId } }",
      };
      var body = new FormData();
      body.append("operations", JSON.stringify(operations));
      body.append("map", JSON.stringify(map));
      files.forEach(function (file, i) { body.append(String(i), file, file.name); });
      fetch(SUBMIT_URL, { method: "POST", body: body, headers: { Accept: "application/json" } })
        .then(function (r) { setStatus(r.ok ? "done" : "failed"); })
        .catch(function () { setStatus("failed"); });
    }

    function field(f) {
      var v = values[f.path];
      var set = setter(f.path);
      var err = errors.fields[f.path];
      var entryId = entryIdOf(posting.formId, f);
      if (f.type === "MultiValueSelect" || f.type === "ValueSelect") {
        return h(ChoiceGroup, { key: f.path, f: f, entryId: entryId, value: v, set: set, error: err });
      }
      if (f.type === "EducationHistory") return h(Education, { key: f.path, f: f, entryId: entryId, value: v, set: set });
      var control;
      if (f.type === "File") control = h(FileField, { f: f, value: v, set: set });
      else if (f.type === "Boolean") control = h(YesNo, { f: f, value: v, set: set });
      else if (f.type === "LongText") control = h(LongText, { f: f, value: v, set: set });
      else if (f.type === "Location") {
        control = h(Autocomplete, { placeholder: "Start typing...", listId: "location-listbox", search: searchPlaces, value: v || null, onPick: set });
      } else if (f.type === "Phone") {
        control = [
          h(TextBox, { key: "input", f: f, value: v, set: set }),
          h("div", { key: "sms", className: "_phoneConsent_3h8kd_1 ashby-application-form-texting-consent-description" },
            h("p", null, f.smsConsent),
            h("div", { className: "_container_5tq1r_1" },
              h("label", { className: "_label_5tq1r_6" },
                h("input", { className: "_radio_5tq1r_12", type: "radio", name: "communicationConsent", value: "given",
                  checked: consent === "given", onChange: function () { setConsent("given"); } }),
                h("span", null, h("strong", null, "Yes"), " - text me updates about this application")),
              h("label", { className: "_label_5tq1r_6" },
                h("input", { className: "_radio_5tq1r_12", type: "radio", name: "communicationConsent", value: "notGiven",
                  checked: consent === "notGiven", onChange: function () { setConsent("notGiven"); } }),
                h("span", null, h("strong", null, "No"), " - do not text me")))),
        ];
      } else control = h("div", null, h(TextBox, { f: f, value: v, set: set }));
      return h(Entry, { key: f.path, f: f, entryId: entryId, error: err }, control);
    }

    function surveyField(sv, f) {
      var key = sv.id + ":" + f.path;
      return h(ChoiceGroup, { key: key, f: f, entryId: entryIdOf(sv.id, f), value: values[key], set: setter(key) });
    }

    function section(title, description, children, key) {
      return h("div", { key: key, className: "_section_5rt8n_86 ashby-application-form-section-container" },
        h("div", { className: "_sectionHeader_5rt8n_93 ashby-application-form-section-header" },
          title ? h("h2", { className: "_title_5rt8n_99 ashby-application-form-section-header-title" }, title) : null,
          description ? h("div", { className: "_sectionDescription_5rt8n_105 ashby-application-form-section-header-description" },
            h("p", null, h("em", null, description))) : null),
        children);
    }

    var form;
    if (status === "done") {
      form = h("div", { className: "_success_5rt8n_480 ashby-application-form-success-container" },
        h("h2", { className: "_title_5rt8n_99" }, "Thanks for applying!"),
        h("p", null, "Your application was successfully submitted. We'll be in touch if there's a fit."));
    } else {
      form = h(React.Fragment, null,
        h("div", { className: "_autofillPane_5rt8n_448 ashby-application-form-autofill-uploader  _container_k2m9d_28", "data-highlight": "none" },
          h("div", { role: "presentation", className: "_root_f3g7h_1 ashby-application-form-autofill-input-root", "data-state": "default" },
            h("input", { accept: ACCEPT, type: "file", tabIndex: -1, style: HIDDEN }),
            h("div", { className: "_base_f3g7h_31 ashby-application-form-autofill-input-base-layer" },
              h("h3", { className: "_title_f3g7h_64 ashby-application-form-autofill-input-title" }, "Autofill from resume"),
              h("p", { className: "_description_f3g7h_76 ashby-application-form-autofill-input-description" },
                "Upload your resume here to autofill key application fields."),
              h("button", { className: "_button_v7c2p_28 _secondary_v7c2p_115 _ctaButton_f3g7h_94",
                onClick: function (e) { e.preventDefault(); } }, "Upload file")))),
        h("div", { className: "_jobPostingForm_5rt8n_402 ashby-application-form-container  _container_k2m9d_28", "data-highlight": "none" },
          posting.sections.map(function (s, i) { return section(s.title, null, s.fields.map(field), "s" + i); })),
        posting.surveys.map(function (sv) {
          return h("div", { key: sv.id, className: sv.kind === "diversity" ? "ashby-survey-form-container" : "ashby-eeoc-form-container" },
            h("div", { className: "_jobPostingForm_5rt8n_402 ashby-application-form-container  _container_k2m9d_28", "data-highlight": "none" },
              section(sv.title, sv.description, sv.fields.map(function (f) { return surveyField(sv, f); }), sv.id)));
        }),
        errors.missing.length ? h("div", { className: "_errors_5rt8n_470 ashby-application-form-failure-container", role: "alert" },
          h("p", { className: "_errorsTitle_5rt8n_474" }, "Your form needs corrections"),
          h("ul", null, errors.missing.map(function (t) { return h("li", { key: t }, "Missing entry for required field: " + t); }))) : null,
        status === "failed" ? h("p", { className: "_errors_5rt8n_470", role: "alert" }, "Something went wrong. Please try again.") : null,
        h("button", {
          className: "_button_v7c2p_28 _primary_v7c2p_97 _greedy_v7c2p_221 _submitButton_5rt8n_411 ashby-application-form-submit-button",
          disabled: status === "submitting", onClick: submit,
        }, h("span", null, "Submit Application")));
    }

    var jobUrl = "/" + ORG + "/" + JOB;
    return h(React.Fragment, null,
      h("div", { className: "_navRoot_2kd7s_28 ashby-job-posting-header" },
        h("a", { className: "_navLogoLink_2kd7s_95", href: "/" + ORG }, posting.organizationName)),
      h("div", { className: "_container_6cv1w_28 " },
        h("div", { className: "_titles_6cv1w_33 " },
          h("h1", { className: "_title_6cv1w_33 _large_6cv1w_66 ashby-job-posting-heading" }, posting.title)),
        h("div", { className: "_content_6cv1w_70 _details_4nd8e_417" },
          h("div", { className: "_left_4nd8e_421 ashby-job-posting-left-pane" },
            h("div", { className: "_section_k2m9d_36" }, h("h2", { className: "_heading_k2m9d_52" }, "Location"), h("p", null, posting.location))),
          h("div", { className: "ashby-job-posting-right-pane" },
            h("nav", { className: "_tabs_4nd8e_29", role: "tablist" },
              h("a", { className: "_tab_4nd8e_29", id: "job-overview", role: "tab", "aria-selected": "false", href: jobUrl },
                h("span", { className: "ashby-job-posting-right-pane-overview-tab" }, "Overview")),
              h("a", { className: "_tab_4nd8e_29 _active_4nd8e_56", id: "job-application-form", role: "tab", "aria-selected": "true",
                href: jobUrl + "/application" }, h("span", { className: "ashby-job-posting-right-pane-application-tab" }, "Application"))),
            h("div", { role: "tabpanel", "aria-labelledby": "job-application-form", id: "form" }, form)))));
  }

  ReactDOM.createRoot(document.getElementById("root")).render(h(App));
})();
