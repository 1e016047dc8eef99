/**
 * The service worker (Chromium) / background script (Firefox): one port to the host, the
 * host's page commands, the popup's commands.
 */

import { ErrorCodes, ProtocolError, type UiReply, errorMessage } from "../shared/protocol";
import { classify } from "./host-errors";
import { NativeHost } from "./native";
import { dispatchPage, pageCommands } from "./page-commands";
import { Questions } from "./questions";
import { dispatchUi, isUiMessage, uiCommands } from "./ui-commands";

const questions = new Questions();
const pages = pageCommands(questions);
const host = new NativeHost((req) => dispatchPage(pages, req));
const ui = uiCommands(host, questions);

host.onStatus((s) => {
  const text = s.state === "connected" || s.state === "connecting" ? "" : "!";
  void chrome.action.setBadgeText({ text }).catch(() => undefined);
  void chrome.action.setBadgeBackgroundColor({ color: "#b3261e" }).catch(() => undefined);
  chrome.runtime.sendMessage({ jobpilot: "host-status", status: s }).catch(() => undefined);
});

const EXTENSION_PAGES = chrome.runtime.getURL("");

chrome.runtime.onMessage.addListener((msg: unknown, sender, sendResponse: (r: UiReply) => void) => {
  if (!isUiMessage(msg)) return false; // content-script traffic and broadcasts are not ours
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
(globalThis as unknown as { jobpilot: unknown }).jobpilot = { host, questions, classify };

host.connect();
