// Server over real sockets on 127.0.0.1: graceful close (in-flight answered with Connection: close, idle
// keep-alive connections closed, thousands of them, the deadline), slow-loris, and recovery from handlers
// that throw or reject.
import { test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { once } from "node:events";
import { Agent, request } from "undici";
import { Server } from "../../src/tonic/server/index.js";
import type { Handler } from "../../src/tonic/types.js";

const quiet = { signals: false, log: () => {} } as const;

function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, "127.0.0.1");
    let out = "";
    s.on("data", (d) => (out += d));
    s.on("end", () => resolve(out));
    s.on("error", reject);
    s.write(text);
  });
}

test("close(): in-flight request finishes with Connection: close, idle keep-alive sockets close, new connections refused", async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const inHandler = new Promise<void>((r) => (entered = r));
  const server = new Server(
    async (req, res) => {
      if (req.url === "/slow") {
        entered();
        await gate;
      }
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end("done\n");
    },
    { ...quiet, host: "127.0.0.1" },
  );
  const { port } = await server.listen();
  // An idle keep-alive connection: one request answered, socket kept open.
  const idle = net.connect(port, "127.0.0.1");
  idle.write("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
  await once(idle, "data");
  const idleClosed = once(idle, "close");

  const agent = new Agent();
  const slow = request(`http://127.0.0.1:${port}/slow`, { dispatcher: agent });
  await inHandler;
  const closing = server.close({ timeout: 10_000 });
  assert.equal(server.close(), closing, "close() is idempotent: the same promise");
  await idleClosed; // closed at once, while the slow request is still in the handler
  await assert.rejects(rawRequest(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"), /ECONNREFUSED/);
  release();
  const res = await slow;
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers.connection, "close");
  assert.equal(await res.body.text(), "done\n");
  assert.deepEqual(await closing, { destroyed: 0 });
  assert.equal(server.connections, 0);
  await agent.close();
});

test("close(): 2000 idle keep-alive connections are all closed without reaching the deadline", async () => {
  // A long keep-alive timeout: on a loaded machine opening 2000 connections can take longer than the default 5 s.
  const server = new Server((_req, res) => void res.end("ok"), { ...quiet, host: "127.0.0.1", keepAliveTimeout: 120_000 });
  const { port } = await server.listen();
  const sockets: net.Socket[] = [];
  const N = 2000;
  // Opened in batches so the listen backlog is never the limit being tested.
  for (let i = 0; i < N; i += 250) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(250, N - i) }, async () => {
        const s = net.connect(port, "127.0.0.1");
        s.setNoDelay(true);
        await once(s, "connect");
        s.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        await once(s, "data");
        return s;
      }),
    );
    sockets.push(...batch);
  }
  assert.equal(server.connections, N);
  const errors: string[] = [];
  const closed = sockets.map((s) => {
    s.on("error", (err: NodeJS.ErrnoException) => errors.push(err.code ?? err.message));
    return new Promise((r) => s.once("close", r));
  });
  const result = await server.close({ timeout: 60_000 });
  assert.deepEqual(result, { destroyed: 0 });
  await Promise.all(closed);
  assert.ok(sockets.every((s) => s.destroyed));
  assert.deepEqual(errors, [], "closed cleanly, not reset");
});

test("close(): a request still running at the deadline is cut, and close() resolves", async () => {
  const server = new Server(() => new Promise<void>(() => {}), { ...quiet, host: "127.0.0.1" });
  const { port } = await server.listen();
  const s = net.connect(port, "127.0.0.1");
  s.on("error", () => {});
  const clientClosed = once(s, "close");
  s.write("GET /never HTTP/1.1\r\nHost: x\r\n\r\n");
  while (server.connections === 0) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 20));
  const result = await server.close({ timeout: 100 });
  assert.deepEqual(result, { destroyed: 1 });
  await clientClosed;
});

