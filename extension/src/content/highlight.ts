/**
 * On-page marks during and after an autofill: a coloured outline on every field (grey about
 * to be typed, green filled, amber to check, red left for you or failed) with a badge giving
 * the reason, and a summary box with the run's counts (the host's, `ApplicationRun.counts`:
 * the popup and `jobpilot runs` show the same) and a button that removes them all.
 *
 * - While a fill runs, each pending mark turns into what it became as its action lands
 *   (`landed`), and the summary says how many are left; if the host stops, the marks stay and
 *   what was not reached says so, naming the host's log (`stopped`).
 * - A value Fill & review held back is shown whole, with Accept and Edit buttons.
 * - The marks never take the person's clicks: the overlay lets pointer events through, only
 *   its own buttons take them, and the summary sits in a corner where it covers no control.
 *
 * Everything lives in one closed shadow root, so the DOM layer's snapshot never sees it;
 * `destroy()` removes every element and listener. Because the root is closed, `describe()`
 * reads the marks back for the content script's own world (tests reach it through
 * `scripting.executeScript`).
 */

import type { Counts, FillProgress, FillSummary, HighlightItem } from "../shared/protocol";

/** The person accepted (edited: false) or took to edit (true) a proposed value. */
export type Decide = (item: HighlightItem, edited: boolean) => Promise<{ ok: boolean; error?: string | null }>;

const COLORS: Record<HighlightItem["status"], string> = {
  pending: "#80868b",
  filled: "#1e8e3e",
  review: "#f29900",
  left: "#d93025",
  failed: "#a50e0e",
};
const LABELS: Record<HighlightItem["status"], string> = {
  pending: "filling",
  filled: "filled",
  review: "check",
  left: "for you",
  failed: "failed",
};

interface Mark {
  el: HTMLElement;
  item: HighlightItem;
  outline: string;
  outlineOffset: string;
  badge: HTMLElement;
}

interface DomLayer {
  element(ref: string): Element | null;
  refs: { resolveGroup(ref: string): { container?: Element; scope?: Element | Document; name?: string } | null };
}

/** The control that was set in a group: the checked radio or box (with the label wrapping
 * it), not the first member and not the whole group. */
function chosen(within: ParentNode, name?: string): HTMLElement | null {
  const sel = name
    ? `[name="${CSS.escape(name)}"]:checked`
    : ":checked, [aria-checked=true], [aria-pressed=true], [aria-selected=true]";
  const on = within.querySelector(sel);
  if (!(on instanceof HTMLElement)) return null;
  const label = on.closest("label");
  return label instanceof HTMLElement ? label : on;
}

function resolve(J: DomLayer, ref: string, status: HighlightItem["status"]): HTMLElement | null {
  if (ref.charAt(0) !== "g") {
    const el = J.element(ref);
    return el instanceof HTMLElement && el.isConnected ? el : null;
  }
  const g = J.refs.resolveGroup(ref);
  if (!g) return null;
  const set = status === "filled" || status === "review";
  if (g.container instanceof HTMLElement) return (set && chosen(g.container)) || g.container;
  if (g.scope && g.name) {
    if (set) {
      const picked = chosen(g.scope as ParentNode, g.name);
      if (picked) return picked;
    }
    const first = (g.scope as ParentNode).querySelector(`[name="${CSS.escape(g.name)}"]`);
    const box = first?.closest("fieldset, [role=radiogroup], [role=group]") ?? first?.parentElement ?? null;
    return box instanceof HTMLElement ? box : null;
  }
  return null;
}

/** The page's own controls the summary box must not cover. */
const CONTROLS = "button, a[href], input:not([type=hidden]), select, textarea, [role=button], [role=link], [role=checkbox], [role=radio], [role=combobox], [contenteditable=true]";

function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
}

function summaryText(c: Counts): string {
  const notReached = c.not_reached ? `, ${c.not_reached} not reached` : "";
  return `JobPilot: ${c.filled} filled (${c.review} to check), ${c.left} left for you${notReached}`;
}

