/**
 * Talking to the content scripts of a tab, through navigations.
 *
 * A message can miss its content script for three reasons: the document is still loading
 * (the script is not there yet), the tab was open before the extension was (no script was
 * ever injected), or the document navigated away while the message was in flight. The
 * first two are waited out / fixed by injecting the scripts; the third is retried in the
 * new document for commands that are safe to repeat, and counts as done for a click (the
 * click is what navigated).
 */

import { CONTENT_FILES } from "../shared/files";
import {
  type ContentCommand,
  type ContentCommands,
  type ContentMessage,
  type ContentReply,
  ErrorCodes,
  ProtocolError,
  errorMessage,
} from "../shared/protocol";

const POLL_MS = 50;

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The tab, or a tab_gone error. */
export async function getTab(tabId: number): Promise<chrome.tabs.Tab> {
  try {
    return await chrome.tabs.get(tabId);
  } catch {
    throw new ProtocolError(ErrorCodes.tab_gone, `tab ${tabId} is closed`);
  }
}

/** Wait until the tab's document has loaded (or the deadline passes). */
export async function tabReady(tabId: number, deadline: number): Promise<chrome.tabs.Tab> {
  for (;;) {
    const tab = await getTab(tabId);
    if (tab.status === "complete" || Date.now() >= deadline) return tab;
    await sleep(POLL_MS);
  }
}

function isRestricted(url: string | undefined): boolean {
  return !!url && !/^(https?|file):/.test(url);
}

/** Inject the DOM layer and the glue into one frame (the scripts guard against doubles). */
export async function inject(tabId: number, frameId: number): Promise<void> {
  const tab = await getTab(tabId);
  if (frameId === 0 && isRestricted(tab.url)) {
    throw new ProtocolError(ErrorCodes.restricted_page, `JobPilot cannot run on ${tab.url}`);
  }
  try {
    await chrome.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: CONTENT_FILES });
  } catch (e) {
    const m = errorMessage(e);
    if (/no tab/i.test(m)) throw new ProtocolError(ErrorCodes.tab_gone, `tab ${tabId} is closed`);
    if (/no frame with id/i.test(m)) throw new ProtocolError(ErrorCodes.frame_gone, `frame ${frameId} is gone; take a new snapshot`);
    throw new ProtocolError(ErrorCodes.no_content_script, `cannot inject into frame ${frameId}: ${m}`);
  }
}

/** Whether a frame of the tab still exists (a removed iframe's content script can never answer). */
async function frameExists(tabId: number, frameId: number): Promise<boolean> {
  if (frameId === 0) return true;
  try {
    return !!(await chrome.webNavigation.getFrame({ tabId, frameId }));
  } catch {
    return false;
  }
}

type Failure = "no_receiver" | "closed" | "tab_gone" | "frame_gone" | "other";

function failureOf(message: string): Failure {
  if (/receiving end does not exist|could not establish connection/i.test(message)) return "no_receiver";
  if (/message port closed|message channel closed|page keeping the extension port is moved into back\/forward cache/i.test(message)) return "closed";
  if (/no tab with id|tab was closed|invalid tab/i.test(message)) return "tab_gone";
  if (/no frame with id|frame with id .* (was removed|is not)/i.test(message)) return "frame_gone";
  return "other";
}

export interface CallOptions {
  /** Give up at this time (ms since epoch). */
  deadline: number;
  /** The command may run again in a new document when one replaced the old mid-call. */
  repeatable: boolean;
  /** A navigation during the call means the command worked (a click that navigated). */
  navigationIsSuccess?: boolean;
}

/** Send a command to the content script of one frame and return its data. */
export async function callContent<C extends ContentCommand>(
  tabId: number,
  frameId: number,
  cmd: C,
  args: ContentCommands[C]["args"],
  opts: CallOptions,
): Promise<ContentCommands[C]["data"]> {
  const msg: ContentMessage<C> = { jobpilot: "content", cmd, args };
  let injected = false;
  for (;;) {
    let reply: ContentReply<ContentCommands[C]["data"]> | undefined;
    try {
      reply = await chrome.tabs.sendMessage(tabId, msg, { frameId });
    } catch (e) {
      const m = errorMessage(e);
      const kind = failureOf(m);
      if (kind === "tab_gone") throw new ProtocolError(ErrorCodes.tab_gone, `tab ${tabId} is closed`);
      if (kind === "frame_gone") throw new ProtocolError(ErrorCodes.frame_gone, `frame ${frameId} is gone; take a new snapshot`);
      await getTab(tabId); // closed meanwhile? -> tab_gone
      if (!(await frameExists(tabId, frameId))) {
        throw new ProtocolError(ErrorCodes.frame_gone, `frame ${frameId} is gone; take a new snapshot`);
      }
      if (kind === "closed" && opts.navigationIsSuccess) return null as ContentCommands[C]["data"];
      if (kind === "closed" && !opts.repeatable) {
        throw new ProtocolError(ErrorCodes.navigated, `the page navigated while running ${cmd}; take a new snapshot`);
      }
      if (kind === "other") throw new ProtocolError(ErrorCodes.page_error, `${cmd}: ${m}`);
      if (Date.now() >= opts.deadline) {
        throw new ProtocolError(ErrorCodes.no_content_script, `no JobPilot content script answered in frame ${frameId} of tab ${tabId} (${m})`);
      }
      // Loading, or a document that never got the scripts: wait for it, inject, retry.
      const tab = await tabReady(tabId, opts.deadline);
      if (tab.status === "complete" && (!injected || kind === "closed")) {
        injected = true;
        try {
          await inject(tabId, frameId);
        } catch (err) {
          if (err instanceof ProtocolError && err.code !== ErrorCodes.no_content_script) throw err;
        }
      } else {
        await sleep(POLL_MS);
      }
      continue;
    }
    if (reply === undefined || reply === null || typeof reply !== "object" || !("ok" in reply)) {
      // Another extension's listener, or a script from before an extension reload.
      if (Date.now() >= opts.deadline) throw new ProtocolError(ErrorCodes.no_content_script, `no answer to ${cmd} in frame ${frameId}`);
      await sleep(POLL_MS);
      continue;
    }
    if (reply.ok) return reply.data;
    throw new ProtocolError(reply.code, reply.message);
  }
}
