// Composition: first, when, withContext/context, recovered. Every wrapper passes the real `res` through
// untouched (no proxy, no replacement), so streaming, flushHeaders and upgrades keep working below it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { toHttpError, writeError } from "./errors.js";
import type { ErrorLogger, ErrorWriter } from "./errors.js";
import { hasContexts, requestState } from "./state.js";
import type { Handler } from "./types.js";
import { wrapped } from "./wrap.js";

export interface ErrorOptions {
  errorWriter?: ErrorWriter;
  onError?: ErrorLogger;
}

function responded(res: ServerResponse): boolean {
  return res.headersSent || res.writableEnded;
}

/**
 * Runs the handlers in order and stops after the first that sent a response (headers sent or ended).
 * A handler that answers asynchronously must return its promise. When none answers, nothing is sent, so
 * `first` can itself sit inside another `first`.
 */
export function first(...handlers: Handler[]): Handler {
  const h: Handler = async (req, res) => {
    for (const handler of handlers) {
      await handler(req, res);
      if (responded(res)) return;
    }
  };
  // The preflight policy of the first handler that has one is the one the router should ask.
  for (const inner of handlers) wrapped(inner, h);
  return h;
}

export type HeaderList = Record<string, string | number | readonly string[]> | ReadonlyArray<readonly [string, string]>;

/** Checks a request: return headers to add (or nothing) to go on, throw an HttpError to refuse. */
export type Predicate = (req: IncomingMessage) => HeaderList | void | undefined | Promise<HeaderList | void | undefined>;

function addHeaders(res: ServerResponse, headers: HeaderList): void {
  // appendHeader keeps every value of a multi-valued header (Tiger Tonic's If kept only the first).
  if (Array.isArray(headers)) {
    for (const [k, v] of headers as ReadonlyArray<readonly [string, string]>) res.appendHeader(k, v);
    return;
  }
  for (const [k, v] of Object.entries(headers as Record<string, string | number | readonly string[]>)) {
    res.appendHeader(k, typeof v === "number" ? String(v) : (v as string | string[]));
  }
}

/** Tiger Tonic's `If`: runs `handler` when `predicate` passes; a thrown HttpError is the answer. */
export function when(predicate: Predicate, handler: Handler, options: ErrorOptions = {}): Handler {
  return wrapped(handler, async (req, res) => {
    let headers: HeaderList | void | undefined;
    try {
      headers = await predicate(req);
    } catch (err) {
      writeError(req, res, err, options);
      return;
    }
    if (headers) addHeaders(res, headers);
    await handler(req, res);
  });
}

export type ContextFactory<T = unknown> = (req: IncomingMessage) => T | Promise<T>;

/**
 * Makes a fresh context object per request with `factory`, reachable from handlers below through
 * `context(req, factory)` (typed) or `context(req)` (innermost). Held on the request itself (see state.ts):
 * no global map, no lock, gone with the request.
 */
export function withContext<T>(factory: ContextFactory<T>, handler: Handler): Handler {
  return wrapped(handler, async (req, res) => {
    const value = await factory(req);
    const contexts = requestState(req).contexts;
    // Re-insert so the innermost withContext is the last entry of the Map.
    contexts.delete(factory);
    contexts.set(factory, value);
    await handler(req, res);
  });
}

/** The context `factory` made for this request; throws when no withContext(factory, ...) is above. */
export function context<T>(req: IncomingMessage, factory: ContextFactory<T>): T;
/** The innermost context of this request, typed by the caller; undefined when there is none. */
export function context<T = unknown>(req: IncomingMessage): T | undefined;
export function context(req: IncomingMessage, factory?: ContextFactory<unknown>): unknown {
  if (factory === undefined && !hasContexts(req)) return undefined;
  const contexts = requestState(req).contexts;
  if (factory !== undefined) {
    if (!contexts.has(factory)) throw new Error("context(req, factory): no withContext(factory, ...) wraps this handler");
    return contexts.get(factory);
  }
  let last: unknown;
  for (const v of contexts.values()) last = v;
  return last;
}

/**
 * A thrown error or rejected promise below becomes an error answer (HttpError: its status; anything else: a
 * JSON 500 and a log line with the stack). If headers were already sent, the socket is destroyed so the
 * client sees a failure instead of a hang.
 */
export function recovered(handler: Handler, options: ErrorOptions = {}): Handler {
  return wrapped(handler, async (req, res) => {
    try {
      await handler(req, res);
    } catch (err) {
      if (res.writableEnded) {
        // The answer is complete; all that is left is to record the failure.
        toHttpError(err, req, options.onError);
        return;
      }
      if (res.headersSent) {
        toHttpError(err, req, options.onError);
        res.destroy();
        return;
      }
      writeError(req, res, err, options);
    }
  });
}
