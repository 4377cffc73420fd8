// cors hands its headers to marshaled as pairs written with one writeHead (head.ts) instead of setHeader.
// Every answer must stay byte for byte what the setHeader path sends: each case runs the same app twice,
// once with marshaled hidden behind a plain function (so cors falls back to setHeader), and compares the
// raw responses (Date aside).
import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { PassThrough, Readable } from "node:stream";
import { cors } from "../../src/tonic/cors.js";
import type { CorsPolicy } from "../../src/tonic/cors.js";
import { NotFound } from "../../src/tonic/errors.js";
import { pairsEntryOf } from "../../src/tonic/head.js";
import { lineSink } from "../../src/tonic/log/line-writer.js";
import { marshaled } from "../../src/tonic/marshaled.js";
import type { MarshaledFunction, MarshaledSchemas } from "../../src/tonic/marshaled.js";
import type { Handler } from "../../src/tonic/types.js";
import { serve } from "../helpers/tonic-serve.js";
import { objectModeCollector } from "../helpers/object-stream.js";

const ORIGIN = "https://app.example";

async function rawRequest(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, "127.0.0.1");
    let out = "";
    sock.setEncoding("latin1");
    sock.on("data", (d: string) => (out += d));
    sock.on("end", () => resolve(out.replace(/^Date: .*\r\n/m, "")));
    sock.on("error", reject);
    sock.end(head);
  });
}

function request(path: string, headers: Record<string, string>, method = "GET"): string {
  let h = `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n`;
  for (const [k, v] of Object.entries(headers)) h += `${k}: ${v}\r\n`;
  return h + "\r\n";
}

/** Serves `build(deferred)` for both settings and returns the two raw answers to `req`. */
async function both(build: (inner: (h: Handler) => Handler) => Handler, req: string): Promise<[string, string]> {
  const out: string[] = [];
  for (const deferred of [true, false]) {
    // A plain wrapper function carries no pairs entry, so cors takes its setHeader path.
    const app = build((h) => (deferred ? h : (rq, rs) => h(rq, rs)));
    const s = await serve(app);
    try {
      out.push(await rawRequest(s.port, req));
    } finally {
      await s.close();
    }
  }
  return [out[0]!, out[1]!];
}

function corsApp<S extends MarshaledSchemas>(policy: CorsPolicy, fn: MarshaledFunction<S, unknown>, schemas = {} as S) {
  // onError: the 500 cases need no stack traces in the test output.
  return (inner: (h: Handler) => Handler): Handler => cors(policy, inner(marshaled(schemas, fn, { onError: () => {} })));
}

const cred: CorsPolicy = { origins: [ORIGIN], credentials: true };

test("head pairs: marshaled exposes the pairs entry and cors uses it only when wrapping marshaled directly", () => {
  const m = marshaled({}, () => ({ body: 1 }));
  assert.equal(typeof pairsEntryOf(m), "function");
  assert.equal(pairsEntryOf(cors(cred, m)), undefined);
  assert.equal(pairsEntryOf((req, res) => m(req, res)), undefined);
});

const cases: Array<[string, (inner: (h: Handler) => Handler) => Handler, string]> = [
  ["JSON answer, allowed origin with credentials", corsApp(cred, () => ({ body: { hello: "world" } })), request("/", { Origin: ORIGIN })],
  ["same, HEAD", corsApp(cred, () => ({ body: { hello: "world" } })), request("/", { Origin: ORIGIN }, "HEAD")],
  ["disallowed origin: only Vary", corsApp(cred, () => ({ body: [1, 2] })), request("/", { Origin: "https://evil.example" })],
  ["no Origin at all", corsApp(cred, () => ({ body: [1, 2] })), request("/", {})],
  ["`*` without credentials: no Vary", corsApp({ origins: "*" }, () => ({ status: 201, body: "x" })), request("/", { Origin: ORIGIN })],
  ["exposed headers", corsApp({ origins: [/^https:\/\/app\./], exposedHeaders: ["X-A", "X-B"] }, () => ({ body: {} })), request("/", { Origin: ORIGIN })],
  ["handler headers in the result", corsApp(cred, () => ({ headers: { "X-Extra": "1", Vary: "Accept" }, body: { a: 1 } })), request("/", { Origin: ORIGIN })],
  ["no body: 204", corsApp(cred, () => undefined), request("/", { Origin: ORIGIN })],
  ["304 with a body given", corsApp(cred, () => ({ status: 304, body: { a: 1 } })), request("/", { Origin: ORIGIN })],
  ["stream body", corsApp(cred, ({ res }) => (res.setHeader("Content-Type", "text/plain"), { body: Readable.from(["a", "b"]) })), request("/", { Origin: ORIGIN })],
  [
    "stream body without touching res",
    corsApp(cred, () => ({ body: Readable.from(["a", "b"]) })),
    request("/", { Origin: ORIGIN, Accept: "application/octet-stream" }),
  ],
  ["async handler", corsApp(cred, async () => ({ body: { late: true } })), request("/", { Origin: ORIGIN })],
  ["thrown HttpError keeps the CORS headers", corsApp(cred, () => { throw new NotFound("no such thing"); }), request("/", { Origin: ORIGIN })],
  ["rejected promise keeps the CORS headers", corsApp(cred, async () => { throw new Error("boom"); }), request("/", { Origin: ORIGIN })],
  ["a body JSON cannot encode: 500 with the CORS headers", corsApp(cred, () => ({ body: { n: 10n } })), request("/", { Origin: ORIGIN })],
  ["406 before the handler", corsApp(cred, () => ({ body: 1 })), request("/", { Origin: ORIGIN, Accept: "text/html" })],
  ["a failing params schema (400)", corsApp(cred, () => ({ body: 1 }), { params: { "~standard": { version: 1, vendor: "t", validate: () => ({ issues: [{ message: "bad" }] }) } } }), request("/", { Origin: ORIGIN })],
  [
    "an async params schema",
    corsApp(cred, ({ params }) => ({ body: params }), { params: { "~standard": { version: 1, vendor: "t", validate: async (v: unknown) => ({ value: v }) } } }),
    request("/", { Origin: ORIGIN }),
  ],
  ["a body to read (POST)", corsApp(cred, ({ body }) => ({ body })), request("/", { Origin: ORIGIN, "Content-Type": "application/json", "Content-Length": "0" }, "POST")],
  [
    "handler reads and writes res itself",
    corsApp(cred, ({ res }) => {
      const seen = res.getHeader("access-control-allow-origin");
      res.setHeader("X-Seen", String(seen));
      return { body: { seen } };
    }),
    request("/", { Origin: ORIGIN }),
  ],
  [
    "handler answers through res",
    corsApp(cred, ({ res }) => {
      res.writeHead(202, { "Content-Type": "text/plain" });
      res.end("done");
    }),
    request("/", { Origin: ORIGIN }),
  ],
  [
    "a header set further out (request id) comes first",
    (inner) => {
      const app = corsApp(cred, () => ({ body: { a: 1 } }))(inner);
      return (req, res) => {
        res.setHeader("X-Request-ID", "abc");
        return app(req, res);
      };
    },
    request("/", { Origin: ORIGIN }),
  ],
  [
    "a Vary set further out is merged",
    (inner) => {
      const app = corsApp(cred, () => ({ body: { a: 1 } }))(inner);
      return (req, res) => {
        res.setHeader("Vary", "Accept-Encoding");
        return app(req, res);
      };
    },
    request("/", { Origin: ORIGIN }),
  ],
];

