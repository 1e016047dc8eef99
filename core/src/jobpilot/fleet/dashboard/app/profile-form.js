// The profile form: the same fields, in the same groups, as the extension's options page
// (extension/src/options/options.html; tests/fleet/test_dashboard_app.py keeps the two
// lists equal). The server validates with the same Profile model the host uses, and each
// problem it names is shown next to its field. Keys the form does not show (JSON Resume's
// other sections, a job's highlights) are kept as they were loaded.

import { $, $$, esc } from "./api.js";

/** [path, label, kind, placeholder]; kind: text (default), email, tel, url, textarea, bool, int. */
export const ABOUT = [
  ["basics.name", "Full name"],
  ["basics.label", "Headline", "text", "Senior Data Engineer"],
  ["basics.email", "E-mail", "email"],
  ["basics.phone", "Phone", "tel"],
  ["application.first_name", "First name"],
  ["application.last_name", "Last name"],
  ["application.preferred_name", "Preferred name"],
  ["application.pronouns", "Pronouns", "text", "she/her"],
  ["basics.location.address", "Street address"],
  ["basics.location.city", "City"],
  ["basics.location.region", "Region / state"],
  ["basics.location.postalCode", "Postal code"],
  ["basics.location.countryCode", "Country (2-letter code)", "text", "US"],
  ["basics.url", "Website", "url"],
];
export const NETWORKS = ["LinkedIn", "GitHub"];
export const ASKED = [
  ["application.work_authorized", "Authorised to work where you apply?", "bool"],
  ["application.requires_sponsorship", "Need visa sponsorship?", "bool"],
  ["application.willing_to_relocate", "Willing to relocate?", "bool"],
  ["application.years_experience", "Years of experience", "int"],
  ["application.salary_expectation", "Salary expectation"],
  ["application.start_date", "Start date / notice", "text", "2 weeks notice or 2027-03-01"],
  ["application.referral_source", "How you heard of jobs"],
  ["application.consent", "May JobPilot accept privacy notices for an application?", "bool"],
];
export const OPT_INS = [
  ["application.opt_ins.marketing", "Marketing e-mails", "bool"],
  ["application.opt_ins.sms", "Text messages (SMS)", "bool"],
  ["application.opt_ins.newsletter", "Newsletters, job alerts", "bool"],
  ["application.opt_ins.talent_pool", "Talent pool / other positions", "bool"],
];
export const LISTS = {
  work: { title: "Experience", add: "Add a job", fields: [["name", "Company"], ["position", "Position"], ["startDate", "Start (YYYY-MM)"], ["endDate", "End (empty: now)"], ["summary", "What you did", "textarea"]] },
  education: { title: "Education", add: "Add a school", fields: [["institution", "School"], ["studyType", "Degree"], ["area", "Field of study"], ["startDate", "Start (YYYY-MM)"], ["endDate", "End (YYYY-MM)"]] },
  answers: { title: "Saved answers", add: "Add an answer", fields: [["question", "Question"], ["answer", "Your answer", "textarea"]] },
};
export const EEO = [["gender", "Gender"], ["race", "Race / ethnicity"], ["veteran_status", "Veteran status"], ["disability_status", "Disability status"]];

let loaded = {};
const originals = new WeakMap();

function get(doc, path) {
  return path.split(".").reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), doc);
}

function set(doc, path, value) {
  const keys = path.split(".");
  let o = doc;
  for (const k of keys.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== "object") o[k] = {};
    o = o[k];
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete o[last];
  else o[last] = value;
}

function control([path, label, kind = "text", placeholder = ""]) {
  const ph = placeholder ? ` placeholder="${esc(placeholder)}"` : "";
  if (kind === "bool") {
    return `<label>${esc(label)}<select data-path="${path}" data-type="bool"><option value="">not set (left for you)</option><option value="yes">Yes</option><option value="no">No</option></select></label>`;
  }
  if (kind === "textarea") return `<label>${esc(label)}<textarea data-path="${path}" rows="3"${ph}></textarea></label>`;
  const type = kind === "int" ? "text" : kind;
  const extra = kind === "int" ? ` data-type="int" inputmode="numeric"` : path.endsWith("countryCode") ? ` maxlength="2"` : "";
  return `<label>${esc(label)}<input data-path="${path}" type="${type}"${extra}${ph}></label>`;
}

function listSection(name) {
  const spec = LISTS[name];
  return `<fieldset><legend>${esc(spec.title)} <button type="button" class="secondary" data-add="${name}">${esc(spec.add)}</button></legend><div id="list-${name}"></div></fieldset>`;
}

