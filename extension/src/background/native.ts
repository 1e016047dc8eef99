/**
 * The one native-messaging port to the JobPilot host.
 *
 * - Requests go both ways on the same port: the extension asks the host (`status`, `plan`,
 *   `autofill`, ...) and the host asks the extension to act on a tab (`page.*`), each
 *   answered with the same id.
 * - Host -> browser messages over Chrome's 1 MiB limit arrive as base64 chunks and are put
 *   back together here before they are handled.
 * - When the host dies the port is reconnected with exponential backoff (0.5 s doubling to
 *   30 s); a request made while disconnected reconnects at once, so the next user action
 *   recovers. A missing or forbidden host is reported as such, with the fix (the error
 *   texts of both browser families: host-errors.ts). `status.retry_in_ms` is the delay
 *   before the next attempt and `status.failures` counts the attempts that failed since the
 *   last successful hello, which resets both.
 * - A chunk that breaks its rules (host-errors.ts `chunkProblem`), or whose pieces do not
 *   decode, is answered with an `invalid_message` error (id null) and dropped; the port
 *   stays open.
 */

import {
  type Chunk,
  ErrorCodes,
  HOST_NAME,
  type HostAction,
  type HostActions,
  type HostState,
  type HostStatus,
  type MsgId,
  PROTOCOL_VERSION,
  ProtocolError,
  type Request,
  type Response,
  errorMessage,
  isChunk,
  isRequest,
  isResponse,
} from "../shared/protocol";
import { BROWSER } from "../shared/files";
import { chunkProblem, classify } from "./host-errors";

const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 30_000;
const CHUNK_TTL_MS = 60_000;

type RequestHandler = (req: Request) => Promise<unknown>;

interface Pending {
  resolve: (data: unknown) => void;
  reject: (err: ProtocolError) => void;
  timer: ReturnType<typeof setTimeout>;
  action: string;
}

interface Assembly {
  parts: string[];
  got: number;
  started: number;
}

export class NativeHost {
  private port: chrome.runtime.Port | null = null;
  private pending = new Map<string, Pending>();
  private assemblies = new Map<string, Assembly>();
  private nextId = 1;
  private backoff = BACKOFF_MIN_MS;
  private failures = 0;
  /** The host's log file, from hello: named when the host dies. */
  private logPath: string | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private listeners = new Set<(s: HostStatus) => void>();
  status: HostStatus = { state: "connecting", message: "not connected yet", hint: null, host_version: null, pid: null, since: Date.now(), retry_in_ms: null, failures: 0 };

  constructor(private readonly onRequest: RequestHandler) {}

