/**
 * The content-script glue, loaded after the shared DOM layer (core/src/jobpilot/dom/js) in
 * every frame: it answers the service worker's commands with the DOM layer's functions.
 * Injected again after an extension reload or by `scripting.executeScript`: the guard keeps
 * one agent per document, and `destroy()` removes its listener and highlights.
 */

import {
  type ContentCommand,
  type ContentCommands,
  type ContentMessage,
  type ContentReply,
  ErrorCodes,
  type WaitCondition,
  errorMessage,
} from "../shared/protocol";
import { Highlighter } from "./highlight";

interface DomLayer {
  ready: boolean;
  snapshot(opts: object): Record<string, unknown>;
  apply(actions: Record<string, unknown>[]): Promise<Record<string, unknown>[]>;
  element(ref: string): Element | null;
  refKind(ref: string): string | null;
  waitForStable(quietMs: number, timeoutMs: number): Promise<boolean>;
  events: { mouseClick(el: Element): void };
  refs: { resolveGroup(ref: string): { container?: Element; scope?: Element | Document; name?: string } | null };
}

declare global {
  // eslint-disable-next-line no-var
  var __jobpilot: DomLayer | undefined;
  // eslint-disable-next-line no-var
  var __jobpilotAgent: ContentAgent | undefined;
}

class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A frame whose parent document the top frame's DOM layer cannot walk into. */
function isSeparateRoot(): boolean {
  try {
    return window.frameElement === null;
  } catch {
    return true;
  }
}

function visible(el: Element): boolean {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return false;
  const s = getComputedStyle(el);
  return s.visibility !== "hidden" && s.display !== "none";
}

type Handlers = { [C in ContentCommand]: (a: ContentCommands[C]["args"]) => Promise<ContentCommands[C]["data"]> };

export class ContentAgent {
  private readonly highlighter: Highlighter;
  private readonly listener: (msg: unknown, sender: chrome.runtime.MessageSender, reply: (r: ContentReply) => void) => boolean;
  private readonly handlers: Handlers;

  constructor(private readonly J: DomLayer) {
    this.highlighter = new Highlighter(J);
    this.handlers = {
      probe: async () => ({ ready: !!this.J.ready, url: location.href, separate: isSeparateRoot() }),
      snapshot: async (a) => {
        if (a.onlyIfSeparate && !isSeparateRoot()) return null; // the top frame walks it
        return { ...this.J.snapshot({}), name: window.name || null };
      },
      apply: async (a) => this.J.apply(a.actions),
      click: async (a) => {
        if (a.ref.charAt(0) === "g") throw new CommandError(ErrorCodes.ref_not_found, `${a.ref} is a group; click one of its member refs`);
        const el = this.J.element(a.ref);
        if (!el || !el.isConnected) throw new CommandError(ErrorCodes.ref_not_found, `unknown or removed ref ${a.ref}; take a new snapshot`);
        this.J.events.mouseClick(el);
        return null;
      },
      wait: (a) => this.wait(a),
      // A frame that is not displayed (display:none, 0x0) shows no text.
      text: async () => ({ text: document.body && (window === window.top || (innerWidth > 1 && innerHeight > 1)) ? document.body.innerText : "" }),
      highlight: async (a) => ({ shown: this.highlighter.show(a.items) }),
      unhighlight: async () => ({ removed: this.highlighter.clear() }),
      read: async (a) => {
        // What the person typed into text fields (the popup offers to save answers)
        const values: Record<string, string> = {};
        for (const ref of a.refs) {
          const el = this.J.element(ref);
          if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) values[ref] = el.value;
          else if (el instanceof HTMLElement && el.isContentEditable) values[ref] = el.innerText;
        }
        return { values };
      },
    };
    this.listener = (msg, sender, reply) => {
      if (sender.id !== chrome.runtime.id) return false;
      const m = msg as ContentMessage;
      if (!m || m.jobpilot !== "content") return false;
      if (!Object.prototype.hasOwnProperty.call(this.handlers, m.cmd)) {
        reply({ ok: false, code: ErrorCodes.unknown_action, message: `the content script has no command ${JSON.stringify(m.cmd)}` });
        return false;
      }
      const handler = this.handlers[m.cmd] as (a: unknown) => Promise<unknown>;
      handler(m.args ?? {}).then(
        (data) => reply({ ok: true, data }),
        (e: unknown) => reply({ ok: false, code: e instanceof CommandError ? e.code : ErrorCodes.page_error, message: errorMessage(e) }),
      );
      return true;
    };
    chrome.runtime.onMessage.addListener(this.listener);
  }

  /** Selector visible, text visible, then DOM quiet for stable_ms; one budget. */
  private async wait(a: WaitCondition): Promise<{ ok: boolean }> {
    const deadline = Date.now() + (a.timeout_ms ?? 10_000);
    const textWanted = a.text ? a.text.replace(/\s+/g, " ").trim() : "";
    for (;;) {
      const selOk = !a.selector || Array.from(document.querySelectorAll(a.selector)).some(visible);
      const textOk = !textWanted || (document.body?.innerText ?? "").replace(/\s+/g, " ").includes(textWanted);
      if (selOk && textOk) break;
      if (Date.now() >= deadline) return { ok: false };
      await sleep(50);
    }
    if (a.stable_ms) {
      const ok = await this.J.waitForStable(a.stable_ms, Math.max(1, deadline - Date.now()));
      return { ok };
    }
    return { ok: true };
  }

  /** The on-page marks as the person sees them (the badges sit in a closed shadow root,
   * so this is how the content script's world, and tests through it, read them). */
  highlights(): ReturnType<Highlighter["describe"]> {
    return this.highlighter.describe();
  }

  /** Remove the listener and the highlights; a later injection may start a new agent. */
  destroy(): void {
    chrome.runtime.onMessage.removeListener(this.listener);
    this.highlighter.destroy();
    if (globalThis.__jobpilotAgent === this) globalThis.__jobpilotAgent = undefined;
  }
}

(() => {
  const J = globalThis.__jobpilot;
  if (!J || !J.ready) {
    console.warn("jobpilot: the DOM layer did not load before the content glue");
    return;
  }
  if (globalThis.__jobpilotAgent) return; // injected twice
  globalThis.__jobpilotAgent = new ContentAgent(J);
})();
