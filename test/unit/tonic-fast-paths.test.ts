// The speed tricks of HTTP-PERF keep the observable behaviour: batched counters and histogram, the 405 memo
// of the router, marshaled's synchronous schema path, the shared response meter and the byte-batching
// log sink.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import * as v from "valibot";
import { Histogram, Registry } from "prom-client";
import { counted, countedByStatus, timed } from "../../src/tonic/metrics.js";
import { lineSink } from "../../src/tonic/log/line-writer.js";
import { onResponseDone } from "../../src/tonic/log/meter.js";
import { marshaled } from "../../src/tonic/marshaled.js";
import { TrieServeMux } from "../../src/tonic/router/mux.js";
import { cors } from "../../src/tonic/cors.js";
import type { Handler } from "../../src/tonic/types.js";
import { serve } from "../helpers/tonic-serve.js";
import { objectModeCollector } from "../helpers/object-stream.js";

const ok: Handler = (req, res) => {
  res.statusCode = Number(req.url!.slice(1)) || 200;
  res.end("x");
};

test("counted/countedByStatus: counts taken between scrapes all arrive, in first-seen series order", async () => {
  const registry = new Registry();
  const app = counted("all_total", countedByStatus("by_code_total", ok, { registry }), { registry });
  const s = await serve(app);
  try {
    for (const c of [404, 200, 404]) await (await fetch(`${s.url}/${c}`)).arrayBuffer();
    let text = await registry.metrics();
    assert.match(text, /^all_total 3$/m);
    assert.ok(text.indexOf('by_code_total{code="404"} 2') < text.indexOf('by_code_total{code="200"} 1'), text);
    for (const c of [200, 201]) await (await fetch(`${s.url}/${c}`)).arrayBuffer();
    text = await registry.metrics();
    assert.match(text, /^all_total 5$/m);
    assert.match(text, /^by_code_total\{code="404"\} 2$/m);
    assert.match(text, /^by_code_total\{code="200"\} 2$/m);
    assert.match(text, /^by_code_total\{code="201"\} 1$/m);
    // A scrape with nothing new changes nothing.
    assert.equal(await registry.metrics(), text);
  } finally {
    await s.close();
  }
});

test("timed: batched observations give the same buckets, count and sum as prom-client's observe()", async () => {
  const registry = new Registry();
  const buckets = [0.000001, 0.5, 60];
  const app = timed("lat_seconds", ok, { registry, buckets });
  const s = await serve(app);
  try {
    for (let i = 0; i < 4; i++) await (await fetch(`${s.url}/200`)).arrayBuffer();
    const text = await registry.metrics();
    assert.match(text, /^lat_seconds_bucket\{le="0.000001"\} 0$/m);
    assert.match(text, /^lat_seconds_bucket\{le="60"\} 4$/m);
    assert.match(text, /^lat_seconds_bucket\{le="\+Inf"\} 4$/m);
    assert.match(text, /^lat_seconds_count 4$/m);
    const sum = Number(/^lat_seconds_sum (\S+)$/m.exec(text)![1]);
    assert.ok(sum > 0 && sum < 240, text);
    // Reset through prom-client's own API: the series starts again, later requests still counted.
    (registry.getSingleMetric("lat_seconds") as Histogram).reset();
    await (await fetch(`${s.url}/200`)).arrayBuffer();
    assert.match(await registry.metrics(), /^lat_seconds_count 1$/m);
  } finally {
    await s.close();
  }
});

test("router: a remembered 405 on a static path is forgotten when a route that serves it is added", () => {
  const mux = new TrieServeMux();
  const h: Handler = () => {};
  const w: Handler = () => {};
  mux.get("/a/b", h);
  mux.get("/a/{x}", h);
  for (let i = 0; i < 3; i++) {
    assert.equal(mux.lookup("POST", "/a/b"), undefined);
    assert.deepEqual(mux.allowed("/a/b"), ["GET", "HEAD", "OPTIONS"]);
  }
  mux.post("/a/{x}", w);
  const m = mux.lookup("POST", "/a/b");
  assert.equal(m?.handler, w);
  assert.deepEqual(m?.params, { x: "b" });
  assert.equal(m?.pattern, "/a/{x}");
  // Method names outside the standard ones are answered right but never remembered.
  for (let i = 0; i < 3; i++) assert.equal(mux.lookup("BREW", "/a/b"), undefined);
});

