// cached: sets Cache-Control BEFORE the handler runs (Tiger Tonic set it after the handler had written, when
// it was too late), so a handler that sets its own Cache-Control simply overrides it.
import type { ServerResponse } from "node:http";
import { CACHE_CONTROL_SET_BY_CACHED } from "./errors.js";
import type { Handler } from "./types.js";
import { wrapped } from "./wrap.js";

export interface CacheOptions {
  private?: boolean;
  noCache?: boolean;
  noStore?: boolean;
  noTransform?: boolean;
  mustRevalidate?: boolean;
  proxyRevalidate?: boolean;
  /** Seconds. */
  maxAge?: number;
  /** Seconds. */
  sMaxAge?: number;
  /** Never changes: max-age of one year (overrides maxAge). */
  immutable?: boolean;
}

const ONE_YEAR = 365 * 24 * 60 * 60;

function seconds(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`cached: ${name} must be a non-negative number of seconds`);
  return Math.floor(v);
}

/** The Cache-Control value, directives in Tiger Tonic's fixed order. */
export function cacheControl(o: CacheOptions): string {
  const d: string[] = [];
  if (o.private) d.push("private");
  if (o.noCache) d.push("no-cache");
  if (o.noStore) d.push("no-store");
  if (o.noTransform) d.push("no-transform");
  if (o.mustRevalidate) d.push("must-revalidate");
  if (o.proxyRevalidate) d.push("proxy-revalidate");
  const maxAge = o.immutable ? ONE_YEAR : o.maxAge;
  if (maxAge !== undefined) d.push(`max-age=${seconds("maxAge", maxAge)}`);
  if (o.sMaxAge !== undefined) d.push(`s-maxage=${seconds("sMaxAge", o.sMaxAge)}`);
  return d.join(", ");
}

export function cached(options: CacheOptions, handler: Handler): Handler {
  const value = cacheControl(options);
  return wrapped(handler, (req, res) => {
    if (value !== "" && !res.headersSent) {
      res.setHeader("Cache-Control", value);
      // Lets the error writer drop it: an error answer must not be cached for a year.
      (res as ServerResponse & Record<symbol, unknown>)[CACHE_CONTROL_SET_BY_CACHED] = value;
    }
    return handler(req, res);
  });
}
