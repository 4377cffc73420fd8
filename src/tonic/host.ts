// HostServeMux: virtual hosts by the Host header (HTTP/2: :authority). Port stripped, case-insensitive,
// trailing dot ignored, IPv6 literals understood, `*.example.com` wildcards; an unknown host is a 404.
import type { IncomingMessage, ServerResponse } from "node:http";
import { defaultErrorWriter, NotFound, writeError } from "./errors.js";
import type { ErrorLogger, ErrorWriter } from "./errors.js";
import type { Handler } from "./types.js";

export interface HostServeMuxOptions {
  errorWriter?: ErrorWriter;
  onError?: ErrorLogger;
}

/**
 * `Example.COM.:8080` -> `example.com`; `[::1]:8080` -> `::1`. Undefined when there is no usable host.
 * Only hostnames and IP literals survive: anything with other characters is not a host we route on.
 */
export function normalizeHost(host: string | undefined): string | undefined {
  if (host === undefined) return undefined;
  let h = host.trim().toLowerCase();
  if (h.startsWith("[")) {
    const close = h.indexOf("]");
    if (close === -1) return undefined;
    const rest = h.slice(close + 1);
    if (rest !== "" && !/^:\d*$/.test(rest)) return undefined;
    h = h.slice(1, close);
    return /^[0-9a-f:.]+(%[0-9a-z._~-]+)?$/.test(h) && h.includes(":") ? h : undefined;
  }
  const colon = h.lastIndexOf(":");
  if (colon !== -1) {
    if (!/^\d*$/.test(h.slice(colon + 1))) return undefined;
    h = h.slice(0, colon);
  }
  if (h.endsWith(".")) h = h.slice(0, -1);
  if (h === "" || !/^[a-z0-9_*-]+(\.[a-z0-9_-]+)*$/.test(h)) return undefined;
  return h;
}

export class HostServeMux {
  readonly #exact = new Map<string, Handler>();
  // Wildcard suffixes (".example.com"), longest first so the most specific wins.
  #wildcards: Array<[string, Handler]> = [];
  #fallback: Handler | undefined;
  readonly #errorWriter: ErrorWriter;
  readonly #onError: ErrorLogger | undefined;
  readonly handler: Handler;

  constructor(options: HostServeMuxOptions = {}) {
    this.#errorWriter = options.errorWriter ?? defaultErrorWriter;
    this.#onError = options.onError;
    this.handler = (req, res) => this.serve(req, res);
  }

  /**
   * `example.com` (any port), `*.example.com` (any subdomain, at any depth; not example.com itself), or `*`
   * (every host nothing else matched).
   */
  handle(host: string, handler: Handler | { handler: Handler }): this {
    const h = typeof handler === "function" ? handler : handler.handler;
    if (host === "*") {
      this.#fallback = h;
      return this;
    }
    if (host.startsWith("*.")) {
      const base = normalizeHost(host.slice(2));
      if (base === undefined || base.includes("*")) throw new Error(`invalid wildcard host ${JSON.stringify(host)}`);
      this.#wildcards.push(["." + base, h]);
      this.#wildcards.sort((a, b) => b[0].length - a[0].length);
      return this;
    }
    const n = normalizeHost(host);
    if (n === undefined || n.includes("*")) throw new Error(`invalid host ${JSON.stringify(host)}`);
    if (this.#exact.has(n)) throw new Error(`host ${n} is already registered`);
    this.#exact.set(n, h);
    return this;
  }

  /** The handler for a Host header value, or undefined (404). */
  lookup(host: string | undefined): Handler | undefined {
    const h = normalizeHost(host);
    if (h !== undefined && !h.includes("*")) {
      const e = this.#exact.get(h);
      if (e !== undefined) return e;
      for (const [suffix, handler] of this.#wildcards) {
        if (h.length > suffix.length && h.endsWith(suffix)) return handler;
      }
    }
    return this.#fallback;
  }

  serve(req: IncomingMessage, res: ServerResponse): void | Promise<void> {
    const raw = req.headers.host ?? (req.headers[":authority"] as string | undefined);
    const h = this.lookup(raw);
    if (h !== undefined) return h(req, res);
    const shown = normalizeHost(raw) ?? raw ?? "";
    writeError(req, res, new NotFound(`host ${shown} not found`), { errorWriter: this.#errorWriter, onError: this.#onError });
  }
}
