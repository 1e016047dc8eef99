/**
 * The service worker (Chromium) / background script (Firefox): one port to the host, the
 * host's page commands, the popup's commands.
 */

import { type AcceptNote, ErrorCodes, type ProgressNote, ProtocolError, type UiReply, errorMessage } from "../shared/protocol";
import { Fills } from "./fills";
import { classify } from "./host-errors";
import { NativeHost } from "./native";
import { dispatchPage, pageCommands } from "./page-commands";
import { Questions } from "./questions";
import { dispatchUi, isUiMessage, uiCommands } from "./ui-commands";

const questions = new Questions();
const fills = new Fills();
const pages = pageCommands(questions, fills);
const host = new NativeHost((req) => dispatchPage(pages, req));
fills.attach(host);
const ui = uiCommands(host, questions, fills);

host.onStatus((s) => {
  const text = s.state === "connected" || s.state === "connecting" ? "" : "!";
  void chrome.action.setBadgeText({ text }).catch(() => undefined);
  void chrome.action.setBadgeBackgroundColor({ color: "#b3261e" }).catch(() => undefined);
  chrome.runtime.sendMessage({ jobpilot: "host-status", status: s }).catch(() => undefined);
});

const EXTENSION_PAGES = chrome.runtime.getURL("");

/** What a content script may tell the worker: progress of the fill on its tab, and a value
 * the person accepted there. Nothing else: it runs next to an untrusted page. */
function fromContent(msg: unknown, sender: chrome.runtime.MessageSender, sendResponse: (r: UiReply) => void): boolean {
  const tabId = sender.tab?.id;
  const kind = (msg as { jobpilot?: unknown } | null)?.jobpilot;
  if (tabId === undefined || sender.id !== chrome.runtime.id) return false;
  if (kind === "progress") {
    fills.landed(tabId, sender.frameId ?? 0, msg as ProgressNote);
    return false;
  }
  if (kind === "accepted") {
    fills.accepted(tabId, sender.frameId ?? 0, msg as AcceptNote).then(
      (counts) => sendResponse({ ok: true, data: counts }),
      (e: unknown) => sendResponse({ ok: false, code: e instanceof ProtocolError ? e.code : ErrorCodes.internal_error, message: errorMessage(e) }),
    );
    return true;
  }
  return false;
}

chrome.runtime.onMessage.addListener((msg: unknown, sender, sendResponse: (r: UiReply) => void) => {
  if (sender.tab !== undefined && !isUiMessage(msg)) return fromContent(msg, sender, sendResponse);
  if (!isUiMessage(msg)) return false; // broadcasts are not ours
  if (sender.id !== chrome.runtime.id || !(sender.url ?? "").startsWith(EXTENSION_PAGES)) {
    // Only the popup and the options page may command the host; content scripts run next to
    // untrusted pages.
    sendResponse({ ok: false, code: ErrorCodes.invalid_message, message: "UI commands come from extension pages only" });
    return false;
  }
  dispatchUi(ui, msg).then(
    (data) => sendResponse({ ok: true, data }),
    (e: unknown) => sendResponse({ ok: false, code: e instanceof ProtocolError ? e.code : ErrorCodes.internal_error, message: errorMessage(e) }),
  );
  return true;
});

// Tests and debugging reach the worker's state through this (service-worker scope only).
(globalThis as unknown as { jobpilot: unknown }).jobpilot = { host, questions, classify, fills };

host.connect();
