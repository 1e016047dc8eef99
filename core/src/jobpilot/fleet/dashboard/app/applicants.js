// Applicants (the people applications are made for): the list, creating one, editing its
// profile, uploading its resumes, deleting it.

import { $, $$, ApiError, api, errorText, esc, notice } from "./api.js";
import { applyDraft, buildProfileForm, clearProblems, collectProfile, fillProfile, showProblems } from "./profile-form.js";

let applicants = [];
let current = null; // the applicant being edited (null: a new one)
const changeListeners = new Set();

/** Called after the list changed (the queue form's select listens). */
export function onApplicantsChange(fn) { changeListeners.add(fn); }
export function applicantList() { return applicants; }

export async function loadApplicants() {
  applicants = await api("/api/applicants");
  renderList();
  for (const fn of changeListeners) fn(applicants);
  return applicants;
}

function renderList() {
  $("#applicant-list").innerHTML = applicants.length
    ? applicants.map((a) => `<li data-applicant-id="${esc(a.id)}" class="${current && current.id === a.id ? "selected" : ""}">
        <a href="#" data-edit="${esc(a.id)}">${esc(a.name)}</a>
        <span class="muted">${a.resumes.length} resume${a.resumes.length === 1 ? "" : "s"}</span></li>`).join("")
    : "<li class='muted'>No applicant yet: create one with New applicant.</li>";
}

async function edit(id) {
  const detail = await api(`/api/applicants/${encodeURIComponent(id)}`);
  current = detail;
  renderList();
  $("#applicant-editor").hidden = false;
  $("#applicant-name").value = detail.name;
  $("#applicant-name").disabled = true;
  fillProfile(detail.profile);
  $("#draft-status").textContent = ""; $("#draft-notes").replaceChildren();
  $("#delete-applicant").hidden = false;
  $("#profile-saved").hidden = true;
  $("#resume-form").hidden = false;
  renderResumes(detail.resumes);
}

function startNew() {
  current = null;
  renderList();
  $("#applicant-editor").hidden = false;
  $("#applicant-name").value = "";
  $("#applicant-name").disabled = false;
  fillProfile({});
  $("#draft-status").textContent = ""; $("#draft-notes").replaceChildren();
  $("#delete-applicant").hidden = true;
  $("#profile-saved").hidden = true;
  $("#resume-form").hidden = true;
  $("#applicant-name").focus();
}

function renderResumes(list) {
  $("#resume-list").innerHTML = list.length
    ? list.map((r) => `<li data-resume-id="${esc(r.id)}"><strong>${esc(r.name)}</strong> <span class="muted">${esc(r.filename)} · ${Math.ceil(r.size / 1024)} KiB${r.default ? " · default" : ""}</span></li>`).join("")
    : "<li class='muted'>No resume yet. Applications need one where the form asks for it.</li>";
}

async function save() {
  clearProblems();
  $("#profile-saved").hidden = true;
  const profile = collectProfile();
  try {
    if (current) {
      current = await api(`/api/applicants/${encodeURIComponent(current.id)}/profile`, { method: "PUT", json: { profile } });
    } else {
      const name = $("#applicant-name").value.trim();
      if (!name) { showProblems("Give the applicant a name (only you see it)."); $("#applicant-name").classList.add("bad-field"); return; }
      const made = await api("/api/applicants", { method: "POST", json: { name, profile } });
      current = await api(`/api/applicants/${encodeURIComponent(made.id)}`);
    }
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) { showProblems(e.message); return; }
    throw e;
  }
  $("#profile-saved").textContent = `Saved “${current.name}”.`;
  $("#profile-saved").hidden = false;
  await loadApplicants();
  await edit(current.id);
  $("#profile-saved").textContent = `Saved “${current.name}”.`;
  $("#profile-saved").hidden = false;
}

async function upload(form) {
  const file = $("#resume-file").files[0];
  if (!file) { $("#resume-status").textContent = "Choose a file first."; return; }
  const body = new FormData();
  body.append("file", file, file.name);
  const name = $("#resume-name").value.trim();
  if (name) body.append("name", name);
  if ($("#resume-default").checked) body.append("default", "true");
  $("#resume-status").textContent = `Uploading ${file.name}…`;
  try {
    const r = await api(`/api/applicants/${encodeURIComponent(current.id)}/resumes`, { method: "POST", form: body });
    form.reset();
    $("#resume-status").textContent = `Uploaded ${r.filename}.`;
    await loadApplicants();
    renderResumes(await api(`/api/applicants/${encodeURIComponent(current.id)}/resumes`));
  } catch (e) { $("#resume-status").textContent = errorText(e); }
}

async function startFromResume(file) {
  $("#draft-status").textContent = `Reading ${file.name}…`;
  $("#draft-notes").replaceChildren();
  const body = new FormData();
  body.append("file", file, file.name);
  try {
    const draft = await api("/api/resume/draft", { method: "POST", form: body });
    const marked = applyDraft(draft);
    $("#draft-status").textContent = `Read ${draft.found.length} values from ${file.name} (${marked} shown green). Check them, complete the rest, then Save.`;
    for (const n of draft.notes) { const li = document.createElement("li"); li.textContent = n; $("#draft-notes").append(li); }
    if (!$("#applicant-name").value && draft.resume.basics && draft.resume.basics.name) $("#applicant-name").value = draft.resume.basics.name.split(" ")[0];
  } catch (e) { $("#draft-status").textContent = `Could not read ${file.name}: ${errorText(e)}`; }
}

export function initApplicants() {
  buildProfileForm();
  $("#draft-file").addEventListener("change", () => {
    const f = $("#draft-file").files[0];
    if (f) startFromResume(f).finally(() => { $("#draft-file").value = ""; });
  });
  $("#new-applicant").addEventListener("click", startNew);
  $("#applicant-list").addEventListener("click", (ev) => {
    const a = ev.target.closest("a[data-edit]");
    if (!a) return;
    ev.preventDefault();
    edit(a.dataset.edit).catch((e) => notice(errorText(e), true));
  });
  $("#profile-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const button = $("#save-profile");
    button.disabled = true;
    save().catch((e) => showProblems(errorText(e))).finally(() => { button.disabled = false; });
  });
  $("#resume-form").addEventListener("submit", (ev) => { ev.preventDefault(); upload(ev.target); });
  $("#delete-applicant").addEventListener("click", async () => {
    if (!current || !confirm(`Delete ${current.name}, the profile and its resumes?`)) return;
    try {
      await api(`/api/applicants/${encodeURIComponent(current.id)}`, { method: "DELETE" });
      current = null;
      $("#applicant-editor").hidden = true;
      await loadApplicants();
    } catch (e) { notice(errorText(e), true); }
  });
}

export function resetApplicants() {
  applicants = [];
  current = null;
  $("#applicant-editor").hidden = true;
  for (const li of $$("#applicant-list li")) li.remove();
}
