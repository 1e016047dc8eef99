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
      const el = resolve(this.J, item.ref, item.status);
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
    // The marks never take the person's clicks: badges and the summary let clicks through to the
    // page; only the summary's own button is clickable.
    style.textContent = `
      .badge { position: absolute; font: 11px/1.3 system-ui, sans-serif; color: #fff; padding: 1px 6px;
        border-radius: 3px; max-width: 340px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
        pointer-events: none; box-shadow: 0 1px 2px rgba(0,0,0,.3); }
      ${Object.entries(COLORS).map(([k, c]) => `.badge.${k} { background: ${c}; }`).join("\n")}
      .badge.filled { opacity: .85; }
      .summary { position: fixed; right: 12px; bottom: 12px; font: 13px/1.4 system-ui, sans-serif; background: #fff;
        color: #202124; border: 1px solid #dadce0; border-radius: 8px; padding: 8px 12px; box-shadow: 0 2px 8px rgba(0,0,0,.2);
        pointer-events: none; }
      .summary button { margin-left: 8px; font: inherit; cursor: pointer; pointer-events: auto; }
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
      // Beside the control when there is room, else inside its right end; never above it,
      // where the label is.
      const w = m.badge.offsetWidth;
      const hgt = m.badge.offsetHeight;
      const room = document.documentElement.clientWidth - r.right - 8;
      if (room >= w) {
        m.badge.style.left = `${r.right + scrollX + 6}px`;
        m.badge.style.top = `${r.top + scrollY + Math.max(0, (Math.min(r.height, 40) - hgt) / 2)}px`;
      } else {
        m.badge.style.maxWidth = `${Math.max(60, r.width * 0.45)}px`;
        m.badge.style.left = `${Math.max(0, r.right + scrollX - Math.min(w, Math.max(60, r.width * 0.45)) - 4)}px`;
        m.badge.style.top = `${r.top + scrollY + Math.max(0, (Math.min(r.height, 40) - hgt) / 2)}px`;
      }
    }
  }

  /** What is on the page: each marked element's ref, status, badge text and outline. */
  describe(): {
    ref: string;
    status: HighlightItem["status"];
    text: string;
    outline: string;
    shown: boolean;
    marked: { tag: string; text: string; checked: boolean | null };
    coversLabel: boolean;
  }[] {
    return this.marks.map((m) => {
      const box = m.el instanceof HTMLInputElement ? m.el : m.el.querySelector("input");
      const input = box && (box.type === "radio" || box.type === "checkbox") ? box : null;
      return {
        ref: m.item.ref,
        status: m.item.status,
        text: m.badge.textContent ?? "",
        outline: m.el.style.outline,
        shown: m.badge.isConnected && m.badge.style.display !== "none",
        marked: { tag: m.el.tagName.toLowerCase(), text: (m.el.innerText || "").trim().slice(0, 80), checked: input ? input.checked : null },
        coversLabel: this.coversLabel(m),
      };
    });
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
      const r = l.getBoundingClientRect();
      return b.left < r.right && b.right > r.left && b.top < r.bottom && b.bottom > r.top;
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
