/**
 * The wire protocol between the extension and the JobPilot native-messaging host
 * (host/PROTOCOL.md is the reference), and the messages between the extension's own parts.
 *
 * Port messages (both directions):
 *   request   {id, action, payload}
 *   response  {id, status: "ok", data} | {id, status: "error", code, message}
 *   chunk     {chunk: {id, seq, total, data}}   host -> browser only, base64 pieces of one
 *                                                message over Chrome's 1 MiB limit
 */

export const HOST_NAME = "com.jobpilot.host";
export const PROTOCOL_VERSION = 1;

/** Error codes. APPEND-ONLY (the host's table is in host/src/jobpilot_host/errors.py). */
export const ErrorCodes = {
  // shared with the host
  bad_json: "bad_json",
  frame_too_large: "frame_too_large",
  invalid_message: "invalid_message",
  unknown_action: "unknown_action",
  invalid_payload: "invalid_payload",
  internal_error: "internal_error",
  no_profile: "no_profile",
  no_form: "no_form",
  busy: "busy",
  tab_gone: "tab_gone",
  timeout: "timeout",
  page_error: "page_error",
  ref_not_found: "ref_not_found",
  disconnected: "disconnected",
  no_resume: "no_resume",
  invalid_reply: "invalid_reply",
  usage_error: "usage_error",
  // the extension's own
  host_missing: "host_missing",
  host_forbidden: "host_forbidden",
  host_exited: "host_exited",
  no_content_script: "no_content_script",
  restricted_page: "restricted_page",
  // shared with the host (appended later: the list is append-only)
  frame_gone: "frame_gone",
  navigated: "navigated",
  not_an_application: "not_an_application",
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export type MsgId = string | number;

export interface Request<A extends string = string, P = Record<string, unknown>> {
  id: MsgId;
  action: A;
  payload: P;
}
export interface OkResponse<D = unknown> {
  id: MsgId;
  status: "ok";
  data: D;
}
export interface ErrorResponse {
  id: MsgId | null;
  status: "error";
  code: string;
  message: string;
}
export type Response<D = unknown> = OkResponse<D> | ErrorResponse;
export interface Chunk {
  chunk: { id: string; seq: number; total: number; data: string };
}
export type PortMessage = Request | Response | Chunk;

export class ProtocolError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ProtocolError";
  }
}

export function isRequest(m: unknown): m is Request {
  return !!m && typeof m === "object" && "action" in m && typeof (m as Request).action === "string";
}
export function isResponse(m: unknown): m is Response {
  return !!m && typeof m === "object" && "status" in m;
}
export function isChunk(m: unknown): m is Chunk {
  return !!m && typeof m === "object" && "chunk" in m;
}

// --- actions the extension asks the host ------------------------------------------------

export interface PlanAction {
  ref: string | null;
  kind: string;
  key: string | null;
  label: string | null;
  value: string | string[] | null;
  sensitive: boolean;
  confidence: number;
  review: boolean;
  source: string;
}
export interface Skipped {
  ref: string;
  label: string | null;
  key: string | null;
  required: boolean;
  reason: string;
}
export interface HostActions {
  hello: { payload: { extension_version?: string; browser?: string }; data: { host_version: string; protocol: number; pid: number; default_profile: string; actions: string[]; log?: string } };
  ping: { payload: { data?: unknown }; data: { pong: true; data: unknown } };
  status: {
    payload: { tab_id: number; profile?: string };
    data: { url: string; title: string; ats: string | null; confidence: number | null; company: string | null; position: string | null; fields: number; required: number; captchas: string[]; profile: string };
  };
  plan: {
    payload: { tab_id: number; profile?: string; resume?: string };
    data: {
      url: string; ats: string | null; actions: PlanAction[]; skipped: Skipped[]; thresholds: { fill: number; review: number }; profile: string; resume: string | null;
      /** What kind of page it is: not an application (a checkout, a sign-in page) asks the person first. */
      page: { application: boolean; kind: string; why: string };
    };
  };
  autofill: {
    /** `confirmed`: the person said to fill a page that does not look like an application. */
    payload: { tab_id: number; profile?: string; resume?: string; mode?: "auto" | "review"; confirmed?: boolean };
    data: {
      run_id: string; status: string; url: string; ats: string | null; filled: number; review: number;
      /** The run's counts (`ApplicationRun.counts`): the one definition every view shows. */
      counts: Counts;
      /** Every field as the run left it (the latest step's page). */
      fields: FieldState[];
      left: { ref: string; label: string | null; reason: string; required: boolean; key?: string | null }[];
      questions?: { ref: string; label: string | null; value: string }[];
      failed: { ref: string | null; error: string | null }[];
      needs_user: string[]; error: string | null; duration_ms: number; highlighted: number; mode: string;
      /** The fill typed the plan the popup showed (false: the page changed, it planned again). */
      as_shown: boolean;
    };
  };
  profiles: {
    payload: Record<string, never>;
    data: {
      profiles: { name: string; person: string | null; email: string | null; resumes: { name: string; path: string; default: boolean }[] }[];
      default: string;
      /** The AI provider the person configured (null: none, or only the offline writer). */
      ai_provider?: string | null;
    };
  };
  today: { payload: { profile?: string }; data: { submitted: number; filled: number; runs: number; daily_cap: number } };
  "profile.get": { payload: { profile?: string }; data: { name: string; exists: boolean; profile: ProfileDoc | null } };
  "profile.save": { payload: { profile?: string; data: ProfileDoc }; data: ProfileSaved };
  "profile.draft": { payload: { file: { name: string; data: string }; ai?: boolean }; data: ResumeDraft };
  "answers.save": { payload: { profile?: string; question: string; answer: string }; data: { saved: boolean; message: string } };
  "run.interrupted": { payload: { run_id: string; results: Landed[]; log?: string }; data: { recorded: boolean; status: string; counts: Counts } };
  "run.accept": { payload: { run_id: string; ref: string; ok: boolean; error?: string | null; edited?: boolean }; data: { state: string; counts: Counts } };
}

