// The applications: the list with each one's state, kept live over the WebSocket
// (/api/stream), and one application's evidence: the fill plan, screenshots, what was sent
// to which AI provider, its history, and a parked question answered in place.

import { $, api, esc, state } from "./api.js";

const apps = new Map();
let selected = null;
let lastEvent = 0;
let socket = null;
let stopped = true;
const blobUrls = [];
const changeListeners = new Set();

/** Called with each application an event changed (the usage line listens). */
export function onChange(fn) { changeListeners.add(fn); }

export async function startApplications() {
  stopped = false;
  selected = null;
  $("#detail").innerHTML = "<p class='muted'>Select an application to see its plan, screenshots and history.</p>";
  await refreshList();
  connect();
}

export function stopApplications() {
  stopped = true;
  apps.clear();
  lastEvent = 0;
  if (socket) socket.close();
  socket = null;
  $("#rows").innerHTML = "";
  $("#counts").textContent = "";
}

export async function refreshList() {
  const list = await api("/api/applications?limit=500");
  apps.clear();
  for (const a of list.items) apps.set(a.id, a);
  renderRows();
}

/** Applications just queued from this page (the stream brings them too; this is sooner). */
export function addApplications(list) {
  for (const a of list) apps.set(a.id, a);
  renderRows();
}

function renderRows() {
  const rows = [...apps.values()].sort((a, b) => b.created_at.localeCompare(a.created_at));
  $("#empty").hidden = rows.length > 0;
  $("#rows").innerHTML = rows.map((a) => `
    <tr class="app${a.id === selected ? " selected" : ""}" data-app-id="${esc(a.id)}" data-state="${esc(a.state)}">
      <td><span class="state ${esc(a.state)}">${esc(a.state.replace("_", " "))}</span></td>
      <td><div class="url" title="${esc(a.url)}">${esc(a.url)}</div>
          <div class="muted">${a.submit ? "submit" : "fill only"}${a.question ? " · waiting for you" : ""}${a.note ? " · " + esc(a.note) : ""}</div></td>
      <td>${a.attempts}/${a.max_attempts}</td>
      <td class="muted">${new Date(a.updated_at).toLocaleTimeString()}</td>
    </tr>`).join("");
  const counts = {};
  for (const a of apps.values()) counts[a.state] = (counts[a.state] || 0) + 1;
  $("#counts").textContent = Object.entries(counts).map(([k, v]) => `${k.replace("_", " ")}: ${v}`).join(" · ");
}

function connect() {
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(`${proto}//${location.host}/api/stream`);
  socket = ws;
  // A token when signed in with one; otherwise the handshake's session cookie is the proof.
  ws.onopen = () => ws.send(JSON.stringify(state.token ? { token: state.token, since: lastEvent } : { since: lastEvent }));
  ws.onmessage = (msg) => {
    const data = JSON.parse(msg.data);
    if (data.type === "hello") { $("#live").textContent = "live"; $("#live").classList.add("on"); if (!lastEvent) lastEvent = data.last_event; return; }
    if (data.type !== "event") return;
    lastEvent = Math.max(lastEvent, data.event.id);
    if (data.application) {
      apps.set(data.application.id, data.application);
      for (const fn of changeListeners) fn(data.application);
    }
    renderRows();
    const typing = document.activeElement && document.activeElement.id === "answer" && document.activeElement.value;
    if (data.event.application_id === selected && !typing) showDetail(selected);
  };
  ws.onclose = () => {
    $("#live").textContent = "offline"; $("#live").classList.remove("on");
    if (!stopped && socket === ws) setTimeout(() => { if (!stopped && socket === ws) { refreshList().catch(() => {}); connect(); } }, 1500);
  };
}

function planRows(plan) {
  if (!plan || !plan.actions || !plan.actions.length) return "<p class='muted'>No plan yet.</p>";
  const rows = plan.actions.map((a) => `<tr><td>${esc(a.label || a.ref)}</td><td>${esc(a.key || "")}</td>
      <td>${esc(a.kind)}</td><td>${esc(a.kind === "upload" ? (a.file && a.file.name) || "file" : Array.isArray(a.value) ? a.value.join(", ") : a.value ?? "")}</td>
      <td>${a.confidence != null ? Number(a.confidence).toFixed(2) : ""}</td></tr>`).join("");
  const skipped = (plan.skipped || []).map((s) => `<li>${esc(s.label || s.ref)} <span class="muted">${esc(s.reason || "")}</span></li>`).join("");
  return `<table class="plan"><thead><tr><th>Field</th><th>Key</th><th>Action</th><th>Value</th><th>Conf.</th></tr></thead><tbody>${rows}</tbody></table>` +
    (skipped ? `<h3>Left for you</h3><ul>${skipped}</ul>` : "");
}

