import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { connect } from "node:net";
import { Readable } from "node:stream";
import * as v from "valibot";
import { marshaled } from "../../src/tonic/marshaled.js";
import { Conflict } from "../../src/tonic/errors.js";
import { withContext } from "../../src/tonic/compose.js";
import { TrieServeMux } from "../../src/tonic/router/mux.js";
import { inject } from "../../src/tonic/inject.js";

const Wager = v.object({ amount: v.pipe(v.number(), v.minValue(1)), on: v.string() });

const create = marshaled({ body: Wager }, ({ body }) => {
  // Compile-time check: the body type is inferred from the schema.
  const amount: number = body.amount;
  const on: string = body.on;
  return { status: 201, headers: { Location: `/wagers/1` }, body: { id: 1, amount, on } };
});

const post = (payload: string, headers: Record<string, string> = {}) =>
  inject(create, { method: "POST", url: "/wagers", payload, headers: { "content-type": "application/json", ...headers } });

test("success: 201, JSON, Content-Length, trailing newline, handler headers", async () => {
  const r = await post('{"amount":5,"on":"red"}');
  assert.equal(r.statusCode, 201);
  assert.equal(r.headers["content-type"], "application/json; charset=utf-8");
  assert.equal(r.headers.location, "/wagers/1");
  assert.equal(r.body, '{"id":1,"amount":5,"on":"red"}\n');
  assert.equal(r.headers["content-length"], String(r.body.length));
});

test("1. 406 (plain text) when Accept excludes JSON; the handler is not called", async () => {
  let called = false;
  const h = marshaled({}, () => {
    called = true;
    return { body: {} };
  });
  const r = await inject(h, { url: "/", headers: { accept: "text/html" } });
  assert.equal(r.statusCode, 406);
  assert.match(r.headers["content-type"] as string, /^text\/plain/);
  assert.match(r.body, /^not_acceptable: /);
  assert.equal(called, false);
  assert.equal((await inject(h, { url: "/", headers: { accept: "application/json;q=0" } })).statusCode, 406);
});

test("2. 415 unless Content-Type is application/json or +json (parsed)", async () => {
  assert.equal((await post('{"amount":5,"on":"red"}', { "content-type": "text/plain" })).statusCode, 415);
  assert.equal((await post('{"amount":5,"on":"red"}', { "content-type": "application/jsonp" })).statusCode, 415);
  assert.equal((await post('{"amount":5,"on":"red"}', { "content-type": "application/vnd.wager+json; charset=utf-8" })).statusCode, 201);
  assert.equal((await post('{"amount":5,"on":"red"}', { "content-type": "application/json; charset=latin1" })).statusCode, 415);
});

test("3. 413 over the limit (configurable)", async () => {
  const small = marshaled({}, ({ body }) => ({ body }), { limit: 10 });
  const r = await inject(small, { method: "POST", url: "/", payload: '{"a":"0123456789"}', headers: { "content-type": "application/json" } });
  assert.equal(r.statusCode, 413);
  assert.equal(r.json().error, "payload_too_large");
});

test("4. 400 for invalid JSON, saying where; nothing after the first value (fix)", async () => {
  const bad = await post('{"amount":5,\n "on":}');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().description, /line 2, column 7/);
  const trailing = await post('{"amount":5,"on":"red"} {"amount":6,"on":"black"}');
  assert.equal(trailing.statusCode, 400, "fix: a second value is not ignored");
  assert.match(trailing.json().description, /after the JSON value/);
});

test("5. 422 with the schema's issues", async () => {
  const r = await post('{"amount":0}');
  assert.equal(r.statusCode, 422);
  const j = r.json();
  assert.equal(j.error, "unprocessable_entity");
  assert.ok(Array.isArray(j.issues) && j.issues.length >= 2);
  assert.ok(j.issues.some((i: { path?: string[] }) => i.path?.[0] === "amount"));
  assert.ok(j.issues.some((i: { path?: string[] }) => i.path?.[0] === "on"));
});

test("6. thrown HttpError keeps the headers the handler set (fix); other errors are a logged 500", async () => {
  const h = marshaled({}, ({ res }) => {
    res.setHeader("X-Trace", "t-1");
    throw new Conflict("taken", { headers: { "Retry-After": "3" } });
  });
  const r = await inject(h, "/");
  assert.equal(r.statusCode, 409);
  assert.equal(r.headers["x-trace"], "t-1");
  assert.equal(r.headers["retry-after"], "3");
  const logged: unknown[] = [];
  const boom = marshaled({}, () => {
    throw new Error("secret");
  }, { onError: (e) => logged.push(e) });
  const b = await inject(boom, "/");
  assert.equal(b.statusCode, 500);
  assert.doesNotMatch(b.body, /secret/);
  assert.equal(logged.length, 1);
});

