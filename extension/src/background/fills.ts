/**
 * The fills in progress, per tab, as the worker sees them: which run, how many fields are
 * to be typed, which have landed on the page.
 *
 * - The host announces a step (`page.highlight` with `progress`): its fields are marked
 *   pending on the page. Each action that lands there is reported by the content script;
 *   the worker keeps the result and tells the popup (which field, how many left).
 * - The host ends a run (`page.highlight` with `summary`): the tab's last run is kept, so
 *   a value the person accepts on the page later is recorded on that run (`run.accept`).
 * - The host dies mid-fill: the page keeps its marks and says what was not reached, naming
 *   the host's log; the results that landed are handed to the next host when it connects
 *   (`run.interrupted`), so the run, stored before anything was typed, is recorded exactly.
 */

import type { AcceptNote, Counts, FillNews, FillProgress, Landed, ProgressNote } from "../shared/protocol";
import { errorMessage } from "../shared/protocol";
import type { NativeHost } from "./native";
import { callContent } from "./tabs";

interface InFlight {
  run_id: string;
  total: number;
  done: number;
  label: string;
  landed: Map<string, Landed>;
}

interface Interrupted {
  run_id: string;
  results: Landed[];
  log: string | null;
  tries: number;
}

/** The ref the host knows: a cross-origin frame's refs carry `x<frameId>:`. */
export function hostRef(frameId: number, ref: string): string {
  return frameId === 0 || /^x\d+:/.test(ref) ? ref : `x${frameId}:${ref}`;
}

function news(n: FillNews): void {
  chrome.runtime.sendMessage(n).catch(() => undefined); // no popup open: nobody to tell
}

export class Fills {
  private flying = new Map<number, InFlight>();
  private lastRun = new Map<number, string>();
  private interrupted: Interrupted[] = [];
  /** Per tab, the run its host stopped during, until the next host has it: an action that was
   * being typed then may still land, and belongs to it. */
  private stoppedOn = new Map<number, Interrupted>();
  private host: NativeHost | null = null;

  /** Follow the host's port: a death mid-fill, and the next host to hand results to. */
  attach(host: NativeHost): void {
    this.host = host;
    host.onStatus((s) => {
      if (s.state === "connected") void this.flush();
      else if (s.state !== "connecting") void this.hostStopped(host.log);
    });
  }

  /** A step is about to be typed on the tab (or a new step of the same run). */
  started(tabId: number, p: FillProgress): void {
    const f = this.flying.get(tabId);
    if (f && f.run_id === p.run_id) {
      f.total = p.total;
      f.done = 0;
      f.landed = new Map(); // the earlier step is stored by the host; refs start again per page
      return;
    }
    this.flying.set(tabId, { run_id: p.run_id, total: p.total, done: 0, label: "", landed: new Map() });
  }

  /** The run ended: its marks and counts are on the page. */
  finished(tabId: number, runId: string): void {
    this.flying.delete(tabId);
    this.lastRun.set(tabId, runId);
  }

  progress(tabId: number): { run_id: string; done: number; total: number; label: string } | null {
    const f = this.flying.get(tabId);
    return f ? { run_id: f.run_id, done: f.done, total: f.total, label: f.label } : null;
  }

  /** An action of the fill landed on the page (reported by the frame's content script). */
  landed(tabId: number, frameId: number, note: ProgressNote): void {
    if (typeof note.ref !== "string" || typeof note.ok !== "boolean") return;
    const ref = hostRef(frameId, note.ref);
    const result: Landed = { ref, ok: note.ok, error: typeof note.error === "string" ? note.error.slice(0, 2000) : null };
    const f = this.flying.get(tabId);
    if (!f) {
      const stopped = this.stoppedOn.get(tabId); // typed while the host was dying
      if (stopped) stopped.results = [...stopped.results.filter((r) => r.ref !== ref), result];
      return;
    }
    f.landed.set(ref, result);
    f.done = Math.min(f.total, f.done + 1);
    f.label = typeof note.label === "string" ? note.label.slice(0, 200) : "";
    news({ jobpilot: "progress", tab_id: tabId, run_id: f.run_id, done: f.done, total: f.total, label: f.label });
  }

  /** The host stopped: every tab being filled keeps its marks and says so. */
  private async hostStopped(log: string | null): Promise<void> {
    const gone = [...this.flying.entries()];
    this.flying.clear();
    for (const [tabId, f] of gone) {
      const cut: Interrupted = { run_id: f.run_id, results: [...f.landed.values()], log, tries: 0 };
      this.interrupted.push(cut);
      this.stoppedOn.set(tabId, cut);
      this.lastRun.set(tabId, f.run_id);
      news({ jobpilot: "stopped", tab_id: tabId, run_id: f.run_id, done: f.done, total: f.total, log });
      const frames = (await chrome.webNavigation.getAllFrames({ tabId }).catch(() => null)) ?? [{ frameId: 0 }];
      for (const fr of frames) {
        try {
          await callContent(tabId, fr.frameId, "host_stopped", { log }, { deadline: Date.now() + 2_000, repeatable: true });
        } catch {
          /* a frame without marks, or gone */
        }
      }
    }
  }

  /** Hand what landed before a host stopped to the host that is now connected. */
  private async flush(): Promise<void> {
    const host = this.host;
    if (!host) return;
    const todo = this.interrupted;
    this.interrupted = [];
    this.stoppedOn.clear();
    for (const i of todo) {
      try {
        await host.request("run.interrupted", { run_id: i.run_id, results: i.results, ...(i.log ? { log: i.log } : {}) }, 30_000);
      } catch (e) {
        console.warn("jobpilot: could not record the interrupted run", i.run_id, errorMessage(e));
        if (++i.tries < 3) this.interrupted.push(i);
      }
    }
  }

  /** The person accepted a proposed value on the page: record it on the tab's last run. */
  async accepted(tabId: number, frameId: number, note: AcceptNote): Promise<Counts> {
    const runId = this.lastRun.get(tabId);
    if (!runId || !this.host) throw new Error("no fill on this tab to record the value on");
    const ref = hostRef(frameId, note.ref);
    const r = await this.host.request("run.accept", { run_id: runId, ref, ok: !!note.ok, error: note.error ?? null, edited: !!note.edited }, 30_000);
    news({ jobpilot: "counts", tab_id: tabId, run_id: runId, counts: r.counts });
    if (frameId !== 0) {
      // the summary sits in the top frame
      await callContent(tabId, 0, "counts", { counts: r.counts }, { deadline: Date.now() + 2_000, repeatable: true }).catch(() => undefined);
    }
    return r.counts;
  }
}
