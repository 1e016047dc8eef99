// Queueing applications: paste one or many job URLs, pick the applicant, its resume, and
// fill-only or submit. The plan's limits (submissions a day, how many run at once) are
// shown beside the button, with today's usage.

import { $, api, errorText, esc, state } from "./api.js";
import { applicantList } from "./applicants.js";
import { addApplications } from "./applications.js";

/** Today's usage against the plan, in the header and beside the queue button. */
export async function refreshUsage() {
  let text = "";
  let short = "";
  try {
    const b = await api("/api/billing");
    text = `${b.plan} plan: ${b.submitted_today} of ${b.daily_cap} submissions today, up to ${b.concurrency} at once (${b.running} running)`;
    short = `${b.plan} · ${b.submitted_today}/${b.daily_cap} submitted today`;
    $("#queue-limits").textContent = `${text}. Fill-only applications do not count.`;
    $("#queue-limits").dataset.used = String(b.submitted_today);
    $("#queue-limits").dataset.cap = String(b.daily_cap);
  } catch (e) {
    const me = state.me;
    if (me) text = short = `${me.tier} · ${me.submitted_today}/${me.daily_cap} submitted today`;
    $("#queue-limits").textContent = text;
  }
  const who = state.account ? state.account.email : state.me ? state.me.name : "";
  $("#who").textContent = who ? `${who} · ${short}` : short;
}

export function renderApplicantChoice(list = applicantList()) {
  const sel = $("#queue-applicant");
  const keep = sel.value;
  sel.innerHTML = list.length
    ? list.map((a) => `<option value="${esc(a.id)}">${esc(a.name)}</option>`).join("")
    : `<option value="">create an applicant first (Applicants)</option>`;
  if (list.some((a) => a.id === keep)) sel.value = keep;
  renderResumeChoice();
}

function renderResumeChoice() {
  const a = applicantList().find((x) => x.id === $("#queue-applicant").value);
  const resumes = a ? a.resumes : [];
  $("#queue-resume").innerHTML = `<option value="">the default resume</option>` +
    resumes.map((r) => `<option value="${esc(r.id)}">${esc(r.name)} (${esc(r.filename)})</option>`).join("");
}

/** The pasted text as URLs: one per line, duplicates once. */
export function parseUrls(text) {
  const seen = new Set();
  return text.split(/\r?\n/).map((s) => s.trim()).filter((s) => s && !seen.has(s) && seen.add(s));
}

async function queueAll() {
  const applicant = $("#queue-applicant").value;
  const urls = parseUrls($("#queue-urls").value);
  const out = $("#queue-result");
  out.innerHTML = "";
  delete out.dataset.done;
  if (!applicant) { out.innerHTML = `<li class="bad">Create an applicant first (Applicants tab).</li>`; return; }
  if (!urls.length) { out.innerHTML = `<li class="bad">Paste at least one job URL.</li>`; return; }
  const submit = document.querySelector("#queue-form input[name=mode]:checked").value === "submit";
  const resume = $("#queue-resume").value || undefined;
  const made = [];
  const failed = [];
  for (const url of urls) {
    const li = document.createElement("li");
    li.dataset.url = url;
    try {
      const a = await api("/api/applications", { method: "POST", json: { applicant_id: applicant, url, submit, resume_id: resume } });
      made.push(a);
      li.className = "ok";
      li.textContent = `${url} — queued (${submit ? "fill and submit" : "fill only"})`;
    } catch (e) {
      failed.push(url);
      li.className = "bad";
      li.textContent = `${url} — ${errorText(e)}`;
    }
    out.append(li);
  }
  addApplications(made);
  // What failed stays in the box to fix and send again.
  $("#queue-urls").value = failed.join("\n");
  out.dataset.done = String(made.length);
  await refreshUsage();
}

export function initQueue() {
  $("#queue-applicant").addEventListener("change", renderResumeChoice);
  $("#queue-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const button = $("#queue-form button[type=submit]");
    button.disabled = true;
    queueAll().catch((e) => { $("#queue-result").innerHTML = `<li class="bad">${esc(errorText(e))}</li>`; })
      .finally(() => { button.disabled = false; });
  });
}
