// A two-thread pool for rewriting vendored packages (issue 3's wall-clock goal on a 2-core machine). Packages
// are independent: resolution only reads package.json files and each package's rewrite writes only its own
// files. So the main thread and one worker claim package indices from a shared counter (whoever is free takes
// the next key, so a slow worker start-up costs nothing but its own CPU), and the results are merged in key
// order, which keeps the output and the first error exactly those of the serial loop.
import { Worker } from "node:worker_threads";
import { VendorError, type VendorErrorDetails } from "../errors.js";
import type { Lock } from "../lock/types.js";
import type { RewriteReport } from "./index.js";

/** What a thread sends back for one key: its report, or its error in a form structured clone keeps. */
export type KeyResult =
  | { i: number; report: RewriteReport }
  | { i: number; vendor: { message: string; details: VendorErrorDetails } }
  | { i: number; other: { name: string; message: string; stack?: string } };

/**
 * Job handed to the worker (workerData). counter[0]: next index to claim; counter[1]: lowest failed index;
 * counter[2]: WORKER_PENDING until the worker starts claiming (WORKER_CLAIMING) or this thread, done first,
 * shuts it out (WORKER_SHUT_OUT).
 */
export interface PoolJob { vendorRoot: string; keys: string[]; lock: Lock; counter: Int32Array }

export const WORKER_PENDING = 0;
export const WORKER_CLAIMING = 1;
export const WORKER_SHUT_OUT = 2;

export type RewriteOne = (key: string) => RewriteReport;

export function toKeyResult(i: number, err: unknown): KeyResult {
  if (err instanceof VendorError) {
    const cause = err.cause instanceof Error ? new Error(err.cause.message) : err.cause === undefined ? undefined : String(err.cause);
    return {
      i,
      vendor: {
        message: err.message,
        details: {
          exitCode: err.exitCode, code: err.code, file: err.file, line: err.line, column: err.column, field: err.field,
          fix: err.fix, ...(cause === undefined ? {} : { cause }),
        },
      },
    };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return { i, other: { name: e.name, message: e.message, stack: e.stack } };
}

function fromKeyResult(r: KeyResult): unknown {
  if ("vendor" in r) return new VendorError(r.vendor.message, r.vendor.details);
  if ("other" in r) {
    const e = new Error(r.other.message);
    e.name = r.other.name;
    if (r.other.stack) e.stack = r.other.stack;
    return e;
  }
  return undefined;
}

/**
 * Claims indices until none is left or one at or below a failed index would be next; returns each result
 * through `emit`. Run by both threads over the same counter.
 */
export function claimLoop(keys: string[], counter: Int32Array, rewrite: RewriteOne, emit: (r: KeyResult) => void): void {
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= keys.length || i > Atomics.load(counter, 1)) return;
    try {
      emit({ i, report: rewrite(keys[i]!) });
    } catch (err) {
      emit(toKeyResult(i, err));
      // Keys after a failure are not needed: the serial loop would have stopped here.
      for (let seen = Atomics.load(counter, 1); i < seen;) {
        const prev = Atomics.compareExchange(counter, 1, seen, i);
        if (prev === seen) break;
        seen = prev;
      }
    }
  }
}

/** Starts the worker: compiled .js next to this file under dist/, or the .ts through tsx's API under tsx. */
function startWorker(job: PoolJob): Worker {
  const ts = import.meta.url.endsWith(".ts");
  const url = new URL(`./pool-worker.${ts ? "ts" : "js"}`, import.meta.url);
  if (!ts) return new Worker(url, { workerData: job });
  // Node 20 does not pass the parent's --import loader hooks to workers, so register tsx inside it first.
  const api = import.meta.resolve("tsx/esm/api");
  const src = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(src, { eval: true, workerData: job });
}

/**
 * Rewrites `keys` (already in the order results must follow) with this thread and one worker. A worker that
 * fails to start or dies leaves its unfinished keys to this thread, which redoes them (a rewrite is
 * idempotent).
 */
export async function rewriteWithPool(
  job: Omit<PoolJob, "counter">,
  rewrite: RewriteOne,
  /** mainClaims false: this thread only waits and redoes what the worker lost (tests drive the worker alone). */
  opts: { mainClaims?: boolean; stats?: { byWorker: number } } = {},
): Promise<RewriteReport> {
  const counter = new Int32Array(new SharedArrayBuffer(12));
  counter[1] = job.keys.length;
  const results: (KeyResult | undefined)[] = new Array(job.keys.length);
  const worker = startWorker({ ...job, counter });
  const workerDone = new Promise<void>((resolve) => {
    worker.on("message", (m: KeyResult | { done: true }) => {
      if ("done" in m) resolve();
      else {
        results[m.i] = m;
        if (opts.stats) opts.stats.byWorker++;
      }
    });
    worker.on("error", () => resolve());
    worker.on("exit", () => resolve());
  });
  if (opts.mainClaims !== false) claimLoop(job.keys, counter, rewrite, (r) => { results[r.i] = r; });
  // A worker still booting when this thread is done has touched nothing: stop it instead of waiting for its
  // start-up (~50-100 ms from dist/, more under tsx). Otherwise wait for its last result; terminating it
  // mid-file could leave a half-written file.
  if (opts.mainClaims === false || Atomics.compareExchange(counter, 2, WORKER_PENDING, WORKER_SHUT_OUT) !== WORKER_PENDING) {
    await workerDone;
  }
  void worker.terminate();

  const all: RewriteReport = { filesChanged: [], dynamic: [], unresolved: [] };
  for (let i = 0; i < job.keys.length; i++) {
    // Unclaimed or lost with a dead worker: rewrite it here, where a failure throws in key order as well.
    const r = results[i] ?? { i, report: rewrite(job.keys[i]!) };
    if (!("report" in r)) throw fromKeyResult(r);
    all.filesChanged.push(...r.report.filesChanged);
    all.dynamic.push(...r.report.dynamic);
    all.unresolved!.push(...(r.report.unresolved ?? []));
  }
  return all;
}
