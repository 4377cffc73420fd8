// Our own retry loop around a whole registry operation. make-fetch-happen already retries a request that
// fails before its response (500, reset, timeout); this one also covers a body cut off mid-stream (a
// truncated packument or tarball), which surfaces after the response and is not retried below us.
import type { SourceContext } from "../source.js";

const num = (v: unknown, d: number): number => (typeof v === "number" && Number.isFinite(v) ? v : d);

/** Errors that a later attempt may not repeat. 404s and integrity mismatches are answers, not accidents. */
export function isTransient(e: unknown): boolean {
  const err = e as { code?: string; statusCode?: number; name?: string; type?: string };
  if (err.code === "E404" || err.statusCode === 404 || err.code === "EINTEGRITY") return false;
  if (err.name === "VendorError") return false;
  if (typeof err.statusCode === "number") return err.statusCode >= 500 || err.statusCode === 408 || err.statusCode === 429;
  return true;
}

/**
 * Runs `fn` once more after a transient failure (only once: each attempt already carries npm's own
 * `fetchRetries` with backoff, and nesting full retry counts would multiply the wait on a dead registry).
 */
export async function withRetries<T>(ctx: SourceContext, fn: () => Promise<T>): Promise<T> {
  const o = ctx.npmOptions;
  const retries = Math.min(1, num(o["fetchRetries"], 2));
  const wait = Math.min(num(o["fetchRetryMaxtimeout"], 60_000), num(o["fetchRetryMintimeout"], 10_000));
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= retries || !isTransient(e) || ctx.signal?.aborted) throw e;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