/** The counts of a run (core `RunCounts`). */
export interface Counts {
  filled: number;
  review: number;
  left: number;
  failed: number;
  not_reached: number;
}
/** One field as a run left it (core `FieldOutcome`, reasons in words). */
export interface FieldState {
  ref: string;
  label: string | null;
  state: "pending" | "filled" | "left" | "failed";
  flagged: boolean;
  value: string | string[] | null;
  sensitive: boolean;
  why: string | null;
  source: string | null;
}
/** One action's result as it landed on the page. */
export interface Landed {
  ref: string;
  ok: boolean;
  error?: string | null;
}

/** A profile as JSON: JSON Resume plus `application` (core/src/jobpilot/models/profile.py). */
export type ProfileDoc = Record<string, unknown>;
export interface ProfileSaved {
  saved: boolean;
  name: string;
  person?: string;
  email?: string;
  message?: string;
  problems?: { path: string; message: string }[];
}
export interface ResumeDraft {
  resume: ProfileDoc;
  answers: Record<string, unknown>;
  found: { path: string; value: unknown; line: string }[];
  notes: string[];
  path: string;
}
export type HostAction = keyof HostActions;

// --- requests the host sends the extension (it drives the tab) ------------------------------

export interface WaitCondition {
  text?: string;
  selector?: string;
  stable_ms?: number;
  url_contains?: string;
  timeout_ms?: number;
}
export interface HighlightItem {
  ref: string;
  /** `pending`: about to be typed (it turns into `then` when its action lands). */
  status: "pending" | "filled" | "review" | "left" | "failed";
  reason: string;
  label?: string;
  then?: "filled" | "review";
  /** A value Fill & review held back: shown whole, typed by the page on Accept or Edit. */
  proposal?: { text: string | null; sensitive: boolean; action: Record<string, unknown> };
}
/** A fill about to type the pending marks (`page.highlight` with `progress`). */
export interface FillProgress {
  run_id: string;
  total: number;
}
/** A run's end (`page.highlight` with `summary`): the page shows these counts. */
export interface FillSummary {
  run_id: string;
  counts: Counts;
}
export interface FrameSnapshot {
  frame_id: number;
  url: string;
  name: string | null;
  snapshot: Record<string, unknown>;
}
export interface PageCommands {
  "page.snapshot": { payload: { tab_id: number }; data: { url: string; top: Record<string, unknown>; frames: FrameSnapshot[] } };
  "page.apply": { payload: { tab_id: number; frame_id: number; actions: Record<string, unknown>[] }; data: { url: string; results: Record<string, unknown>[] } };
  "page.click": { payload: { tab_id: number; frame_id: number; ref: string }; data: { url: string } };
  "page.wait_for": { payload: { tab_id: number } & WaitCondition; data: { url: string; ok: boolean } };
  "page.text": { payload: { tab_id: number }; data: { url: string; text: string } };
  "page.screenshot": { payload: { tab_id: number }; data: { url: string; data_url: string } };
  "page.highlight": {
    payload: { tab_id: number; frame_id: number; items: HighlightItem[]; progress?: FillProgress; summary?: FillSummary };
    data: { url: string; shown: number };
  };
  "ui.ask": { payload: { tab_id: number; question: string }; data: { answer: string | null } };
}
export type PageCommand = keyof PageCommands;

// --- worker <-> content script --------------------------------------------------------------

