// The operator's page: the worker registry, applications across users with bulk
// retry/release/cancel, and user admin, through /api/admin/* with the admin token (kept in
// this tab's sessionStorage only). Every value is set as text, never as markup.
const $ = (sel) => document.querySelector(sel);
let token = sessionStorage.getItem("jobpilot-admin") || "";

async function call(method, path, body) {
  const r = await fetch(path, {
    method,
    headers: {"Authorization": `Bearer ${token}`, ...(body ? {"Content-Type": "application/json"} : {})},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = r.status === 204 ? null : await r.json();
  if (!r.ok) throw Object.assign(new Error((data && data.error) || `HTTP ${r.status}`), {status: r.status});
  return data;
}

function cell(row, value) {
  const td = document.createElement("td");
  td.textContent = value === null || value === undefined ? "" : String(value);
  row.appendChild(td);
  return td;
}

function ago(iso) {
  if (!iso) return "";
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.round(s / 60)} min ago` : new Date(iso).toLocaleString();
}

async function showWorkers() {
  const rows = await call("GET", "/api/admin/workers");
  const body = $("#workers");
  body.replaceChildren();
  for (const w of rows) {
    const tr = document.createElement("tr");
    tr.dataset.worker = w.name;
    tr.dataset.state = w.state;
    for (const v of [w.name, w.host, w.state, ago(w.last_seen), w.concurrency,
                     w.jobs.map((j) => `${j.id.slice(0, 8)} ${j.phase}`).join(", "), w.claims]) cell(tr, v);
    body.appendChild(tr);
  }
}

async function showApplications() {
  const state = $("#state-filter").value;
  const list = await call("GET", "/api/admin/applications" + (state ? `?state=${encodeURIComponent(state)}` : ""));
  $("#counts").textContent = Object.entries(list.counts).map(([k, v]) => `${k}: ${v}`).join(" · ") || "none";
  const body = $("#applications");
  body.replaceChildren();
  for (const a of list.applications) {
    const tr = document.createElement("tr");
    tr.dataset.appId = a.id;
    tr.dataset.state = a.state;
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = a.id;
    box.setAttribute("aria-label", `select ${a.id}`);
    cell(tr, "").appendChild(box);
    for (const v of [a.id, a.user_name, a.state, `${a.attempts}/${a.max_attempts}`, a.site,
                     a.note || a.last_error || ""]) cell(tr, v);
    body.appendChild(tr);
  }
}

async function showUsers() {
  const users = await call("GET", "/api/admin/users");
  const body = $("#users");
  body.replaceChildren();
  for (const u of users) {
    const tr = document.createElement("tr");
    tr.dataset.userId = u.id;
    cell(tr, u.name);
    const plan = document.createElement("select");
    for (const p of ["free", "pro", "enterprise"]) plan.add(new Option(p, p, false, p === u.tier));
    plan.className = "plan";
    plan.addEventListener("change", () => change(u.id, {tier: plan.value}));
    cell(tr, "").appendChild(plan);
    const cap = document.createElement("input");
    cap.type = "number"; cap.min = "0"; cap.value = String(u.daily_cap); cap.className = "cap";
    cap.addEventListener("change", () => change(u.id, {daily_cap: Number(cap.value)}));
    cell(tr, "").appendChild(cap);
    for (const v of [u.submitted_today, u.active, u.tokens]) cell(tr, v);
    const off = document.createElement("input");
    off.type = "checkbox"; off.checked = u.disabled; off.className = "disabled";
    off.addEventListener("change", () => change(u.id, {disabled: off.checked}));
    cell(tr, "").appendChild(off);
    body.appendChild(tr);
  }
}

async function change(userId, patch) {
  try {
    await call("PATCH", `/api/admin/users/${encodeURIComponent(userId)}`, patch);
    $("#message").textContent = "saved";
  } catch (e) {
    $("#message").textContent = e.message;
  }
  await showUsers();
}

async function bulk(action) {
  const ids = [...document.querySelectorAll("#applications input:checked")].map((b) => b.value);
  if (!ids.length) { $("#message").textContent = "select applications first"; return; }
  try {
    const r = await call("POST", `/api/admin/applications/${action}`, {ids});
    const refused = r.results.filter((x) => !x.ok).map((x) => `${x.id.slice(0, 8)}: ${x.error}`);
    $("#message").textContent = `${action}: ${r.done} done` + (refused.length ? `; not changed: ${refused.join("; ")}` : "");
  } catch (e) {
    $("#message").textContent = e.message;
  }
  await showApplications();
}

async function refresh() {
  await Promise.all([showWorkers(), showApplications(), showUsers()]);
}

async function open() {
  try {
    await refresh();
  } catch (e) {
    $("#token-error").textContent = e.status === 401 ? "token not accepted" : e.message;
    return;
  }
  sessionStorage.setItem("jobpilot-admin", token);
  $("#token-form").hidden = true;
  $("#operator").hidden = false;
}

$("#token-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  token = $("#admin-token").value.trim();
  open();
});
$("#refresh").addEventListener("click", () => refresh().catch((e) => { $("#message").textContent = e.message; }));
$("#state-filter").addEventListener("change", () => showApplications());
for (const b of document.querySelectorAll("[data-bulk]")) b.addEventListener("click", () => bulk(b.dataset.bulk));
setInterval(() => { if (!$("#operator").hidden) showWorkers().catch(() => {}); }, 5000);
if (token) open();
