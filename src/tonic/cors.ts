// cors: Cross-Origin Resource Sharing. An allowed origin is echoed (never `*` together with credentials),
// `Vary: Origin` is sent whenever the answer depends on the origin, and a disallowed origin gets no CORS
// headers at all (Tiger Tonic answered `Access-Control-Allow-Origin: null`, which a sandboxed page's
// `Origin: null` then matched). The policy also rides on the returned handler (wrap.ts), so a TrieServeMux
// answers preflights with it even when other middleware wraps this handler.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pairsEntryOf } from "./head.js";
import type { HeaderPairs } from "./head.js";
import type { Handler } from "./types.js";
import { setPreflight, wrapped } from "./wrap.js";

export type OriginRule = string | RegExp | ((origin: string, req: IncomingMessage) => boolean);

export interface CorsPolicy {
  /** `*` (any), an exact origin (`https://app.example.com`), a RegExp, a function, or a list of these. */
  origins: OriginRule | readonly OriginRule[];
  /** Methods a preflight allows; default: the route's methods (router) or GET, HEAD, POST. */
  methods?: readonly string[];
  /** Request headers a preflight allows; default: whatever the preflight asks for. */
  headers?: readonly string[];
  /** Response headers the page may read. */
  exposedHeaders?: readonly string[];
  /** Allow cookies/HTTP auth: the origin is then always echoed, never `*`. */
  credentials?: boolean;
  /** Seconds a browser may cache a preflight answer. */
  maxAge?: number;
}

const DEFAULT_METHODS = ["GET", "HEAD", "POST"];

function appendVary(res: ServerResponse, value: string): void {
  const prev = res.getHeader("vary");
  // Nearly always nothing is there yet: skip the split/filter/join and its allocations (measured ~1 us).
  if (prev === undefined) {
    res.setHeader("Vary", value);
    return;
  }
  const list = prev === undefined ? [] : String(prev).split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (list.includes("*")) return;
  for (const v of value.split(", ")) if (!list.some((x) => x.toLowerCase() === v.toLowerCase())) list.push(v);
  res.setHeader("Vary", list.join(", "));
}

// Node's own test for a header value (checkInvalidHeaderChar): a value it would refuse is never deferred, so
// setHeader still throws for it where it always did.
const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;
const NO_PAIRS: HeaderPairs = [];
const VARY_ORIGIN: HeaderPairs = ["Vary", "Origin"];

export interface CompiledCors {
  /** Sets the CORS headers of an actual (non-preflight) request. */
  actual(req: IncomingMessage, res: ServerResponse): void;
  /**
   * The headers actual() would set, as pairs for a handler that writes them with its head (see head.ts), or
   * null when they cannot be deferred (a Vary is already there to merge with, or a value Node would refuse):
   * then call actual().
   */
  actualPairs(req: IncomingMessage, res: ServerResponse): HeaderPairs | null;
  /** Sets the CORS headers of a preflight; `allow` = the route's methods when the router asks. */
  preflight(req: IncomingMessage, res: ServerResponse, allow?: readonly string[]): void;
}

