// Request ids (SPEC-http 7): a client's X-Request-ID is kept when it is a sane token, so ids follow a request
// across services; anything else (absent, too long, odd bytes that would poison a log line) gets a fresh id.
import { randomFillSync } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { requestState } from "./state.js";
import type { Handler } from "./types.js";
import { wrapped } from "./wrap.js";

export const REQUEST_ID_HEADER = "X-Request-ID";

const SANE = /^[A-Za-z0-9._-]{1,128}$/;
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ID_LENGTH = 16;
// 248 = 4 * 62: bytes at or above it are rejected so that `byte % 62` is uniform (no modulo bias).
const ACCEPT_BELOW = 248;

// One randomFillSync per 4 KiB serves ~250 ids: the syscall per id was the cost, not the bytes.
const pool = Buffer.allocUnsafe(4096);
let poolPos = pool.length;

function nextByte(): number {
  if (poolPos >= pool.length) {
    randomFillSync(pool);
    poolPos = 0;
  }
  return pool[poolPos++]!;
}

/** A new 16-character base62 id from the CSPRNG (about 95 bits). */
export function newRequestId(): string {
  let id = "";
  while (id.length < ID_LENGTH) {
    const b = nextByte();
    if (b < ACCEPT_BELOW) id += ALPHABET[b % 62];
  }
  return id;
}

/** True when a client-supplied id may be kept: 1..128 characters of [A-Za-z0-9._-]. */
export function isSaneRequestId(value: unknown): value is string {
  return typeof value === "string" && SANE.test(value);
}

/**
 * The id of this request: assigned on first call (the client's sane X-Request-ID, else a new one), stored in
 * requestState(req).requestId and, when `res` is given and headers are not yet sent, echoed as X-Request-ID.
 */
export function requestId(req: IncomingMessage, res?: ServerResponse): string {
  const state = requestState(req);
  let id = state.requestId;
  if (id === undefined) {
    const given = req.headers["x-request-id"];
    id = isSaneRequestId(given) ? given : newRequestId();
    state.requestId = id;
  }
  if (res !== undefined && !res.headersSent && !res.hasHeader(REQUEST_ID_HEADER)) res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** Middleware: assigns the request id before the handler runs and echoes it in the response. */
export function withRequestId(handler: Handler): Handler {
  return wrapped(handler, (req, res) => {
    requestId(req, res);
    return handler(req, res);
  });
}