export class Highlighter {
  private hostEl: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private marks: Mark[] = [];
  private summaryEl: HTMLElement | null = null;
  private summaryLine: HTMLElement | null = null;
  private progress: (FillProgress & { done: number }) | null = null;
  /** Refs the host stopped before (marked "not reached"); one still being typed then may land. */
  private notReached = new Set<string>();
  /** The host's log when it stopped mid-fill (undefined: it did not). */
  private stoppedLog: string | null | undefined = undefined;
  private frame = 0;
  private readonly onMove = (): void => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.place();
    });
  };

  /** @param decide types a proposed value and records it (the content agent's part). */
  constructor(
    private readonly J: DomLayer,
    private readonly decide: Decide | null = null,
  ) {}

  get count(): number {
    return this.marks.length;
  }

  /** Whether a fill is typing this frame's pending marks now. */
  get filling(): boolean {
    return this.progress !== null && this.marks.some((m) => m.item.status === "pending");
  }

  /** The host stopped mid-fill: type nothing more of its actions (nobody would record them). */
  get halted(): boolean {
    return this.stoppedLog !== undefined;
  }

  show(items: HighlightItem[], opts: { progress?: FillProgress; summary?: FillSummary } = {}): number {
    this.clear();
    this.progress = opts.progress ? { ...opts.progress, done: 0 } : null;
    for (const item of items) {
      const el = resolve(this.J, item.ref, item.then ?? item.status);
      if (!el) continue;
      const badge = document.createElement("div");
      const mark: Mark = { el, item: { ...item }, outline: el.style.outline, outlineOffset: el.style.outlineOffset, badge };
      this.marks.push(mark);
      this.paint(mark);
    }
    const counts = opts.summary?.counts;
    // A frame without marks still shows the run's counts when it holds the summary.
    if (!this.marks.length && !counts) return 0;
    this.mount();
    this.setSummary(counts ?? this.ownCounts());
    this.place();
    addEventListener("scroll", this.onMove, true);
    addEventListener("resize", this.onMove);
    return this.marks.length;
  }

  /** Outline and badge for the mark's current status. */
  private paint(m: Mark): void {
    const { item, badge } = m;
    badge.replaceChildren();
    badge.className = `badge ${item.status}`;
    badge.title = item.reason;
    m.el.style.outline = `2px solid ${COLORS[item.status]}`;
    m.el.style.outlineOffset = "1px";
    const head = `${LABELS[item.status]}${item.status === "filled" || item.status === "pending" ? "" : `: ${item.reason}`}`;
    if (item.status !== "left" || !item.proposal) {
      badge.textContent = head;
      return;
    }
    // A held-back proposal: the whole value, readable, with one click to accept or edit it.
    badge.classList.add("proposal");
    const why = document.createElement("div");
    why.className = "why";
    why.textContent = head;
    const value = document.createElement("div");
    value.className = "value";
    value.textContent = item.proposal.sensitive ? "(a sensitive answer: shown in the popup only)" : (item.proposal.text ?? "");
    const accept = document.createElement("button");
    accept.type = "button";
    accept.className = "accept";
    accept.textContent = "Accept";
    const edit = document.createElement("button");
    edit.type = "button";
    edit.className = "edit";
    edit.textContent = "Edit";
    const go = (edited: boolean): void => {
      if (!this.decide) return;
      accept.disabled = edit.disabled = true;
      void this.decide(item, edited).then(
        (r) => this.decided(m, edited, r.ok, r.error ?? null),
        (e: unknown) => this.decided(m, edited, false, e instanceof Error ? e.message : String(e)),
      );
    };
    accept.addEventListener("click", () => go(false));
    edit.addEventListener("click", () => go(true));
    badge.append(why, value, accept, edit);
  }

  /** Move the mark onto the control that was set (the radio chosen now, not the group). */
  private remark(m: Mark): void {
    if (m.item.ref.charAt(0) !== "g") return;
    const el = resolve(this.J, m.item.ref, m.item.status);
    if (!el || el === m.el) return;
    m.el.style.outline = m.outline;
    m.el.style.outlineOffset = m.outlineOffset;
    m.el = el;
    m.outline = el.style.outline;
    m.outlineOffset = el.style.outlineOffset;
  }

  private decided(m: Mark, edited: boolean, ok: boolean, error: string | null): void {
    if (!this.marks.includes(m)) return;
    if (ok) {
      m.item = { ...m.item, status: edited ? "review" : "filled", reason: edited ? "edit it as you like" : "accepted by you", proposal: undefined };
      this.remark(m);
      if (edited && m.el instanceof HTMLElement) m.el.focus();
    } else {
      m.item = { ...m.item, status: "failed", reason: error ?? "the page refused the value", proposal: undefined };
    }
    this.paint(m);
    this.place();
  }

  /** An action of the fill landed: its pending mark becomes what it is now. Returns the
   * field's label when the ref was one of the pending marks (progress), else null. */
  landed(ref: string, ok: boolean, error: string | null): string | null {
    const late = this.notReached.has(ref); // being typed when the host stopped: it landed after all
    const m = this.marks.find((x) => x.item.ref === ref && (x.item.status === "pending" || late));
    if (!m) return null;
    this.notReached.delete(ref);
    m.item = ok ? { ...m.item, status: m.item.then ?? "filled" } : { ...m.item, status: "failed", reason: error ?? "the page refused the value" };
    this.remark(m);
    this.paint(m);
    if (this.progress) this.progress.done++;
    if (this.halted) this.stoppedSummary();
    else this.setSummary(null);
    this.place();
    return m.item.label ?? "a field";
  }

  /** The host stopped mid-fill: the marks stay; those not reached say so, the summary names
   * the host's log. Returns how many were not reached. */
  stopped(log: string | null): number {
    let pending = 0;
    for (const m of this.marks) {
      if (m.item.status !== "pending") continue;
      pending++;
      this.notReached.add(m.item.ref);
      m.item = { ...m.item, status: "left", reason: "not reached: the host stopped before this field" };
      this.paint(m);
    }
    this.progress = null;
    this.stoppedLog = log;
    this.stoppedSummary();
    this.place();
    return pending;
  }

  private stoppedSummary(): void {
    if (!this.summaryLine) return;
    const typed = this.marks.filter((m) => m.item.status === "filled" || m.item.status === "review").length;
    const log = this.stoppedLog ?? "unknown (the host never said hello)";
    this.summaryLine.textContent = `JobPilot stopped before the end: ${typed} typed, ${this.notReached.size} not reached. The host's log: ${log}`;
    this.summaryEl?.classList.add("stopped");
  }

  /** The run's counts changed (the person accepted a value): show the host's numbers. */
  setCounts(c: Counts): void {
    this.setSummary(c);
  }

  private ownCounts(): Counts {
    const c: Counts = { filled: 0, review: 0, left: 0, failed: 0, not_reached: 0 };
    for (const m of this.marks) {
      const s = m.item.status;
      if (s === "filled" || s === "review") {
        c.filled++;
        if (s === "review") c.review++;
      } else {
        c.left++;
        if (s === "failed") c.failed++;
        if (s === "pending") c.not_reached++;
      }
    }
    return c;
  }

  /** The summary line: progress while a fill runs, else the given counts. */
  private setSummary(c: Counts | null): void {
    if (!this.summaryLine) return;
    this.summaryEl?.classList.remove("stopped");
    if (this.progress && this.marks.some((m) => m.item.status === "pending")) {
      const left = this.progress.total - this.progress.done;
      this.summaryLine.textContent = `JobPilot: filling… ${this.progress.done} of ${this.progress.total} typed, ${left} to go`;
      return;
    }
    if (c) this.summaryLine.textContent = summaryText(c);
    else if (this.progress) this.summaryLine.textContent = `JobPilot: ${this.progress.done} of ${this.progress.total} typed`;
  }

  private mount(): void {
    const hostEl = document.createElement("jobpilot-highlights");
    hostEl.setAttribute("data-jobpilot-ui", "");
    // pointer-events: none on the overlay: the marks never take the person's clicks; only
    // JobPilot's own buttons do.
    hostEl.style.cssText =
      "all: initial; position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 2147483646; pointer-events: none;";
    const root = hostEl.attachShadow({ mode: "closed" });
    const style = document.createElement("style");
    style.textContent = `
      :host, * { pointer-events: none; }
      button { pointer-events: auto; }
      .badge { position: absolute; font: 11px/1.3 system-ui, sans-serif; color: #fff; padding: 1px 6px;
        border-radius: 3px; max-width: 340px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
        box-shadow: 0 1px 2px rgba(0,0,0,.3); }
      ${Object.entries(COLORS).map(([k, c]) => `.badge.${k} { background: ${c}; }`).join("\n")}
      .badge.filled { opacity: .85; }
      .badge.proposal { background: #fff; color: #202124; border: 2px solid ${COLORS.review}; white-space: normal;
        box-sizing: border-box; max-width: none; padding: 4px 6px; }
      .proposal .why { color: #8a5300; margin-bottom: 2px; }
      .proposal .value { white-space: pre-wrap; overflow-wrap: anywhere; max-height: 12em; overflow: auto; pointer-events: auto;
        font-size: 12px; background: #fef7e0; padding: 2px 4px; margin-bottom: 4px; }
      .proposal button { font: 11px system-ui, sans-serif; margin-right: 4px; cursor: pointer; }
      .summary { position: fixed; font: 13px/1.4 system-ui, sans-serif; background: #fff;
        color: #202124; border: 1px solid #dadce0; border-radius: 8px; padding: 8px 12px; box-shadow: 0 2px 8px rgba(0,0,0,.2);
        max-width: 420px; }
      .summary.stopped { border-color: ${COLORS.left}; }
      .summary button { margin-left: 8px; font: inherit; cursor: pointer; }
    `;
    root.append(style);
    for (const m of this.marks) root.append(m.badge);
    const summary = document.createElement("div");
    summary.className = "summary";
    const line = document.createElement("span");
    line.className = "line";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Remove marks";
    close.addEventListener("click", () => this.clear());
    summary.append(line, close);
    root.append(summary);
    (document.body ?? document.documentElement).append(hostEl);
    this.hostEl = hostEl;
    this.root = root;
    this.summaryEl = summary;
    this.summaryLine = line;
  }

  private place(): void {
    for (const m of this.marks) {
      const r = m.el.getBoundingClientRect();
      const hidden = r.width === 0 && r.height === 0;
      m.badge.style.display = hidden ? "none" : "";
      // Beside the control when there is room, else inside its right end; never above it,
      // where the label is.
      const room = document.documentElement.clientWidth - r.right - 8;
      if (m.item.proposal) {
        // a panel the width of the room beside the control (readable: 160-280 px), else under it
        const beside = room >= 160;
        m.badge.style.width = `${beside ? Math.min(280, room - 6) : Math.min(280, Math.max(160, r.width))}px`;
        m.badge.style.left = `${beside ? r.right + scrollX + 6 : Math.max(0, r.left + scrollX)}px`;
        m.badge.style.top = `${beside ? r.top + scrollY : r.bottom + scrollY + 4}px`;
        continue;
      }
      const w = m.badge.offsetWidth;
      const hgt = m.badge.offsetHeight;
      if (room >= w) {
        m.badge.style.left = `${r.right + scrollX + 6}px`;
        m.badge.style.top = `${r.top + scrollY + Math.max(0, (Math.min(r.height, 40) - hgt) / 2)}px`;
      } else {
        m.badge.style.maxWidth = `${Math.max(60, r.width * 0.45)}px`;
        m.badge.style.left = `${Math.max(0, r.right + scrollX - Math.min(w, Math.max(60, r.width * 0.45)) - 4)}px`;
        m.badge.style.top = `${r.top + scrollY + Math.max(0, (Math.min(r.height, 40) - hgt) / 2)}px`;
      }
    }
    this.placeSummary();
  }

  /** The first corner (bottom right, bottom left, top right, top left) where the summary
   * covers none of the page's controls; the least covering one when every corner does. */
  private placeSummary(): void {
    const s = this.summaryEl;
    if (!s) return;
    const controls: DOMRect[] = [];
    for (const el of Array.from(document.querySelectorAll(CONTROLS)).slice(0, 2000)) {
      if (el.closest("jobpilot-highlights")) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight) controls.push(r);
    }
    let best: [number, string, string] | null = null;
    for (const [v, h] of [["bottom", "right"], ["bottom", "left"], ["top", "right"], ["top", "left"]]) {
      s.style.top = s.style.bottom = s.style.left = s.style.right = "";
      s.style[v as "top" | "bottom"] = "12px";
      s.style[h as "left" | "right"] = "12px";
      const box = s.getBoundingClientRect();
      const covered = controls.filter((c) => overlaps(box, c)).length;
      if (!best || covered < best[0]) best = [covered, v, h];
      if (covered === 0) return;
    }
    if (best) {
      s.style.top = s.style.bottom = s.style.left = s.style.right = "";
      s.style[best[1] as "top" | "bottom"] = "12px";
      s.style[best[2] as "left" | "right"] = "12px";
    }
  }

  /** What is on the page: each marked element's ref, status, badge text and outline. */
  describe(): {
    ref: string;
    status: HighlightItem["status"];
    text: string;
    proposal: string | null;
    /** Where the person clicks Accept (viewport coordinates), for a proposal. */
    accept_at: { x: number; y: number } | null;
    outline: string;
    shown: boolean;
    marked: { tag: string; text: string; checked: boolean | null };
    coversLabel: boolean;
  }[] {
    return this.marks.map((m) => {
      const box = m.el instanceof HTMLInputElement ? m.el : m.el.querySelector("input");
      const input = box && (box.type === "radio" || box.type === "checkbox") ? box : null;
      const proposal = m.badge.querySelector(".value");
      const accept = m.badge.querySelector("button.accept");
      const at = accept ? accept.getBoundingClientRect() : null;
      return {
        ref: m.item.ref,
        status: m.item.status,
        text: (proposal ? (m.badge.querySelector(".why")?.textContent ?? "") : m.badge.textContent) ?? "",
        proposal: proposal ? (proposal.textContent ?? "") : null,
        accept_at: at ? { x: at.left + at.width / 2, y: at.top + at.height / 2 } : null,
        outline: m.el.style.outline,
        shown: m.badge.isConnected && m.badge.style.display !== "none",
        marked: { tag: m.el.tagName.toLowerCase(), text: (m.el.innerText || "").trim().slice(0, 80), checked: input ? input.checked : null },
        coversLabel: this.coversLabel(m),
      };
    });
  }

  /** The summary box as the person reads it (null when none is shown). */
  summary(): string | null {
    return this.summaryLine?.textContent ?? null;
  }

  /** Click a proposal's Accept (or Edit) button, as the person does (tests; the root is closed). */
  press(ref: string, which: "accept" | "edit"): boolean {
    const m = this.marks.find((x) => x.item.ref === ref);
    const b = m?.badge.querySelector(`button.${which}`);
    if (!(b instanceof HTMLButtonElement)) return false;
    b.click();
    return true;
  }

  /** Whether the badge overlaps the text that labels its field (it must never). */
  private coversLabel(m: Mark): boolean {
    const el = m.el;
    const labels: Element[] = [];
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) labels.push(...Array.from(el.labels ?? []));
    for (const id of (el.getAttribute("aria-labelledby") ?? "").split(/\s+/).filter(Boolean)) {
      const l = document.getElementById(id);
      if (l) labels.push(l);
    }
    const b = m.badge.getBoundingClientRect();
    return labels.some((l) => {
      if (l.contains(el)) return false; // a wrapping label: the control itself is inside it
      return overlaps(b, l.getBoundingClientRect());
    });
  }

  /** Remove every mark; returns how many there were. */
  clear(): number {
    const n = this.marks.length;
    for (const m of this.marks) {
      m.el.style.outline = m.outline;
      m.el.style.outlineOffset = m.outlineOffset;
    }
    this.marks = [];
    this.progress = null;
    this.notReached.clear();
    this.stoppedLog = undefined;
    removeEventListener("scroll", this.onMove, true);
    removeEventListener("resize", this.onMove);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.hostEl?.remove();
    this.hostEl = null;
    this.root = null;
    this.summaryEl = null;
    this.summaryLine = null;
    return n;
  }

  destroy(): void {
    this.clear();
  }
}
