/**
 * The typed command map for requests the host sends (it drives the tab through these while
 * the apply engine or an ATS flow runs). An unknown action is answered with an error.
 */

import {
  ErrorCodes,
  type FrameSnapshot,
  type PageCommand,
  type PageCommands,
  ProtocolError,
  type Request,
  errorMessage,
} from "../shared/protocol";
import type { Fills } from "./fills";
import type { Questions } from "./questions";
import { callContent, getTab, sleep, tabReady } from "./tabs";

const CALL_MS = 30_000;
const FRAME_MS = 3_000;

type Handler<C extends PageCommand> = (p: PageCommands[C]["payload"]) => Promise<PageCommands[C]["data"]>;
type CommandMap = { [C in PageCommand]: Handler<C> };

async function urlOf(tabId: number): Promise<string> {
  return (await getTab(tabId)).url ?? "";
}

async function snapshot(p: { tab_id: number }): Promise<PageCommands["page.snapshot"]["data"]> {
  const { tab_id } = p;
  const top = await callContent(tab_id, 0, "snapshot", {}, { deadline: Date.now() + CALL_MS, repeatable: true });
  if (!top) throw new ProtocolError(ErrorCodes.page_error, "the top frame returned no snapshot");
  let frames: chrome.webNavigation.GetAllFrameResultDetails[] = [];
  try {
    frames = (await chrome.webNavigation.getAllFrames({ tabId: tab_id })) ?? [];
  } catch {
    frames = [];
  }
  const subs = await Promise.all(
    frames
      .filter((f) => f.frameId !== 0 && /^https?:/.test(f.url))
      .map(async (f): Promise<FrameSnapshot | null> => {
        try {
          const s = await callContent(tab_id, f.frameId, "snapshot", { onlyIfSeparate: true }, { deadline: Date.now() + FRAME_MS, repeatable: true });
          if (!s) return null;
          const { name, ...snap } = s as Record<string, unknown> & { name?: string | null };
          return { frame_id: f.frameId, url: f.url, name: name ?? null, snapshot: snap };
        } catch {
          return null; // navigated, removed, or a frame we cannot enter
        }
      }),
  );
  const { name: _n, ...topSnap } = top as Record<string, unknown> & { name?: unknown };
  return { url: await urlOf(tab_id), top: topSnap, frames: subs.filter((s): s is FrameSnapshot => s !== null) };
}

/** Wait for the conditions across navigations, within one budget. */
async function waitFor(p: PageCommands["page.wait_for"]["payload"]): Promise<PageCommands["page.wait_for"]["data"]> {
  const deadline = Date.now() + (p.timeout_ms ?? 10_000);
  const tabId = p.tab_id;
  if (p.url_contains) {
    for (;;) {
      const url = await urlOf(tabId);
      if (url.includes(p.url_contains)) break;
      if (Date.now() >= deadline) return { url, ok: false };
      await sleep(50);
    }
  }
  if (p.selector || p.text || p.stable_ms) {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return { url: await urlOf(tabId), ok: false };
      try {
        await tabReady(tabId, deadline);
        const r = await callContent(
          tabId,
          0,
          "wait",
          { selector: p.selector, text: p.text, stable_ms: p.stable_ms ?? 0, timeout_ms: Math.max(1, deadline - Date.now()) },
          { deadline, repeatable: true },
        );
        return { url: await urlOf(tabId), ok: r.ok };
      } catch (e) {
        if (e instanceof ProtocolError && e.code === ErrorCodes.tab_gone) throw e;
        if (Date.now() >= deadline) return { url: await urlOf(tabId), ok: false };
        await sleep(50);
      }
    }
  }
  return { url: await urlOf(tabId), ok: true };
}

/** The top document's visible text, then each displayed frame's (an ATS that embeds its
 * application in a frame, as iCIMS does, shows its confirmation there). */
