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

/** Counts requests: `<name>` counter, no labels. */
export function counted(name: string, handler: Handler, options: MetricOptions = {}): Handler {
  const counter = new Counter({ name, help: options.help ?? `Requests served by ${name}`, registers: [options.registry ?? defaultRegistry] });
  const done = (): void => counter.inc();
  return wrapped(handler, (req, res) => {
    onResponseDone(req, res, done);
    return handler(req, res);
  });
}

/** Counts requests by status code: `<name>{code="200"}`; 499 when the client left before any status. */
export function countedByStatus(name: string, handler: Handler, options: MetricOptions = {}): Handler {
  const counter = new Counter({
    name,
    help: options.help ?? `Requests served by ${name}, by status code`,
    labelNames: ["code"] as const,
    registers: [options.registry ?? defaultRegistry],
  });
  // Children cached per code: labels() hashes its argument on every call.
  const children = new Map<number, { inc(): void }>();
  const done = (_m: ResponseMeter, _req: IncomingMessage, res: ServerResponse): void => {
    const code = reportedStatus(res);
    let child = children.get(code);
    if (child === undefined) {
      child = counter.labels(String(code));
      children.set(code, child);
    }
    child.inc();
  };
  return wrapped(handler, (req, res) => {
    onResponseDone(req, res, done);
    return handler(req, res);
  });
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
    const h = new Histogram({ name, help, registers, ...(options.buckets ? { buckets: options.buckets } : {}) });
    done = (m) => h.observe((m.end - m.start) / 1000);
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