/** Build the form's fields once. */
export function buildProfileForm() {
  const eeo = EEO.map(([key, label]) => `<label>${esc(label)}<input id="eeo-${key}" data-full="application.eeo.${key}">
      <span class="inline muted"><input type="checkbox" id="eeo-${key}-decline" data-decline="${key}"> Decline to answer</span></label>`).join("");
  $("#profile-fields").innerHTML = `
    <fieldset><legend>About you</legend><div class="grid">
      ${ABOUT.map(control).join("")}
      ${NETWORKS.map((n) => `<label>${n}<input data-profile="${n}" type="url"></label>`).join("")}
    </div>${control(["basics.summary", "Summary", "textarea"])}</fieldset>
    ${listSection("work")}
    ${listSection("education")}
    <fieldset><legend>Skills</legend><label>One group per line, "Group: skill, skill"<textarea id="skills" rows="3"></textarea></label></fieldset>
    <fieldset><legend>What applications ask</legend><div class="grid">${ASKED.map(control).join("")}</div>
      ${control(["application.cover_letter", "Cover letter", "textarea"])}
      <h4>Opt-ins (never ticked unless you say yes here)</h4><div class="grid">${OPT_INS.map(control).join("")}</div></fieldset>
    <fieldset><legend>Voluntary self-identification (EEO)</legend>
      <p class="muted">Only ever filled from here, never sent to an AI model. "Decline to answer" picks the form's decline option where it has one.</p>
      <div class="grid">${eeo}<label>Hispanic or Latino?<select id="eeo-hispanic_latino" data-full="application.eeo.hispanic_latino"><option value="">Decline to answer</option><option value="yes">Yes</option><option value="no">No</option></select></label></div></fieldset>
    ${listSection("answers")}`;
  for (const b of $$("#profile-fields button[data-add]")) b.addEventListener("click", () => { addEntry(b.dataset.add); renumber(); });
  for (const d of $$("#profile-fields input[data-decline]")) d.addEventListener("change", () => { $(`#eeo-${d.dataset.decline}`).disabled = d.checked; });
}

function addEntry(list, row = {}) {
  const spec = LISTS[list];
  const entry = document.createElement("div");
  entry.className = "entry";
  entry.dataset.list = list;
  originals.set(entry, row);
  entry.innerHTML = `<div class="grid">${spec.fields.map(([key, label, kind]) => kind === "textarea"
    ? `<label>${esc(label)}<textarea rows="2" data-field="${key}"></textarea></label>`
    : `<label>${esc(label)}<input data-field="${key}"></label>`).join("")}</div><button type="button" class="secondary" data-remove>Remove</button>`;
  for (const el of $$("[data-field]", entry)) el.value = row[el.dataset.field] ?? "";
  $("[data-remove]", entry).addEventListener("click", () => { entry.remove(); renumber(); });
  $(`#list-${list}`).append(entry);
}

/** Each list field's full path (work.0.name), as the server names problems. */
function renumber() {
  for (const list of Object.keys(LISTS)) {
    const prefix = list === "answers" ? "application.answers" : list;
    $$(`#list-${list} .entry`).forEach((entry, i) => {
      for (const el of $$("[data-field]", entry)) el.dataset.full = `${prefix}.${i}.${el.dataset.field}`;
    });
  }
}

function rows(list) {
  return $$(`#list-${list} .entry`).map((entry) => {
    const row = { ...(originals.get(entry) || {}) };
    for (const el of $$("[data-field]", entry)) {
      const v = el.value.trim();
      if (v) row[el.dataset.field] = v;
      else delete row[el.dataset.field];
    }
    return row;
  });
}

export function fillProfile(doc) {
  loaded = structuredClone(doc || {});
  clearProblems();
  for (const el of $$("#profile-fields [data-path]")) {
    const v = get(loaded, el.dataset.path);
    if (el.dataset.type === "bool") el.value = v === true ? "yes" : v === false ? "no" : "";
    else el.value = v === undefined || v === null ? "" : String(v);
  }
  const profiles = get(loaded, "basics.profiles") || [];
  for (const el of $$("#profile-fields [data-profile]")) {
    const net = el.dataset.profile.toLowerCase();
    el.value = (profiles.find((p) => (p.network || "").toLowerCase() === net || (p.url || "").toLowerCase().includes(net)) || {}).url || "";
  }
  for (const list of Object.keys(LISTS)) {
    $(`#list-${list}`).replaceChildren();
    for (const row of (list === "answers" ? get(loaded, "application.answers") : loaded[list]) || []) addEntry(list, row);
  }
  renumber();
  $("#skills").value = (loaded.skills || []).map((s) => `${s.name || "Skills"}: ${(s.keywords || []).join(", ")}`).join("\n");
  for (const [key] of EEO) {
    const v = get(loaded, `application.eeo.${key}`);
    $(`#eeo-${key}`).value = typeof v === "string" ? v : "";
    $(`#eeo-${key}-decline`).checked = typeof v !== "string";
    $(`#eeo-${key}`).disabled = typeof v !== "string";
  }
  const hl = get(loaded, "application.eeo.hispanic_latino");
  $("#eeo-hispanic_latino").value = hl === true ? "yes" : hl === false ? "no" : "";
}

