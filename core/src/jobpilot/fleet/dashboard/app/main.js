// The applicant's app: signs the person in (auth.js), then shows three tabs:
// Applications (queue.js, applications.js), Applicants (applicants.js, profile-form.js)
// and Account (account.js). Every module talks to the API through api.js.

import { initAccount, loadAccount } from "./account.js";
import { $, $$, errorText, notice, onSignedOut, state, api } from "./api.js";
import { initApplicants, loadApplicants, onApplicantsChange, resetApplicants } from "./applicants.js";
import { initApplications, onChange, startApplications, stopApplications } from "./applications.js";
import { forgetToken, initAuth, readLinks, resume, showView, signOut } from "./auth.js";
import { initQueue, refreshUsage, renderApplicantChoice } from "./queue.js";

function showTab(name) {
  for (const t of $$("main .tab")) t.hidden = t.id !== `tab-${name}`;
  for (const b of $$("#nav .tab-button")) b.classList.toggle("active", b.dataset.tab === name);
  document.body.dataset.tab = name;
  if (name === "account") loadAccount().catch((e) => notice(errorText(e), true));
}

async function start() {
  state.me = await api("/api/me");
  $("#auth").hidden = true;
  $("#app").hidden = false;
  $("#nav").hidden = false;
  $("#logout").hidden = false;
  showTab("applications");
  await loadApplicants();
  await refreshUsage();
  await startApplications();
  document.body.dataset.ready = "1";
}

function stop(view = "signin") {
  delete document.body.dataset.ready;
  stopApplications();
  resetApplicants();
  $("#who").textContent = "";
  showView(view);
}

let usageTimer = null;
onChange((a) => {
  // A submission changes today's usage: re-read it, at most once a second.
  if (usageTimer || !["submitted", "needs_verification"].includes(a.state)) return;
  usageTimer = setTimeout(() => { usageTimer = null; refreshUsage().catch(() => {}); }, 1000);
});

onSignedOut(() => {
  const tokenMode = Boolean(state.token);
  forgetToken();
  stop(tokenMode ? "token" : "signin");
  if (tokenMode) $("#login-error").textContent = "Your token was not accepted.";
  else notice("You were signed out.", true);
});

async function main() {
  initAuth(start);
  initApplications();
  initApplicants();
  initQueue();
  initAccount(async () => {
    await signOut();
    stop();
    notice("Your account and all its data are deleted.");
  });
  onApplicantsChange(renderApplicantChoice);
  for (const b of $$("#nav .tab-button")) b.addEventListener("click", () => showTab(b.dataset.tab));
  $("#logout").addEventListener("click", async () => { await signOut(); stop(); });
  const view = await readLinks();
  if (view) { showView(view); return; }
  const stage = await resume();
  if (stage === "full") {
    try { await start(); return; } catch (e) { forgetToken(); notice(errorText(e), true); }
  }
  showView(stage === "second-factor" ? "second-factor" : "signin");
}

main().catch((e) => notice(errorText(e), true));