export interface ContentCommands {
  probe: { args: Record<string, never>; data: { ready: boolean; url: string; separate: boolean } };
  snapshot: { args: { onlyIfSeparate?: boolean }; data: Record<string, unknown> | null };
  apply: { args: { actions: Record<string, unknown>[] }; data: Record<string, unknown>[] };
  click: { args: { ref: string }; data: null };
  wait: { args: WaitCondition; data: { ok: boolean } };
  text: { args: Record<string, never>; data: { text: string } };
  highlight: { args: { items: HighlightItem[]; progress?: FillProgress; summary?: FillSummary }; data: { shown: number } };
  unhighlight: { args: Record<string, never>; data: { removed: number } };
  /** The host stopped mid-fill: marks stay, what was not reached says so, the log is named. */
  host_stopped: { args: { log: string | null }; data: { pending: number } };
  counts: { args: { counts: Counts }; data: null };
  read: { args: { refs: string[] }; data: { values: Record<string, string> } };
}
export type ContentCommand = keyof ContentCommands;
export interface ContentMessage<C extends ContentCommand = ContentCommand> {
  jobpilot: "content";
  cmd: C;
  args: ContentCommands[C]["args"];
}
export type ContentReply<D = unknown> = { ok: true; data: D } | { ok: false; code: string; message: string };

/** Content script -> worker: an action of the fill in progress landed on the page. */
export interface ProgressNote extends Landed {
  jobpilot: "progress";
  label: string;
}
/** Content script -> worker: the person accepted (or took to edit) a proposed value. */
export interface AcceptNote extends Landed {
  jobpilot: "accepted";
  edited: boolean;
}
/** Worker -> popup broadcasts about a tab's fill. */
export type FillNews =
  | { jobpilot: "progress"; tab_id: number; run_id: string; done: number; total: number; label: string }
  | { jobpilot: "counts"; tab_id: number; run_id: string; counts: Counts }
  | { jobpilot: "stopped"; tab_id: number; run_id: string; done: number; total: number; log: string | null };

// --- popup / options -> worker ------------------------------------------------------------

export type HostState = "connecting" | "connected" | "missing" | "forbidden" | "exited" | "error";
export interface HostStatus {
  state: HostState;
  message: string;
  hint: string | null;
  host_version: string | null;
  pid: number | null;
  since: number;
  /** The delay before the next connection attempt (0.5 s doubling to 30 s), null when none is planned. */
  retry_in_ms: number | null;
  /** Connection attempts that failed since the last successful hello (which resets it and the delay). */
  failures: number;
}
export interface UiCommands {
  "ui.host": { args: Record<string, never>; data: HostStatus };
  "ui.status": { args: { tab_id: number }; data: HostActions["status"]["data"] };
  "ui.plan": { args: { tab_id: number; resume?: string }; data: HostActions["plan"]["data"] };
  "ui.autofill": { args: { tab_id: number; mode: "auto" | "review"; resume?: string; confirmed?: boolean }; data: HostActions["autofill"]["data"] };
  "ui.profiles": { args: Record<string, never>; data: HostActions["profiles"]["data"] };
  "ui.today": { args: Record<string, never>; data: HostActions["today"]["data"] };
  "ui.clear_highlights": { args: { tab_id: number }; data: { removed: number } };
  "ui.answer": { args: { ask_id: string; answer: string | null }; data: { accepted: boolean } };
  "ui.pending_question": { args: Record<string, never>; data: { ask_id: string; question: string } | null };
  "ui.ping_host": { args: { data?: unknown }; data: HostActions["ping"]["data"] };
  "ui.profile_get": { args: { profile?: string }; data: HostActions["profile.get"]["data"] };
  "ui.profile_save": { args: { profile: string; data: ProfileDoc }; data: ProfileSaved };
  "ui.profile_draft": { args: { file: { name: string; data: string }; ai?: boolean }; data: ResumeDraft };
  "ui.answer_save": { args: { question: string; answer: string }; data: { saved: boolean; message: string } };
  "ui.read_fields": { args: { tab_id: number; refs: string[] }; data: { values: Record<string, string> } };
  "ui.last_fill": { args: { tab_id: number }; data: HostActions["autofill"]["data"] | null };
  "ui.progress": { args: { tab_id: number }; data: { run_id: string; done: number; total: number; label: string } | null };
}
export type UiCommand = keyof UiCommands;
export interface UiMessage<C extends UiCommand = UiCommand> {
  jobpilot: "ui";
  cmd: C;
  args: UiCommands[C]["args"];
}
export type UiReply<D = unknown> = { ok: true; data: D } | { ok: false; code: string; message: string };

/** Settings kept in chrome.storage.local. */
export interface Settings {
  profile: string | null;
  resume: string | null;
}
export const DEFAULT_SETTINGS: Settings = { profile: null, resume: null };

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
