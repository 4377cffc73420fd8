// TrieServeMux: Tiger Tonic's router. handle(method, pattern, handler) with `{name}` and `{name...}`
// wildcards, namespaces, automatic HEAD and OPTIONS, CORS preflights answered by the target route's policy.
import type { IncomingMessage, ServerResponse } from "node:http";
import { BadRequest, defaultErrorWriter, MethodNotAllowed, NotFound, writeError } from "../errors.js";
import type { ErrorLogger, ErrorWriter } from "../errors.js";
import { requestPath, requestState } from "../state.js";
import type { Handler } from "../types.js";
import { preflightOf } from "../wrap.js";
import { Kind, RouteTrie } from "./trie.js";
import type { Found, Leaf } from "./trie.js";

export interface TrieServeMuxOptions {
  /** Writes 404/405/400 answers (and nothing else: handlers' own errors are theirs). */
  errorWriter?: ErrorWriter;
  onError?: ErrorLogger;
}

export interface RouteMatch {
  handler: Handler;
  /** The matched pattern, namespace prefixes included. */
  pattern: string;
  params: Record<string, string>;
}

export interface RouteInfo {
  method: string;
  pattern: string;
}

const MUX = Symbol.for("tonic.mux");
const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

type MuxHandler = Handler & { [MUX]?: TrieServeMux };

/** The TrieServeMux behind a handler made by `mux.handler`, if it is one. */
function muxOf(h: Handler): TrieServeMux | undefined {
  return (h as MuxHandler)[MUX];
}

export class TrieServeMux {
  readonly #trie = new RouteTrie();
  readonly #routes: RouteInfo[] = [];
  readonly #errorWriter: ErrorWriter;
  readonly #onError: ErrorLogger | undefined;

  /** The request listener: `http.createServer(mux.handler)`. */
  readonly handler: Handler;

  constructor(options: TrieServeMuxOptions = {}) {
    this.#errorWriter = options.errorWriter ?? defaultErrorWriter;
    this.#onError = options.onError;
    const h: MuxHandler = (req, res) => this.serve(req, res);
    h[MUX] = this;
    this.handler = h;
  }

  /** Registers `handler` for `method` on `pattern`. Returns the mux for chaining. */
  handle(method: string, pattern: string, handler: Handler | TrieServeMux): this {
    const m = method.toUpperCase();
    if (!METHOD.test(m)) throw new Error(`invalid HTTP method ${JSON.stringify(method)}`);
    this.#trie.addRoute(m, pattern, handler instanceof TrieServeMux ? handler.handler : handler);
    this.#routes.push({ method: m, pattern });
    return this;
  }

  get(pattern: string, handler: Handler): this {
    return this.handle("GET", pattern, handler);
  }
  post(pattern: string, handler: Handler): this {
    return this.handle("POST", pattern, handler);
  }
  put(pattern: string, handler: Handler): this {
    return this.handle("PUT", pattern, handler);
  }
  patch(pattern: string, handler: Handler): this {
    return this.handle("PATCH", pattern, handler);
  }
  delete(pattern: string, handler: Handler): this {
    return this.handle("DELETE", pattern, handler);
  }

  /**
   * Serves every path under `prefix` (which may hold `{param}`s) with `handler`, which sees the path with the
   * prefix stripped (`requestPath(req)`); the exact prefix is served as "/". Exact routes of this mux win.
   */
  handleNamespace(prefix: string, handler: Handler | TrieServeMux): this {
    this.#trie.addNamespace(prefix, handler instanceof TrieServeMux ? handler.handler : handler);
    return this;
  }

  /**
   * What would serve `method path` (path raw, without query; method case-sensitive, as in HTTP), without
   * serving it; undefined = 404 or 405. For an OPTIONS the mux answers itself, the handler is the mux's.
   */
  lookup(method: string, path: string): RouteMatch | undefined {
    let f: Found | null;
    try {
      f = this.#trie.find(method, path);
    } catch {
      return undefined;
    }
    if (f === null) return undefined;
    if (f.kind === Kind.Route) {
      // The Found object already has the RouteMatch fields: no second allocation on the hot path.
      if (f.handler === undefined) f.handler = this.handler;
      return f as RouteMatch;
    }
    if (f.kind === Kind.Namespace) {
      const ns = f.ns!;
      const inner = muxOf(ns.handler);
      if (inner === undefined) return { handler: ns.handler, pattern: ns.prefixPattern, params: f.params };
      const rest = f.nsPos === path.length ? "/" : path.slice(f.nsPos);
      const m = inner.lookup(method, rest);
      if (m === undefined) return undefined;
      return { handler: m.handler, pattern: joinPattern(ns.prefixPattern, m.pattern), params: { ...f.params, ...m.params } };
    }
    return undefined;
  }

