// HTTP errors and the error writer every tonic component answers failures through.
import { STATUS_CODES } from "node:http";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { acceptsJson } from "./negotiate.js";
import { requestState } from "./state.js";

export type HeaderValues = Record<string, string | number | readonly string[]>;

export interface HttpErrorOptions {
  /** The `error` field of the body; default: the snake-cased status text (`not_found`). */
  name?: string;
  /** Headers sent with the error response (`Allow`, `WWW-Authenticate`, `Retry-After`...). */
  headers?: HeaderValues;
  /** Extra JSON fields written next to `description` and `error` (e.g. `issues` for 422). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** `Not Found` -> `not_found`; `I'm a Teapot` -> `im_a_teapot`. */
export function statusName(status: number): string {
  const text = STATUS_CODES[status] ?? `status ${status}`;
  return text
    .toLowerCase()
    .replace(/'/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

export class HttpError extends Error {
  readonly status: number;
  headers: HeaderValues | undefined;
  details: Record<string, unknown> | undefined;

  constructor(status: number, message?: string, options: HttpErrorOptions = {}) {
    super(message ?? STATUS_CODES[status] ?? `status ${status}`, options.cause === undefined ? undefined : { cause: options.cause });
    if (!Number.isInteger(status) || status < 100 || status > 599) throw new RangeError(`invalid HTTP status ${status}`);
    this.status = status;
    this.name = options.name ?? statusName(status);
    this.headers = options.headers;
    this.details = options.details;
  }
}

/** An HttpError for any status, e.g. `httpError(418, "short and stout")`. */
export function httpError(status: number, message?: string, options?: HttpErrorOptions): HttpError {
  return new HttpError(status, message, options);
}

type ErrorClass = new (message?: string, options?: HttpErrorOptions) => HttpError;

function errorClass(status: number): ErrorClass {
  return class extends HttpError {
    constructor(message?: string, options?: HttpErrorOptions) {
      super(status, message, options);
    }
  };
}

// One class per status Tiger Tonic had (Go's net/http constants 100-505), plus the later 4xx/5xx codes
// services actually use. Class names follow Tiger Tonic; the `error` field follows the status text.
export const Continue = errorClass(100);
export const SwitchingProtocols = errorClass(101);
export const OK = errorClass(200);
export const Created = errorClass(201);
export const Accepted = errorClass(202);
export const NonAuthoritativeInfo = errorClass(203);
export const NoContent = errorClass(204);
export const ResetContent = errorClass(205);
export const PartialContent = errorClass(206);
export const MultipleChoices = errorClass(300);
export const MovedPermanently = errorClass(301);
export const Found = errorClass(302);
export const SeeOther = errorClass(303);
export const NotModified = errorClass(304);
export const UseProxy = errorClass(305);
export const TemporaryRedirect = errorClass(307);
export const BadRequest = errorClass(400);
export const Unauthorized = errorClass(401);
export const PaymentRequired = errorClass(402);
export const Forbidden = errorClass(403);
export const NotFound = errorClass(404);
export const MethodNotAllowed = errorClass(405);
export const NotAcceptable = errorClass(406);
export const ProxyAuthRequired = errorClass(407);
export const RequestTimeout = errorClass(408);
export const Conflict = errorClass(409);
export const Gone = errorClass(410);
export const LengthRequired = errorClass(411);
export const PreconditionFailed = errorClass(412);
export const RequestEntityTooLarge = errorClass(413);
export const RequestURITooLong = errorClass(414);
export const UnsupportedMediaType = errorClass(415);
export const RequestedRangeNotSatisfiable = errorClass(416);
export const ExpectationFailed = errorClass(417);
export const Teapot = errorClass(418);
export const UnprocessableEntity = errorClass(422);
export const TooManyRequests = errorClass(429);
export const UnavailableForLegalReasons = errorClass(451);
export const InternalServerError = errorClass(500);
export const NotImplemented = errorClass(501);
export const BadGateway = errorClass(502);
export const ServiceUnavailable = errorClass(503);
export const GatewayTimeout = errorClass(504);
export const HTTPVersionNotSupported = errorClass(505);
/** Alias under today's status text. */
export const PayloadTooLarge = RequestEntityTooLarge;

/** Where unexpected errors (and their stacks) go. Never the client. */
export type ErrorLogger = (err: unknown, req: IncomingMessage) => void;

/** Default logger: one JSON line on stderr with the stack. */
export const defaultErrorLogger: ErrorLogger = (err, req) => {
  const e = err instanceof Error ? err : new Error(String(err));
  const line = {
    level: "error",
    time: new Date().toISOString(),
    msg: e.message,
    method: req.method,
    url: req.url,
    requestId: requestState(req).requestId,
    stack: e.stack,
  };
  process.stderr.write(JSON.stringify(line) + "\n");
};

export const GENERIC_500_DESCRIPTION = "the server could not complete the request";

/**
 * Turns anything thrown into an HttpError. HttpErrors pass through; anything else is logged (stack and all)
 * and becomes a 500 whose description says nothing about the cause.
 */
export function toHttpError(err: unknown, req: IncomingMessage, log: ErrorLogger = defaultErrorLogger): HttpError {
  if (err instanceof HttpError) return err;
  try {
    log(err, req);
  } catch {
    // A broken logger must not turn a 500 into a crash.
  }
  return new HttpError(500, GENERIC_500_DESCRIPTION, { name: "internal_server_error" });
}

/** Writes an HttpError as the response. Replaceable per router, server or handler. */
export type ErrorWriter = (req: IncomingMessage, res: ServerResponse, err: HttpError) => void;

/** Marks the Cache-Control value `cached()` put on a response, so an error answer does not inherit it. */
export const CACHE_CONTROL_SET_BY_CACHED = Symbol.for("tonic.cachedCacheControl");

function setHeaders(res: ServerResponse, headers: HeaderValues | OutgoingHttpHeaders): void {
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) res.setHeader(k, v as string | number | string[]);
}

function noBody(status: number): boolean {
  return status < 200 || status === 204 || status === 304;
}

/**
 * Tiger Tonic's error format: `{"description","error"}` JSON, or `<error>: <description>` as text when the
 * client does not take JSON. Headers the handler already set are kept (only Content-Type/Length replaced).
 */
export const defaultErrorWriter: ErrorWriter = (req, res, err) => {
  if (res.headersSent) {
    // Too late for a status line: cut the connection so the client sees a failure instead of a hang.
    res.destroy(err);
    return;
  }
  const marked = (res as unknown as Record<symbol, unknown>)[CACHE_CONTROL_SET_BY_CACHED];
  if (marked !== undefined && res.getHeader("cache-control") === marked) res.removeHeader("cache-control");
  if (err.headers !== undefined) setHeaders(res, err.headers);
  res.statusCode = err.status;
  if (noBody(err.status)) {
    res.removeHeader("content-type");
    res.removeHeader("content-length");
    res.end();
    return;
  }
  let payload: string;
  if (acceptsJson(req.headers.accept)) {
    payload = JSON.stringify({ description: err.message, error: err.name, ...err.details }) + "\n";
    res.setHeader("Content-Type", "application/json; charset=utf-8");
  } else {
    payload = `${err.name}: ${err.message}\n`;
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
  }
  res.setHeader("Content-Length", Buffer.byteLength(payload));
  res.end(payload);
};

/** toHttpError + writer in one call: what every component does in its catch block. */
export function writeError(
  req: IncomingMessage,
  res: ServerResponse,
  err: unknown,
  options: { errorWriter?: ErrorWriter | undefined; onError?: ErrorLogger | undefined } = {},
): void {
  const he = toHttpError(err, req, options.onError);
  (options.errorWriter ?? defaultErrorWriter)(req, res, he);
}
