// marshaled: typed JSON handlers (Tiger Tonic's Marshaled), validated with any Standard Schema (zod,
// valibot, arktype...). The pipeline order is the contract (SPEC-http section 4):
// 406 -> 415 -> 413 -> 400 -> 422 -> handler -> JSON answer.
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import getRawBody from "raw-body";
import { context as contextOf } from "./compose.js";
import type { ContextFactory } from "./compose.js";
import { BadRequest, NotAcceptable, RequestEntityTooLarge, UnprocessableEntity, UnsupportedMediaType, toHttpError, writeError } from "./errors.js";
import type { ErrorLogger, ErrorWriter } from "./errors.js";
import { applyPairs, noHeadersSet, setPairsEntry } from "./head.js";
import type { HeaderPairs } from "./head.js";
import { jsonErrorPosition } from "./json-position.js";
import { accepts, acceptsJson, isJsonMediaType, parseContentType } from "./negotiate.js";
import { hasContexts, requestState } from "./state.js";
import type { Handler } from "./types.js";

export interface MarshaledSchemas {
  body?: StandardSchemaV1;
  params?: StandardSchemaV1;
  query?: StandardSchemaV1;
  /** The withContext factory whose object the handler gets as `context` (typed). */
  context?: ContextFactory<any>;
}

type Out<S, D> = S extends StandardSchemaV1 ? StandardSchemaV1.InferOutput<S> : D;
export type BodyOf<S> = S extends { body: infer B } ? Out<B, unknown> : unknown;
export type ParamsOf<S> = S extends { params: infer P } ? Out<P, Record<string, string>> : Record<string, string>;
export type QueryOf<S> = S extends { query: infer Q } ? Out<Q, QueryObject> : QueryObject;
export type ContextOf<S> = S extends { context: ContextFactory<infer C> } ? C : unknown;
export type QueryObject = Record<string, string | string[]>;

export interface MarshaledRequest<S extends MarshaledSchemas = MarshaledSchemas> {
  body: BodyOf<S>;
  params: ParamsOf<S>;
  query: QueryOf<S>;
  /** The request URL (built on first use). */
  readonly url: URL;
  headers: IncomingHttpHeaders;
  req: IncomingMessage;
  res: ServerResponse;
  context: ContextOf<S>;
}

export type StreamBody = Readable | AsyncIterable<Uint8Array | string>;

export interface MarshaledResponse<B = unknown> {
  /** Default 200. */
  status?: number;
  headers?: OutgoingHttpHeaders;
  /** JSON-serialised; a Readable/async iterable streams as is (give it a Content-Type). undefined = no body. */
  body?: B | StreamBody;
}

export interface MarshaledOptions {
  /** Largest accepted request body in bytes; default 1 MiB. */
  limit?: number;
  /** Media types the handler may answer with; 406 unless Accept allows one. Default: application/json. */
  produces?: string[];
  errorWriter?: ErrorWriter;
  onError?: ErrorLogger;
}

export type MarshaledFunction<S extends MarshaledSchemas, B> = (
  request: MarshaledRequest<S>,
) => MarshaledResponse<B> | void | Promise<MarshaledResponse<B> | void>;

const DEFAULT_LIMIT = 1024 * 1024;
const JSON_TYPE = "application/json; charset=utf-8";
const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

type Issue = { message: string; path?: Array<string | number> };

function jsonIssues(issues: readonly StandardSchemaV1.Issue[]): Issue[] {
  return issues.map((i) => {
    const out: Issue = { message: i.message };
    if (i.path !== undefined && i.path.length > 0) {
      out.path = i.path.map((seg) => {
        const k = typeof seg === "object" && seg !== null ? seg.key : seg;
        return typeof k === "number" ? k : String(k);
      });
    }
    return out;
  });
}

type SchemaResult = StandardSchemaV1.Result<unknown>;

// The validated value, or the error the pipeline promises for it.
function checked(r: SchemaResult, what: string, status: 400 | 422): unknown {
  if (r.issues !== undefined) {
    const details = { issues: jsonIssues(r.issues) };
    const msg = `${what} does not match the schema`;
    throw status === 422 ? new UnprocessableEntity(msg, { details }) : new BadRequest(msg, { details });
  }
  return r.value;
}

async function validate(schema: StandardSchemaV1, value: unknown, what: string, status: 400 | 422): Promise<unknown> {
  return checked(await schema["~standard"].validate(value), what, status);
}

function queryObject(url: string): QueryObject {
  const q = url.indexOf("?");
  const out: QueryObject = {};
  if (q === -1) return out;
  for (const [k, v] of new URLSearchParams(url.slice(q + 1))) {
    if (k === "__proto__") continue;
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else out[k] = [prev, v];
  }
  return out;
}

