/*
 * Workday candidate-site replica (invented companies, jobs and questions).
 *
 * What it reproduces from real Workday, because that is what makes Workday hard:
 * - one React page: job posting -> "Start Your Application" chooser -> Create Account /
 *   Sign In -> a wizard whose steps swap in place without a reload (progress bar on top,
 *   "Save and Continue" at the bottom, "Submit" on Review);
 * - every input is React-controlled (what is sent is React state, not the DOM);
 * - data-automation-id hooks, formField-<name> wrappers and generated input-N ids;
 * - listbox buttons (aria-haspopup=listbox) whose popup is portaled to the end of <body>
 *   a moment after the click; prompts (search box + pill) with a multi-level option tree
 *   whose search runs on Enter only;
 * - split month/year date inputs, "I currently work here", Add / Add Another / Delete rows;
 * - a resume upload that the server "parses" and that prefills the work and education rows;
 * - required-field validation per step with an error banner and per-field error messages;
 * - the create-account submit button hidden behind Workday's click_filter overlay;
 * - tenant options (window.WD_REPLICA, set by the server): the legalNotice banner with
 *   Accept / Decline, and the account agreement folded behind "Read More"
 *   (createAccountExpandButton). The replica is stricter than the real pages so a test can
 *   fail: while the notice is unanswered nothing behind it responds (the real banner covers
 *   the bottom of the viewport, where Workday keeps its buttons), and the agreement box sits
 *   inside the folded part (on the real page only the agreement text is folded).
 */
