/**
 * The popup: page status, the fill plan (with confidences) before anything is typed, the
 * Auto-fill and Fill & review buttons, the resume to use and today's count.
 *
 * Auto-fill and Fill & review stay disabled until the plan for the page as it is now has
 * been shown (and again while it is re-read), so nothing is ever typed before the person
 * has seen what will be typed, with what confidence. "Read the page again" re-reads the
 * status and the plan (after the page changed step, or once a missing host is installed).
 *
 * The tab it acts on is `?tab=<id>` when given (the popup opened in a tab, as tests and
 * the keyboard-shortcut page do), else the active tab of the current window.
 */

import { type Counts, type FillNews, type HostStatus, ProtocolError, type UiCommands, errorMessage } from "../shared/protocol";
import { $, command, h } from "../shared/ui";

type AutofillData = UiCommands["ui.autofill"]["data"];
type PlanData = UiCommands["ui.plan"]["data"];

let tabId = -1;
let askId: string | null = null;
let planShown = false;
let filling = false;
/** The page is not an application (a checkout, a sign-in page) and the person has not said
 * to fill it anyway: nothing is typed. */
let unconfirmed = false;

/** The fill buttons work only with a plan on screen, no fill running, and (on a page that is
 * not an application) the person's say-so. */
function updateButtons(): void {
  for (const id of ["autofill", "review"]) {
    const b = $(id) as HTMLButtonElement;
    b.disabled = !planShown || filling || unconfirmed;
    b.title = !planShown
      ? "Shown once the fill plan has loaded"
      : unconfirmed
        ? "This page does not look like a job application: confirm above first"
        : id === "review"
          ? "Type only confident values; leave the rest for you to check"
          : "Type the plan into the page";
  }
}

/** A page that is plainly not a job application: say what it looks like, fill nothing
 * until the person confirms. */
function showPageKind(page: PlanData["page"] | undefined): void {
  const box = $("not-application");
  unconfirmed = !!page && !page.application;
  box.hidden = !unconfirmed;
  box.dataset.kind = page?.kind ?? "";
  delete box.dataset.confirmed;
  ($("fill-anyway") as HTMLButtonElement).disabled = false;
  if (unconfirmed && page) $("not-application-why").textContent = `This page does not look like a job application: ${page.why}. JobPilot fills nothing here unless you say so.`;
}

async function targetTab(): Promise<number> {
  const q = new URLSearchParams(location.search).get("tab");
  if (q && /^\d+$/.test(q)) return Number(q);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (!tab || tab.id === undefined) throw new Error("no active tab");
  return tab.id;
}

function showError(e: unknown): void {
  const el = $("error");
  const code = e instanceof ProtocolError ? e.code : "error";
  el.dataset.code = code;
  el.textContent = `${code}: ${errorMessage(e)}`;
  el.hidden = false;
}

function clearError(): void {
  const el = $("error");
  el.hidden = true;
  el.textContent = "";
  delete el.dataset.code;
}