function disclosureRows(list) {
  // What was sent to which AI provider (the applicant's disclosure log).
  if (!list || !list.length) return "<p class='muted'>Nothing was sent to an AI provider.</p>";
  const rows = list.map((d) => `<tr data-provider="${esc(d.provider)}"><td>${esc(d.provider)}</td>
      <td>${d.local ? "this machine" : "<b>left the machine</b>"}</td><td>${esc(d.purpose)}</td>
      <td>${esc(d.field || d.ref || "")}</td><td>${esc(d.outcome)}${d.error ? " · " + esc(d.error) : ""}</td>
      <td><details><summary>request</summary><pre>${esc(JSON.stringify(d.sent, null, 1))}</pre></details></td></tr>`).join("");
  return `<table class="disclosures"><thead><tr><th>Provider</th><th>Where</th><th>Purpose</th><th>Field</th><th>Outcome</th><th>Sent</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function handoffBox(cur) {
  if (cur.state === "needs_user" && cur.question) {
    return `<section class="handoff" id="handoff"><h3>Waiting for you</h3>
      <p class="question">${esc(cur.question.text)}</p>
      <p class="muted">${cur.question.live ? "A worker holds the page open and continues as soon as you answer." : "It resumes from the queue once you answer."}</p>
      ${cur.question.after_submit ? `<p class="after-submit">The application was already sent once; your answer finishes it and it is never submitted again.</p>` : ""}
      <textarea id="answer" rows="2" aria-label="Your answer"></textarea>
      <button type="button" id="send-answer">Send answer</button> <span id="answer-status" class="muted"></span></section>`;
  }
  if (cur.state === "needs_verification") {
    return `<section class="handoff" id="verify"><h3>Did it go through?</h3>
      <p>The submit button was clicked but no confirmation was seen. Check your e-mail or the site.</p>
      <button type="button" id="went-through">It went through</button> <button type="button" id="not-through" class="secondary">It did not</button></section>`;
  }
  return "";
}

const CANCELLABLE = ["queued", "running", "needs_user"];
const RETRYABLE = ["failed", "dead", "cancelled"];

function actionButtons(a) {
  if (CANCELLABLE.includes(a.state)) return `<button type="button" class="secondary danger" id="cancel-application">Cancel</button>`;
  if (RETRYABLE.includes(a.state)) return `<button type="button" class="secondary" id="retry-application">Try again</button>`;
  return "";
}

export async function showDetail(id) {
  selected = id;
  renderRows();
  const a = apps.get(id);
  if (!a) return;
  let evidence = null;
  let history = [];
  try { [evidence, history] = await Promise.all([api(`/api/applications/${id}/evidence`), api(`/api/applications/${id}/history`)]); }
  catch (e) { $("#detail").innerHTML = `<p class="error">${esc(e.message)}</p>`; return; }
  if (selected !== id) return;
  const cur = apps.get(id) || a;
  const shots = evidence.files.filter((f) => f.content_type === "image/png");
  const needs = evidence.needs_user.map((n) => `<li>${esc(n)}</li>`).join("");
  $("#detail").innerHTML = `
    <section><h2><span class="state ${esc(cur.state)}">${esc(cur.state.replace("_", " "))}</span> ${esc(cur.url)}</h2>
      <div class="muted">${cur.submit ? "submit" : "fill only"} · attempt ${cur.attempts}/${cur.max_attempts}${cur.last_error ? " · " + esc(cur.last_error) : ""}</div>
      ${evidence.confirmation_text ? `<p>Confirmation: <b>${esc(evidence.confirmation_text)}</b></p>` : ""}
      ${actionButtons(cur)} <span id="action-status" class="error"></span></section>
    ${handoffBox(cur)}
    ${needs ? `<section><h3>What was left for a person</h3><ul>${needs}</ul></section>` : ""}
    <section><h3>Fill plan</h3>${planRows(evidence.plan)}</section>
    <section id="disclosures"><h3>Sent to AI providers</h3>${disclosureRows(evidence.disclosures)}</section>
    <section class="shots"><h3>Screenshots</h3>${shots.length ? shots.map((f) => `<figure><figcaption class="muted">${esc(f.name)}</figcaption><img data-src="${esc(f.url)}" alt="${esc(f.name)}"></figure>`).join("") : "<p class='muted'>None yet.</p>"}</section>
    <section><h3>History</h3><ol class="history">${history.map((h) => `<li><span class="state ${esc(h.state)}">${esc(h.state)}</span> ${esc(h.message)} <span class="muted">${new Date(h.at).toLocaleTimeString()}</span></li>`).join("")}</ol></section>`;
  while (blobUrls.length) URL.revokeObjectURL(blobUrls.pop());
  for (const img of document.querySelectorAll("#detail img[data-src]")) {
    api(img.dataset.src).then((blob) => { const u = URL.createObjectURL(blob); blobUrls.push(u); img.src = u; }).catch(() => {});
  }
  const send = $("#send-answer");
  if (send) send.onclick = async () => {
    const answer = $("#answer").value.trim();
    if (!answer) { $("#answer-status").textContent = "Type an answer first."; return; }
    send.disabled = true;
    try {
      const updated = await api(`/api/applications/${id}/answer`, { method: "POST", json: { answer } });
      apps.set(id, updated); $("#answer-status").textContent = "Sent."; renderRows();
    } catch (e) { $("#answer-status").textContent = e.message; send.disabled = false; }
  };
  for (const [sel, action] of [["#cancel-application", "cancel"], ["#retry-application", "retry"]]) {
    const b = $(sel);
    if (b) b.onclick = async () => {
      b.disabled = true;
      try {
        const updated = await api(`/api/applications/${id}/${action}`, { method: "POST" });
        apps.set(id, updated); renderRows(); showDetail(id);
      } catch (e) { $("#action-status").textContent = e.message; b.disabled = false; }
    };
  }
  for (const [sel, submitted] of [["#went-through", true], ["#not-through", false]]) {
    const b = $(sel);
    if (b) b.onclick = async () => {
      const updated = await api(`/api/applications/${id}/resolve`, { method: "POST", json: { submitted } });
      apps.set(id, updated); showDetail(id);
    };
  }
}

export function initApplications() {
  $("#rows").addEventListener("click", (e) => {
    const row = e.target.closest("tr.app");
    if (row) showDetail(row.dataset.appId);
  });
}