test("slow-loris: a request head dribbled one byte at a time is cut by the headers timeout", async () => {
  const server = new Server((_req, res) => void res.end("ok"), {
    ...quiet,
    host: "127.0.0.1",
    headersTimeout: 300,
    requestTimeout: 1000,
    connectionsCheckingInterval: 50,
  });
  const { port } = await server.listen();
  const head = "GET / HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(400) + "\r\n\r\n";
  const s = net.connect(port, "127.0.0.1");
  s.on("error", () => {});
  let received = "";
  s.on("data", (d) => (received += d));
  let closed = false;
  s.on("close", () => (closed = true));
  await once(s, "connect");
  let sent = 0;
  // 20 ms per byte: the whole head would take ~9 s; the server must cut it long before.
  while (!closed && sent < head.length) {
    if (!s.write(head[sent]!)) await once(s, "drain");
    sent++;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(closed, "the server closed the connection");
  assert.ok(sent < head.length, `the whole head (${head.length} bytes) was sent before the cut`);
  assert.match(received, /^HTTP\/1\.1 408 /);
  await server.close({ timeout: 1000 });
});

test("a handler that throws or rejects gives a JSON 500 and the server keeps serving", async () => {
  const logged: unknown[] = [];
  const handler: Handler = (req, res) => {
    if (req.url === "/throw") throw new Error("secret detail");
    if (req.url === "/reject") return Promise.reject(new TypeError("also secret"));
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end("alive\n");
  };
  const server = new Server(handler, { ...quiet, host: "127.0.0.1", onError: (err) => logged.push(err) });
  const { port } = await server.listen();
  const agent = new Agent();
  try {
    for (const path of ["/throw", "/reject", "/throw"]) {
      const res = await request(`http://127.0.0.1:${port}${path}`, { dispatcher: agent });
      assert.equal(res.statusCode, 500);
      assert.equal(res.headers["content-type"], "application/json; charset=utf-8");
      const body = (await res.body.json()) as { error: string; description: string };
      assert.equal(body.error, "internal_server_error");
      assert.doesNotMatch(body.description, /secret/);
    }
    const ok = await request(`http://127.0.0.1:${port}/`, { dispatcher: agent });
    assert.equal(ok.statusCode, 200);
    assert.equal(await ok.body.text(), "alive\n");
    assert.equal(logged.length, 3, "each failure reached the error log");
  } finally {
    await agent.close();
    await server.close({ timeout: 1000 });
  }
});

test("close() under load: every request that reached the server is answered, none is reset", async () => {
  let started = 0;
  const server = new Server(
    async (req, res) => {
      started++;
      if (req.url === "/slow") await new Promise((r) => setTimeout(r, 30));
      res.end("ok");
    },
    { ...quiet, host: "127.0.0.1" },
  );
  const { port } = await server.listen();
  const agent = new Agent({ connections: 8 });
  let answered = 0;
  let closing = false;
  const failures: string[] = [];
  const worker = async (w: number): Promise<void> => {
    // Bounded: at most 5000 requests per worker; stops at the first refusal after close() began.
    for (let i = 0; i < 5000; i++) {
      try {
        const res = await request(`http://127.0.0.1:${port}/${(i + w) % 4 === 0 ? "slow" : "fast"}`, { dispatcher: agent });
        if ((await res.body.text()) === "ok" && res.statusCode === 200) answered++;
      } catch (err) {
        const e = err as { code?: string; message: string };
        failures.push(e.code ?? e.message);
        if (closing) return;
      }
    }
  };
  const workers = Array.from({ length: 8 }, (_, w) => worker(w));
  while (started < 300) await new Promise((r) => setTimeout(r, 5));
  closing = true;
  const result = await server.close({ timeout: 10_000 });
  await Promise.all(workers);
  await agent.close();
  assert.deepEqual(result, { destroyed: 0 });
  assert.ok(started >= 300);
  assert.equal(answered, started, "a request the handler saw was lost");
  // After close() the listener is gone, so new connections are refused; what must not happen is a request
  // sent on an open keep-alive connection being reset (closing idle connections with no grace did that).
  assert.deepEqual(
    failures.filter((code) => code !== "ECONNREFUSED"),
    [],
  );
});

test("close(): a connection whose first request has not arrived yet is not cut as idle; its request is answered with Connection: close", async () => {
  const server = new Server((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end("late\n");
  }, { ...quiet, host: "127.0.0.1" });
  const { port } = await server.listen();
  const s = net.connect(port, "127.0.0.1");
  await once(s, "connect");
  // Longer than the 100 ms idle grace: a connection that has never answered must still be given its chance.
  await new Promise((r) => setTimeout(r, 250));
  const closing = server.close({ timeout: 10_000 });
  await new Promise((r) => setTimeout(r, 150));
  let out = "";
  s.on("data", (d) => (out += d));
  const ended = new Promise<void>((resolve, reject) => {
    s.on("close", () => resolve());
    s.on("error", reject);
  });
  s.write("GET /late HTTP/1.1\r\nHost: x\r\n\r\n");
  await ended;
  assert.match(out, /^HTTP\/1\.1 200 OK\r\n/);
  assert.match(out, /\r\nConnection: close\r\n/i);
  assert.match(out, /\r\n\r\n5\r\nlate\n\r\n0\r\n\r\n$/);
  assert.deepEqual(await closing, { destroyed: 0 });
});
