import { test } from "node:test";
import assert from "node:assert/strict";
import { healthz, version } from "../../src/tonic/health.js";
import { serve } from "../helpers/tonic-serve.js";

test("version: text/plain with the version; 404 when empty", async () => {
  const s = await serve(version("1.2.3+abc"));
  const e = await serve(version(""));
  try {
    const res = await fetch(s.url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(await res.text(), "1.2.3+abc\n");
    const missing = await fetch(e.url);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: string }).error, "not_found");
  } finally {
    await s.close();
    await e.close();
  }
});

test("healthz: 200 with a JSON report when all checks pass, 503 naming the failures", async () => {
  let dbUp = true;
  const checks = {
    db: () => {
      if (!dbUp) throw new Error("connection refused");
      return true;
    },
    cache: async () => ({ hitRate: 0.9 }),
    disk: () => dbUp,
  };
  const s = await serve(healthz(checks));
  try {
    const ok = await fetch(`${s.url}/healthz`);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("content-type"), "application/json; charset=utf-8");
    assert.deepEqual(await ok.json(), {
      status: "ok",
      checks: { cache: { ok: true, detail: { hitRate: 0.9 } }, db: { ok: true }, disk: { ok: true } },
    });
    dbUp = false;
    const bad = await fetch(`${s.url}/healthz`);
    assert.equal(bad.status, 503);
    assert.deepEqual(await bad.json(), {
      status: "fail",
      checks: {
        cache: { ok: true, detail: { hitRate: 0.9 } },
        db: { ok: false, error: "connection refused" },
        disk: { ok: false, error: "check returned false" },
      },
    });
    const one = await fetch(`${s.url}/healthz?check=cache`);
    assert.equal(one.status, 200);
    assert.deepEqual(Object.keys(((await one.json()) as { checks: object }).checks), ["cache"]);
    const unknown = await fetch(`${s.url}/healthz?check=nope`);
    assert.equal(unknown.status, 404);
    await unknown.text();
  } finally {
    await s.close();
  }
});

test("healthz: a check that hangs fails at its timeout", async () => {
  const s = await serve(healthz({ stuck: () => new Promise(() => {}) }, { timeout: 50 }));
  try {
    const res = await fetch(s.url);
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { status: "fail", checks: { stuck: { ok: false, error: "timed out after 50 ms" } } });
  } finally {
    await s.close();
  }
});
