// Signing up, confirming the e-mail address, signing in (with the second factor), the
// password reset link, and signing in with an API token. One view at a time in #auth.

import { $, $$, api, errorText, formValues, handle, notice, publicPost, state } from "./api.js";

export function showView(name) {
  $("#auth").hidden = false;
  $("#app").hidden = true;
  $("#nav").hidden = true;
  $("#logout").hidden = true;
  for (const v of $$("#auth .view")) v.hidden = v.id !== `view-${name}`;
  const first = $(`#view-${name} input`);
  if (first) first.focus();
}

let resetToken = "";

/** Links in e-mails land on /?verify=... or /?reset=...; Stripe sends people back with ?billing=. */
export async function readLinks() {
  const params = new URLSearchParams(location.search);
  const verify = params.get("verify");
  const reset = params.get("reset");
  const billing = params.get("billing");
  if (verify || reset || billing) history.replaceState(null, "", location.pathname);
  if (verify) {
    try {
      const r = await publicPost("/api/auth/verify", { token: verify });
      notice(r.message);
    } catch (e) { notice(errorText(e), true); }
    return "signin";
  }
  if (reset) { resetToken = reset; return "reset"; }
  if (billing === "done") notice("Thank you: the upgrade is being confirmed by Stripe; your plan changes in a moment.");
  if (billing === "cancelled") notice("The upgrade was cancelled; nothing was charged.");
  return null;
}

/** Wire every auth form. `start` opens the app once signed in. */
export function initAuth(start) {
  for (const a of $$("#auth a[data-view]")) a.addEventListener("click", (ev) => { ev.preventDefault(); notice(""); showView(a.dataset.view); });

  handle($("#signup-form"), async (form) => {
    const r = await publicPost("/api/auth/signup", formValues(form));
    form.reset();
    notice(r.message);
    showView("signin");
  });
  handle($("#resend-form"), async (form) => {
    const r = await publicPost("/api/auth/verify/resend", formValues(form));
    notice(r.message);
    showView("signin");
  });
  handle($("#signin-form"), async (form) => {
    const session = await publicPost("/api/auth/signin", formValues(form));
    form.reset();
    state.token = "";
    state.csrf = session.csrf;
    if (!(await cookieKept())) return;
    if (session.second_factor) { showView("second-factor"); return; }
    state.account = session.user;
    notice("");
    await start();
  });
  handle($("#second-factor-form"), async (form) => {
    const session = await api("/api/auth/second-factor", { method: "POST", json: formValues(form) });
    form.reset();
    state.csrf = session.csrf;
    state.account = session.user;
    notice("");
    await start();
  });
  handle($("#forgot-form"), async (form) => {
    const r = await publicPost("/api/auth/password/forgot", formValues(form));
    notice(r.message);
    showView("signin");
  });
  handle($("#reset-form"), async (form) => {
    const r = await publicPost("/api/auth/password/reset", { token: resetToken, password: formValues(form).password || "" });
    resetToken = "";
    form.reset();
    notice(r.message);
    showView("signin");
  });
  $("#login-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    state.token = $("#token").value.trim();
    state.account = null;
    sessionStorage.setItem("jobpilot-token", state.token);
    try { await start(); }
    catch (e) {
      forgetToken();
      $("#login-error").textContent = e.status === 401 ? "Your token was not accepted." : errorText(e);
    }
  });
}

/**
 * The session cookie is Secure: a browser keeps it on HTTPS and on localhost only. Signed in
 * over plain HTTP elsewhere, the next call would look signed out with no reason given.
 */
async function cookieKept() {
  try {
    await api("/api/auth/session");
    return true;
  } catch (e) {
    notice("The password was right, but this browser did not keep the session cookie: open the dashboard over HTTPS (or on localhost).", true);
    return false;
  }
}

export function forgetToken() {
  state.token = "";
  sessionStorage.removeItem("jobpilot-token");
}

/** The live session the cookie (or a kept token) has: "full", "second-factor" or null. */
export async function resume() {
  if (state.token) return "full";
  try {
    const session = await api("/api/auth/session");
    state.csrf = session.csrf;
    if (session.second_factor) return "second-factor";
    state.account = session.user;
    return session.user ? "full" : null;
  } catch (e) {
    return null;
  }
}

export async function signOut() {
  if (!state.token && state.csrf) {
    try { await api("/api/auth/signout", { method: "POST" }); } catch (e) { /* gone already */ }
  }
  forgetToken();
  state.csrf = "";
  state.account = null;
  state.me = null;
}