test("router: the 405 answer and Allow header stay the same when served from the memo", async () => {
  const mux = new TrieServeMux();
  mux.get("/only-get", (_q, r) => void r.end("g"));
  const s = await serve(mux.handler);
  try {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${s.url}/only-get`, { method: "DELETE" });
      assert.equal(res.status, 405);
      assert.equal(res.headers.get("allow"), "GET, HEAD, OPTIONS");
      assert.equal((await res.json() as { error: string }).error, "method_not_allowed");
    }
  } finally {
    await s.close();
  }
});

test("marshaled: a synchronous schema is answered in the same tick; failures still 400; async schemas still work", async () => {
  const Params = v.object({ id: v.pipe(v.string(), v.regex(/^\d+$/)) });
  let syncResolved = false;
  const mux = new TrieServeMux();
  mux.get("/sync/{id}", marshaled({ params: Params }, ({ params }) => ({ body: { id: params.id } })));
  const slowSchema: StandardSchemaV1<unknown, { id: string }> = {
    "~standard": {
      version: 1,
      vendor: "test",
      validate: async (value) => {
        await new Promise((r) => setTimeout(r, 1));
        const id = (value as { id: string }).id;
        return id === "bad" ? { issues: [{ message: "bad id", path: ["id"] }] } : { value: { id } };
      },
    },
  };
  mux.get("/async/{id}", marshaled({ params: slowSchema }, ({ params }) => ({ body: { id: params.id } })));
  const Query = v.object({ n: v.pipe(v.string(), v.regex(/^\d+$/)) });
  mux.get("/query", marshaled({ query: Query }, ({ query }) => ({ body: { n: query.n } })));
  // Same tick: the answer is written before the handler returns to the server.
  const probe: Handler = (req, res) => {
    const r = mux.handler(req, res);
    syncResolved = res.writableEnded && r === undefined;
    return r;
  };
  const s = await serve(probe);
  try {
    let res = await fetch(`${s.url}/sync/42`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
    assert.equal(res.headers.get("content-length"), String('{"id":"42"}\n'.length));
    assert.deepEqual(await res.json(), { id: "42" });
    assert.equal(syncResolved, true);

    res = await fetch(`${s.url}/sync/x`);
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: string; issues: Array<{ path: string[] }> };
    assert.equal(body.error, "bad_request");
    assert.deepEqual(body.issues[0]!.path, ["id"]);

    res = await fetch(`${s.url}/async/7`);
    assert.deepEqual([res.status, await res.json()], [200, { id: "7" }]);
    res = await fetch(`${s.url}/async/bad`);
    assert.equal(res.status, 400);
    await res.arrayBuffer();

    res = await fetch(`${s.url}/query?n=5`);
    assert.deepEqual([res.status, await res.json()], [200, { n: "5" }]);
    res = await fetch(`${s.url}/query?n=five`);
    assert.equal(res.status, 400);
    await res.arrayBuffer();

    // 406 still comes first, before any schema runs.
    res = await fetch(`${s.url}/sync/x`, { headers: { accept: "text/html" } });
    assert.equal(res.status, 406);
    await res.arrayBuffer();
  } finally {
    await s.close();
  }
});

test("marshaled after cors: headers set before the answer are kept next to the JSON ones", async () => {
  const mux = new TrieServeMux();
  mux.get("/h", cors({ origins: ["https://a.example"], credentials: true }, marshaled({}, () => ({ headers: { "X-Extra": "1", "Content-Type": "text/plain" }, body: { a: 1 } }))));
  const s = await serve(mux.handler);
  try {
    const res = await fetch(`${s.url}/h`, { headers: { origin: "https://a.example" } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("access-control-allow-origin"), "https://a.example");
    assert.equal(res.headers.get("vary"), "Origin");
    assert.equal(res.headers.get("x-extra"), "1");
    // The JSON type wins over one the handler gave, as before.
    assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
    assert.deepEqual(await res.json(), { a: 1 });
  } finally {
    await s.close();
  }
});

test("meter: every callback runs once per response, bytes counted through the shared write/end", async () => {
  const seen: Array<[number, number, boolean]> = [];
  const inner: Handler = (_req, res) => {
    res.write("abc");
    res.end(Buffer.from("de"));
  };
  const app: Handler = (req, res) => {
    onResponseDone(req, res, (m) => seen.push([1, m.bytes, m.finished]));
    onResponseDone(req, res, (m) => seen.push([2, m.bytes, m.finished]));
    return inner(req, res);
  };
  const s = await serve(app);
  try {
    for (let i = 0; i < 2; i++) assert.equal(await (await fetch(s.url)).text(), "abcde");
    for (let i = 0; i < 100 && seen.length < 4; i++) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(seen, [
      [1, 5, true],
      [2, 5, true],
      [1, 5, true],
      [2, 5, true],
    ]);
  } finally {
    await s.close();
  }
});

test("line sink: byte streams get the exact UTF-8 of every line in order, long lines included", async () => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const sink = lineSink(out);
  const lines = ["plain\n", "ünïcödé 🎉\n", "x".repeat(70 * 1024) + "\n", "after\n"];
  for (let i = 0; i < 2000; i++) lines.push(`line ${i} ${"é".repeat(i % 50)}\n`);
  for (const l of lines) sink.write(l);
  sink.flush();
  await new Promise((r) => setImmediate(r));
  assert.equal(Buffer.concat(chunks).toString("utf8"), lines.join(""));
});

test("line sink: an object-mode stream still receives strings", async () => {
  const { out, got } = objectModeCollector();
  const sink = lineSink(out);
  sink.write("a\n");
  sink.write("b\n");
  sink.flush();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(got, ["a\nb\n"]);
});
