// The account page: plan and usage with billing (Stripe Checkout to upgrade, the Customer
// Portal to manage or cancel), the second factor (TOTP, with recovery codes shown once),
// the password, API tokens (created, shown once, revoked), and the data: export and delete.

import { $, $$, api, errorText, esc, formValues, handle, notice, state } from "./api.js";

export async function loadAccount() {
  await Promise.all([loadBilling(), loadTokens()]);
  renderSecurity();
  const account = Boolean(state.account);
  for (const el of $$("#delete-form [data-for=account]")) el.hidden = !account;
  for (const el of $$("#delete-form [data-for=token-user]")) el.hidden = account;
  $("#password-form").hidden = !account;
}

async function loadBilling() {
  const b = await api("/api/billing");
  $("#plan-usage").innerHTML = `You are on the <b id="current-plan">${esc(b.plan)}</b> plan: <span id="usage">${b.submitted_today} of ${b.daily_cap}</span> submissions today, up to ${b.concurrency} applications at once.`;
  $("#plans tbody").innerHTML = b.plans.map((p) => `<tr data-plan="${esc(p.name)}"><td>${esc(p.name)}${p.name === b.plan ? " (yours)" : ""}</td>
      <td>${p.daily_cap}</td><td>${p.concurrency}</td>
      <td>${p.purchasable && p.name !== b.plan ? `<button type="button" data-upgrade="${esc(p.name)}">Upgrade</button>` : ""}</td></tr>`).join("");
  const status = [];
  if (!b.enabled) status.push("Billing is off on this server: the operator sets your limits.");
  if (b.status) status.push(`Subscription: ${b.status}${b.current_period_end ? `, renews ${new Date(b.current_period_end).toLocaleDateString()}` : ""}.`);
  if (b.downgrade_at) status.push(`A payment failed: the free plan's limits apply from ${new Date(b.downgrade_at).toLocaleString()}.`);
  $("#billing-status").textContent = status.join(" ");
  $("#billing-portal").hidden = !(b.enabled && b.status);
}

async function redirect(path, json) {
  const r = await api(path, { method: "POST", json });
  location.assign(r.url); // Stripe's hosted page
}

function renderSecurity() {
  const box = $("#totp");
  if (!state.account) {
    box.innerHTML = "<p class='muted'>Signed in with an API token: this user has no password or second factor.</p>";
    return;
  }
  box.innerHTML = state.account.totp_enabled
    ? `<p>Second factor: <b>on</b>.</p><form id="totp-off-form" class="row"><label>Password<input name="password" type="password" autocomplete="current-password"></label>
        <label>or a code<input name="code" autocomplete="one-time-code"></label>
        <button type="submit" class="secondary">Turn it off</button><p class="error" data-role="error"></p></form>`
    : `<p>Second factor: off. Add a code from an authenticator app to every sign-in.</p><button type="button" id="totp-setup">Set up a second factor</button>`;
  const setup = $("#totp-setup");
  if (setup) setup.addEventListener("click", () => startTotp().catch((e) => notice(errorText(e), true)));
  const off = $("#totp-off-form");
  if (off) handle(off, async (form) => {
    await api("/api/auth/totp/disable", { method: "POST", json: formValues(form) });
    state.account.totp_enabled = false;
    renderSecurity();
  });
}

async function startTotp() {
  const s = await api("/api/auth/totp/setup", { method: "POST" });
  $("#totp").innerHTML = `<p>Add this key to your authenticator app (or open the link on the phone that has it), then type the code it shows.</p>
    <p class="secret" id="totp-secret">${esc(s.secret)}</p>
    <p><a href="${esc(s.otpauth_uri)}">${esc(s.otpauth_uri)}</a></p>
    <form id="totp-enable-form" class="row"><label>Code<input name="code" autocomplete="one-time-code" inputmode="numeric"></label>
      <button type="submit">Turn it on</button><p class="error" data-role="error"></p></form>`;
  handle($("#totp-enable-form"), async (form) => {
    const r = await api("/api/auth/totp/enable", { method: "POST", json: formValues(form) });
    state.account.totp_enabled = true;
    $("#totp").innerHTML = `<p>Second factor: <b>on</b>. Keep these recovery codes somewhere safe: each works once instead of a code, and they are not shown again.</p>
      <ul class="codes" id="recovery-codes">${r.recovery_codes.map((c) => `<li>${esc(c)}</li>`).join("")}</ul>
      <button type="button" id="totp-done">I have saved them</button>`;
    $("#totp-done").addEventListener("click", renderSecurity);
  });
}

async function loadTokens() {
  const list = await api("/api/tokens");
  $("#tokens tbody").innerHTML = list.map((t) => `<tr data-token-id="${esc(t.id)}"><td>${esc(t.label)}</td>
      <td class="muted">${new Date(t.created_at).toLocaleString()}</td>
      <td>${t.current ? "<span class='muted'>this page</span>" : `<button type="button" class="secondary danger" data-revoke="${esc(t.id)}">Revoke</button>`}</td></tr>`).join("")
    || "<tr><td colspan='3' class='muted'>No tokens.</td></tr>";
}

export function initAccount(onDeleted) {
  $("#plans").addEventListener("click", (ev) => {
    const b = ev.target.closest("button[data-upgrade]");
    if (!b) return;
    b.disabled = true;
    redirect("/api/billing/checkout", { plan: b.dataset.upgrade }).catch((e) => { b.disabled = false; notice(errorText(e), true); });
  });
  $("#billing-portal").addEventListener("click", () => redirect("/api/billing/portal").catch((e) => notice(errorText(e), true)));
  handle($("#password-form"), async (form) => {
    const r = await api("/api/auth/password/change", { method: "POST", json: formValues(form) });
    form.reset();
    notice(r.message);
  });
  handle($("#token-form"), async (form) => {
    const label = $("#token-label").value.trim() || "dashboard";
    const r = await api("/api/tokens", { method: "POST", json: { label } });
    form.reset();
    $("#new-token").textContent = `Your new token (copy it now, it is not shown again): ${r.token}`;
    $("#new-token").dataset.token = r.token;
    $("#new-token").hidden = false;
    await loadTokens();
  });
  $("#tokens").addEventListener("click", async (ev) => {
    const b = ev.target.closest("button[data-revoke]");
    if (!b) return;
    try {
      await api(`/api/tokens/${encodeURIComponent(b.dataset.revoke)}`, { method: "DELETE" });
      await loadTokens();
    } catch (e) { notice(errorText(e), true); }
  });
  handle($("#delete-form"), async (form) => {
    const values = formValues(form);
    if (!values.password && !values.code && !values.confirm_name) throw new Error(state.account ? "Type your password or a code to confirm." : "Type your user name to confirm.");
    if (!confirm("Delete your account and every piece of your data? This cannot be undone.")) return;
    const body = state.account ? { password: values.password, code: values.code } : { confirm_name: values.confirm_name };
    await api("/api/me", { method: "DELETE", json: body });
    form.reset();
    await onDeleted();
  });
}