// One class instead of an object literal with defineProperty: a fixed shape, and url/query built only when
// a handler reads them (most never look at the query).
class MarshaledRequestImpl {
  #url: URL | undefined;
  #query: unknown;
  #queryDone: boolean;
  readonly #res: ServerResponse;
  #pending: HeaderPairs | undefined;
  constructor(
    readonly req: IncomingMessage,
    res: ServerResponse,
    readonly body: unknown,
    readonly params: unknown,
    query: unknown,
    queryDone: boolean,
    readonly context: unknown,
    pending: HeaderPairs | undefined,
  ) {
    this.#res = res;
    this.#query = query;
    this.#queryDone = queryDone;
    this.#pending = pending;
  }
  /** The response; headers a wrapper handed over as pairs (head.ts) are set on it before the handler sees it. */
  get res(): ServerResponse {
    if (this.#pending !== undefined) applyPairs(this.#res, this.takePending()!);
    return this.#res;
  }
  /** Header pairs not yet set on the response (and from now on the caller's to send). */
  takePending(): HeaderPairs | undefined {
    const p = this.#pending;
    this.#pending = undefined;
    return p;
  }
  peekPending(): HeaderPairs | undefined {
    return this.#pending;
  }
  get headers(): IncomingHttpHeaders {
    return this.req.headers;
  }
  get url(): URL {
    if (this.#url === undefined) {
      const path = this.req.url ?? "/";
      try {
        this.#url = new URL(path, `http://${this.req.headers.host ?? "localhost"}`);
      } catch {
        // A Host header that is not a valid authority must not turn into a 500.
        this.#url = new URL(path, "http://localhost");
      }
    }
    return this.#url;
  }
  get query(): unknown {
    if (!this.#queryDone) {
      this.#query = queryObject(this.req.url ?? "");
      this.#queryDone = true;
    }
    return this.#query;
  }
}

function hasBody(req: IncomingMessage): boolean {
  const cl = req.headers["content-length"];
  if (cl !== undefined) return cl.trim() !== "0";
  return req.headers["transfer-encoding"] !== undefined;
}

async function readJson(req: IncomingMessage, res: ServerResponse, limit: number): Promise<unknown> {
  const cl = req.headers["content-length"];
  const length = cl === undefined ? null : Number(cl);
  const tooLarge = () => {
    // The rest of the body stays unread: the connection closes after the answer instead of draining it.
    res.setHeader("Connection", "close");
    return new RequestEntityTooLarge(`request body is larger than ${limit} bytes`);
  };
  if (length !== null && length > limit) throw tooLarge();
  let buf: Buffer;
  try {
    // raw-body stops reading (and pauses the stream) as soon as the limit is crossed.
    buf = await getRawBody(req, { limit, length });
  } catch (err) {
    if ((err as { type?: string }).type === "entity.too.large") throw tooLarge();
    throw new BadRequest(`could not read the request body: ${(err as Error).message}`);
  }
  let text = buf.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch {
    const p = jsonErrorPosition(text);
    throw new BadRequest(`invalid JSON at line ${p.line}, column ${p.column} (byte ${p.offset}): ${p.problem}`);
  }
}

function isPromise<T>(v: T | Promise<T>): v is Promise<T> {
  return typeof v === "object" && v !== null && typeof (v as { then?: unknown }).then === "function";
}

function isStream(body: unknown): body is StreamBody {
  return (
    body instanceof Readable ||
    (typeof body === "object" && body !== null && typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function")
  );
}

function applyHeaders(res: ServerResponse, headers: OutgoingHttpHeaders | undefined): void {
  if (headers === undefined) return;
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) res.setHeader(k, v);
}

/**
 * A typed JSON handler. Schemas (any Standard Schema) type and validate the body, route params and query:
 * ```ts
 * marshaled({ body: CreateWager }, async ({ body }) => ({ status: 201, body: await save(body) }))
 * ```
 */
export function marshaled<S extends MarshaledSchemas, B = unknown>(
  schemas: S,
  fn: MarshaledFunction<S, B>,
  options: MarshaledOptions = {},
): Handler {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const produces = options.produces;
  const errOpts = { errorWriter: options.errorWriter, onError: options.onError };

  const acceptable = (accept: string | undefined): boolean => {
    if (produces === undefined) return acceptsJson(accept);
    for (const t of produces) if (accepts(accept, t)) return true;
    return false;
  };

  // `pending`: header pairs a wrapper handed over (head.ts) that are not set yet; they belong on the error
  // answer just as if the wrapper had set them itself.
  const fail = (req: IncomingMessage, res: ServerResponse, err: unknown, pending?: HeaderPairs): void => {
    if (pending !== undefined && !res.headersSent) applyPairs(res, pending);
    if (res.headersSent) {
      // Mid-stream failure: only the connection can still say so.
      toHttpError(err, req, options.onError);
      res.destroy();
      return;
    }
    // Headers the handler set (res.setHeader) stay on the error answer; Tiger Tonic dropped them.
    writeError(req, res, err, errOpts);
  };

  // 7. the answer. Synchronous unless the body is a stream. `request` holds header pairs a wrapper handed
  // over (head.ts) while they are still unset; they stay there until written, so a throw below (a body
  // JSON.stringify refuses) still finds them for the error answer.
  const respond = (
    req: IncomingMessage,
    res: ServerResponse,
    result: MarshaledResponse<B> | void | undefined,
    request?: MarshaledRequestImpl,
  ): void | Promise<void> => {
    if (res.writableEnded) return; // the handler answered through `res` itself
    const method = req.method;
    const status = result?.status ?? (result === undefined ? 204 : 200);
    const out = result?.body;
    let pending = request?.peekPending();
    if (pending !== undefined && (result?.headers !== undefined || out === undefined || status === 204 || status === 304 || !noHeadersSet(res))) {
      // Not the plain JSON answer on a clean response: set them now, as the wrapper would have.
      applyPairs(res, request!.takePending()!);
      pending = undefined;
    }
    applyHeaders(res, result?.headers);
    res.statusCode = status;
    if (out === undefined || status === 204 || status === 304) {
      res.end();
      return;
    }
    if (typeof out === "object" && out !== null && isStream(out)) {
      if (pending !== undefined) applyPairs(res, request!.takePending()!);
      return respondStream(req, res, out, status);
    }
    const payload = JSON.stringify(out) + "\n";
    if (pending !== undefined) {
      // No header set on `res` (checked above): one flat writeHead carries the handed-over pairs and ours,
      // in the order setHeader would have produced (theirs first).
      request!.takePending();
      // Sized up front: slice() + push() grew a 25-slot backing store per request.
      const n = pending.length;
      const head = new Array<string>(n + 4);
      for (let i = 0; i < n; i++) head[i] = pending[i]!;
      head[n] = "Content-Type";
      head[n + 1] = JSON_TYPE;
      head[n + 2] = "Content-Length";
      head[n + 3] = String(Buffer.byteLength(payload));
      res.writeHead(status, head);
      res.end(method === "HEAD" ? undefined : payload);
      return;
    }
    // writeHead with the headers, not two setHeader calls: when nothing set a header before, Node then
    // serialises this object straight into the head instead of building its header dictionary (measured
    // ~3 us of server CPU per request under load). When headers were set (cors, request ids, the handler),
    // Node applies these with setHeader itself, so the answer is the same either way. Known difference:
    // in the first case res.getHeader() does not report these two after the answer was written.
    res.writeHead(status, { "Content-Type": JSON_TYPE, "Content-Length": Buffer.byteLength(payload) });
    res.end(method === "HEAD" ? undefined : payload);
  };

  const respondStream = async (req: IncomingMessage, res: ServerResponse, out: StreamBody, status: number): Promise<void> => {
    const accept = req.headers.accept;
    const type = res.getHeader("content-type");
    const ct = typeof type === "string" ? type : "application/octet-stream";
    if (!accepts(accept, ct)) {
      if (out instanceof Readable) out.destroy();
      throw new NotAcceptable(`the answer is ${ct}; Accept: ${accept} does not allow it`);
    }
    res.setHeader("Content-Type", ct);
    if (req.method === "HEAD" || status === 204 || status === 304) {
      if (out instanceof Readable) out.destroy();
      res.end();
      return;
    }
    await pipeline(out instanceof Readable ? out : Readable.from(out), res);
  };

  // Steps 2-5 and the rest, for requests that need to await something (a body, an async schema).
  const slow = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const method = req.method ?? "GET";
      let body: unknown = undefined;
      if (WITH_BODY.has(method) && (schemas.body !== undefined || hasBody(req))) {
        // 2. 415: parsed media type, not a prefix match.
        const ct = parseContentType(req.headers["content-type"]);
        if (ct === undefined || !isJsonMediaType(ct)) {
          throw new UnsupportedMediaType(`Content-Type must be application/json, not ${req.headers["content-type"] ?? "(none)"}`);
        }
        const charset = ct.params["charset"]?.toLowerCase();
        if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
          throw new UnsupportedMediaType(`charset ${charset} is not supported; send UTF-8`);
        }
        // 3. 413 and 4. 400
        body = hasBody(req) ? await readJson(req, res, limit) : undefined;
        // 5. 422
        if (schemas.body !== undefined) body = await validate(schemas.body, body, "request body", 422);
      }
      const st = requestState(req);
      const params = schemas.params !== undefined ? await validate(schemas.params, st.params, "route params", 400) : st.params;
      let query: unknown = undefined;
      if (schemas.query !== undefined) query = await validate(schemas.query, queryObject(req.url ?? ""), "query", 400);
      const ctx = schemas.context !== undefined ? contextOf(req, schemas.context) : contextOf(req);
      const request = new MarshaledRequestImpl(req, res, body, params, query, schemas.query !== undefined, ctx, undefined) as unknown as MarshaledRequest<S>;
      // 6. the handler
      await respond(req, res, await fn(request));
    } catch (err) {
      fail(req, res, err);
    }
  };

  // Steps 6-7 once params (and maybe query) are known; `pendingParams`/`pendingQuery` are the results of an
  // asynchronous schema that the fast path handed over instead of awaiting itself.
  const finish = async (
    req: IncomingMessage,
    res: ServerResponse,
    params: unknown,
    pendingParams: PromiseLike<SchemaResult> | undefined,
    pendingQuery: PromiseLike<SchemaResult> | undefined,
  ): Promise<void> => {
    try {
      if (pendingParams !== undefined) params = checked(await pendingParams, "route params", 400);
      let query: unknown = undefined;
      if (pendingQuery !== undefined) query = checked(await pendingQuery, "query", 400);
      else if (schemas.query !== undefined) query = await validate(schemas.query, queryObject(req.url ?? ""), "query", 400);
      const ctx = schemas.context !== undefined ? contextOf(req, schemas.context) : contextOf(req);
      const request = new MarshaledRequestImpl(req, res, undefined, params, query, schemas.query !== undefined, ctx, undefined) as unknown as MarshaledRequest<S>;
      await respond(req, res, await fn(request));
    } catch (err) {
      fail(req, res, err);
    }
  };

  // The handler, with header pairs from a wrapper (cors) that were not set on `res` (head.ts); undefined when
  // called as a plain handler.
  const serve = (req: IncomingMessage, res: ServerResponse, pairs: HeaderPairs | undefined): void | Promise<void> => {
    let request: MarshaledRequestImpl | undefined;
    try {
      // 1. 406: the client must take what we produce; the handler never runs otherwise.
      const accept = req.headers.accept;
      if (!acceptable(accept)) {
        throw new NotAcceptable(`this resource answers with ${(produces ?? ["application/json"]).join(", ")}; Accept: ${accept} allows none of it`);
      }
      const method = req.method ?? "GET";
      if (schemas.body !== undefined ? WITH_BODY.has(method) : WITH_BODY.has(method) && hasBody(req)) {
        if (pairs !== undefined) applyPairs(res, pairs);
        return slow(req, res);
      }

      // Fast path (no body to read): answered in the same tick when the schemas and the handler are
      // synchronous (valibot, zod and most others are). An async function with awaits on already-known
      // values cost several microtask turns and promise allocations per request; awaiting happens only
      // when a schema really returns a promise.
      const st = requestState(req);
      let params: unknown = st.params;
      if (schemas.params !== undefined) {
        const r = schemas.params["~standard"].validate(st.params);
        if (isPromise(r)) {
          if (pairs !== undefined) applyPairs(res, pairs);
          return finish(req, res, undefined, r, undefined);
        }
        params = checked(r, "route params", 400);
      }
      let query: unknown = undefined;
      if (schemas.query !== undefined) {
        const r = schemas.query["~standard"].validate(queryObject(req.url ?? ""));
        if (isPromise(r)) {
          if (pairs !== undefined) applyPairs(res, pairs);
          return finish(req, res, params, undefined, r);
        }
        query = checked(r, "query", 400);
      }
      const ctx = schemas.context !== undefined ? contextOf(req, schemas.context) : hasContexts(req) ? contextOf(req) : undefined;
      const rq = new MarshaledRequestImpl(req, res, undefined, params, query, schemas.query !== undefined, ctx, pairs);
      request = rq;
      // 6. the handler
      const result = fn(rq as unknown as MarshaledRequest<S>);
      if (isPromise(result)) {
        return result.then(
          (r) => {
            const done = respond(req, res, r, rq);
            return done === undefined ? undefined : done.catch((err: unknown) => fail(req, res, err, rq.takePending()));
          },
          (err: unknown) => fail(req, res, err, rq.takePending()),
        );
      }
      const done = respond(req, res, result, rq);
      if (done !== undefined) return done.catch((err: unknown) => fail(req, res, err, rq.takePending()));
    } catch (err) {
      fail(req, res, err, request === undefined ? pairs : request.takePending());
    }
  };

  return setPairsEntry((req: IncomingMessage, res: ServerResponse) => serve(req, res, undefined), serve);
}
