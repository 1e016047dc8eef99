/** Small helpers shared by the popup and the options page. */

import { ProtocolError, type UiCommand, type UiCommands, type UiReply } from "./protocol";

/** Send a command to the service worker; resolves with its data or rejects with a ProtocolError. */
export async function command<C extends UiCommand>(cmd: C, args: UiCommands[C]["args"]): Promise<UiCommands[C]["data"]> {
  const reply = (await chrome.runtime.sendMessage({ jobpilot: "ui", cmd, args })) as UiReply<UiCommands[C]["data"]> | undefined;
  if (!reply) throw new ProtocolError("internal_error", "the service worker did not answer");
  if (!reply.ok) throw new ProtocolError(reply.code, reply.message);
  return reply.data;
}

export function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}
