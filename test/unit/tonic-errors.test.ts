import { test } from "node:test";
import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import {
  Conflict,
  Forbidden,
  HttpError,
  httpError,
  MethodNotAllowed,
  NotFound,
  NotModified,
  statusName,
  Teapot,
  UnavailableForLegalReasons,
  UnprocessableEntity,
  writeError,
  GENERIC_500_DESCRIPTION,
} from "../../src/tonic/errors.js";
import { inject } from "../../src/tonic/inject.js";
import type { Handler } from "../../src/tonic/types.js";

const throwing = (err: unknown, onError?: (e: unknown, r: IncomingMessage) => void): Handler => (req, res) => writeError(req, res, err, { onError });

test("names are the snake-cased status text unless given", () => {
  assert.equal(new NotFound().name, "not_found");
  assert.equal(new MethodNotAllowed().name, "method_not_allowed");
  assert.equal(new UnprocessableEntity().name, "unprocessable_entity");
  assert.equal(new Teapot().name, "im_a_teapot");
  assert.equal(new UnavailableForLegalReasons().status, 451);
  assert.equal(new Conflict("x", { name: "wager_conflict" }).name, "wager_conflict");
  assert.equal(httpError(418, "short").status, 418);
  assert.equal(statusName(429), "too_many_requests");
  assert.ok(new Forbidden() instanceof HttpError);
  assert.ok(new Forbidden() instanceof Error);
  assert.throws(() => httpError(99), RangeError);
});

test("JSON body by default (absent Accept), exact format", async () => {
  const r = await inject(throwing(new Conflict("wager 7 exists")), { url: "/", headers: {} });
  assert.equal(r.statusCode, 409);
  assert.equal(r.headers["content-type"], "application/json; charset=utf-8");
  assert.equal(r.body, '{"description":"wager 7 exists","error":"conflict"}\n');
  assert.equal(r.headers["content-length"], String(Buffer.byteLength(r.body)));
});

test("plain text when the client does not accept JSON", async () => {
  const r = await inject(throwing(new NotFound("no wager 7")), { url: "/", headers: { accept: "text/plain" } });
  assert.equal(r.headers["content-type"], "text/plain; charset=utf-8");
  assert.equal(r.body, "not_found: no wager 7\n");
  const q0 = await inject(throwing(new NotFound("x")), { url: "/", headers: { accept: "application/json;q=0, text/plain" } });
  assert.equal(q0.headers["content-type"], "text/plain; charset=utf-8", "fix: q=0 excludes JSON");
});

test("fix: a plain Error is a generic 500; the stack goes to the log, never the client", async () => {
  const logged: unknown[] = [];
  const r = await inject(throwing(new Error("db password is hunter2"), (e) => logged.push(e)), "/");
  assert.equal(r.statusCode, 500);
  assert.deepEqual(r.json(), { description: GENERIC_500_DESCRIPTION, error: "internal_server_error" });
  assert.doesNotMatch(r.body, /hunter2|at /);
  assert.equal(logged.length, 1);
  assert.match(String((logged[0] as Error).stack), /hunter2/);
});

test("error headers and details are written; 304 has no body", async () => {
  const e = new UnprocessableEntity("bad", { headers: { "Retry-After": "5" }, details: { issues: [{ message: "m" }] } });
  const r = await inject(throwing(e), "/");
  assert.equal(r.headers["retry-after"], "5");
  assert.deepEqual(r.json(), { description: "bad", error: "unprocessable_entity", issues: [{ message: "m" }] });
  const nm = await inject(throwing(new NotModified(undefined, { headers: { ETag: '"v1"' } })), "/");
  assert.equal(nm.statusCode, 304);
  assert.equal(nm.body, "");
  assert.equal(nm.headers.etag, '"v1"');
});

test("the default logger writes one JSON line with the stack to stderr", async () => {
  const { defaultErrorLogger } = await import("../../src/tonic/errors.js");
  const chunks: string[] = [];
  const orig = process.stderr.write.bind(process.stderr);
  (process.stderr as { write: unknown }).write = (c: string) => (chunks.push(String(c)), true);
  try {
    defaultErrorLogger(new Error("boom"), { method: "GET", url: "/x" } as IncomingMessage);
  } finally {
    (process.stderr as { write: unknown }).write = orig;
  }
  const line = JSON.parse(chunks.join(""));
  assert.equal(line.level, "error");
  assert.equal(line.msg, "boom");
  assert.match(line.stack, /Error: boom/);
});
