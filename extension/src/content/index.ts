/**
 * The content-script glue, loaded after the shared DOM layer (core/src/jobpilot/dom/js) in
 * every frame: it answers the service worker's commands with the DOM layer's functions.
 * Injected again after an extension reload or by `scripting.executeScript`: the guard keeps
 * one agent per document, and `destroy()` removes its listener and highlights.
 */

import {
  type AcceptNote,
  type ContentCommand,
  type ContentCommands,
  type ContentMessage,
  type ContentReply,
  type Counts,
  ErrorCodes,
  type HighlightItem,
  type ProgressNote,
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
    this.highlighter = new Highlighter(J, (item, edited) => this.decide(item, edited));
    this.handlers = {
      probe: async () => ({ ready: !!this.J.ready, url: location.href, separate: isSeparateRoot() }),
      snapshot: async (a) => {
        if (a.onlyIfSeparate && !isSeparateRoot()) return null; // the top frame walks it
        return { ...this.J.snapshot({}), name: window.name || null };
      },
      apply: (a) => this.apply(a.actions),
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
      highlight: async (a) => ({ shown: this.highlighter.show(a.items, { progress: a.progress, summary: a.summary }) }),
      host_stopped: async (a) => ({ pending: this.highlighter.stopped(a.log) }),
      counts: async (a) => {
        this.highlighter.setCounts(a.counts);
        return null;
      },
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

  /** Run actions through the DOM layer. While a fill types this frame's pending marks, in
   * small runs (consecutive option reads stay together, as the DOM layer runs them), each
   * result landing on its mark and reported to the worker: progress for the popup, and the
   * results the worker keeps should the host stop. */
  private async apply(actions: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
    if (!this.highlighter.filling) return this.J.apply(actions);
    const out: Record<string, unknown>[] = [];
    const listing = (a: Record<string, unknown> | undefined): boolean =>
      !!a && a.kind === "select" && Array.isArray(a.value) && a.value.length === 0;
    this.applying++;
    // One field at a time while fields are slow to type (progress the person can follow);
    // where they are quick, runs of up to 16, so the DOM layer still types a run of plain
    // boxes with one task for the page.
    let size = 1;
    try {
      for (let i = 0; i < actions.length; ) {
        // the host stopped: type nothing more (nobody would record it); the rest stays "not reached"
        if (this.highlighter.halted) break;
        let j = Math.min(actions.length, i + size);
        if (listing(actions[i])) while (j < actions.length && listing(actions[j])) j++;
        const started = performance.now();
        const results = await this.J.apply(actions.slice(i, j));
        const each = (performance.now() - started) / Math.max(1, j - i);
        size = each < 40 ? Math.min(16, size * 2) : 1;
        out.push(...results);
        for (const r of results) this.landed(r);
        i = j;
      }
    } finally {
      this.applying--;
    }
    return out;
  }

  /** How many fill batches are being typed now (0: nothing more will land). */
  applying = 0;

  private landed(r: Record<string, unknown>): void {
    if (typeof r.ref !== "string" || typeof r.ok !== "boolean") return;
    const error = typeof r.error === "string" ? r.error : null;
    const label = this.highlighter.landed(r.ref, r.ok, error);
    if (label === null) return;
    const note: ProgressNote = { jobpilot: "progress", ref: r.ref, ok: r.ok, error, label };
    chrome.runtime.sendMessage(note).catch(() => undefined); // the worker restarts: the host has the results too
  }

  /** Type a proposed value the person accepted (or took to edit) and have the run record it. */
  private async decide(item: HighlightItem, edited: boolean): Promise<{ ok: boolean; error?: string | null }> {
    const action = item.proposal?.action;
    if (!action) return { ok: false, error: "nothing proposed here" };
    const [r] = await this.J.apply([action]);
    const ok = !!r && r.ok === true;
    const error = r && typeof r.error === "string" ? r.error : ok ? null : "the page refused the value";
    const note: AcceptNote = { jobpilot: "accepted", ref: item.ref, ok, error, edited };
    const reply = (await chrome.runtime.sendMessage(note).catch((e: unknown) => ({ ok: false, message: errorMessage(e) }))) as
      | { ok: true; data: Counts }
      | { ok: false; message: string }
      | undefined;
    if (reply && reply.ok) this.highlighter.setCounts(reply.data);
    else console.warn("jobpilot: the accepted value was typed but not recorded:", reply?.message);
    return { ok, error };
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

  /** The summary box's line as the person reads it. */
  summary(): string | null {
    return this.highlighter.summary();
  }

  /** Press a proposal's Accept or Edit button (the closed root keeps the page, and tests
   * through the page, from reaching it). */
  press(ref: string, which: "accept" | "edit"): boolean {
    return this.highlighter.press(ref, which);
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
