// Prometheus metrics via prom-client (SPEC-http 7). Tiger Tonic's Counted/Timed wrote to go-metrics; here a
// wrapper registers its metric when it is built, so a duplicate or invalid name fails at startup, not on the
// first request. Every status code is a label value (none is "unknown", none crashes).
import { Counter, Histogram, Registry } from "prom-client";
import type { IncomingMessage, ServerResponse } from "node:http";
import { onResponseDone, reportedStatus } from "./log/meter.js";
import type { ResponseMeter } from "./log/meter.js";
import type { Handler } from "./types.js";
import { wrapped } from "./wrap.js";

/** The registry metrics land in when none is passed: tonic's own, not prom-client's global one. */
export const defaultRegistry = new Registry();

export interface MetricOptions {
  registry?: Registry;
  /** HELP text; default derived from the name. */
  help?: string;
}

export interface TimedOptions extends MetricOptions {
  /** Histogram buckets in seconds; default prom-client's (5 ms .. 10 s). */
  buckets?: number[];
  /** Label the histogram by status code too (default false: one series per route keeps cardinality low). */
  byStatus?: boolean;
}

// Counters are counted in plain numbers on the request path and handed to prom-client when it collects
// (every exposition calls `collect` first, so what is read is always up to date): prom-client's inc()
// hashes and validates its labels and allocates a result object per call, even through labels() children.

/** Counts requests: `<name>` counter, no labels. */
export function counted(name: string, handler: Handler, options: MetricOptions = {}): Handler {
  let pending = 0;
  new Counter({
    name,
    help: options.help ?? `Requests served by ${name}`,
    registers: [options.registry ?? defaultRegistry],
    collect(this: Counter) {
      if (pending > 0) this.inc(pending);
      pending = 0;
    },
  });
  const done = (): void => {
    pending++;
  };
  return wrapped(handler, (req, res) => {
    onResponseDone(req, res, done);
    return handler(req, res);
  });
}

/** Counts requests by status code: `<name>{code="200"}`; 499 when the client left before any status. */
export function countedByStatus(name: string, handler: Handler, options: MetricOptions = {}): Handler {
  // Pending counts by status code (Node allows 100-999), and the codes seen, in first-seen order so the
  // series come out in the order prom-client would have created them.
  const pending = new Float64Array(1000);
  const seen: number[] = [];
  const counter = new Counter({
    name,
    help: options.help ?? `Requests served by ${name}, by status code`,
    labelNames: ["code"] as const,
    registers: [options.registry ?? defaultRegistry],
    collect(this: Counter<"code">) {
      for (const code of seen) {
        const n = pending[code]!;
        if (n > 0) this.inc({ code: String(code) }, n);
        pending[code] = 0;
      }
    },
  });
  const done = (_m: ResponseMeter, _req: IncomingMessage, res: ServerResponse): void => {
    const code = reportedStatus(res);
    if (!(code >= 0 && code < 1000 && Number.isInteger(code))) {
      counter.inc({ code: String(code) }); // cannot happen with Node's own responses; kept exact anyway
      return;
    }
    if (pending[code]! === 0 && !seen.includes(code)) seen.push(code);
    pending[code]!++;
  };
  return wrapped(handler, (req, res) => {
    onResponseDone(req, res, done);
    return handler(req, res);
  });
}

// What prom-client 15 keeps for an unlabelled histogram (not public API: checked before use, see below).
interface HistogramSeries {
  bucketValues: Record<string, number>;
  sum: number;
  count: number;
}
interface HistogramInternals {
  hashMap?: Record<string, HistogramSeries | undefined>;
  upperBounds?: readonly number[];
}

function seriesOf(h: HistogramInternals, bounds: readonly number[]): HistogramSeries | undefined {
  const e = h.hashMap?.[""];
  if (e === undefined || typeof e.sum !== "number" || typeof e.count !== "number" || typeof e.bucketValues !== "object") return undefined;
  for (const b of bounds) if (typeof e.bucketValues[b] !== "number") return undefined;
  return e;
}

/**
 * Observations of an unlabelled histogram gathered in a plain array and added to prom-client's series when it
 * collects: prom-client's observe() allocates closures and label objects, hashes the (empty) labels and
 * turns the float bucket bound into a property key on every call (measured ~3 us of server CPU per request
 * under load). Same buckets, counts and sum (summed in a different order, so the last bits of the sum may
 * differ). prom-client's series layout is not public API, so it is checked here first; when it does not
 * look as expected this returns undefined and the caller uses observe().
 */
function batchedObserver(h: Histogram): { observe(v: number): void; flush(): void } | undefined {
  const hi = h as unknown as HistogramInternals;
  const bounds = hi.upperBounds;
  if (!Array.isArray(bounds) || seriesOf(hi, bounds) === undefined) return undefined;
  const counts = new Float64Array(bounds.length);
  let sum = 0;
  let count = 0;
  return {
    observe(v: number): void {
      // Same rule as prom-client's findBound: the first bound >= v, none (only +Inf) above the last one.
      for (let i = 0; i < bounds.length; i++) {
        if (v <= bounds[i]!) {
          counts[i]!++;
          break;
        }
      }
      sum += v;
      count++;
    },
    flush(): void {
      if (count === 0) return;
      let e = seriesOf(hi, bounds);
      if (e === undefined) {
        h.zero({}); // the series was reset (histogram.reset()): start it again, as observe() would
        e = seriesOf(hi, bounds);
        if (e === undefined) return;
      }
      for (let i = 0; i < bounds.length; i++) e.bucketValues[bounds[i]!]! += counts[i]!;
      e.sum += sum;
      e.count += count;
      counts.fill(0);
      sum = 0;
      count = 0;
    },
  };
}

/** Observes each request's latency in seconds: `<name>` histogram (`_bucket`, `_sum`, `_count`). */
export function timed(name: string, handler: Handler, options: TimedOptions = {}): Handler {
  const registers = [options.registry ?? defaultRegistry];
  const help = options.help ?? `Latency of ${name} in seconds`;
  let done: (m: ResponseMeter, req: IncomingMessage, res: ServerResponse) => void;
  if (options.byStatus === true) {
    const h = new Histogram({ name, help, labelNames: ["code"] as const, registers, ...(options.buckets ? { buckets: options.buckets } : {}) });
    done = (m, _req, res) => h.labels(String(reportedStatus(res))).observe((m.end - m.start) / 1000);
  } else {
    let flush = (): void => {};
    const h = new Histogram({
      name,
      help,
      registers,
      ...(options.buckets ? { buckets: options.buckets } : {}),
      collect() {
        flush();
      },
    });
    const fast = batchedObserver(h);
    if (fast === undefined) {
      done = (m) => h.observe((m.end - m.start) / 1000);
    } else {
      flush = fast.flush;
      done = (m) => fast.observe((m.end - m.start) / 1000);
    }
  }
  return wrapped(handler, (req, res) => {
    onResponseDone(req, res, done);
    return handler(req, res);
  });
}

/** Serves the registry in the Prometheus text exposition format (GET and HEAD). */
export function metricsHandler(registry: Registry = defaultRegistry): Handler {
  return async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" });
      res.end("method_not_allowed: only GET, HEAD are allowed\n");
      return;
    }
    const body = await registry.metrics();
    res.writeHead(200, { "Content-Type": registry.contentType, "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}

export { Registry };
