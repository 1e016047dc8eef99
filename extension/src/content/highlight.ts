/**
 * On-page marks after an autofill: a coloured outline on every field (green filled, amber
 * to check, red left for you or failed) with a badge giving the reason, and a summary box
 * with a button that removes them all. Everything lives in one closed shadow root, so the
 * DOM layer's snapshot never sees it; `destroy()` removes every element and listener.
 * Because the root is closed, `describe()` reads the marks back (what each badge says) for
 * the content script's own world: tests reach it through `scripting.executeScript`.
 */

import type { HighlightItem } from "../shared/protocol";

const COLORS: Record<HighlightItem["status"], string> = {
  filled: "#1e8e3e",
  review: "#f29900",
  left: "#d93025",
  failed: "#a50e0e",
};
const LABELS: Record<HighlightItem["status"], string> = {
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

function resolve(J: DomLayer, ref: string): HTMLElement | null {
  if (ref.charAt(0) !== "g") {
    const el = J.element(ref);
    return el instanceof HTMLElement && el.isConnected ? el : null;
  }
  const g = J.refs.resolveGroup(ref);
  if (!g) return null;
  if (g.container instanceof HTMLElement) return g.container;
  if (g.scope && g.name) {
    const first = (g.scope as ParentNode).querySelector(`[name="${CSS.escape(g.name)}"]`);
    const box = first?.closest("fieldset, [role=radiogroup], [role=group]") ?? first?.parentElement ?? null;
    return box instanceof HTMLElement ? box : null;
  }
  return null;
}

export class Highlighter {
  private hostEl: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private marks: Mark[] = [];
  private frame = 0;
  private readonly onMove = (): void => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.place();
    });
  };

  constructor(private readonly J: DomLayer) {}

  get count(): number {
    return this.marks.length;
  }

  show(items: HighlightItem[]): number {
    this.clear();
    for (const item of items) {
      const el = resolve(this.J, item.ref);
      if (!el) continue;
      const badge = document.createElement("div");
      badge.className = `badge ${item.status}`;
      badge.textContent = `${LABELS[item.status]}${item.status === "filled" ? "" : `: ${item.reason}`}`;
      badge.title = item.reason;
      this.marks.push({ el, item, outline: el.style.outline, outlineOffset: el.style.outlineOffset, badge });
      el.style.outline = `2px solid ${COLORS[item.status]}`;
      el.style.outlineOffset = "1px";
    }
    if (!this.marks.length) return 0;
    this.mount();
    this.place();
    addEventListener("scroll", this.onMove, true);
    addEventListener("resize", this.onMove);
    return this.marks.length;
  }

  private mount(): void {
    const hostEl = document.createElement("jobpilot-highlights");
    hostEl.setAttribute("data-jobpilot-ui", "");
    hostEl.style.cssText = "all: initial; position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 2147483646;";
    const root = hostEl.attachShadow({ mode: "closed" });
    const style = document.createElement("style");
    style.textContent = `
      .badge { position: absolute; font: 11px/1.3 system-ui, sans-serif; color: #fff; padding: 1px 6px;
        border-radius: 3px; max-width: 340px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
        pointer-events: auto; box-shadow: 0 1px 2px rgba(0,0,0,.3); }
      ${Object.entries(COLORS).map(([k, c]) => `.badge.${k} { background: ${c}; }`).join("\n")}
      .badge.filled { opacity: .85; }
      .summary { position: fixed; right: 12px; bottom: 12px; font: 13px/1.4 system-ui, sans-serif; background: #fff;
        color: #202124; border: 1px solid #dadce0; border-radius: 8px; padding: 8px 12px; box-shadow: 0 2px 8px rgba(0,0,0,.2); }
      .summary button { margin-left: 8px; font: inherit; cursor: pointer; }
    `;
    root.append(style);
    for (const m of this.marks) root.append(m.badge);
    const counts = { filled: 0, review: 0, left: 0, failed: 0 };
    for (const m of this.marks) counts[m.item.status]++;
    const summary = document.createElement("div");
    summary.className = "summary";
    summary.textContent = `JobPilot: ${counts.filled + counts.review} filled (${counts.review} to check), ${counts.left + counts.failed} left for you`;
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Remove marks";
    close.addEventListener("click", () => this.clear());
    summary.append(close);
    root.append(summary);
    (document.body ?? document.documentElement).append(hostEl);
    this.hostEl = hostEl;
    this.root = root;
  }

  private place(): void {
    for (const m of this.marks) {
      const r = m.el.getBoundingClientRect();
      const hidden = r.width === 0 && r.height === 0;
      m.badge.style.display = hidden ? "none" : "";
      // Top-right corner of the field, so the badge never covers its label.
      m.badge.style.left = `${Math.max(0, r.right + scrollX - m.badge.offsetWidth)}px`;
      m.badge.style.top = `${Math.max(0, r.top + scrollY - m.badge.offsetHeight + 2)}px`;
    }
  }

  /** What is on the page: each marked element's ref, status, badge text and outline. */
  describe(): { ref: string; status: HighlightItem["status"]; text: string; outline: string; shown: boolean }[] {
    return this.marks.map((m) => ({
      ref: m.item.ref,
      status: m.item.status,
      text: m.badge.textContent ?? "",
      outline: m.el.style.outline,
      shown: m.badge.isConnected && m.badge.style.display !== "none",
    }));
  }

  /** Remove every mark; returns how many there were. */
  clear(): number {
    const n = this.marks.length;
    for (const m of this.marks) {
      m.el.style.outline = m.outline;
      m.el.style.outlineOffset = m.outlineOffset;
    }
    this.marks = [];
    removeEventListener("scroll", this.onMove, true);
    removeEventListener("resize", this.onMove);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.hostEl?.remove();
    this.hostEl = null;
    this.root = null;
    return n;
  }

  destroy(): void {
    this.clear();
  }
}