export function collectProfile() {
  const doc = structuredClone(loaded);
  for (const el of $$("#profile-fields [data-path]")) {
    const raw = el.value.trim();
    let v = raw || undefined;
    if (el.dataset.type === "bool") v = raw === "yes" ? true : raw === "no" ? false : undefined;
    if (el.dataset.type === "int" && raw) v = /^\d+$/.test(raw) ? Number(raw) : raw; // a wrong value is the server's to name
    set(doc, el.dataset.path, v);
  }
  const others = (get(doc, "basics.profiles") || []).filter((p) => !NETWORKS.map((n) => n.toLowerCase()).includes((p.network || "").toLowerCase()));
  for (const el of $$("#profile-fields [data-profile]")) if (el.value.trim()) others.push({ network: el.dataset.profile, url: el.value.trim() });
  set(doc, "basics.profiles", others);
  doc.work = rows("work");
  doc.education = rows("education");
  set(doc, "application.answers", rows("answers"));
  doc.skills = $("#skills").value.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => {
    const at = l.indexOf(":");
    const [name, rest] = at >= 0 ? [l.slice(0, at), l.slice(at + 1)] : ["Skills", l];
    return { name: name.trim(), keywords: rest.split(",").map((k) => k.trim()).filter(Boolean) };
  });
  for (const [key] of EEO) {
    const v = $(`#eeo-${key}`).value.trim();
    set(doc, `application.eeo.${key}`, $(`#eeo-${key}-decline`).checked || !v ? null : v);
  }
  const hl = $("#eeo-hispanic_latino").value;
  set(doc, "application.eeo.hispanic_latino", hl === "yes" ? true : hl === "no" ? false : null);
  return doc;
}

export function clearProblems() {
  for (const el of $$(".bad-field")) el.classList.remove("bad-field");
  for (const el of $$("#profile-form .problem")) el.remove();
  $("#profile-problems").hidden = true;
  $("#profile-problems").textContent = "";
}

/**
 * The server's validation message ("invalid request: profile.basics.email: value is not a
 * valid email address; ...") as problems shown by their fields. Answers the number placed.
 */
export function showProblems(message) {
  clearProblems();
  const text = message.replace(/^invalid request: /, "");
  let placed = 0;
  for (const part of text.split("; ")) {
    const at = part.indexOf(": ");
    if (at < 0) continue;
    const path = part.slice(0, at).replace(/^profile\./, "");
    const el = document.querySelector(`#profile-fields [data-path="${CSS.escape(path)}"], #profile-fields [data-full="${CSS.escape(path)}"]`);
    if (!el) continue;
    el.classList.add("bad-field");
    const note = document.createElement("span");
    note.className = "problem";
    note.textContent = part.slice(at + 2);
    el.after(note);
    placed += 1;
  }
  $("#profile-problems").textContent = message;
  $("#profile-problems").hidden = false;
  return placed;
}

/** The LinkedIn or GitHub box a draft's ``basics.profiles[github]`` went to. */
function profileInput(path) {
  const m = /^basics\.profiles\[(\w+)\]/.exec(path);
  const net = m ? NETWORKS.find((n) => n.toLowerCase() === m[1].toLowerCase()) : null;
  return net ? document.querySelector(`#profile-fields [data-profile="${net}"]`) : null;
}

/**
 * A draft read from a resume (POST /api/resume/draft) merged over what the form holds now,
 * the fields it filled marked green with the line each came from.
 */
export function applyDraft(draft) {
  const current = collectProfile();
  const app = { ...(current.application || {}), ...draft.answers };
  fillProfile({ ...current, ...draft.resume, application: app });
  for (const el of $$("#profile-fields .found")) el.classList.remove("found");
  let marked = 0;
  for (const f of draft.found) {
    const path = f.path.replace(/\[(\d+)\]/g, ".$1");
    const el = document.querySelector(`#profile-fields [data-path="${CSS.escape(path)}"], #profile-fields [data-full="${CSS.escape(path)}"]`)
      || profileInput(f.path);
    if (el) { el.classList.add("found"); el.title = `read from your resume: ${f.line}`; marked += 1; }
  }
  return marked;
}