  onStatus(cb: (s: HostStatus) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private setStatus(patch: Partial<HostStatus>): void {
    this.status = { ...this.status, ...patch, since: Date.now() };
    for (const cb of this.listeners) {
      try {
        cb(this.status);
      } catch {
        /* a listener's error is its own */
      }
    }
  }

  get connected(): boolean {
    return this.port !== null;
  }

  /** The host's log file as its hello named it (null before the first hello). */
  get log(): string | null {
    return this.logPath;
  }

  /** Open the port (no-op when open) and say hello. */
  connect(): void {
    if (this.port) return;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.setStatus({ state: "connecting", message: `connecting to ${HOST_NAME}`, hint: null, retry_in_ms: null });
    let port: chrome.runtime.Port;
    try {
      port = chrome.runtime.connectNative(HOST_NAME);
    } catch (e) {
      this.onDisconnect(null, errorMessage(e));
      return;
    }
    this.port = port;
    port.onMessage.addListener((msg: unknown) => this.onMessage(port, msg));
    port.onDisconnect.addListener(() => {
      const err = chrome.runtime.lastError?.message ?? (port as { error?: { message?: string } }).error?.message ?? "Native host has exited.";
      this.onDisconnect(port, err);
    });
    this.sendRequest("hello", { extension_version: chrome.runtime.getManifest().version, browser: navigator.userAgent }, 30_000)
      .then((hello) => {
        if (hello.protocol !== PROTOCOL_VERSION) {
          this.setStatus({ state: "error", message: `host speaks protocol ${hello.protocol}, the extension ${PROTOCOL_VERSION}`, hint: "update JobPilot and the extension together" });
          return;
        }
        this.backoff = BACKOFF_MIN_MS;
        this.failures = 0;
        this.logPath = hello.log ?? null;
        this.setStatus({ state: "connected", message: `connected to host ${hello.host_version}`, hint: null, host_version: hello.host_version, pid: hello.pid, failures: 0 });
      })
      .catch(() => {
        /* onDisconnect reports it */
      });
  }

  /** Close the port on purpose (no reconnect). */
  disconnect(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const port = this.port;
    this.port = null;
    port?.disconnect();
    this.failAll(ErrorCodes.disconnected, "disconnected");
  }

  private onDisconnect(port: chrome.runtime.Port | null, message: string): void {
    if (port && this.port !== port) return; // an old port
    this.port = null;
    const { state, code, hint } = classify(message, BROWSER, chrome.runtime.id, this.logPath);
    this.failAll(code, `${message.replace(/\.$/, "")}${hint ? ` — ${hint}` : ""}`);
    this.assemblies.clear();
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, BACKOFF_MAX_MS);
    this.failures++;
    this.setStatus({ state, message, hint, pid: null, retry_in_ms: delay, failures: this.failures });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private failAll(code: string, message: string): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new ProtocolError(code, message));
      this.pending.delete(id);
    }
  }

  /** Ask the host; resolves with the reply's data, rejects with a ProtocolError. */
  request<A extends HostAction>(action: A, payload: HostActions[A]["payload"], timeoutMs = 120_000): Promise<HostActions[A]["data"]> {
    if (!this.port) this.connect();
    return this.sendRequest(action, payload, timeoutMs);
  }

  private sendRequest<A extends HostAction>(action: A, payload: HostActions[A]["payload"], timeoutMs: number): Promise<HostActions[A]["data"]> {
    const port = this.port;
    if (!port) {
      return Promise.reject(new ProtocolError(this.status.state === "missing" ? ErrorCodes.host_missing : ErrorCodes.disconnected, `${this.status.message}${this.status.hint ? ` — ${this.status.hint}` : ""}`));
    }
    const id = `e${this.nextId++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ProtocolError(ErrorCodes.timeout, `the host did not answer ${action} within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (d: unknown) => void, reject, timer, action });
      try {
        port.postMessage({ id, action, payload });
      } catch (e) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new ProtocolError(ErrorCodes.disconnected, errorMessage(e)));
      }
    });
  }

  private post(port: chrome.runtime.Port, msg: Response): void {
    if (this.port !== port) return; // the host that asked is gone
    try {
      port.postMessage(msg);
    } catch {
      /* disconnected meanwhile: onDisconnect handles it */
    }
  }

  private onMessage(port: chrome.runtime.Port, msg: unknown): void {
    if (isChunk(msg)) {
      let whole: unknown;
      try {
        whole = this.reassemble(msg);
      } catch (e) {
        const id = (msg as { chunk?: { id?: unknown } }).chunk?.id;
        if (typeof id === "string") this.assemblies.delete(id);
        console.warn("jobpilot: refused chunk", errorMessage(e));
        this.post(port, { id: null, status: "error", code: ErrorCodes.invalid_message, message: `chunk ${JSON.stringify(id ?? null)} refused: ${errorMessage(e)}` });
        return;
      }
      if (whole !== undefined) this.onMessage(port, whole);
      return;
    }
    if (isResponse(msg)) {
      if (msg.id === null || msg.id === undefined) {
        console.warn("jobpilot: host error without id", msg);
        return;
      }
      const p = this.pending.get(String(msg.id));
      if (!p) return;
      this.pending.delete(String(msg.id));
      clearTimeout(p.timer);
      if (msg.status === "ok") p.resolve(msg.data);
      else p.reject(new ProtocolError(msg.code, msg.message));
      return;
    }
    if (isRequest(msg)) {
      const id: MsgId = msg.id;
      this.onRequest(msg).then(
        (data) => this.post(port, { id, status: "ok", data }),
        (e: unknown) => {
          const code = e instanceof ProtocolError ? e.code : ErrorCodes.internal_error;
          this.post(port, { id, status: "error", code, message: errorMessage(e) });
        },
      );
      return;
    }
    const id = msg && typeof msg === "object" && "id" in msg ? ((msg as { id: MsgId }).id ?? null) : null;
    this.post(port, { id, status: "error", code: ErrorCodes.invalid_message, message: "neither a request, a response nor a chunk" });
  }

  /** Collect one chunk; returns the whole message once the last piece is in.
   * @throws Error when the chunk breaks its rules or the pieces do not decode. */
  private reassemble(c: Chunk): unknown {
    const problem = chunkProblem(c);
    if (problem) throw new Error(problem);
    const { id, seq, total, data } = c.chunk;
    const now = Date.now();
    for (const [k, a] of this.assemblies) if (now - a.started > CHUNK_TTL_MS) this.assemblies.delete(k);
    let a = this.assemblies.get(id);
    if (!a) {
      a = { parts: new Array<string>(total), got: 0, started: now };
      this.assemblies.set(id, a);
    }
    if (a.parts.length !== total) throw new Error(`chunk.total ${total} differs from the ${a.parts.length} announced for ${id}`);
    if (a.parts[seq] === undefined) a.got++;
    a.parts[seq] = data;
    if (a.got < total) return undefined;
    this.assemblies.delete(id);
    let bin: string;
    try {
      bin = atob(a.parts.join(""));
    } catch {
      throw new Error("the pieces are not base64");
    }
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    try {
      return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch (e) {
      throw new Error(`the pieces are not UTF-8 JSON: ${errorMessage(e)}`);
    }
  }
}
