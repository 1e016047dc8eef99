/**
 * The options page: onboarding and editing a profile in a form.
 *
 * - Start from a resume: the file is sent to the host (`profile.draft`), which keeps it and
 *   reads it into a draft; the draft fills the form, the fields it found are shown green with
 *   the resume line they came from, and what it could not read is listed. Nothing is saved.
 * - Save sends the whole profile (`profile.save`); the host validates it exactly like
 *   `jobpilot profile import` and answers every problem with its path, shown next to the field.
 * - Fields the form does not show (JSON Resume's other sections) are kept as they were.
 */

import { type ProfileDoc, type ResumeDraft, errorMessage } from "../shared/protocol";
import { $, command, h } from "../shared/ui";

type Doc = Record<string, unknown>;
type Row = Record<string, string>; // (highlights and other kept keys ride along untyped)

const NEW = "\u0000new";
const LISTS: Record<string, { fields: [string, string, string?][] }> = {
  work: { fields: [["name", "Company"], ["position", "Position"], ["startDate", "Start (YYYY-MM)"], ["endDate", "End (empty: now)"], ["summary", "What you did", "textarea"]] },
  education: { fields: [["institution", "School"], ["studyType", "Degree"], ["area", "Field of study"], ["startDate", "Start (YYYY-MM)"], ["endDate", "End (YYYY-MM)"]] },
  answers: { fields: [["question", "Question"], ["answer", "Your answer", "textarea"]] },
};
const EEO: [string, string][] = [["gender", "Gender"], ["race", "Race / ethnicity"], ["veteran_status", "Veteran status"], ["disability_status", "Disability status"]];

let loaded: Doc = {};
let resumes: { name: string; path: string; default: boolean }[] = [];

function get(doc: Doc, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Doc)[k] : undefined), doc);
}

function set(doc: Doc, path: string, value: unknown): void {
  const keys = path.split(".");
  let o = doc;
  for (const k of keys.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== "object") o[k] = {};
    o = o[k] as Doc;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete o[last];
  else o[last] = value;
}

function boolSelects(): void {
  for (const sel of document.querySelectorAll<HTMLSelectElement>("select[data-type=bool]")) {
    sel.replaceChildren(h("option", { value: "" }, "not set (left for you)"), h("option", { value: "yes" }, "Yes"), h("option", { value: "no" }, "No"));
  }
}

// --- lists ------------------------------------------------------------------------------

/** Each entry's whole object: keys the form does not show (a job's highlights) are kept. */
const originals = new WeakMap<HTMLElement, Row>();

function addEntry(list: string, row: Row = {}): void {
  const spec = LISTS[list];
  const box = $(list);
  const entry = h("div", { class: "entry", "data-list": list });
  originals.set(entry, row);
  const grid = h("div", { class: "grid" });
  for (const [key, label, kind] of spec.fields) {
    const input = kind === "textarea" ? h("textarea", { rows: "2", "data-field": key }) : h("input", { "data-field": key });
    input.value = row[key] ?? "";
    (kind === "textarea" ? entry : grid).append(h("label", {}, label, input));
  }
  entry.prepend(grid);
  const remove = h("button", { type: "button", class: "remove" }, "Remove");
  remove.addEventListener("click", () => entry.remove());
  entry.append(remove);
  box.append(entry);
  renumber();
}

/** Each list input knows its full path (`work[1].startDate`) so problems can find it. */
function renumber(): void {
  for (const list of Object.keys(LISTS)) {
    const prefix = list === "answers" ? "application.answers" : list;
    document.querySelectorAll<HTMLElement>(`#${list} .entry`).forEach((e, i) => {
      for (const input of e.querySelectorAll<HTMLElement>("[data-field]")) input.dataset.full = `${prefix}[${i}].${input.dataset.field}`;
    });
  }
}

function rows(list: string): Row[] {
  return Array.from(document.querySelectorAll<HTMLElement>(`#${list} .entry`)).map((e) => {
    const row: Row = structuredClone(originals.get(e) ?? {});
    for (const input of e.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("[data-field]")) {
      const v = input.value.trim();
      if (v) row[input.dataset.field ?? ""] = v;
      else delete row[input.dataset.field ?? ""];
    }
    return row;
  });
}

