/**
 * What a native-messaging failure means, and what the user should do about it, from the
 * browser's error text; and the checks a chunk must pass before it is reassembled.
 *
 * Browsers report port failures only as English sentences, and each family has its own:
 * Chromium says "Specified native messaging host not found." / "Access to the specified
 * native messaging host is forbidden." / "Native host has exited."; Firefox says "No such
 * native application com.jobpilot.host" both when the manifest is missing and when it names
 * another add-on id (Firefox does not tell the two apart). Pure functions, so the worker's
 * test hook (`globalThis.jobpilot.classify`) can check every text in a real browser.
 */

import { ErrorCodes, type HostState } from "../shared/protocol";

export interface Classified {
  state: HostState;
  code: string;
  hint: string | null;
}

/** The largest `total` a chunked message may announce: 128 pieces of 786,432 base64
 * characters is about 75 MB decoded, more than any message the host sends (the browser
 * itself caps the other direction at 64 MiB). Beyond it a chunk is refused, not allocated. */
export const MAX_CHUNKS = 128;
/** The longest `data` of one chunk: a chunk frame must fit Chromium's 1 MiB limit anyway. */
export const MAX_CHUNK_DATA = 1024 * 1024;

export function classify(message: string, browser: "chromium" | "firefox", extensionId: string, logPath?: string | null): Classified {
  const m = message.toLowerCase();
  if (m.includes("no such native application")) {
    return {
      state: "missing",
      code: ErrorCodes.host_missing,
      hint: "install the host for Firefox: jobpilot host install --browser firefox (Firefox says this too when the manifest in ~/.mozilla/native-messaging-hosts names another add-on id)",
    };
  }
  if (m.includes("not found")) {
    const install =
      browser === "firefox" ? "jobpilot host install --browser firefox" : "jobpilot host install --browser chromium (or chrome, edge, brave)";
    return { state: "missing", code: ErrorCodes.host_missing, hint: `install the host: ${install}` };
  }
  if (m.includes("forbidden")) {
    return {
      state: "forbidden",
      code: ErrorCodes.host_forbidden,
      hint: `the host manifest does not allow this extension (id ${extensionId}): jobpilot host install --extension-id ${extensionId}`,
    };
  }
  if (m.includes("exited")) {
    return { state: "exited", code: ErrorCodes.host_exited, hint: `the host stopped; it is restarted on the next action (see ${logPath || "host.log in the JobPilot data folder's host/ (jobpilot host doctor)"})` };
  }
  return { state: "error", code: ErrorCodes.disconnected, hint: "run: jobpilot host doctor" };
}

function isIndex(x: unknown): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= 0;
}

/** Why a chunk cannot be used, or null when it can. Checked before anything is allocated:
 * a chunk comes from another process, and `new Array(total)` with a huge or fractional
 * `total` throws inside the port listener. */
export function chunkProblem(c: unknown): string | null {
  if (!c || typeof c !== "object" || !("chunk" in c)) return "not a chunk";
  const k = (c as { chunk: unknown }).chunk;
  if (!k || typeof k !== "object") return "chunk is not an object";
  const { id, seq, total, data } = k as Record<string, unknown>;
  if (typeof id !== "string" || id.length === 0 || id.length > 64) return "chunk.id must be a string of 1-64 characters";
  if (!isIndex(total) || total < 1 || total > MAX_CHUNKS) return `chunk.total must be an integer from 1 to ${MAX_CHUNKS} (got ${JSON.stringify(total)})`;
  if (!isIndex(seq) || seq >= total) return `chunk.seq must be an integer from 0 to total-1 (got ${JSON.stringify(seq)} of ${total})`;
  if (typeof data !== "string" || data.length > MAX_CHUNK_DATA) return `chunk.data must be a string of at most ${MAX_CHUNK_DATA} characters`;
  return null;
}
