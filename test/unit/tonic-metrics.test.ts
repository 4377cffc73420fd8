import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { Registry } from "prom-client";
import { counted, countedByStatus, metricsHandler, timed } from "../../src/tonic/metrics.js";
import type { Handler } from "../../src/tonic/types.js";
import { serve } from "../helpers/tonic-serve.js";

const byStatusPath: Handler = (req, res) => {
  const code = Number(req.url!.slice(1));
  res.statusCode = code;
  res.end();
};

test("countedByStatus counts every status code, unusual ones included; exposition via metricsHandler", async () => {
  const registry = new Registry();
  const app = countedByStatus("http_requests_total", byStatusPath, { registry });
  const s = await serve((req, res) => (req.url === "/metrics" ? metricsHandler(registry)(req, res) : app(req, res)));
  try {
    for (const code of [200, 200, 204, 404, 418, 499, 599, 299]) await (await fetch(`${s.url}/${code}`)).arrayBuffer();
    const res = await fetch(`${s.url}/metrics`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    assert.match(text, /^# HELP http_requests_total /m);
    assert.match(text, /^# TYPE http_requests_total counter$/m);
    for (const [code, n] of [["200", 2], ["204", 1], ["404", 1], ["418", 1], ["499", 1], ["599", 1]] as const) {
      assert.match(text, new RegExp(`^http_requests_total\\{code="${code}"\\} ${n}$`, "m"));
    }
  } finally {
    await s.close();
  }
});

test("counted and timed: request counter and latency histogram", async () => {
  const registry = new Registry();
  const app = timed("http_latency_seconds", counted("hello_requests_total", (_q, r) => void r.end("hi"), { registry }), { registry, buckets: [0.5, 60] });
  const s = await serve(app);
  try {
    for (let i = 0; i < 3; i++) await (await fetch(s.url)).text();
    const text = await registry.metrics();
    assert.match(text, /^hello_requests_total 3$/m);
    assert.match(text, /^# TYPE http_latency_seconds histogram$/m);
    assert.match(text, /^http_latency_seconds_bucket\{le="60"\} 3$/m);
    assert.match(text, /^http_latency_seconds_bucket\{le="\+Inf"\} 3$/m);
    assert.match(text, /^http_latency_seconds_count 3$/m);
  } finally {
    await s.close();
  }
});

test("a client that disconnects before any status is counted as 499, nothing crashes", async () => {
  const registry = new Registry();
  let entered!: () => void;
  const inHandler = new Promise<void>((r) => (entered = r));
  const s = await serve(countedByStatus("aborted_total", () => entered(), { registry }));
  try {
    const sock = net.connect(s.port, "127.0.0.1");
    sock.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await inHandler;
    sock.destroy();
    for (let i = 0; i < 200 && !/aborted_total\{code="499"\} 1/.test(await registry.metrics()); i++) await new Promise((r) => setTimeout(r, 5));
    assert.match(await registry.metrics(), /^aborted_total\{code="499"\} 1$/m);
  } finally {
    await s.close();
  }
});

test("a duplicate or invalid metric name fails at registration, not at the first request", () => {
  const registry = new Registry();
  const h: Handler = (_q, r) => void r.end();
  counted("dup_total", h, { registry });
  assert.throws(() => counted("dup_total", h, { registry }), /already been registered/);
  assert.throws(() => timed("dup_total", h, { registry }), /already been registered/);
  assert.throws(() => countedByStatus("bad name!", h, { registry }), /Invalid metric name/);
  // Another registry is another namespace.
  assert.doesNotThrow(() => counted("dup_total", h, { registry: new Registry() }));
});

test("metricsHandler: HEAD has no body, POST is 405", async () => {
  const registry = new Registry();
  const s = await serve(metricsHandler(registry));
  try {
    const head = await fetch(s.url, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), "");
    const post = await fetch(s.url, { method: "POST" });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get("allow"), "GET, HEAD");
    await post.text();
  } finally {
    await s.close();
  }
});