function renderResumes(): void {
  $("resumes").replaceChildren(
    ...resumes.map((r, i) => {
      const radio = h("input", { type: "radio", name: "resume-default", "data-full": `application.resumes[${i}].path` });
      radio.checked = r.default;
      radio.addEventListener("change", () => resumes.forEach((x, j) => (x.default = j === i)));
      const remove = h("button", { type: "button" }, "Remove");
      remove.addEventListener("click", () => {
        resumes.splice(i, 1);
        renderResumes();
      });
      return h("div", { class: "entry row" }, h("label", { class: "row" }, radio, "default"), h("strong", {}, r.name), h("span", { class: "muted" }, r.path), remove);
    }),
  );
}

// --- the form <-> a profile -------------------------------------------------------------

function fill(doc: Doc): void {
  for (const el of document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("[data-path]")) {
    const v = get(doc, el.dataset.path ?? "");
    if (el.dataset.type === "bool") el.value = v === true ? "yes" : v === false ? "no" : "";
    else el.value = v === undefined || v === null ? "" : String(v);
  }
  const profiles = (get(doc, "basics.profiles") as { network?: string; url?: string }[] | undefined) ?? [];
  for (const el of document.querySelectorAll<HTMLInputElement>("[data-profile]")) {
    const net = (el.dataset.profile ?? "").toLowerCase();
    el.value = profiles.find((p) => (p.network ?? "").toLowerCase() === net || (p.url ?? "").toLowerCase().includes(net))?.url ?? "";
  }
  for (const list of Object.keys(LISTS)) {
    $(list).replaceChildren();
    const items = (list === "answers" ? get(doc, "application.answers") : doc[list]) as Row[] | undefined;
    for (const row of items ?? []) addEntry(list, row);
  }
  const skills = (doc.skills as { name?: string; keywords?: string[] }[] | undefined) ?? [];
  ($("skills") as HTMLTextAreaElement).value = skills.map((s) => `${s.name ?? "Skills"}: ${(s.keywords ?? []).join(", ")}`).join("\n");
  for (const [key] of EEO) {
    const v = get(doc, `application.eeo.${key}`);
    ($(`eeo-${key}`) as HTMLInputElement).value = typeof v === "string" ? v : "";
    ($(`eeo-${key}-decline`) as HTMLInputElement).checked = typeof v !== "string";
  }
  const hl = get(doc, "application.eeo.hispanic_latino");
  ($("eeo-hispanic_latino") as HTMLSelectElement).value = hl === true ? "yes" : hl === false ? "no" : "";
  resumes = ((get(doc, "application.resumes") as typeof resumes | undefined) ?? []).map((r) => ({ ...r }));
  renderResumes();
}

function collect(): Doc {
  const doc: Doc = structuredClone(loaded);
  for (const el of document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("[data-path]")) {
    const raw = el.value.trim();
    let v: unknown = raw || undefined;
    if (el.dataset.type === "bool") v = raw === "yes" ? true : raw === "no" ? false : undefined;
    if (el.dataset.type === "int" && raw) v = /^\d+$/.test(raw) ? Number(raw) : raw; // a wrong value is the host's to name
    set(doc, el.dataset.path ?? "", v);
  }
  const others = ((get(doc, "basics.profiles") as { network?: string; url?: string }[] | undefined) ?? []).filter(
    (p) => !["linkedin", "github"].includes((p.network ?? "").toLowerCase()),
  );
  for (const el of document.querySelectorAll<HTMLInputElement>("[data-profile]")) {
    if (el.value.trim()) others.push({ network: el.dataset.profile, url: el.value.trim() });
  }
  set(doc, "basics.profiles", others);
  doc.work = rows("work");
  doc.education = rows("education");
  set(doc, "application.answers", rows("answers"));
  doc.skills = ($("skills") as HTMLTextAreaElement).value
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name, rest] = l.includes(":") ? [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1)] : ["Skills", l];
      return { name: name.trim(), keywords: rest.split(",").map((k) => k.trim()).filter(Boolean) };
    });
  for (const [key] of EEO) {
    const decline = ($(`eeo-${key}-decline`) as HTMLInputElement).checked;
    const v = ($(`eeo-${key}`) as HTMLInputElement).value.trim();
    set(doc, `application.eeo.${key}`, decline || !v ? null : v);
  }
  const hl = ($("eeo-hispanic_latino") as HTMLSelectElement).value;
  set(doc, "application.eeo.hispanic_latino", hl === "yes" ? true : hl === "no" ? false : null);
  set(doc, "application.resumes", resumes);
  return doc;
}