function showHost(s: HostStatus): void {
  const el = $("host-state");
  el.dataset.state = s.state;
  el.textContent = s.state === "connected" ? `host ${s.host_version ?? ""}`.trim() : s.state === "missing" ? "host missing" : s.state;
  el.title = s.message;
  const hint = $("host-hint");
  hint.hidden = s.state === "connected" || s.state === "connecting";
  hint.textContent = `${s.message}${s.hint ? ` — ${s.hint}` : ""}`;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function renderPlan(plan: PlanData): void {
  const rows = plan.actions.map((a) =>
    h(
      "tr",
      { class: a.review ? "review" : "fill", "data-ref": a.ref ?? "" },
      h("td", {}, a.label ?? a.key ?? a.ref ?? ""),
      h("td", {}, a.sensitive ? "(sensitive)" : Array.isArray(a.value) ? a.value.join(", ") : (a.value ?? "")),
      h("td", { class: "conf" }, pct(a.confidence)),
    ),
  );
  const skipped = plan.skipped.map((s) =>
    h("tr", { class: "skipped", "data-ref": s.ref }, h("td", {}, s.label ?? s.ref), h("td", { colspan: "2" }, `left for you: ${s.reason}`)),
  );
  const table = h("table", {}, ...rows, ...skipped);
  $("plan").replaceChildren(table);
  $("plan").classList.remove("muted");
  $("plan-count").textContent = `${plan.actions.length} to fill, ${plan.actions.filter((a) => a.review).length} flagged, ${plan.skipped.length} left`;
}

/** Fields whose answer the person may type or correct: questions left, questions filled. */
function learnable(r: AutofillData): { ref: string; label: string; planned: string }[] {
  const out = (r.questions ?? []).filter((q) => q.label).map((q) => ({ ref: q.ref, label: q.label ?? "", planned: q.value }));
  for (const l of r.left) if (l.label && (l.key === "question" || l.key === null || l.key === undefined)) out.push({ ref: l.ref, label: l.label, planned: "" });
  return out;
}

let lastResult: AutofillData | null = null;

function offerLearning(r: AutofillData | null): void {
  lastResult = r;
  $("learn").hidden = !r || learnable(r).length === 0;
  $("learn-rows").replaceChildren();
}

/** Read what is on the page now; each answer typed or changed gets a Save button. */
async function checkTyped(): Promise<void> {
  if (!lastResult) return;
  const fields = learnable(lastResult);
  const { values } = await command("ui.read_fields", { tab_id: tabId, refs: fields.map((f) => f.ref) });
  const rows = fields
    .filter((f) => (values[f.ref] ?? "").trim() && values[f.ref].trim() !== f.planned.trim())
    .map((f) => {
      const answer = values[f.ref].trim();
      const button = h("button", { type: "button" }, f.planned ? "Save the correction" : "Save this answer");
      const row = h("div", { class: "learn-row", "data-ref": f.ref }, h("div", { class: "q" }, f.label), h("div", { class: "a" }, answer), button);
      button.addEventListener("click", () => {
        button.disabled = true;
        void command("ui.answer_save", { question: f.label, answer }).then(
          (r) => row.append(h("div", { class: "saved" }, r.message)),
          (e) => {
            button.disabled = false;
            showError(e);
          },
        );
      });
      return row;
    });
  $("learn-rows").replaceChildren(...(rows.length ? rows : [h("div", { class: "muted" }, "Nothing new typed in the questions yet.")]));
}

/** The run's counts in words: the same numbers as the page's summary and `jobpilot runs`. */
function countsText(c: Counts): string {
  return `${c.filled} filled, ${c.review} to check, ${c.left} left for you${c.not_reached ? ` (${c.not_reached} not reached)` : ""}`;
}

function renderResult(r: AutofillData): void {
  const el = $("result");
  el.dataset.status = r.status;
  $("progress").hidden = true;
  const lines = [`${r.status}: ${countsText(r.counts)} (${(r.duration_ms / 1000).toFixed(1)} s)`];
  if (!r.as_shown) lines.push("• the page changed after the plan was shown: it was planned again");
  for (const n of r.needs_user) lines.push(`• ${n}`);
  if (r.error) lines.push(`• ${r.error}`);
  el.replaceChildren(...lines.map((l) => h("div", {}, l)));
  el.hidden = false;
}

async function refreshToday(): Promise<void> {
  try {
    const t = await command("ui.today", {});
    $("today").textContent = `${t.submitted} submitted, ${t.filled} filled (cap ${t.daily_cap})`;
  } catch {
    /* shown by the host state */
  }
}

async function loadProfiles(): Promise<void> {
  const { profile, resume } = (await chrome.storage.local.get(["profile", "resume"])) as { profile?: string; resume?: string };
  const data = await command("ui.profiles", {});
  const name = profile || data.default;
  $("profile").textContent = name;
  const p = data.profiles.find((x) => x.name === name);
  const sel = $("resume") as HTMLSelectElement;
  sel.replaceChildren(h("option", { value: "" }, "profile default"));
  for (const r of p?.resumes ?? []) sel.append(h("option", { value: r.name }, `${r.name}${r.default ? " (default)" : ""}`));
  sel.value = resume && p?.resumes.some((r) => r.name === resume) ? resume : "";
}

async function loadPage(): Promise<void> {
  planShown = false;
  updateButtons();
  try {
    const s = await command("ui.status", { tab_id: tabId });
    $("ats").textContent = s.ats ? `${s.ats} (${pct(s.confidence ?? 0)})` : "not recognised (generic)";
    $("company").textContent = s.company ?? "–";
    $("position").textContent = s.position ?? "–";
    $("status").textContent = `${s.fields} fields (${s.required} required)${s.captchas.length ? `, CAPTCHA: ${s.captchas.join(", ")}` : ""}`;
    $("status").dataset.ready = "1";
  } catch (e) {
    $("status").textContent = "Could not read the page.";
    showError(e);
    return;
  }
  await loadPlan();
}

async function loadPlan(): Promise<void> {
  planShown = false;
  updateButtons();
  delete $("plan").dataset.ready;
  try {
    const resume = ($("resume") as HTMLSelectElement).value || undefined;
    const plan = await command("ui.plan", { tab_id: tabId, ...(resume ? { resume } : {}) });
    showPageKind(plan.page);
    renderPlan(plan);
    $("plan").dataset.ready = "1";
    planShown = true;
  } catch (e) {
    showError(e);
  } finally {
    updateButtons();
  }
}

async function autofill(mode: "auto" | "review"): Promise<void> {
  if (!planShown || filling) return;
  clearError();
  $("result").hidden = true;
  filling = true;
  updateButtons();
  document.body.dataset.busy = "1";
  try {
    const resume = ($("resume") as HTMLSelectElement).value || undefined;
    const confirmed = $("not-application").dataset.confirmed === "1";
    const r = await command("ui.autofill", { tab_id: tabId, mode, ...(resume ? { resume } : {}), ...(confirmed ? { confirmed } : {}) });
    renderResult(r);
    offerLearning(r);
    void refreshToday();
  } catch (e) {
    showError(e);
  } finally {
    filling = false;
    updateButtons();
    delete document.body.dataset.busy;
  }
}

/** News about this tab's fill from the worker: progress, new counts, a host that stopped. */
function onFillNews(n: FillNews): void {
  if (n.tab_id !== tabId) return;
  const el = $("progress");
  if (n.jobpilot === "progress") {
    el.hidden = false;
    el.dataset.done = String(n.done);
    el.textContent = `Filling ${n.label}: ${n.done} of ${n.total} typed, ${n.total - n.done} to go`;
  } else if (n.jobpilot === "stopped") {
    el.hidden = false;
    el.textContent = `Stopped after ${n.done} of ${n.total}: the host stopped. Its log: ${n.log ?? "unknown"}. The page keeps its marks.`;
  } else if (n.jobpilot === "counts" && lastResult && lastResult.run_id === n.run_id) {
    lastResult.counts = n.counts;
    const first = $("result").firstElementChild;
    if (first) first.textContent = `${lastResult.status}: ${countsText(n.counts)}`;
  }
}

function showQuestion(id: string, question: string): void {
  askId = id;
  $("question-text").textContent = question;
  $("question").hidden = false;
  ($("answer") as HTMLInputElement).focus();
}

async function main(): Promise<void> {
  chrome.runtime.onMessage.addListener((msg: { jobpilot?: string; status?: HostStatus; ask_id?: string; question?: string }) => {
    if (msg?.jobpilot === "host-status" && msg.status) showHost(msg.status);
    if (msg?.jobpilot === "ask" && msg.ask_id && msg.question) showQuestion(msg.ask_id, msg.question);
    if (msg?.jobpilot === "progress" || msg?.jobpilot === "stopped" || msg?.jobpilot === "counts") onFillNews(msg as unknown as FillNews);
    return false;
  });
  $("autofill").addEventListener("click", () => void autofill("auto"));
  $("review").addEventListener("click", () => void autofill("review"));
  $("fill-anyway").addEventListener("click", () => {
    unconfirmed = false;
    $("not-application").dataset.confirmed = "1";
    ($("fill-anyway") as HTMLButtonElement).disabled = true;
    updateButtons();
  });
  $("reload").addEventListener("click", () => {
    if (filling) return;
    clearError();
    void (async () => {
      await loadProfiles().catch(showError);
      void refreshToday();
      await loadPage();
      showHost(await command("ui.host", {}));
    })();
  });
  $("learn-check").addEventListener("click", () => void checkTyped().catch(showError));
  $("clear").addEventListener("click", () => void command("ui.clear_highlights", { tab_id: tabId }).catch(showError));
  $("resume").addEventListener("change", () => {
    const v = ($("resume") as HTMLSelectElement).value;
    void chrome.storage.local.set({ resume: v || null });
    void loadPlan();
  });
  $("send-answer").addEventListener("click", () => {
    if (!askId) return;
    const answer = ($("answer") as HTMLInputElement).value.trim() || null;
    void command("ui.answer", { ask_id: askId, answer });
    askId = null;
    $("question").hidden = true;
  });
  try {
    tabId = await targetTab();
  } catch (e) {
    showError(e);
    return;
  }
  document.body.dataset.tab = String(tabId);
  offerLearning(await command("ui.last_fill", { tab_id: tabId }).catch(() => null));
  const going = await command("ui.progress", { tab_id: tabId }).catch(() => null);
  if (going) onFillNews({ jobpilot: "progress", tab_id: tabId, ...going });
  showHost(await command("ui.host", {}));
  const q = await command("ui.pending_question", {});
  if (q) showQuestion(q.ask_id, q.question);
  try {
    await loadProfiles();
  } catch (e) {
    showError(e);
  }
  void refreshToday();
  await loadPage();
  showHost(await command("ui.host", {}));
}

void main();