(function () {
  "use strict";
  var h = React.createElement;
  var useState = React.useState;
  var useRef = React.useRef;
  var useEffect = React.useEffect;

  // --- URL, tenant, job ------------------------------------------------------------------

  var COMPANIES = {
    harborview: "Harborview Outfitters",
    lumenfield: "Lumenfield Robotics",
  };
  var path = location.pathname.split("/").filter(Boolean);
  var lang = /^[a-z]{2}-[A-Z]{2}$/.test(path[0] || "") ? path.shift() : "en-US";
  // wd<N>.myworkdaysite.com serves every tenant from one host: /recruiting/<tenant>/<site>/...
  var shared = /^wd\d+\.myworkdaysite\.com$/.test(location.hostname) && path[0] === "recruiting";
  var prefix = shared ? path.splice(0, 2) : [];
  var site = path[0] || "External";
  var jobAt = path.indexOf("job");
  var applyAt = path.indexOf("apply");
  var jobSlug = jobAt >= 0 ? path[applyAt > 0 ? applyAt - 1 : path.length - 1] : "";
  var jobTitle = jobSlug.split("_")[0].replace(/-/g, " ");
  var jobReq = jobSlug.split("_").slice(1).join("_");
  var tenant = shared ? prefix[1] : location.hostname.split(".")[0];
  var company = COMPANIES[tenant] || "Acme Holdings";
  var api = "/wday/cxs/" + tenant + "/" + site;
  var jobBase = "/" + [lang].concat(prefix, path.slice(0, applyAt > 0 ? applyAt : path.length)).join("/");
  var CONFIG = window.WD_REPLICA || {};
  var legal = { pending: !!CONFIG.legalNotice && !sessionStorage.getItem("wd-legal-" + tenant) };
  /** True while the legal notice waits for an answer: the page behind it ignores clicks. */
  function blockedByNotice() { return legal.pending; }

  var idCounter = 3;
  function useGeneratedId(prefix) {
    var r = useRef(null);
    if (r.current === null) r.current = (prefix || "input-") + ++idCounter;
    return r.current;
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    }).then(function (r) {
      return r.json().then(function (data) { return { status: r.status, data: data }; });
    });
  }

  function navigate(to) {
    history.pushState({}, "", to);
    window.dispatchEvent(new Event("wd-route"));
  }

  // --- small widgets -----------------------------------------------------------------------

  function Required() {
    return h("abbr", { "aria-hidden": "true", title: "required" }, "*");
  }

  function FieldError(props) {
    if (!props.error) return null;
    return h("div", { "data-automation-id": "errorMessage", id: props.id, className: "wd-error" },
      h("p", null, "Error: " + props.error));
  }

  function TextInput(props) {
    var id = useGeneratedId();
    var errId = id + "-error";
    var input = h(props.multiline ? "textarea" : "input", {
      type: props.multiline ? undefined : props.type || "text",
      id: id,
      "data-automation-id": props.aid,
      "aria-required": props.required ? "true" : undefined,
      "aria-invalid": props.error ? "true" : "false",
      "aria-describedby": props.error ? errId : undefined,
      "aria-label": props.ariaLabel,
      autoComplete: props.autoComplete,
      readOnly: props.readOnly || undefined,
      value: props.value || "",
      onChange: function (e) { props.onChange(e.target.value); },
    });
    return h("div", { "data-automation-id": "formField-" + (props.field || props.aid) },
      h("label", { htmlFor: id }, h("span", null, props.label, props.required ? h(Required) : null)),
      h("div", null, h("div", null, input), h(FieldError, { id: errId, error: props.error })));
  }

  function Checkbox(props) {
    var id = useGeneratedId();
    return h("div", { "data-automation-id": "formField-" + (props.field || "") },
      h("div", null,
        h("input", {
          type: "checkbox", id: id, "data-automation-id": props.aid,
          "aria-checked": props.checked ? "true" : "false",
          checked: !!props.checked,
          onChange: function (e) { props.onChange(e.target.checked); },
        }),
        h("label", { htmlFor: id }, props.label)),
      h(FieldError, { id: id + "-error", error: props.error }));
  }

  /** A popup rendered into the portal container, under its anchor element. */
  function Popup(props) {
    var box = props.anchor ? props.anchor.getBoundingClientRect() : { left: 0, bottom: 0 };
    var style = { left: box.left + window.scrollX + "px", top: box.bottom + window.scrollY + "px" };
    return ReactDOM.createPortal(
      h("div", { "data-automation-widget": "wd-popup", className: "wd-popup", style: style,
        "data-automation-id": props.aid },
        props.children),
      document.getElementById("wd-popups"));
  }

  function useOutsideClose(open, close, refs) {
    useEffect(function () {
      if (!open) return undefined;
      function onDown(e) {
        var inside = refs.some(function (r) { return r.current && r.current.contains(e.target); });
        var inPopup = e.target.closest && e.target.closest("[data-automation-widget=wd-popup]");
        if (!inside && !inPopup) close();
      }
      function onKey(e) { if (e.key === "Escape") close(); }
      document.addEventListener("mousedown", onDown);
      document.addEventListener("keydown", onKey, true);
      return function () {
        document.removeEventListener("mousedown", onDown);
        document.removeEventListener("keydown", onKey, true);
      };
    }, [open]);
  }

  /** Workday's "Select One" dropdown: a listbox button with a portaled popup. */
  function Listbox(props) {
    var id = useGeneratedId();
    var listId = useGeneratedId("listbox-");
    var st = useState("closed");
    var state = st[0], setState = st[1];
    var btn = useRef(null);
    useOutsideClose(state !== "closed", function () { setState("closed"); }, [btn]);
    function toggle() {
      if (state !== "closed") { setState("closed"); return; }
      setState("opening");
      setTimeout(function () { setState(function (s) { return s === "opening" ? "open" : s; }); }, 60);
    }
    function choose(o) {
      props.onChange(o);
      setState("closed");
    }
    var shown = props.value || "Select One";
    return h("div", { "data-automation-id": "formField-" + (props.field || props.aid) },
      h("label", { htmlFor: id }, h("span", null, props.label, props.required ? h(Required) : null)),
      h("div", null,
        h("button", {
          type: "button", id: id, ref: btn, "aria-haspopup": "listbox",
          "data-automation-id": props.aid,
          "aria-expanded": state === "open" ? "true" : "false",
          "aria-controls": state === "open" ? listId : undefined,
          "aria-invalid": props.error ? "true" : "false",
          "aria-describedby": props.error ? id + "-error" : undefined,
          "aria-required": props.required ? "true" : undefined,
          value: props.value || "",
          onClick: toggle,
        }, shown),
        state === "open" ? h(Popup, { anchor: btn.current, aid: "selectWidget" },
          h("ul", { role: "listbox", id: listId, "aria-labelledby": id },
            ["Select One"].concat(props.options).map(function (o) {
              return h("li", {
                key: o, role: "option", "aria-selected": o === props.value ? "true" : "false",
                "data-value": o === "Select One" ? "" : o,
                onClick: function () { choose(o === "Select One" ? "" : o); },
              }, h("div", null, o));
            }))) : null,
        h(FieldError, { id: id + "-error", error: props.error })));
  }

  function leaves(tree, trail) {
    var out = [];
    tree.forEach(function (n) {
      if (n.children) out = out.concat(leaves(n.children, (trail || []).concat(n.label)));
      else out.push(n.label);
    });
    return out;
  }

  /**
   * Workday's prompt: a search box that opens an option tree (categories drill down) and
   * shows the chosen item as a pill. The search only runs on Enter; leaving the widget
   * clears the typed text, so typing alone never answers it.
   */
  function Prompt(props) {
    var id = useGeneratedId();
    var listId = useGeneratedId("prompt-list-");
    var labelId = id + "-selection";
    var st = useState({ open: false, trail: [], query: "", searched: null });
    var s = st[0], setS = st[1];
    var wrap = useRef(null);
    function close() { setS({ open: false, trail: [], query: "", searched: null }); }
    useOutsideClose(s.open, close, [wrap]);
    function open() {
      if (s.open) { close(); return; } // a second click on the box closes the list
      setTimeout(function () {
        setS(function (x) { return Object.assign({}, x, { open: true, trail: [] }); });
      }, 80);
    }
    var level = props.tree;
    s.trail.forEach(function (label) {
      var node = level.filter(function (n) { return n.label === label; })[0];
      level = node && node.children ? node.children : [];
    });
    var items = s.searched !== null
      ? leaves(props.tree).filter(function (l) { return l.toLowerCase().indexOf(s.searched.toLowerCase()) >= 0; })
          .map(function (l) { return { label: l }; })
      : level;
    function pick(n) {
      if (n.children) {
        setS(Object.assign({}, s, { trail: s.trail.concat(n.label) }));
        return;
      }
      props.onChange(n.label);
      close();
    }
    var value = props.value || "";
    return h("div", { "data-automation-id": "formField-" + props.field },
      h("label", { htmlFor: id }, h("span", null, props.label, props.required ? h(Required) : null)),
      h("div", { "data-automation-id": "multiSelectContainer", "data-uxi-widget-type": "multiselect", ref: wrap },
        value ? h("ul", { "data-automation-id": "selectedItemList", role: "listbox", "aria-label": "Items selected" },
          h("li", { "data-automation-id": "selectedItem", className: "wd-pill" },
            h("p", { "data-automation-id": "promptOption" }, value),
            h("span", {
              "data-automation-id": "DELETE_charm", role: "button", "aria-label": "Remove " + value,
              onClick: function () { props.onChange(""); },
            }, "×"))) : null,
        h("div", { "data-automation-id": "multiselectInputContainer" },
          h("input", {
            type: "text", id: id, placeholder: "Search", autoComplete: "off",
            "data-automation-id": "searchBox", "data-uxi-widget-type": "selectinput",
            role: "combobox", "aria-autocomplete": "list",
            "aria-expanded": s.open ? "true" : "false",
            "aria-controls": s.open ? listId : undefined,
            "aria-describedby": labelId + (props.error ? " " + id + "-error" : ""),
            "aria-required": props.required ? "true" : undefined,
            "aria-invalid": props.error ? "true" : "false",
            value: s.query,
            onChange: function (e) { setS(Object.assign({}, s, { query: e.target.value })); },
            onKeyDown: function (e) {
              if (e.key === "Enter") {
                e.preventDefault();
                setS(Object.assign({}, s, { open: true, searched: s.query }));
              }
            },
            onClick: open,
            onBlur: function () {
              // Workday drops unconfirmed search text when focus leaves the prompt.
              setTimeout(function () { setS(function (x) { return Object.assign({}, x, { query: "" }); }); }, 0);
            },
          }),
          h("div", { "data-automation-id": "promptSelectionLabel", id: labelId }, value),
          h("span", { "data-automation-id": "promptAriaInstruction", className: "wd-sr" },
            value ? "1 item selected" : "0 items selected"),
          h("span", { "data-automation-id": "promptIcon", onClick: open }, "☰")),
        s.open ? h(Popup, { anchor: wrap.current, aid: "promptPopup" },
          h("div", { "data-automation-id": "activeListContainer", role: "listbox", id: listId },
            items.length ? items.map(function (n) {
              return h("div", {
                key: n.label, role: "option", "data-automation-id": "menuItem",
                "aria-selected": n.label === value ? "true" : "false",
                "aria-haspopup": n.children ? "true" : undefined,
                onClick: function () { pick(n); },
              }, h("div", { "data-automation-id": "promptOption", "data-automation-label": n.label },
                n.label + (n.children ? " ›" : "")));
            }) : h("p", null, "No Items."))) : null,
        h(FieldError, { id: id + "-error", error: props.error })));
  }

  /** Month (and day) / year pieces of Workday's date input. */
  function DateInput(props) {
    var id = useGeneratedId();
    var parts = props.parts || ["Month", "Year"];
    function piece(part) {
      var key = part.toLowerCase();
      var max = part === "Year" ? 4 : 2;
      return h("div", { key: part, "data-automation-id": "dateSection" + part },
        h("input", {
          type: "text", id: id + "-" + key, role: "spinbutton", "aria-label": part,
          "data-automation-id": "dateSection" + part + "-input",
          "aria-valuemin": part === "Month" ? "1" : part === "Day" ? "1" : "1900",
          "aria-valuemax": part === "Month" ? "12" : part === "Day" ? "31" : "2100",
          "aria-valuenow": props.value[key] || undefined,
          "aria-invalid": props.error ? "true" : "false",
          "aria-describedby": props.error ? id + "-error" : undefined,
          placeholder: part === "Year" ? "YYYY" : part === "Month" ? "MM" : "DD",
          value: props.value[key] || "",
          onChange: function (e) {
            var v = e.target.value;
            if (!/^\d*$/.test(v) || v.length > max) return; // the widget refuses anything else
            var next = Object.assign({}, props.value);
            next[key] = v;
            props.onChange(next);
          },
        }));
    }
    return h("div", { "data-automation-id": "formField-" + props.field },
      h("label", { id: id + "-label" }, h("span", null, props.label, props.required ? h(Required) : null)),
      h("div", { "data-automation-id": "dateInputWrapper", role: "group", "aria-labelledby": id + "-label",
        className: "wd-date" }, parts.map(piece)),
      h(FieldError, { id: id + "-error", error: props.error }));
  }

  function ClickFilterButton(props) {
    return h("div", { className: "wd-clickwrap" },
      h("div", { role: "button", tabIndex: 0, "aria-label": props.label, "data-automation-id": "click_filter",
        className: "wd-click-filter", onClick: props.onClick }),
      h("button", { type: "submit", "data-automation-id": props.aid, tabIndex: -2, "aria-hidden": "true" },
        props.label));
  }

  // --- header, job page, chooser ------------------------------------------------------------

  function Header() {
    return h("div", { "data-automation-id": "header" },
      h("header", null,
        h("h1", null, company + " Careers"),
        h("div", { "data-automation-id": "utilityButtonBar" },
          h("button", { "data-automation-id": "utilityButtonSignIn", type: "button" }, "Sign In"))));
  }

  function JobPage() {
    return h("main", null,
      h("div", { "data-automation-id": "jobPostingPage" },
        h("h2", { "data-automation-id": "jobPostingHeader" }, jobTitle),
        h("div", { "data-automation-id": "locations" }, "Portland, OR"),
        h("div", { "data-automation-id": "jobPostingDescription" },
          h("p", null, "Join " + company + " to build the systems behind our stores."),
          h("p", null, "Requisition " + jobReq)),
        h("a", {
          role: "button", "data-automation-id": "adventureButton", href: jobBase + "/apply",
          onClick: function (e) { e.preventDefault(); if (!blockedByNotice()) navigate(jobBase + "/apply"); },
        }, "Apply")));
  }

  function Chooser() {
    function link(aid, text) {
      return h("div", { key: aid },
        h("a", {
          role: "button", "data-automation-id": aid, href: jobBase + "/apply/" + aid,
          onClick: function (e) { e.preventDefault(); if (!blockedByNotice()) navigate(jobBase + "/apply/" + aid); },
        }, text));
    }
    return h("main", null,
      h("div", { "data-automation-id": "applyAdventurePage" },
        h("h2", null, "Start Your Application"),
        h("h3", null, jobTitle),
        h("p", null, "How would you like to apply?"),
        link("autofillWithResume", "Autofill with Resume"),
        link("applyManually", "Apply Manually"),
        link("useMyLastApplication", "Use My Last Application")));
  }

  // --- account ------------------------------------------------------------------------------

  var STEPS = ["Create Account/Sign In", "My Information", "My Experience", "Application Questions",
    "Voluntary Disclosures", "Self Identify", "Review"];

  function ProgressBar(props) {
    return h("div", { "aria-label": "Application Progress" },
      h("ol", { "data-automation-id": "progressBar", className: "wd-progress" },
        STEPS.map(function (name, i) {
          var aid = i === props.step ? "progressBarActiveStep" : i < props.step ? "progressBarCompletedStep"
            : "progressBarInactiveStep";
          return h("li", { key: name, "data-automation-id": aid },
            h("label", { "aria-live": "polite" },
              (i === props.step ? "current step " : "step ") + (i + 1) + " of " + STEPS.length),
            h("label", null, name));
        })));
  }

  var PASSWORD_RULES = [
    [/\d/, "A numeric character"], [/.{8,}/, "A minimum of 8 characters"], [/[A-Za-z]/, "An alphabetic character"],
    [/[a-z]/, "A lowercase character"], [/[A-Z]/, "An uppercase character"], [/[^A-Za-z0-9]/, "A special character"],
  ];

  function Account(props) {
    var st = useState({ mode: "create", email: "", password: "", verify: "", agree: false, website: "",
      expanded: !CONFIG.collapsedAgreement });
    var f = st[0], setF = st[1];
    var ev = useState({});
    var errors = ev[0], setErrors = ev[1];
    var bn = useState("");
    var banner = bn[0], setBanner = bn[1];
    function set(k) { return function (v) { var n = Object.assign({}, f); n[k] = v; setF(n); }; }
    function submit(e) {
      if (e && e.preventDefault) e.preventDefault();
      if (blockedByNotice()) return;
      var errs = {};
      if (!f.email) errs.email = "Email Address is required";
      if (!f.password) errs.password = "Password is required";
      if (f.mode === "create") {
        PASSWORD_RULES.forEach(function (r) {
          if (f.password && !r[0].test(f.password)) errs.password = "Password does not meet the requirements";
        });
        if (f.verify !== f.password) errs.verify = "The passwords do not match";
        if (!f.agree) errs.agree = "You must agree to create the account";
      }
      setErrors(errs);
      if (Object.keys(errs).length) return;
      var url = "/wday/authgwy/" + tenant + (f.mode === "create" ? "/createAccount" : "/signin");
      post(url, { email: f.email, password: f.password, website: f.website }).then(function (r) {
        if (r.status !== 200) { setBanner(r.data.error || "Something went wrong"); return; }
        sessionStorage.setItem("wd-session-" + tenant, f.email);
        props.onSignedIn(f.email);
      });
    }
    var create = f.mode === "create";
    return h("div", { "data-automation-id": "signInContent" },
      h("h3", { id: "authViewTitle" }, create ? "Create Account" : "Sign In"),
      create ? h("div", { "data-automation-id": "passwordRulesList" },
        h("p", null, "Password Requirements:"),
        h("ul", null, PASSWORD_RULES.map(function (r) { return h("li", { key: r[1] }, r[1]); }))) : null,
      banner ? h("div", { "data-automation-id": "errorMessage", role: "alert", className: "wd-error" }, banner) : null,
      h("form", { "data-automation-id": create ? "signInFormo" : "signInForm", onSubmit: submit, noValidate: true },
        h(TextInput, { aid: "email", label: "Email Address", required: true, value: f.email, onChange: set("email"),
          autoComplete: "email", error: errors.email }),
        h(TextInput, { aid: "password", type: "password", label: "Password", required: true, value: f.password,
          onChange: set("password"), autoComplete: create ? "new-password" : "current-password",
          error: errors.password }),
        create ? h(TextInput, { aid: "verifyPassword", type: "password", label: "Verify New Password",
          required: true, value: f.verify, onChange: set("verify"), autoComplete: "new-password",
          error: errors.verify }) : null,
        create ? h("p", null, "By creating an account you allow " + company +
          " to store and process your data to consider you for employment.") : null,
        create && CONFIG.collapsedAgreement ? h("div", { "data-automation-id": "createAccountAgreement" },
          h("div", { id: "wd-agreement-more", hidden: !f.expanded },
            h("p", null, company + " keeps your candidate profile for up to 24 months and shares it only with " +
              "the recruiters and hiring managers of the positions you apply for."),
            h(Checkbox, { aid: "createAccountCheckbox", label: "I agree to creating this account to allow " +
              "me to apply for positions with " + company + ".", checked: f.agree, onChange: set("agree"),
              error: errors.agree })),
          h("button", { type: "button", "data-automation-id": "createAccountExpandButton",
            "aria-controls": "wd-agreement-more", "aria-expanded": f.expanded ? "true" : "false",
            onClick: function () { set("expanded")(!f.expanded); } }, f.expanded ? "Read Less" : "Read More"),
          !f.expanded && errors.agree ? h(FieldError, { id: "wd-agreement-error", error: errors.agree }) : null)
          : null,
        create && !CONFIG.collapsedAgreement ? h(Checkbox, { aid: "createAccountCheckbox",
          label: "I agree to creating this account to allow " +
          "me to apply for positions with " + company + ".", checked: f.agree, onChange: set("agree"),
          error: errors.agree }) : null,
        h("div", { "data-automation-id": "noCaptchaWrapper" },
          h(ClickFilterButton, { aid: create ? "createAccountSubmitButton" : "signInSubmitButton",
            label: create ? "Create Account" : "Sign In", onClick: submit }))),
      create
        ? h("div", null, "Already have an account?",
          h("button", { type: "button", "data-automation-id": "signInLink",
            onClick: function () { setErrors({}); setBanner(""); setF(Object.assign({}, f, { mode: "signin" })); } },
            "Sign In"))
        : h("div", null, "Don't have an account yet?",
          h("button", { type: "button", "data-automation-id": "createAccountLink",
            onClick: function () { setErrors({}); setBanner(""); setF(Object.assign({}, f, { mode: "create" })); } },
            "Create Account")),
      h("div", { className: "wd-beecatcher" },
        h("label", { htmlFor: "bee-" + tenant }, "Enter website. This input is for robots only, do not enter if you're human."),
        h("input", { "data-automation-id": "beecatcher", id: "bee-" + tenant, name: "website", type: "text",
          value: f.website, onChange: function (e) { set("website")(e.target.value); } })));
  }

  // --- wizard data, options, validation -----------------------------------------------------

  var COUNTRIES = ["Canada", "Germany", "Mexico", "United Kingdom", "United States of America"];
  var STATES = ["Arizona", "California", "Oregon", "Washington"];
  var PHONE_TYPES = ["Home", "Mobile", "Work"];
  var SOURCES = [
    { label: "Job Board", children: [{ label: "Indeed" }, { label: "Glassdoor" }] },
    { label: "Social Media", children: [{ label: "LinkedIn" }, { label: "Facebook" }, { label: "Instagram" }] },
    { label: "Employee Referral" },
    { label: "Career Fair" },
  ];
  var DEGREES = ["High School Diploma", "Associate's Degree", "Bachelor's Degree", "Master's Degree", "Doctorate"];
  var STUDIES = ["Biology", "Business Administration", "Computer Engineering", "Computer Science", "Economics",
    "Mathematics", "Mechanical Engineering", "Physics"].map(function (l) { return { label: l }; });
  var YES_NO = ["Yes", "No"];
  var QUESTIONS = [
    { id: "9f1c2a7e0b4d11ee", label: "Are you legally authorized to work in the country in which this job is located?",
      kind: "listbox", options: YES_NO, required: true },
    { id: "9f1c2a7e0b4d12ee", label: "Will you now or in the future require sponsorship for employment visa status?",
      kind: "listbox", options: YES_NO, required: true },
    { id: "9f1c2a7e0b4d13ee", label: "What are your salary expectations?", kind: "text", required: true },
    { id: "9f1c2a7e0b4d14ee", label: "Why do you want to work here?", kind: "textarea", required: true },
    { id: "9f1c2a7e0b4d15ee", label: "Do you hold a current forklift operator certificate?", kind: "listbox",
      options: YES_NO, required: false },
  ];
  var GENDERS = ["Female", "Male", "Non-binary", "I do not wish to self-identify"];
  var ETHNICITIES = ["American Indian or Alaska Native", "Asian", "Black or African American", "Hispanic or Latino",
    "Native Hawaiian or Other Pacific Islander", "Two or More Races", "White", "I do not wish to self-identify"];
  var VETERAN = ["I am not a protected veteran", "I identify as one or more of the classifications of protected veteran",
    "I do not wish to self-identify"];
  var DISABILITY = ["Yes, I have a disability, or have had one in the past",
    "No, I do not have a disability and have not had one in the past", "I do not want to answer"];

  function emptyWork() {
    return { jobTitle: "", company: "", location: "", current: false, start: {}, end: {}, description: "" };
  }
  function emptyEducation() {
    return { school: "", degree: "", fieldOfStudy: "", gpa: "", firstYear: {}, lastYear: {} };
  }

  function initialData(email) {
    return {
      info: { country: "United States of America", source: "", previousWorker: "", firstName: "", middleName: "",
        lastName: "", address1: "", address2: "", city: "", state: "", postalCode: "", email: email,
        phoneType: "", phoneCode: "United States of America (+1)", phone: "", extension: "" },
      experience: { work: [], education: [], resume: null, linkedin: "" },
      questions: {},
      disclosures: { gender: "", ethnicity: "", veteran: "", terms: false },
      selfIdentify: { language: "English", name: "", employeeId: "", date: {}, disability: [] },
    };
  }

  function need(errs, key, value, label) {
    var empty = value == null || value === "" || value === false || (Array.isArray(value) && !value.length);
    if (empty) errs[key] = "The field " + label + " is required and must have a value.";
  }

  function validMonthYear(d, withDay) {
    var m = Number(d.month), y = Number(d.year);
    if (!(m >= 1 && m <= 12 && y >= 1900 && y <= 2100)) return false;
    return !withDay || (Number(d.day) >= 1 && Number(d.day) <= 31);
  }

  function validate(step, data) {
    var e = {};
    if (step === 1) {
      var i = data.info;
      need(e, "country", i.country, "Country");
      need(e, "source", i.source, "How Did You Hear About Us?");
      need(e, "previousWorker", i.previousWorker, "Have you previously worked for " + company + "?");
      need(e, "firstName", i.firstName, "First Name");
      need(e, "lastName", i.lastName, "Last Name");
      need(e, "address1", i.address1, "Address Line 1");
      need(e, "city", i.city, "City");
      if (i.country === "United States of America") need(e, "state", i.state, "State");
      need(e, "postalCode", i.postalCode, "Postal Code");
      need(e, "phoneType", i.phoneType, "Phone Device Type");
      need(e, "phone", i.phone, "Phone Number");
      if (i.phone && !/^[0-9 ()+.-]{7,}$/.test(i.phone)) e.phone = "Enter a valid phone number.";
    } else if (step === 2) {
      var x = data.experience;
      need(e, "resume", x.resume, "Resume/CV");
      x.work.forEach(function (w, n) {
        need(e, "work" + n + ".jobTitle", w.jobTitle, "Job Title");
        need(e, "work" + n + ".company", w.company, "Company");
        if (!validMonthYear(w.start)) e["work" + n + ".start"] = "Enter a valid From date.";
        if (!w.current && !validMonthYear(w.end)) e["work" + n + ".end"] = "Enter a valid To date.";
      });
      x.education.forEach(function (d, n) {
        need(e, "education" + n + ".school", d.school, "School or University");
        need(e, "education" + n + ".degree", d.degree, "Degree");
      });
    } else if (step === 3) {
      QUESTIONS.forEach(function (q) { if (q.required) need(e, q.id, data.questions[q.id], q.label); });
    } else if (step === 4) {
      var d = data.disclosures;
      need(e, "gender", d.gender, "Gender");
      need(e, "ethnicity", d.ethnicity, "Ethnicity");
      need(e, "veteran", d.veteran, "Veteran Status");
      need(e, "terms", d.terms, "Terms and Conditions");
    } else if (step === 5) {
      var s = data.selfIdentify;
      need(e, "name", s.name, "Name");
      if (!validMonthYear(s.date, true)) e.date = "Enter a valid date.";
      if (s.disability.length !== 1) e.disability = "Select exactly one option.";
    }
    return e;
  }

  // --- wizard steps ---------------------------------------------------------------------------

  function MyInformation(props) {
    var i = props.data.info, err = props.errors;
    function set(k) { return function (v) { var n = Object.assign({}, i); n[k] = v; props.update("info", n); }; }
    var us = i.country === "United States of America";
    var radioName = "candidateIsPreviousWorker";
    return h("div", { "data-automation-id": "applyFlowMyInfoPage" },
      h("h2", null, "My Information"),
      h(Listbox, { aid: "countryDropdown", field: "countryDropdown", label: "Country", required: true,
        options: COUNTRIES, value: i.country, onChange: set("country"), error: err.country }),
      h(Prompt, { field: "sourcePrompt", label: "How Did You Hear About Us?", required: true, tree: SOURCES,
        value: i.source, onChange: set("source"), error: err.source }),
      h("fieldset", { "data-automation-id": "formField-previousWorker" },
        h("legend", null, "Have you previously worked for " + company + "?", h(Required)),
        h("div", { "data-automation-id": "previousWorker", role: "radiogroup" },
          [["true", "Yes"], ["false", "No"]].map(function (o) {
            var rid = "previousWorker-" + o[0];
            return h("div", { key: o[0] },
              h("input", { type: "radio", name: radioName, id: rid, value: o[0],
                checked: i.previousWorker === o[0], onChange: function () { set("previousWorker")(o[0]); } }),
              h("label", { htmlFor: rid }, o[1]));
          })),
        h(FieldError, { id: "previousWorker-error", error: err.previousWorker })),
      h("h3", null, "Legal Name"),
      h(TextInput, { aid: "legalNameSection_firstName", label: "First Name", required: true, value: i.firstName,
        onChange: set("firstName"), error: err.firstName }),
      h(TextInput, { aid: "legalNameSection_middleName", label: "Middle Name", value: i.middleName,
        onChange: set("middleName") }),
      h(TextInput, { aid: "legalNameSection_lastName", label: "Last Name", required: true, value: i.lastName,
        onChange: set("lastName"), error: err.lastName }),
      h("h3", null, "Address"),
      h(TextInput, { aid: "addressSection_addressLine1", label: "Address Line 1", required: true, value: i.address1,
        onChange: set("address1"), error: err.address1 }),
      h(TextInput, { aid: "addressSection_addressLine2", label: "Address Line 2", value: i.address2,
        onChange: set("address2") }),
      h(TextInput, { aid: "addressSection_city", label: "City", required: true, value: i.city,
        onChange: set("city"), error: err.city }),
      us ? h(Listbox, { aid: "addressSection_countryRegion", label: "State", required: true, options: STATES,
        value: i.state, onChange: set("state"), error: err.state }) : null,
      h(TextInput, { aid: "addressSection_postalCode", label: "Postal Code", required: true, value: i.postalCode,
        onChange: set("postalCode"), error: err.postalCode }),
      h("h3", null, "Email Address"),
      h(TextInput, { aid: "email", label: "Email Address", value: i.email, readOnly: true, onChange: set("email") }),
      h("h3", null, "Phone"),
      h(Listbox, { aid: "phone-device-type", label: "Phone Device Type", required: true, options: PHONE_TYPES,
        value: i.phoneType, onChange: set("phoneType"), error: err.phoneType }),
      h(Prompt, { field: "country-phone-code", label: "Country Phone Code", required: true,
        tree: COUNTRIES.map(function (c) { return { label: c + " (+" + ({ Canada: 1, Germany: 49, Mexico: 52,
          "United Kingdom": 44, "United States of America": 1 })[c] + ")" }; }),
        value: i.phoneCode, onChange: set("phoneCode") }),
      h(TextInput, { aid: "phone-number", label: "Phone Number", required: true, value: i.phone,
        onChange: set("phone"), error: err.phone }),
      h(TextInput, { aid: "phone-extension", label: "Phone Extension", value: i.extension,
        onChange: set("extension") }));
  }

  function WorkRow(props) {
    var w = props.row, n = props.index, err = props.errors;
    function set(k) { return function (v) { var c = Object.assign({}, w); c[k] = v; props.onChange(c); }; }
    var headId = useGeneratedId("heading-");
    return h("div", { "data-automation-id": "workExperience-" + (n + 1), role: "group", "aria-labelledby": headId,
      className: "wd-row" },
      h("h4", { id: headId }, "Work Experience " + (n + 1)),
      h("button", { type: "button", "data-automation-id": "panel-set-delete-button",
        "aria-label": "Delete Work Experience " + (n + 1), onClick: props.onDelete }, "Delete"),
      h(TextInput, { aid: "jobTitle", label: "Job Title", required: true, value: w.jobTitle, onChange: set("jobTitle"),
        error: err["work" + n + ".jobTitle"] }),
      h(TextInput, { aid: "company", label: "Company", required: true, value: w.company, onChange: set("company"),
        error: err["work" + n + ".company"] }),
      h(TextInput, { aid: "location", label: "Location", value: w.location, onChange: set("location") }),
      h(Checkbox, { aid: "currentlyWorkHere", field: "currentlyWorkHere", label: "I currently work here",
        checked: w.current, onChange: set("current") }),
      h(DateInput, { field: "startDate", label: "From", required: true, value: w.start, onChange: set("start"),
        error: err["work" + n + ".start"] }),
      w.current ? null : h(DateInput, { field: "endDate", label: "To", required: true, value: w.end,
        onChange: set("end"), error: err["work" + n + ".end"] }),
      h(TextInput, { aid: "description", label: "Role Description", multiline: true, value: w.description,
        onChange: set("description") }));
  }

  function EducationRow(props) {
    var d = props.row, n = props.index, err = props.errors;
    function set(k) { return function (v) { var c = Object.assign({}, d); c[k] = v; props.onChange(c); }; }
    var headId = useGeneratedId("heading-");
    return h("div", { "data-automation-id": "education-" + (n + 1), role: "group", "aria-labelledby": headId,
      className: "wd-row" },
      h("h4", { id: headId }, "Education " + (n + 1)),
      h("button", { type: "button", "data-automation-id": "panel-set-delete-button",
        "aria-label": "Delete Education " + (n + 1), onClick: props.onDelete }, "Delete"),
      h(TextInput, { aid: "school", label: "School or University", required: true, value: d.school,
        onChange: set("school"), error: err["education" + n + ".school"] }),
      h(Listbox, { aid: "degree", label: "Degree", required: true, options: DEGREES, value: d.degree,
        onChange: set("degree"), error: err["education" + n + ".degree"] }),
      h(Prompt, { field: "fieldOfStudy", label: "Field of Study", tree: STUDIES, value: d.fieldOfStudy,
        onChange: set("fieldOfStudy") }),
      h(TextInput, { aid: "gpa", label: "Overall Result (GPA)", value: d.gpa, onChange: set("gpa") }),
      h(DateInput, { field: "firstYearAttended", label: "From", parts: ["Year"], value: d.firstYear,
        onChange: set("firstYear") }),
      h(DateInput, { field: "lastYearAttended", label: "To (Actual or Expected)", parts: ["Year"], value: d.lastYear,
        onChange: set("lastYear") }));
  }

  function RowSection(props) {
    var rows = props.rows;
    function change(i) {
      return function (row) { var c = rows.slice(); c[i] = row; props.onChange(c); };
    }
    function remove(i) { return function () { var c = rows.slice(); c.splice(i, 1); props.onChange(c); }; }
    return h("div", { "data-automation-id": props.aid },
      h("h3", null, props.title),
      rows.map(function (r, i) {
        return h(props.Row, { key: r._key || i, row: r, index: i, errors: props.errors, onChange: change(i),
          onDelete: remove(i) });
      }),
      h("button", { type: "button", "data-automation-id": "Add",
        "aria-label": (rows.length ? "Add Another " : "Add ") + props.title,
        onClick: function () { props.onChange(rows.concat([Object.assign(props.empty(), { _key: Math.random() })])); },
      }, rows.length ? "Add Another" : "Add"));
  }

  function MyExperience(props) {
    var x = props.data.experience, err = props.errors;
    var up = useState("");
    var upload = up[0], setUpload = up[1];
    function set(k) { return function (v) { var n = Object.assign({}, x); n[k] = v; props.update("experience", n); }; }
    var fileId = useGeneratedId();
    function onFile(e) {
      var file = e.target.files && e.target.files[0];
      if (!file) return;
      setUpload("uploading");
      var body = new FormData();
      body.append("file", file);
      fetch(api + "/apply/" + jobReq + "/resume", { method: "POST", body: body })
        .then(function (r) { return r.json(); })
        .then(function (parsed) {
          // Like Workday's resume parser: prefill the rows from what it "read", a moment later.
          setTimeout(function () {
            props.updateWith(function (data) {
              var n = Object.assign({}, data.experience, {
                resume: { name: file.name, size: file.size, id: parsed.fileId },
                work: parsed.work.map(function (w) { return Object.assign(emptyWork(), w, { _key: Math.random() }); }),
                education: parsed.education.map(function (d) {
                  return Object.assign(emptyEducation(), d, { _key: Math.random() });
                }),
              });
              return Object.assign({}, data, { experience: n });
            });
            setUpload("done");
          }, 120);
        });
    }
    return h("div", { "data-automation-id": "applyFlowMyExpPage" },
      h("h2", null, "My Experience"),
      h(RowSection, { aid: "workExperienceSection", title: "Work Experience", rows: x.work, Row: WorkRow,
        empty: emptyWork, errors: err, onChange: set("work") }),
      h(RowSection, { aid: "educationSection", title: "Education", rows: x.education, Row: EducationRow,
        empty: emptyEducation, errors: err, onChange: set("education") }),
      h("div", { "data-automation-id": "formField-resume" },
        h("h3", null, "Resume/CV"),
        h("label", { htmlFor: fileId }, "Upload a file (5MB max)", h(Required)),
        h("div", { "data-automation-id": "file-upload-drop-zone", className: "wd-dropzone" },
          h("button", { type: "button", "data-automation-id": "select-files",
            onClick: function () { document.getElementById(fileId).click(); } }, "Select files"),
          h("input", { type: "file", id: fileId, "data-automation-id": "file-upload-input-ref", className: "wd-file",
            accept: ".pdf,.doc,.docx", "aria-required": "true", onChange: onFile })),
        x.resume ? h("div", { "data-automation-id": "file-upload-successful" }, "Successfully Uploaded: " + x.resume.name)
          : upload === "uploading" ? h("div", null, "Uploading…") : null,
        h(FieldError, { id: fileId + "-error", error: err.resume })),
      h("h3", null, "Websites"),
      h(TextInput, { aid: "linkedinQuestion", label: "LinkedIn", value: x.linkedin, onChange: set("linkedin") }));
  }

  function ApplicationQuestions(props) {
    var q = props.data.questions, err = props.errors;
    function set(k) { return function (v) { var n = Object.assign({}, q); n[k] = v; props.update("questions", n); }; }
    return h("div", { "data-automation-id": "applyFlowPrimaryQuestionsPage" },
      h("h2", null, "Application Questions"),
      QUESTIONS.map(function (qq) {
        var common = { key: qq.id, aid: qq.id, field: "primaryQuestionnaire--" + qq.id, label: qq.label,
          required: qq.required, value: q[qq.id] || "", onChange: set(qq.id), error: err[qq.id] };
        if (qq.kind === "listbox") return h(Listbox, Object.assign({ options: qq.options }, common));
        return h(TextInput, Object.assign({ multiline: qq.kind === "textarea" }, common));
      }));
  }

  function VoluntaryDisclosures(props) {
    var d = props.data.disclosures, err = props.errors;
    function set(k) { return function (v) { var n = Object.assign({}, d); n[k] = v; props.update("disclosures", n); }; }
    return h("div", { "data-automation-id": "applyFlowVoluntaryDisclosuresPage" },
      h("h2", null, "Voluntary Disclosures"),
      h("p", null, company + " is an equal opportunity employer. Answering is voluntary."),
      h(Listbox, { aid: "gender", label: "Gender", required: true, options: GENDERS, value: d.gender,
        onChange: set("gender"), error: err.gender }),
      h(Listbox, { aid: "ethnicityDropdown", label: "Ethnicity", required: true, options: ETHNICITIES,
        value: d.ethnicity, onChange: set("ethnicity"), error: err.ethnicity }),
      h(Listbox, { aid: "veteranStatus", label: "Veteran Status", required: true, options: VETERAN,
        value: d.veteran, onChange: set("veteran"), error: err.veteran }),
      h("h3", null, "Terms and Conditions"),
      h("p", null, "I certify that the information I provide is true and complete."),
      h(Checkbox, { aid: "agreementCheckbox", field: "termsAndConditions",
        label: "Yes, I have read and consent to the terms and conditions", checked: d.terms,
        onChange: set("terms"), error: err.terms }));
  }

  function SelfIdentify(props) {
    var s = props.data.selfIdentify, err = props.errors;
    function set(k) { return function (v) { var n = Object.assign({}, s); n[k] = v; props.update("selfIdentify", n); }; }
    return h("div", { "data-automation-id": "applyFlowSelfIdentifyPage" },
      h("h2", null, "Self Identify"),
      h("div", { "data-automation-id": "selfIdentifiedDisabilityPage" },
        h("h3", null, "Voluntary Self-Identification of Disability"),
        h(Listbox, { aid: "language", label: "Language", required: true, options: ["English", "Spanish"],
          value: s.language, onChange: set("language") }),
        h(TextInput, { aid: "name", label: "Name", required: true, value: s.name, onChange: set("name"),
          error: err.name }),
        h(TextInput, { aid: "employeeId", label: "Employee ID (if applicable)", value: s.employeeId,
          onChange: set("employeeId") }),
        h(DateInput, { field: "dateSignedOn", label: "Date", required: true, parts: ["Month", "Day", "Year"],
          value: s.date, onChange: set("date"), error: err.date }),
        h("fieldset", { "data-automation-id": "formField-disabilityStatus" },
          h("legend", null, "Please check one of the boxes below:", h(Required)),
          DISABILITY.map(function (label, n) {
            var cid = "disability-" + n;
            var on = s.disability.indexOf(label) >= 0;
            return h("div", { key: label },
              h("input", { type: "checkbox", id: cid, checked: on,
                onChange: function (e) {
                  set("disability")(e.target.checked
                    ? s.disability.concat([label])
                    : s.disability.filter(function (x) { return x !== label; }));
                } }),
              h("label", { htmlFor: cid }, label));
          }),
          h(FieldError, { id: "disability-error", error: err.disability }))));
  }

  function Review(props) {
    var d = props.data;
    function row(label, value) { return h("li", { key: label }, h("b", null, label + ": "), String(value || "")); }
    return h("div", { "data-automation-id": "applyFlowReviewPage" },
      h("h2", null, "Review"),
      h("ul", null,
        row("Name", d.info.firstName + " " + d.info.lastName),
        row("Email", d.info.email),
        row("Phone", d.info.phoneType + " " + d.info.phone),
        row("Work Experience", d.experience.work.map(function (w) { return w.jobTitle + " at " + w.company; }).join("; ")),
        row("Education", d.experience.education.map(function (e) { return e.school; }).join("; "))));
  }

  var STEP_VIEWS = [null, MyInformation, MyExperience, ApplicationQuestions, VoluntaryDisclosures, SelfIdentify, Review];
  var STEP_KEYS = [null, "info", "experience", "questions", "disclosures", "selfIdentify", null];

  function strip(value) {
    return JSON.parse(JSON.stringify(value, function (k, v) { return k === "_key" ? undefined : v; }));
  }

  function ApplyFlow() {
    var signed = sessionStorage.getItem("wd-session-" + tenant);
    // Corpus hook (render.py): "?jobpilot-step=N" opens step N directly, with one empty row
    // per repeating section, so each step can be saved as a static page for `jobpilot eval`.
    var forced = Number(new URLSearchParams(location.search).get("jobpilot-step") || 0);
    var data = initialData(signed || (forced ? "candidate@example.org" : ""));
    if (forced) {
      signed = signed || "candidate@example.org";
      data.experience.work = [Object.assign(emptyWork(), { _key: 1 })];
      data.experience.education = [Object.assign(emptyEducation(), { _key: 2 })];
    }
    var st = useState({ email: signed, step: forced || (signed ? 1 : 0), data: data, errors: {},
      done: false, submitting: false });
    var s = st[0], setS = st[1];
    function update(key, value) {
      setS(function (x) { var d = Object.assign({}, x.data); d[key] = value; return Object.assign({}, x, { data: d }); });
    }
    function updateWith(fn) { setS(function (x) { return Object.assign({}, x, { data: fn(x.data) }); }); }
    function next() {
      if (blockedByNotice()) return;
      var errs = validate(s.step, s.data);
      if (Object.keys(errs).length) {
        setS(Object.assign({}, s, { errors: errs }));
        window.scrollTo(0, 0);
        return;
      }
      var key = STEP_KEYS[s.step];
      if (s.step === STEPS.length - 1) {
        setS(Object.assign({}, s, { submitting: true }));
        post(api + "/apply/" + jobReq + "/submit", { job: jobReq, jobTitle: jobTitle, account: s.email,
          application: strip(s.data) }).then(function () {
          setS(function (x) { return Object.assign({}, x, { done: true, submitting: false }); });
        });
        return;
      }
      post(api + "/apply/" + jobReq + "/step/" + key, { account: s.email, data: strip(s.data[key]) })
        .then(function () {
          // The next step replaces this one in place, a moment later (no page load).
          setTimeout(function () {
            setS(function (x) { return Object.assign({}, x, { step: x.step + 1, errors: {} }); });
            window.scrollTo(0, 0);
          }, 50);
        });
    }
    function back() { setS(Object.assign({}, s, { step: Math.max(1, s.step - 1), errors: {} })); }
    if (s.done) {
      return h("main", null, h("div", { "data-automation-id": "applyFlowPage" },
        h("h2", null, "Application Submitted"),
        h("p", { "data-automation-id": "congratulationsMessage" },
          "Congratulations! Your application has been submitted. You can check its status in Candidate Home.")));
    }
    var errCount = Object.keys(s.errors).length;
    var View = STEP_VIEWS[s.step];
    return h("main", null,
      h("div", { "data-automation-id": "applyFlowPage" },
        h("h2", { "data-automation-id": "jobTitleHeading" }, jobTitle),
        h(ProgressBar, { step: s.step }),
        errCount ? h("div", { "data-automation-id": "errorBanner", role: "alert", className: "wd-banner" },
          h("h3", { "data-automation-id": "errorHeading" }, "Errors Found"),
          h("ul", null, Object.keys(s.errors).map(function (k) {
            return h("li", { key: k, "data-automation-id": "errorItem" }, "Error: " + s.errors[k]);
          }))) : null,
        s.step === 0
          ? h(Account, { onSignedIn: function (email) {
            setS(Object.assign({}, s, { email: email, step: 1, data: initialData(email) }));
          } })
          : h("div", { "data-automation-id": "applyFlowStepContainer", key: "step-" + s.step },
            h(View, { data: s.data, errors: s.errors, update: update, updateWith: updateWith }),
            h("div", { "data-automation-id": "pageFooter" },
              s.step > 1 ? h("button", { type: "button", "data-automation-id": "bottom-navigation-back-button",
                onClick: back }, "Back") : null,
              h("button", { type: "button", "data-automation-id": "bottom-navigation-next-button",
                disabled: s.submitting, onClick: next },
                s.step === STEPS.length - 1 ? "Submit" : "Save and Continue")))));
  }

  function LegalNotice(props) {
    function answer(accepted) {
      return function () {
        post(api + "/legalNotice", { accepted: accepted }).then(function () {
          sessionStorage.setItem("wd-legal-" + tenant, accepted ? "accepted" : "declined");
          legal.pending = false;
          props.onAnswer();
        });
      };
    }
    return h("div", { className: "wd-legal-layer" },
      h("div", { "data-automation-id": "legalNotice", className: "wd-legal" },
        h("div", { title: "Welcome to the " + company + " career site." },
          h("p", null, h("b", null, "Welcome to the " + company + " career site.")),
          h("p", null, company + "'s career pages are provided by Workday. Workday uses non-essential cookies " +
            "only at " + company + "'s instruction and with your permission.")),
        h("div", null,
          h("button", { type: "button", "data-automation-id": "legalNoticeAcceptButton", onClick: answer(true) },
            "Accept Cookies"),
          h("button", { type: "button", "data-automation-id": "legalNoticeDeclineButton", onClick: answer(false) },
            "Decline"))));
  }

  function App() {
    var lg = useState(legal.pending);
    var noticeShown = lg[0], setNoticeShown = lg[1];
    var r = useState(location.pathname);
    var route = r[0], setRoute = r[1];
    useEffect(function () {
      function onRoute() { setRoute(location.pathname); }
      window.addEventListener("wd-route", onRoute);
      window.addEventListener("popstate", onRoute);
      return function () {
        window.removeEventListener("wd-route", onRoute);
        window.removeEventListener("popstate", onRoute);
      };
    }, []);
    var segs = route.split("/").filter(Boolean);
    var a = segs.indexOf("apply");
    var view = a < 0 ? h(JobPage) : a === segs.length - 1 ? h(Chooser) : h(ApplyFlow);
    return h("div", { dir: "ltr" },
      noticeShown ? h(LegalNotice, { onAnswer: function () { setNoticeShown(false); } }) : null,
      h(Header), h("div", { id: "mainContent", "data-mfe-id": "applyFlow" }, view));
  }

  document.title = jobTitle + " | " + company + " Careers";
  ReactDOM.createRoot(document.getElementById("root")).render(h(App));
})();