test("7. no body for 204, HEAD or undefined body", async () => {
  const h = marshaled({}, ({ query }) => (query["s"] === "204" ? { status: 204, body: { x: 1 } } : query["s"] === "u" ? { status: 200 } : { body: { x: 1 } }));
  const r204 = await inject(h, "/?s=204");
  assert.equal(r204.statusCode, 204);
  assert.equal(r204.body, "");
  const ru = await inject(h, "/?s=u");
  assert.equal(ru.statusCode, 200);
  assert.equal(ru.body, "");
  const nothing = await inject(marshaled({}, () => undefined), "/");
  assert.equal(nothing.statusCode, 204);
});

test("streamed bodies pass through with their own Content-Type, checked against Accept", async () => {
  const h = marshaled({}, () => ({ headers: { "Content-Type": "text/csv" }, body: Readable.from(["a,b\n", "1,2\n"]) }), { produces: ["text/csv", "application/json"] });
  const r = await inject(h, { url: "/", headers: { accept: "text/csv" } });
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers["content-type"], "text/csv");
  assert.equal(r.body, "a,b\n1,2\n");
  const gen = marshaled({}, () => ({ headers: { "Content-Type": "text/csv" }, body: (async function* () { yield "x"; })() }));
  const r2 = await inject(gen, { url: "/", headers: { accept: "application/json" } });
  assert.equal(r2.statusCode, 406, "a CSV stream is not what an Accept: application/json client takes");
});

test("params, query and context reach the handler, typed by their schemas; raw req too", async () => {
  const ctxFactory = () => ({ userId: "u1" });
  const h = marshaled(
    { params: v.object({ id: v.pipe(v.string(), v.transform(Number)) }), query: v.object({ verbose: v.optional(v.string()) }), context: ctxFactory },
    ({ params, query, context, req, url }) => {
      const id: number = params.id;
      const userId: string = context.userId;
      return { body: { id, verbose: query.verbose ?? null, userId, remote: typeof req.socket.remoteAddress, path: url.pathname } };
    },
  );
  const mux = new TrieServeMux().handle("GET", "/w/{id}", withContext(ctxFactory, h));
  const r = await inject(mux, "/w/42?verbose=1");
  assert.deepEqual(r.json(), { id: 42, verbose: "1", userId: "u1", remote: "string", path: "/w/42" });
});

test("a POST without a body and without a body schema is fine; with a schema it must be JSON", async () => {
  const h = marshaled({}, ({ body }) => ({ body: { got: body ?? null } }));
  const r = await inject(h, { method: "POST", url: "/" });
  assert.equal(r.statusCode, 200);
  assert.deepEqual(r.json(), { got: null });
  assert.equal((await inject(create, { method: "POST", url: "/" })).statusCode, 415);
});

test("10 MB body vs the 1 MiB default limit: 413 over a real socket, without reading the body", async (t) => {
  const h = marshaled({}, ({ body }) => ({ body }));
  let serverSocket: Socket | undefined;
  const server = createServer(h);
  server.on("connection", (s) => (serverSocket = s));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => server.close());
  const port = (server.address() as AddressInfo).port;

  for (const framing of ["content-length", "chunked"] as const) {
    const total = 10 * 1024 * 1024;
    const head =
      framing === "content-length"
        ? `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${total}\r\n\r\n`
        : `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const response = await new Promise<string>((resolve, reject) => {
      const c = connect(port, "127.0.0.1");
      let got = "";
      let done = false;
      const finish = () => {
        if (!done) {
          done = true;
          c.destroy();
          resolve(got);
        }
      };
      c.on("data", (d) => {
        got += d.toString("latin1");
        if (got.includes("\r\n\r\n") && /Content-Length: (\d+)/i.test(got)) {
          const len = Number(/Content-Length: (\d+)/i.exec(got)![1]);
          if (got.length >= got.indexOf("\r\n\r\n") + 4 + len) finish();
        }
      });
      c.on("error", (e) => (got.includes("413") ? finish() : reject(e)));
      c.on("close", finish);
      c.write(head);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (!done && sent < total) {
          sent += chunk.length;
          const piece = framing === "chunked" ? Buffer.concat([Buffer.from(chunk.length.toString(16) + "\r\n"), chunk, Buffer.from("\r\n")]) : chunk;
          if (!c.write(piece)) {
            c.once("drain", pump);
            return;
          }
        }
      };
      pump();
    });
    assert.match(response, /^HTTP\/1\.1 413 /, framing);
    assert.match(response, /"error":"payload_too_large"/);
    assert.ok(serverSocket !== undefined);
    assert.ok(serverSocket.bytesRead < 2 * 1024 * 1024, `${framing}: server read ${serverSocket.bytesRead} bytes`);
  }
});
