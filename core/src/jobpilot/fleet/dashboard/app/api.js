// Talking to the fleet's API from the applicant's app.
//
// Two ways in: a session cookie (signed in with e-mail and password; HttpOnly, so this
// script never sees it) with the session's CSRF token sent on every state change, or an
// API token kept in sessionStorage (users made by an operator). Errors come back as
// ApiError carrying the server's message and hint, ready to show.

export const state = {
  token: sessionStorage.getItem("jobpilot-token") || "",
  csrf: "",
  /** The signed-in account (from /api/auth/session), null in token mode. */
  account: null,
  /** /api/me */
  me: null,
};

export class ApiError extends Error {
  constructor(status, message, hint) {
    super(message);
    this.status = status;
    this.hint = hint || "";
  }
  get text() {
    return this.hint ? `${this.message} (${this.hint})` : this.message;
  }
}

const listeners = new Set();
/** Called when the server says we are no longer signed in. */
export function onSignedOut(fn) { listeners.add(fn); }

async function failure(res) {
  let message = res.statusText || `HTTP ${res.status}`;
  let hint = "";
  try {
    const body = await res.json();
    message = body.error || message;
    hint = body.hint || "";
  } catch (e) { /* not JSON */ }
  return new ApiError(res.status, message, hint);
}

/**
 * One call. `json` is sent as the JSON body; `form` as multipart. Answers JSON, a Blob,
 * or null (204). A 401 outside /api/auth/ means the session or token is gone.
 */
export async function api(path, { method = "GET", json, form } = {}) {
  const headers = {};
  if (state.token) headers.Authorization = "Bearer " + state.token;
  else if (method !== "GET" && method !== "HEAD") headers["X-CSRF-Token"] = state.csrf;
  let body;
  if (json !== undefined) { headers["Content-Type"] = "application/json"; body = JSON.stringify(json); }
  else if (form !== undefined) body = form;
  const res = await fetch(path, { method, headers, body, credentials: "same-origin" });
  if (!res.ok) {
    const err = await failure(res);
    if (res.status === 401 && !path.startsWith("/api/auth/")) for (const fn of listeners) fn(err);
    throw err;
  }
  if (res.status === 204) return null;
  const type = res.headers.get("Content-Type") || "";
  return type.includes("application/json") ? res.json() : res.blob();
}

/**
 * A form sent before there is a session (sign-up, sign-in, reset): the double-submit CSRF
 * pair, fetched fresh for each form.
 */
export async function publicPost(path, json) {
  const got = await fetch("/api/auth/csrf", { credentials: "same-origin" });
  if (!got.ok) throw await failure(got);
  const { csrf } = await got.json();
  const res = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
    body: JSON.stringify(json),
    credentials: "same-origin",
  });
  if (!res.ok) throw await failure(res);
  return res.status === 204 ? null : res.json();
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

export function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

export function errorText(e) {
  return e instanceof ApiError ? e.text : String((e && e.message) || e);
}

/** A message across the top of the page. */
export function notice(text, bad = false) {
  const el = $("#notice");
  el.textContent = text;
  el.classList.toggle("bad", bad);
  el.hidden = !text;
}

/** The form's values by input name (empty strings dropped). */
export function formValues(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) if (typeof v === "string" && v.trim()) out[k] = v.trim();
  return out;
}

/** Run a form's async handler: its button disabled meanwhile, its error line filled on failure. */
export function handle(form, fn) {
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const error = form.querySelector("[data-role=error]");
    const button = form.querySelector("button[type=submit]");
    if (error) error.textContent = "";
    if (button) button.disabled = true;
    try { await fn(form); }
    catch (e) { if (error) error.textContent = errorText(e); else notice(errorText(e), true); }
    finally { if (button) button.disabled = false; }
  });
}
