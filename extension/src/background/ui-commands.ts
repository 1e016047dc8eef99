/**
 * The typed command map for the popup and the options page. Everything that needs the host
 * goes through the one port; unknown commands are answered with an error.
 */

import { DEFAULT_SETTINGS, ErrorCodes, ProtocolError, type Settings, type UiCommand, type UiCommands, type UiMessage } from "../shared/protocol";
import type { Fills } from "./fills";
import type { NativeHost } from "./native";
import type { Questions } from "./questions";
import { callContent } from "./tabs";

type Handler<C extends UiCommand> = (a: UiCommands[C]["args"]) => Promise<UiCommands[C]["data"]>;
type CommandMap = { [C in UiCommand]: Handler<C> };

export async function loadSettings(): Promise<Settings> {
  const got = await chrome.storage.local.get(["profile", "resume"]);
  return { ...DEFAULT_SETTINGS, ...(got as Partial<Settings>) };
}

function withProfile<T extends object>(s: Settings, payload: T): T & { profile?: string } {
  return s.profile ? { ...payload, profile: s.profile } : payload;
}

/** The last fill per tab, for the popup's "save what you typed" offer. */
const lastFill = new Map<number, UiCommands["ui.autofill"]["data"]>();

export function uiCommands(host: NativeHost, questions: Questions, fills: Fills): CommandMap {
  return {
    "ui.host": async () => host.status,
    "ui.status": async (a) => host.request("status", withProfile(await loadSettings(), { tab_id: a.tab_id }), 60_000),
    "ui.plan": async (a) => {
      const s = await loadSettings();
      const resume = a.resume ?? s.resume ?? undefined;
      return host.request("plan", withProfile(s, { tab_id: a.tab_id, ...(resume ? { resume } : {}) }), 60_000);
    },
    "ui.autofill": async (a) => {
      const s = await loadSettings();
      const resume = a.resume ?? s.resume ?? undefined;
      const result = await host.request("autofill", withProfile(s, { tab_id: a.tab_id, mode: a.mode, ...(resume ? { resume } : {}), ...(a.confirmed ? { confirmed: true } : {}) }), 600_000);
      lastFill.set(a.tab_id, result); // the popup, opened again later, offers to save answers
      return result;
    },
    "ui.last_fill": async (a) => lastFill.get(a.tab_id) ?? null,
    "ui.progress": async (a) => fills.progress(a.tab_id),
    "ui.read_fields": async (a) => {
      const refs = a.refs.filter((r) => !r.startsWith("x")); // top-document fields
      return callContent(a.tab_id, 0, "read", { refs }, { deadline: Date.now() + 5_000, repeatable: true });
    },
    "ui.profiles": async () => host.request("profiles", {}, 30_000),
    "ui.today": async () => host.request("today", withProfile(await loadSettings(), {}), 30_000),
    "ui.ping_host": async (a) => host.request("ping", { data: a.data }, 10_000),
    "ui.clear_highlights": async (a) => {
      const frames = (await chrome.webNavigation.getAllFrames({ tabId: a.tab_id }).catch(() => null)) ?? [{ frameId: 0 }];
      let removed = 0;
      for (const f of frames) {
        try {
          removed += (await callContent(a.tab_id, f.frameId, "unhighlight", {}, { deadline: Date.now() + 2_000, repeatable: true })).removed;
        } catch {
          /* a frame without highlights or without the script */
        }
      }
      return { removed };
    },
    "ui.answer": async (a) => ({ accepted: questions.answer(a.ask_id, a.answer) }),
    "ui.pending_question": async () => questions.pending(),
    "ui.profile_get": async (a) => host.request("profile.get", a.profile ? { profile: a.profile } : withProfile(await loadSettings(), {}), 30_000),
    "ui.profile_save": async (a) => host.request("profile.save", { profile: a.profile, data: a.data }, 60_000),
    "ui.profile_draft": async (a) => host.request("profile.draft", { file: a.file, ...(a.ai ? { ai: true } : {}) }, 300_000),
    "ui.answer_save": async (a) => host.request("answers.save", withProfile(await loadSettings(), { question: a.question, answer: a.answer }), 30_000),
  };
}

export function isUiMessage(m: unknown): m is UiMessage {
  return !!m && typeof m === "object" && (m as UiMessage).jobpilot === "ui" && typeof (m as UiMessage).cmd === "string";
}

export function dispatchUi(map: CommandMap, msg: UiMessage): Promise<unknown> {
  if (!Object.prototype.hasOwnProperty.call(map, msg.cmd)) {
    return Promise.reject(new ProtocolError(ErrorCodes.unknown_action, `unknown command ${JSON.stringify(msg.cmd)}`));
  }
  const handler = map[msg.cmd] as (a: unknown) => Promise<unknown>;
  return handler(msg.args ?? {});
}
