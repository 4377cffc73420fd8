import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { context, first, recovered, when, withContext } from "../../src/tonic/compose.js";
import { Forbidden } from "../../src/tonic/errors.js";
import { inject } from "../../src/tonic/inject.js";
import type { Handler } from "../../src/tonic/types.js";

const text = (s: string): Handler => (_req, res) => {
  res.end(s);
};

test("first stops after the first handler that answered", async () => {
  const calls: string[] = [];
  const pass: Handler = () => {
    calls.push("pass");
  };
  const answer: Handler = async (_req, res) => {
    await new Promise((r) => setTimeout(r, 1));
    calls.push("answer");
    res.end("ok");
  };
  const never: Handler = () => {
    calls.push("never");
  };
  const r = await inject(first(pass, answer, never), "/");
  assert.equal(r.body, "ok");
  assert.deepEqual(calls, ["pass", "answer"]);
});

test("fix: when keeps multi-valued headers; a thrown HttpError is the answer", async () => {
  const h = when(() => [["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"]] as const, text("in"));
  const r = await inject(h, "/");
  assert.equal(r.body, "in");
  assert.deepEqual(r.headers["set-cookie"], ["a=1", "b=2"]);
  const h2 = when(() => ({ Link: ["</a>; rel=a", "</b>; rel=b"] }), text("in"));
  const r2 = await inject(h2, "/");
  assert.match(String(r2.headers.link), /<\/a>; rel=a, <\/b>; rel=b|<\/a>; rel=a,<\/b>; rel=b/);
  const denied = when(() => {
    throw new Forbidden("no entry", { headers: { "X-Why": "closed" } });
  }, text("in"));
  const r3 = await inject(denied, "/");
  assert.equal(r3.statusCode, 403);
  assert.equal(r3.headers["x-why"], "closed");
  assert.equal(r3.json().description, "no entry");
});

test("withContext gives each request a fresh object, typed", async () => {
  let made = 0;
  const factory = () => ({ n: ++made, seen: [] as string[] });
  const h = withContext(factory, (req, res) => {
    const c = context(req, factory);
    c.seen.push("x");
    const inner = context<{ n: number }>(req);
    res.end(JSON.stringify({ n: c.n, seen: c.seen, same: inner === c }));
  });
  assert.deepEqual((await inject(h, "/")).json(), { n: 1, seen: ["x"], same: true });
  assert.deepEqual((await inject(h, "/")).json(), { n: 2, seen: ["x"], same: true });
  const bare = (await inject((req, res) => void res.end(String(context(req))), "/")).body;
  assert.equal(bare, "undefined");
  const logged: unknown[] = [];
  const r = await inject((req, res) => void res.end(String(context(req, factory))), "/", { onError: (e) => logged.push(e) });
  assert.equal(r.statusCode, 500, "asking for a context no withContext made is a programming error");
  assert.match(String(logged[0]), /no withContext/);
});

test("recovered: sync throw and rejected promise become a JSON 500 and a log line", async () => {
  const logged: unknown[] = [];
  const onError = (e: unknown) => logged.push(e);
  const sync = recovered(() => {
    throw new Error("sync boom");
  }, { onError });
  const async_ = recovered(async () => {
    await Promise.resolve();
    throw new Error("async boom");
  }, { onError });
  for (const h of [sync, async_]) {
    const r = await inject(h, "/");
    assert.equal(r.statusCode, 500);
    assert.equal(r.json().error, "internal_server_error");
  }
  assert.equal(logged.length, 2);
});

test("recovered over a real socket: headers already sent -> the socket is destroyed, the server keeps serving", async (t) => {
  const logged: unknown[] = [];
  const h = recovered(async (req, res) => {
    if (req.url === "/midway") {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("partial");
      await new Promise((r) => setTimeout(r, 5));
      throw new Error("midway");
    }
    if (req.url === "/throw") throw new Error("plain");
    res.end("fine");
  }, { onError: (e) => logged.push(e) });
  const server = createServer(h);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => server.close());
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await assert.rejects(async () => {
    const r = await request(`${base}/midway`);
    await r.body.text();
  });
  const r2 = await request(`${base}/throw`);
  assert.equal(r2.statusCode, 500);
  assert.equal((await r2.body.json() as { error: string }).error, "internal_server_error");
  const r3 = await request(`${base}/ok`);
  assert.equal(await r3.body.text(), "fine");
  assert.equal(logged.length, 2);
});

test("fix: wrappers never hide res features (flushHeaders, streaming, upgrade)", async (t) => {
  const stack = recovered(when(() => ({ "X-A": "1" }), withContext(() => ({}), first(async (_req, res) => {
    res.flushHeaders();
    res.write("a");
    await new Promise((r) => setTimeout(r, 5));
    res.end("b");
  }))));
  const server = createServer(stack);
  server.on("upgrade", (_req, socket) => {
    socket.end("HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => server.close());
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const r = await request(base);
  assert.equal(r.headers["x-a"], "1");
  assert.equal(await r.body.text(), "ab");
  // An Upgrade request still reaches the server's upgrade listener with the raw socket.
  const port = (server.address() as AddressInfo).port;
  const reply = await new Promise<string>((resolve, reject) => {
    const c = connect(port, "127.0.0.1");
    let got = "";
    c.on("data", (d) => (got += d.toString()));
    c.on("end", () => resolve(got));
    c.on("error", reject);
    c.write("GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: test\r\n\r\n");
  });
  assert.match(reply, /^HTTP\/1\.1 101 /);
});