function eeoFields(): void {
  const box = $("eeo");
  for (const [key, label] of EEO) {
    const input = h("input", { id: `eeo-${key}`, "data-full": `application.eeo.${key}` });
    const decline = h("input", { type: "checkbox", id: `eeo-${key}-decline` });
    decline.addEventListener("change", () => (input.disabled = decline.checked));
    box.append(h("label", {}, label, input, h("span", { class: "row muted" }, decline, "Decline to answer")));
  }
  const hl = h("select", { id: "eeo-hispanic_latino" }, h("option", { value: "" }, "Decline to answer"), h("option", { value: "yes" }, "Yes"), h("option", { value: "no" }, "No"));
  box.append(h("label", {}, "Hispanic or Latino?", hl));
}

// --- talking to the host ----------------------------------------------------------------

function profileName(): string {
  const sel = $("profile") as HTMLSelectElement;
  return sel.value === NEW ? ($("new-name") as HTMLInputElement).value.trim() : sel.value;
}

async function loadList(select?: string): Promise<void> {
  const data = await command("ui.profiles", {});
  // The AI provider the person configured may help read a resume; offered only then, never ticked.
  $("ai-help-row").hidden = !data.ai_provider;
  $("ai-name").textContent = data.ai_provider ?? "";
  const { profile } = (await chrome.storage.local.get(["profile"])) as { profile?: string };
  const sel = $("profile") as HTMLSelectElement;
  sel.replaceChildren(...data.profiles.map((p) => h("option", { value: p.name }, `${p.name} — ${p.person ?? ""}`)), h("option", { value: NEW }, "New profile…"));
  const want = select ?? profile ?? data.default;
  sel.value = data.profiles.some((p) => p.name === want) ? want : data.profiles.length ? data.profiles[0].name : NEW;
  ($("new-name") as HTMLInputElement).hidden = sel.value !== NEW;
  if (sel.value === NEW && !($("new-name") as HTMLInputElement).value) ($("new-name") as HTMLInputElement).value = data.profiles.length ? "" : data.default;
}

async function loadProfile(): Promise<void> {
  const name = profileName();
  loaded = {};
  if (($("profile") as HTMLSelectElement).value !== NEW && name) {
    const got = await command("ui.profile_get", { profile: name });
    loaded = (got.profile as Doc | null) ?? {};
  }
  fill(loaded);
  document.body.dataset.loaded = "1";
}

/** Whether the person asked their configured AI provider to help read the resume. */
function aiHelp(): boolean {
  return !$("ai-help-row").hidden && ($("ai-help") as HTMLInputElement).checked;
}

function fileData(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ""));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

function markFound(draft: ResumeDraft): void {
  for (const el of document.querySelectorAll<HTMLElement>(".found")) el.classList.remove("found");
  for (const f of draft.found) {
    const path = f.path.replace(/^application\./, "application.");
    const el =
      document.querySelector<HTMLElement>(`[data-path="${path}"]`) ??
      document.querySelector<HTMLElement>(`[data-full="${path}"]`) ??
      (path.startsWith("basics.profiles[") ? document.querySelector<HTMLElement>(`[data-profile="${path.includes("github") ? "GitHub" : "LinkedIn"}"]`) : null);
    if (el) {
      el.classList.add("found");
      el.title = `read from your resume: ${f.line}`;
    }
  }
}

async function startFromResume(file: File): Promise<void> {
  $("draft-status").textContent = `Reading ${file.name}…`;
  $("draft-notes").replaceChildren();
  delete document.body.dataset.draft;
  try {
    const draft = await command("ui.profile_draft", { file: { name: file.name, data: await fileData(file) }, ...(aiHelp() ? { ai: true } : {}) });
    const current = collect();
    const app = { ...((current.application as Doc) ?? {}), ...draft.answers } as Doc;
    const had = ((current.application as Doc)?.resumes as typeof resumes | undefined) ?? [];
    app.resumes = [...had.filter((r) => r.path !== draft.path).map((r) => ({ ...r, default: false })), ...((draft.answers.resumes as typeof resumes) ?? [])];
    loaded = { ...current, ...(draft.resume as Doc), application: app };
    fill(loaded);
    renumber();
    markFound(draft);
    $("draft-status").textContent = `Read ${draft.found.length} values from ${file.name} (green). Check them, complete the rest, then Save.`;
    $("draft-notes").replaceChildren(...draft.notes.map((n) => h("li", {}, n)));
    document.body.dataset.draft = "1";
  } catch (e) {
    $("draft-status").textContent = `Could not read ${file.name}: ${errorMessage(e)}`;
  }
}

