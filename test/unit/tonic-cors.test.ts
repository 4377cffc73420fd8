import { test } from "node:test";
import assert from "node:assert/strict";
import { cors } from "../../src/tonic/cors.js";
import { inject } from "../../src/tonic/inject.js";
import type { Handler } from "../../src/tonic/types.js";

const ok: Handler = (_req, res) => {
  res.appendHeader("Vary", "Accept-Encoding");
  res.end("ok");
};

test("an allowed origin is echoed, never * with credentials; Vary: Origin (fix)", async () => {
  const h = cors({ origins: "*", credentials: true, exposedHeaders: ["X-Total"] }, ok);
  const r = await inject(h, { url: "/", headers: { origin: "https://a.example" } });
  assert.equal(r.headers["access-control-allow-origin"], "https://a.example");
  assert.equal(r.headers["access-control-allow-credentials"], "true");
  assert.equal(r.headers["access-control-expose-headers"], "X-Total");
  assert.match(String(r.headers.vary), /Origin/);
  assert.match(String(r.headers.vary), /Accept-Encoding/, "the handler's own Vary survives");
});

test("* without credentials answers * and needs no Vary", async () => {
  const r = await inject(cors({ origins: "*" }, ok), { url: "/", headers: { origin: "https://a.example" } });
  assert.equal(r.headers["access-control-allow-origin"], "*");
  assert.doesNotMatch(String(r.headers.vary ?? ""), /Origin/);
});

test("fix: a disallowed origin gets no CORS headers (not `null`), but Vary: Origin", async () => {
  const h = cors({ origins: ["https://a.example", /^https:\/\/[a-z]+\.b\.example$/, (o) => o.endsWith(".c.example")] }, ok);
  const bad = await inject(h, { url: "/", headers: { origin: "https://evil.example" } });
  assert.equal(bad.statusCode, 200);
  assert.equal(bad.headers["access-control-allow-origin"], undefined);
  assert.match(String(bad.headers.vary), /Origin/);
  for (const origin of ["https://a.example", "https://x.b.example", "https://y.c.example"]) {
    const r = await inject(h, { url: "/", headers: { origin } });
    assert.equal(r.headers["access-control-allow-origin"], origin);
  }
  const noOrigin = await inject(h, "/");
  assert.equal(noOrigin.headers["access-control-allow-origin"], undefined);
  assert.match(String(noOrigin.headers.vary), /Origin/, "a cache must not serve this answer to a CORS request");
});

test("fix: Origin: null is never let in by * (sandboxed pages send it), only by an explicit rule", async () => {
  const star = await inject(cors({ origins: "*", credentials: true }, ok), { url: "/", headers: { origin: "null" } });
  assert.equal(star.headers["access-control-allow-origin"], undefined);
  const explicit = await inject(cors({ origins: ["null"] }, ok), { url: "/", headers: { origin: "null" } });
  assert.equal(explicit.headers["access-control-allow-origin"], "null");
});

test("a preflight reaching cors() directly is answered 204 with the policy", async () => {
  let called = false;
  const h = cors({ origins: ["https://a.example"], methods: ["GET", "PUT"], headers: ["X-Token"], maxAge: 60, credentials: true }, () => {
    called = true;
  });
  const r = await inject(h, { method: "OPTIONS", url: "/", headers: { origin: "https://a.example", "access-control-request-method": "PUT" } });
  assert.equal(r.statusCode, 204);
  assert.equal(called, false);
  assert.equal(r.headers["access-control-allow-origin"], "https://a.example");
  assert.equal(r.headers["access-control-allow-methods"], "GET, PUT");
  assert.equal(r.headers["access-control-allow-headers"], "X-Token");
  assert.equal(r.headers["access-control-max-age"], "60");
  const no = await inject(h, { method: "OPTIONS", url: "/", headers: { origin: "https://a.example", "access-control-request-method": "DELETE" } });
  assert.equal(no.headers["access-control-allow-origin"], undefined, "a method outside the policy is refused");
});