async function pageText(p: { tab_id: number }): Promise<PageCommands["page.text"]["data"]> {
  const { tab_id } = p;
  let top: string;
  try {
    top = (await callContent(tab_id, 0, "text", {}, { deadline: Date.now() + CALL_MS, repeatable: true })).text;
  } catch (e) {
    if (e instanceof ProtocolError && e.code === ErrorCodes.tab_gone) throw e;
    return { url: await urlOf(tab_id), text: "" }; // navigating: like PlaywrightPage
  }
  const frames = ((await chrome.webNavigation.getAllFrames({ tabId: tab_id }).catch(() => null)) ?? []).filter(
    (f) => f.frameId !== 0 && /^https?:/.test(f.url),
  );
  const inner = await Promise.all(
    frames.map((f) =>
      callContent(tab_id, f.frameId, "text", {}, { deadline: Date.now() + FRAME_MS, repeatable: true }).then(
        (r) => r.text,
        () => "", // went away or cannot be entered: nothing to read
      ),
    ),
  );
  return { url: await urlOf(tab_id), text: [top, ...inner].filter((t) => t).join("\n") };
}

async function screenshot(p: { tab_id: number }): Promise<PageCommands["page.screenshot"]["data"]> {
  let tab = await getTab(p.tab_id);
  if (!tab.active) {
    // The browser can only capture what is on screen: bring the tab being filled forward.
    await chrome.tabs.update(p.tab_id, { active: true });
    await sleep(150);
    tab = await getTab(p.tab_id);
  }
  let lastError = "";
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const data_url = await chrome.tabs.captureVisibleTab(tab.windowId, { format: "png" });
      return { url: tab.url ?? "", data_url };
    } catch (e) {
      lastError = errorMessage(e);
      await sleep(600); // at most two captures per second
    }
  }
  throw new ProtocolError(ErrorCodes.page_error, `screenshot failed: ${lastError}`);
}

export function pageCommands(questions: Questions, fills: Fills): CommandMap {
  return {
    "page.snapshot": snapshot,
    "page.apply": async (p) => {
      const results = await callContent(p.tab_id, p.frame_id, "apply", { actions: p.actions }, { deadline: Date.now() + CALL_MS, repeatable: false });
      return { url: await urlOf(p.tab_id), results };
    },
    "page.click": async (p) => {
      await callContent(p.tab_id, p.frame_id, "click", { ref: p.ref }, { deadline: Date.now() + CALL_MS, repeatable: false, navigationIsSuccess: true });
      return { url: await urlOf(p.tab_id) };
    },
    "page.wait_for": waitFor,
    "page.text": pageText,
    "page.screenshot": screenshot,
    "page.highlight": async (p) => {
      if (p.progress) fills.started(p.tab_id, p.progress);
      const args = { items: p.items, ...(p.progress ? { progress: p.progress } : {}), ...(p.summary ? { summary: p.summary } : {}) };
      const r = await callContent(p.tab_id, p.frame_id, "highlight", args, { deadline: Date.now() + CALL_MS, repeatable: true });
      if (p.summary) fills.finished(p.tab_id, p.summary.run_id);
      return { url: await urlOf(p.tab_id), shown: r.shown };
    },
    "ui.ask": async (p) => ({ answer: await questions.ask(p.tab_id, p.question) }),
  };
}

/** Dispatch one host request through the map; unknown actions are errors, never ignored. */
export function dispatchPage(map: CommandMap, req: Request): Promise<unknown> {
  if (!Object.prototype.hasOwnProperty.call(map, req.action)) {
    return Promise.reject(new ProtocolError(ErrorCodes.unknown_action, `the extension has no command ${JSON.stringify(req.action)}`));
  }
  const payload = req.payload as { tab_id?: unknown };
  if (!payload || typeof payload !== "object" || typeof payload.tab_id !== "number") {
    return Promise.reject(new ProtocolError(ErrorCodes.invalid_payload, `${req.action} needs an integer tab_id`));
  }
  const handler = map[req.action as PageCommand] as (p: unknown) => Promise<unknown>;
  return handler(req.payload);
}
