// One per response, shared by every logger and metric wrapped around the same request: body bytes are
// counted by a single write/end wrapper and a single "close" listener fans out to all of them, so stacking
// apacheLogged + counted + timed costs one wrapper, not three.
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";

export interface ResponseMeter {
  /** Wall-clock time the first wrapper saw the request (ms since the epoch). */
  readonly startTime: number;
  /** Monotonic start (performance.now()), for durations. */
  readonly start: number;
  /** Monotonic time the response completed or was aborted (set before callbacks run). */
  end: number;
  /** Body bytes handed to write/end (what Apache's %b reports; 0 for HEAD, 204, 304). */
  bytes: number;
  /** True when the whole response was sent; false when the connection closed first. */
  finished: boolean;
}

export type DoneCallback = (meter: ResponseMeter, req: IncomingMessage, res: ServerResponse) => void;

interface MeterState extends ResponseMeter {
  // The first three callbacks in fields, the rest in an array made only when needed: a stack of log + two
  // metrics then allocates no array (and no 17-slot backing store on its first push) per request.
  cb0: DoneCallback | undefined;
  cb1: DoneCallback | undefined;
  cb2: DoneCallback | undefined;
  more: DoneCallback[] | undefined;
  req: IncomingMessage;
  /** The write/end the response had before we wrapped them (the prototype's, or another wrapper's). */
  origWrite: (chunk: unknown, encoding: unknown, cb: unknown) => boolean;
  origEnd: (chunk: unknown, encoding: unknown, cb: unknown) => ServerResponse;
  done: boolean;
}

const METER = Symbol("tonic.meter");
type Metered = ServerResponse & { [METER]?: MeterState };

function byteLength(chunk: unknown, encoding: unknown): number {
  if (typeof chunk === "string") return Buffer.byteLength(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  if (chunk instanceof Uint8Array) return chunk.byteLength;
  return 0;
}

/** The meter of this response, created (and write/end wrapped) on first use. */
export function responseMeter(req: IncomingMessage, res: ServerResponse): ResponseMeter {
  return install(req, res as Metered);
}

/** Runs `callback` once when the response completes or its connection closes early. */
export function onResponseDone(req: IncomingMessage, res: ServerResponse, callback: DoneCallback): ResponseMeter {
  const m = install(req, res as Metered);
  if (m.cb0 === undefined) m.cb0 = callback;
  else if (m.cb1 === undefined) m.cb1 = callback;
  else if (m.cb2 === undefined) m.cb2 = callback;
  else (m.more ??= []).push(callback);
  return m;
}

// One module-level write/end/close function for every response, finding its state through `this`, instead
// of three closures per request (plus once()'s wrapper and bind): fewer allocations on every request.
// Fixed arity instead of `arguments`/apply: measured cheaper on the hot path; write/end accept undefined
// for the arguments a caller left out.
function meteredWrite(this: Metered, chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
  const m = this[METER]!;
  m.bytes += byteLength(chunk, encoding);
  return m.origWrite.call(this, chunk, encoding, cb);
}

function meteredEnd(this: Metered, chunk?: unknown, encoding?: unknown, cb?: unknown): ServerResponse {
  const m = this[METER]!;
  if (typeof chunk !== "function") m.bytes += byteLength(chunk, encoding);
  return m.origEnd.call(this, chunk, encoding, cb);
}

function onClose(this: Metered): void {
  finish(this);
}

function finish(res: Metered): void {
  const m = res[METER]!;
  if (m.done) return; // "close" is emitted once; on() instead of once() only needs this guard
  m.done = true;
  const req = m.req;
  m.end = performance.now();
  m.finished = res.writableFinished;
  const status = res.statusCode;
  if (req.method === "HEAD" || status === 204 || status === 304 || (status >= 100 && status < 200)) m.bytes = 0;
  if (m.cb0 !== undefined) call(m.cb0, m, req, res);
  if (m.cb1 !== undefined) call(m.cb1, m, req, res);
  if (m.cb2 !== undefined) call(m.cb2, m, req, res);
  if (m.more !== undefined) for (const cb of m.more) call(cb, m, req, res);
}

function call(cb: DoneCallback, m: MeterState, req: IncomingMessage, res: ServerResponse): void {
  try {
    cb(m, req, res);
  } catch (err) {
    // A broken log sink must not crash the server from inside an event listener.
    process.emitWarning(`tonic: response callback failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function install(req: IncomingMessage, res: Metered): MeterState {
  const existing = res[METER];
  if (existing !== undefined) return existing;
  const m: MeterState = {
    startTime: Date.now(),
    start: performance.now(),
    end: 0,
    bytes: 0,
    finished: false,
    cb0: undefined,
    cb1: undefined,
    cb2: undefined,
    more: undefined,
    req,
    origWrite: res.write as MeterState["origWrite"],
    origEnd: res.end as MeterState["origEnd"],
    done: false,
  };
  res[METER] = m;
  // Patched on the instance, not the prototype: streaming, flushHeaders and the return value of write
  // (backpressure) are untouched; only the byte count is observed.
  res.write = meteredWrite as ServerResponse["write"];
  res.end = meteredEnd as ServerResponse["end"];
  // ServerResponse emits "close" both after a complete response and when the connection dies first.
  res.on("close", onClose);
  return m;
}

/** Status to report for a response: the one sent, or 499 (nginx's "client closed request") when the
 * connection closed before any status line went out. */
export function reportedStatus(res: ServerResponse): number {
  return res.headersSent ? res.statusCode : 499;
}
