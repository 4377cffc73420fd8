import { test } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { pino } from "pino";
import { jsonLogged } from "../../src/tonic/log/json.js";
import { requestState } from "../../src/tonic/state.js";
import { Collector, serve } from "../helpers/tonic-serve.js";

test("jsonLogged: one pino line per request with method, url, status, duration, bytes, request id, user", async () => {
  const out = new PassThrough();
  const c = new Collector();
  out.on("data", (d) => (c.text += d));
  const logger = pino({ base: undefined }, out);
  const s = await serve(
    jsonLogged(
      (req, res) => {
        if (req.url?.startsWith("/me")) requestState(req).user = "alice";
        res.statusCode = req.url === "/boom" ? 503 : 200;
        res.end("four");
      },
      { logger },
    ),
  );
  try {
    const r1 = await fetch(`${s.url}/me?x=1`, { headers: { "X-Request-ID": "req-1" } });
    await r1.text();
    assert.equal(r1.headers.get("x-request-id"), "req-1");
    const r2 = await fetch(`${s.url}/boom`);
    await r2.text();
    const lines = (await c.lines(2)).map((l) => JSON.parse(l) as Record<string, unknown>);
    const [a, b] = lines;
    assert.equal(a!.msg, "request completed");
    assert.equal(a!.level, 30);
    assert.equal(a!.method, "GET");
    assert.equal(a!.url, "/me?x=1");
    assert.equal(a!.status, 200);
    assert.equal(a!.bytes, 4);
    assert.equal(a!.requestId, "req-1");
    assert.equal(a!.user, "alice");
    assert.equal(a!.completed, true);
    assert.equal(typeof a!.duration, "number");
    assert.ok((a!.duration as number) >= 0);
    assert.equal(b!.status, 503);
    assert.equal(b!.level, 50, "5xx logged at error level");
    assert.equal(b!.user, undefined);
    assert.match(b!.requestId as string, /^[0-9A-Za-z]{16}$/);
    assert.equal(b!.requestId, r2.headers.get("x-request-id"));
  } finally {
    await s.close();
  }
});