async function addResumeFile(file: File): Promise<void> {
  const draft = await command("ui.profile_draft", { file: { name: file.name, data: await fileData(file) }, ...(aiHelp() ? { ai: true } : {}) });
  const stem = file.name.replace(/\.[^.]+$/, "");
  let name = stem;
  for (let i = 2; resumes.some((r) => r.name === name); i++) name = `${stem}-${i}`;
  resumes.push({ name, path: draft.path, default: resumes.length === 0 });
  renderResumes();
}

async function save(): Promise<void> {
  const name = profileName();
  for (const el of document.querySelectorAll(".bad")) el.classList.remove("bad");
  for (const el of document.querySelectorAll(".problem")) el.remove();
  $("problems").hidden = true;
  $("saved").hidden = true;
  if (!name) {
    $("problems").textContent = "Give the new profile a name.";
    $("problems").hidden = false;
    return;
  }
  renumber();
  const r = await command("ui.profile_save", { profile: name, data: collect() as ProfileDoc });
  if (!r.saved) {
    const lines = [r.message ?? "The profile was not saved."];
    for (const p of r.problems ?? []) {
      lines.push(`• ${p.path}: ${p.message}`);
      const el = document.querySelector<HTMLElement>(`[data-path="${p.path}"]`) ?? document.querySelector<HTMLElement>(`[data-full="${p.path}"]`);
      if (el) {
        el.classList.add("bad");
        el.after(h("span", { class: "problem" }, p.message));
      }
    }
    $("problems").textContent = lines.join("\n");
    $("problems").hidden = false;
    document.body.dataset.saved = "0";
    return;
  }
  await chrome.storage.local.set({ profile: name, resume: null });
  $("saved").textContent = `Saved “${name}” (${r.person} <${r.email}>). The extension now fills with it.`;
  $("saved").hidden = false;
  document.body.dataset.saved = "1";
  await loadList(name);
  loaded = collect();
}

async function main(): Promise<void> {
  boolSelects();
  eeoFields();
  const host = await command("ui.host", {});
  $("host").textContent = host.state === "connected" ? `connected to the JobPilot host ${host.host_version ?? ""}` : `Host: ${host.state} — ${host.message}${host.hint ? ` (${host.hint})` : ""}`;
  for (const b of document.querySelectorAll<HTMLButtonElement>("button[data-add]")) b.addEventListener("click", () => addEntry(b.dataset.add ?? ""));
  $("add-resume").addEventListener("click", () => $("resume-extra").click());
  $("resume-extra").addEventListener("change", () => {
    const f = ($("resume-extra") as HTMLInputElement).files?.[0];
    if (f) void addResumeFile(f).catch((e) => showError(e));
  });
  $("resume-file").addEventListener("change", () => {
    const f = ($("resume-file") as HTMLInputElement).files?.[0];
    if (f) void startFromResume(f);
  });
  $("profile").addEventListener("change", () => {
    const value = ($("profile") as HTMLSelectElement).value;
    ($("new-name") as HTMLInputElement).hidden = value !== NEW;
    void (async () => {
      if (value !== NEW) {
        // choosing a profile is choosing what the extension fills with
        await chrome.storage.local.set({ profile: value, resume: null });
        $("saved").textContent = `The extension now fills with “${value}”.`;
        $("saved").hidden = false;
      }
      await loadProfile();
    })().catch(showError);
  });
  $("form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    void save().catch(showError);
  });
  try {
    await loadList();
    await loadProfile();
  } catch (e) {
    showError(e);
  }
}

function showError(e: unknown): void {
  $("error").textContent = errorMessage(e);
  $("error").hidden = false;
}

void main();