for (const [name, build, req] of cases) {
  test(`head pairs: ${name}: same bytes as the setHeader path`, async () => {
    const [deferred, reference] = await both(build, req);
    assert.match(reference, /^HTTP\/1\.1 \d{3} /);
    assert.equal(deferred, reference);
  });
}

test("head pairs: the answers carry the CORS headers in setHeader order", async () => {
  const [deferred] = await both(corsApp(cred, () => ({ body: { hello: "world" } })), request("/", { Origin: ORIGIN }));
  const names = deferred
    .split("\r\n\r\n")[0]!
    .split("\r\n")
    .slice(1)
    .map((l) => l.slice(0, l.indexOf(":")));
  assert.deepEqual(names, ["Vary", "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Content-Type", "Content-Length", "Connection"]);
  assert.match(deferred, /\r\n\r\n\{"hello":"world"\}\n$/);
  // The pairs path was taken: its known difference is that res.getHeader() does not see the headers it
  // wrote with writeHead once the answer is out; the setHeader path's do.
  const after: unknown[] = [];
  await both((inner) => {
    const app = corsApp(cred, () => ({ body: 1 }))(inner);
    return (req, res) => {
      res.on("finish", () => after.push(res.getHeader("access-control-allow-origin")));
      return app(req, res);
    };
  }, request("/", { Origin: ORIGIN }));
  assert.deepEqual(after, [undefined, ORIGIN]);
  // Several requests from the same origin share one pairs array; another origin gets its own value.
  const [other] = await both(corsApp({ origins: "*", credentials: true }, () => ({ body: 1 })), request("/", { Origin: "https://b.example" }));
  assert.match(other, /^Access-Control-Allow-Origin: https:\/\/b\.example\r$/m);
});

test("line sink: writeParts gives the same bytes as write(join) and keeps order with write()", async () => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const sink = lineSink(out);
  const expected: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const pre = Buffer.from(`127.0.0.${i % 3} - [\xe9] `, "latin1");
    const parts: Array<string | Uint8Array> = [pre, "-", ' "GET /', String(i), ' HTTP/1.1" ', "\\x7f", "\n"];
    if (i % 7 === 0) {
      sink.write(`plain ${i}\n`);
      expected.push(`plain ${i}\n`);
    }
    sink.writeParts(parts, parts.length - (i % 2));
    expected.push(
      parts
        .slice(0, parts.length - (i % 2))
        .map((p) => (typeof p === "string" ? p : Buffer.from(p).toString("latin1")))
        .join(""),
    );
  }
  const long = ["x".repeat(70 * 1024), "\n"];
  sink.writeParts(long, 2);
  expected.push(long.join(""));
  sink.flush();
  await new Promise((r) => setImmediate(r));
  assert.equal(Buffer.concat(chunks).toString("latin1"), expected.join(""));
});

test("line sink: writeParts on an object-mode stream sends strings", async () => {
  const { out, got } = objectModeCollector();
  const sink = lineSink(out);
  sink.writeParts([new Uint8Array([0x61]), "b", "\n"], 3);
  sink.write("c\n");
  sink.flush();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(got, ["ab\nc\n"]);
});