export function compileCors(policy: CorsPolicy): CompiledCors {
  const rules = (Array.isArray(policy.origins) ? policy.origins : [policy.origins]) as readonly OriginRule[];
  const any = rules.includes("*");
  const credentials = policy.credentials === true;
  // With `*` and no credentials every origin gets the same answer, so caches need not vary on it.
  const dependsOnOrigin = !any || credentials;
  const exposed = policy.exposedHeaders?.join(", ");
  const maxAge = policy.maxAge === undefined ? undefined : String(Math.max(0, Math.floor(policy.maxAge)));

  const allowed = (origin: string | undefined, req: IncomingMessage): boolean => {
    if (origin === undefined || origin === "") return false;
    for (const r of rules) {
      if (r === "*") {
        // `null` is what sandboxed iframes and file: pages send: only an explicit "null" rule admits it.
        if (origin !== "null") return true;
      } else if (typeof r === "string") {
        if (r === origin) return true;
      } else if (r instanceof RegExp) {
        r.lastIndex = 0;
        if (r.test(origin)) return true;
      } else if (r(origin, req)) return true;
    }
    return false;
  };

  const allowOrigin = (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    if (dependsOnOrigin) appendVary(res, "Origin");
    if (!allowed(origin, req)) return false;
    res.setHeader("Access-Control-Allow-Origin", any && !credentials ? "*" : origin!);
    if (credentials) res.setHeader("Access-Control-Allow-Credentials", "true");
    return true;
  };

  // The pairs for the last Access-Control-Allow-Origin value: nearly every request of a server comes from
  // the same page, so this is one array for all of them instead of one per request.
  const deferrable = exposed === undefined || !INVALID_HEADER_CHAR.test(exposed);
  let lastValue: string | undefined;
  let lastPairs: HeaderPairs = NO_PAIRS;

  return {
    actual(req, res) {
      if (allowOrigin(req, res) && exposed !== undefined) res.setHeader("Access-Control-Expose-Headers", exposed);
    },
    actualPairs(req, res) {
      if (!deferrable || (dependsOnOrigin && res.getHeader("vary") !== undefined)) return null;
      const origin = req.headers.origin;
      let ok: boolean;
      try {
        ok = allowed(origin, req);
      } catch (err) {
        // actual() has set Vary before asking the rule; a rule that throws leaves the same response behind.
        if (dependsOnOrigin) appendVary(res, "Origin");
        throw err;
      }
      if (!ok) return dependsOnOrigin ? VARY_ORIGIN : NO_PAIRS;
      const value = any && !credentials ? "*" : origin!;
      if (value === lastValue) return lastPairs;
      if (INVALID_HEADER_CHAR.test(value)) return null;
      // Same headers, same order as allowOrigin() + actual().
      const pairs: string[] = dependsOnOrigin ? ["Vary", "Origin"] : [];
      pairs.push("Access-Control-Allow-Origin", value);
      if (credentials) pairs.push("Access-Control-Allow-Credentials", "true");
      if (exposed !== undefined) pairs.push("Access-Control-Expose-Headers", exposed);
      lastValue = value;
      lastPairs = pairs;
      return pairs;
    },
    preflight(req, res, allow) {
      appendVary(res, "Access-Control-Request-Method, Access-Control-Request-Headers");
      const methods = policy.methods ?? allow ?? DEFAULT_METHODS;
      const requested = String(req.headers["access-control-request-method"] ?? "").trim();
      if (!methods.includes(requested) && !(requested === "HEAD" && methods.includes("GET"))) {
        if (dependsOnOrigin) appendVary(res, "Origin");
        return;
      }
      if (!allowOrigin(req, res)) return;
      res.setHeader("Access-Control-Allow-Methods", methods.join(", "));
      const reqHeaders = req.headers["access-control-request-headers"];
      const hdrs = policy.headers !== undefined ? policy.headers.join(", ") : reqHeaders;
      if (hdrs !== undefined && hdrs !== "") res.setHeader("Access-Control-Allow-Headers", hdrs);
      if (maxAge !== undefined) res.setHeader("Access-Control-Max-Age", maxAge);
    },
  };
}

function isPreflight(req: IncomingMessage): boolean {
  return req.method === "OPTIONS" && req.headers.origin !== undefined && req.headers["access-control-request-method"] !== undefined;
}

/**
 * Wraps `handler` with a CORS policy. A preflight reaching this handler directly is answered here (204);
 * behind a TrieServeMux the router answers it with this policy (and the route's Allow list).
 */
export function cors(policy: CorsPolicy, handler: Handler): Handler {
  const c = compileCors(policy);
  // When `handler` writes its own head (marshaled), it takes the CORS headers as pairs and sends them with
  // its writeHead: see head.ts for why that is cheaper than setHeader.
  const direct = pairsEntryOf(handler);
  const h = wrapped(handler, (req: IncomingMessage, res: ServerResponse) => {
    if (isPreflight(req)) {
      c.preflight(req, res);
      res.statusCode = 204;
      res.end();
      return;
    }
    if (direct !== undefined) {
      const pairs = c.actualPairs(req, res);
      if (pairs !== null) return pairs.length === 0 ? handler(req, res) : direct(req, res, pairs);
    }
    c.actual(req, res);
    return handler(req, res);
  });
  // This policy, not one from further inside, answers for the handler we return.
  return setPreflight(h, (req, res, allow) => c.preflight(req, res, allow));
}
