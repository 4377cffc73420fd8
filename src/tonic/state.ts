// Per-request state, held by the request itself: no global map or lock (Tiger Tonic's mutex-guarded map),
// nothing to clean up (it dies with the request, exactly like a WeakMap entry would), and no rewriting of the
// query string to pass route params along (Tiger Tonic's habit). Kept under a private symbol rather than in
// a WeakMap because WeakMap entries are ephemerons the GC must trace specially: measured 2-4 us of server CPU
// per request under load, against ~0 for a property with a fixed shape.
import type { IncomingMessage } from "node:http";

export interface RequestState {
  /** Route params captured by TrieServeMux (decoded, one segment each; `{rest...}` keeps its slashes). */
  params: Record<string, string>;
  /** The matched route pattern, e.g. "/v1/wagers/{id}". */
  pattern?: string;
  /** Namespace prefixes stripped so far, outermost first. */
  prefixes: string[];
  /** Route pattern of the enclosing namespaces, e.g. "/v1/users/{id}"; prepended to `pattern`. */
  patternPrefix?: string;
  /** The path the current handler should see (after namespace stripping); undefined = req.url's path. */
  path?: string;
  /** User name verified by authentication (httpBasicAuth), for later handlers and the access log. */
  user?: string;
  /** The request id (X-Request-ID) assigned by the first middleware that needed one. */
  requestId?: string;
  /** Typed per-request objects made by withContext, keyed by their factory. */
  contexts: Map<unknown, unknown>;
}

const STATE = Symbol("tonic.requestState");

// Every field present from the start (one object shape for all requests); prefixes and contexts made on
// first use, since most requests never need them.
class State implements RequestState {
  params: Record<string, string> = {};
  pattern: string | undefined = undefined;
  #prefixes: string[] | undefined = undefined;
  get prefixes(): string[] {
    return (this.#prefixes ??= []);
  }
  set prefixes(v: string[]) {
    this.#prefixes = v;
  }
  patternPrefix: string | undefined = undefined;
  path: string | undefined = undefined;
  user: string | undefined = undefined;
  requestId: string | undefined = undefined;
  #contexts: Map<unknown, unknown> | undefined = undefined;
  get contexts(): Map<unknown, unknown> {
    return (this.#contexts ??= new Map());
  }
  /** True once a withContext stored something (saves creating the Map just to look). */
  get hasContexts(): boolean {
    return this.#contexts !== undefined && this.#contexts.size > 0;
  }
}

type WithState = IncomingMessage & { [STATE]?: State };

export function requestState(req: IncomingMessage): RequestState {
  return ((req as WithState)[STATE] ??= new State());
}

/** The state of this request if anything created it, without creating it (loggers read `user` per request;
 * creating a state per request just to find it empty measured ~3 us). */
export function peekRequestState(req: IncomingMessage): RequestState | undefined {
  return (req as WithState)[STATE];
}

/** True when some withContext stored a context for this request. */
export function hasContexts(req: IncomingMessage): boolean {
  const s = (req as WithState)[STATE];
  return s !== undefined && s.hasContexts;
}

/** Route params of this request (empty when no route captured any). */
export const params = (req: IncomingMessage): Record<string, string> => requestState(req).params;

/** The matched route pattern, namespaces included (undefined before a router matched). */
export const routePattern = (req: IncomingMessage): string | undefined => requestState(req).pattern;

/**
 * The raw (still percent-encoded) path this handler should route on: after namespace stripping when a
 * namespace matched, else the path of req.url (absolute-form URLs reduced to their path).
 */
export function requestPath(req: IncomingMessage): string {
  const p = (req as WithState)[STATE]?.path;
  if (p !== undefined) return p;
  const url = req.url ?? "/";
  let end = url.indexOf("?");
  if (end === -1) end = url.length;
  if (url.charCodeAt(0) === 47 /* '/' */) return end === url.length ? url : url.slice(0, end);
  const scheme = url.indexOf("://");
  if (scheme === -1) return url.slice(0, end); // "*" (OPTIONS *) or garbage: the router answers 404
  const slash = url.indexOf("/", scheme + 3);
  if (slash === -1 || slash > end) return "/";
  return url.slice(slash, end);
}