  /** Methods allowed on `path` (the Allow list), or undefined when nothing is routed there. */
  allowed(path: string): string[] | undefined {
    try {
      const f = this.#trie.find("\0", path);
      return f?.leaf?.allow.slice();
    } catch {
      return undefined;
    }
  }

  /** The route table, registration order; routes of mounted TrieServeMux namespaces included. */
  routes(): RouteInfo[] {
    const out = this.#routes.slice();
    for (const ns of this.#trie.namespaces) {
      const inner = muxOf(ns.handler);
      if (inner === undefined) out.push({ method: "*", pattern: joinPattern(ns.prefixPattern, "/{...}") });
      else for (const r of inner.routes()) out.push({ method: r.method, pattern: joinPattern(ns.prefixPattern, r.pattern) });
    }
    return out;
  }

  serve(req: IncomingMessage, res: ServerResponse): void | Promise<void> {
    const method = req.method ?? "GET";
    const path = requestPath(req);
    let f: Found | null = null;
    if (path.charCodeAt(0) === 47 /* '/' */) {
      try {
        f = this.#trie.find(method, path);
      } catch {
        return this.#fail(req, res, new BadRequest(`malformed percent-encoding in path ${path}`));
      }
    }
    if (f === null) return this.#fail(req, res, new NotFound(`${method} ${originalPath(req)} not found`));

    const st = requestState(req);
    if (f.kind === Kind.Route) {
      const leaf = f.leaf!;
      st.pattern = st.patternPrefix === undefined ? leaf.pattern : joinPattern(st.patternPrefix, leaf.pattern);
      mergeParams(st, f.params);
      if (f.handler !== undefined) return f.handler(req, res);
      return this.#options(req, res, leaf);
    }
    if (f.kind === Kind.Namespace) {
      const ns = f.ns!;
      st.prefixes.push(path.slice(0, f.nsPos));
      st.path = f.nsPos === path.length ? "/" : path.slice(f.nsPos);
      st.patternPrefix = st.patternPrefix === undefined ? ns.prefixPattern : joinPattern(st.patternPrefix, ns.prefixPattern);
      st.pattern = st.patternPrefix;
      mergeParams(st, f.params);
      return ns.handler(req, res);
    }
    const leaf = f.leaf!;
    return this.#fail(req, res, new MethodNotAllowed(`only ${leaf.allow.join(", ")} are allowed`, { headers: { Allow: leaf.allowHeader } }));
  }

  // OPTIONS with no handler of its own: the Allow list, and for a CORS preflight the target route's policy.
  #options(req: IncomingMessage, res: ServerResponse, leaf: Leaf): void {
    const requested = req.headers["access-control-request-method"];
    if (typeof requested === "string" && req.headers.origin !== undefined) {
      const target = leaf.handlerFor(requested.trim());
      const responder = preflightOf(target);
      if (responder !== undefined) responder(req, res, leaf.allow);
      if (!res.hasHeader("access-control-allow-methods")) res.setHeader("Access-Control-Allow-Methods", leaf.allowHeader);
    }
    const body = JSON.stringify({ allow: leaf.allow }) + "\n";
    res.statusCode = 200;
    res.setHeader("Allow", leaf.allowHeader);
    res.setHeader("Content-Type", "application/json; charset=utf-8");
    res.setHeader("Content-Length", Buffer.byteLength(body));
    res.end(body);
  }

  #fail(req: IncomingMessage, res: ServerResponse, err: unknown): void {
    writeError(req, res, err, { errorWriter: this.#errorWriter, onError: this.#onError });
  }
}

function mergeParams(st: { params: Record<string, string> }, p: Record<string, string>): void {
  // The state's params start empty; adopting the object avoids a copy on the common, un-namespaced path.
  let empty = true;
  for (const _ in st.params) {
    empty = false;
    break;
  }
  if (empty) st.params = p;
  else Object.assign(st.params, p);
}

function joinPattern(prefix: string, pattern: string): string {
  if (prefix === "" || prefix === "/") return pattern;
  return pattern === "/" ? prefix : prefix + pattern;
}

function originalPath(req: IncomingMessage): string {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  return q === -1 ? url : url.slice(0, q);
}
