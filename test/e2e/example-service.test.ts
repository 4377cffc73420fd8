// The reference service end to end: built from vendor/, copied to a temp dir with no node_modules above it,
// run as a child process, and every route and middleware exercised over real HTTP and TLS.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { call, copyExample, ensureExampleBuilt, nodeModulesAbove, startService } from "./example-harness.js";
import type { Reply, Service } from "./example-harness.js";

let svc: Service;
const ADMIN = { Host: "admin.wagers.test" };
const OPERATOR = "admin:operator-secret";
const VIEWER = "auditor:viewer-secret";
const ORIGIN = "http://localhost:5173";

before(async () => {
  await ensureExampleBuilt();
  svc = await startService(copyExample());
});

after(async () => {
  await svc?.stop();
  svc?.cleanup();
});

const errorOf = (r: Reply) => r.json as { error: string; description: string; issues?: unknown[] };

test("runs from a copy with no node_modules anywhere above it", () => {
  assert.deepEqual(nodeModulesAbove(svc.dir), []);
  assert.ok(existsSync(join(svc.dir, "vendor")), "the copy holds vendor/");
});

test("health and version on both hosts", async () => {
  const h = await call(svc, { path: "/healthz" });
  assert.equal(h.status, 200);
  assert.equal(h.json.status, "ok");
  assert.equal(h.json.checks.store.ok, true);
  const v = await call(svc, { path: "/version" });
  assert.equal(v.status, 200);
  assert.match(String(v.headers["content-type"]), /^text\/plain/);
  assert.equal(v.text, "1.0.0-test\n");
  const a = await call(svc, { path: "/healthz", headers: ADMIN });
  assert.equal(a.status, 200);
});

test("404 for an unknown route and for an unknown virtual host", async () => {
  const r = await call(svc, { path: "/v1/nothing-here" });
  assert.equal(r.status, 404);
  assert.equal(errorOf(r).error, "not_found");
  assert.equal(errorOf(r).description, "GET /v1/nothing-here not found");
  const h = await call(svc, { path: "/healthz", headers: { Host: "evil.example.com" } });
  assert.equal(h.status, 404);
  // The admin routes exist only on the admin host.
  assert.equal((await call(svc, { path: "/metrics" })).status, 404);
});

test("405 lists the route's methods in Allow", async () => {
  const r = await call(svc, { method: "DELETE", path: "/v1/games" });
  assert.equal(r.status, 405);
  assert.equal(errorOf(r).error, "method_not_allowed");
  assert.equal(r.headers.allow, "GET, HEAD, OPTIONS");
});

test("406 when the client does not accept JSON", async () => {
  const r = await call(svc, { path: "/v1/games", headers: { Accept: "text/html" } });
  assert.equal(r.status, 406);
  assert.match(String(r.headers["content-type"]), /^text\/plain/);
});

test("415 for a body that is not JSON", async () => {
  const r = await call(svc, { method: "POST", path: "/v1/accounts", body: "name=ada", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  assert.equal(r.status, 415);
  assert.equal(errorOf(r).error, "unsupported_media_type");
});

test("400 for malformed JSON", async () => {
  const r = await call(svc, { method: "POST", path: "/v1/accounts", body: '{"name": "ada",', headers: { "Content-Type": "application/json" } });
  assert.equal(r.status, 400);
  assert.equal(errorOf(r).error, "bad_request");
});

test("413 for a body over the configured limit", async () => {
  const r = await call(svc, { method: "POST", path: "/v1/accounts", json: { name: "x".repeat(10_000), currency: "EUR" } });
  assert.equal(r.status, 413);
});

test("422 with the schema's issues", async () => {
  const r = await call(svc, { method: "POST", path: "/v1/accounts", json: { name: "", currency: "XYZ" } });
  assert.equal(r.status, 422);
  assert.equal(errorOf(r).error, "unprocessable_entity");
  assert.ok(Array.isArray(errorOf(r).issues) && errorOf(r).issues!.length >= 2, r.text);
  const w = await call(svc, { method: "POST", path: "/v1/wagers", json: { accountId: "not-a-uuid", game: "blackjack", stake: 1.5 } });
  assert.equal(w.status, 422);
});

test("v1: accounts and wagers in minor units, with a Deprecation header", async () => {
  const a = await call(svc, { method: "POST", path: "/v1/accounts", json: { name: "ada", currency: "EUR", deposit: 1000 } });
  assert.equal(a.status, 201, a.text);
  assert.match(String(a.headers["content-type"]), /^application\/json/);
  assert.equal(a.headers.location, `/v1/accounts/${a.json.id}`);
  assert.ok(a.headers.deprecation, "v1 answers carry Deprecation");
  assert.equal(a.json.balance, 1000);

  const w = await call(svc, { method: "POST", path: "/v1/wagers", json: { accountId: a.json.id, game: "blackjack", stake: 250 } });
  assert.equal(w.status, 201, w.text);
  assert.equal(w.json.status, "open");
  assert.equal((await call(svc, { path: `/v1/accounts/${a.json.id}` })).json.balance, 750);
  assert.equal((await call(svc, { path: `/v1/wagers/${w.json.id}` })).json.stake, 250);
  const list = await call(svc, { path: `/v1/accounts/${a.json.id}/wagers` });
  assert.deepEqual(list.json.wagers.map((x: { id: string }) => x.id), [w.json.id]);

  const tooMuch = await call(svc, { method: "POST", path: "/v1/wagers", json: { accountId: a.json.id, game: "blackjack", stake: 5000 } });
  assert.equal(tooMuch.status, 409);
  assert.equal(errorOf(tooMuch).error, "insufficient_funds");
  const unknownGame = await call(svc, { method: "POST", path: "/v1/wagers", json: { accountId: a.json.id, game: "poker", stake: 100 } });
  assert.equal(unknownGame.status, 422);
  assert.equal(errorOf(unknownGame).error, "unknown_game");
  const missing = await call(svc, { path: "/v1/accounts/00000000-0000-4000-8000-000000000000" });
  assert.equal(missing.status, 404);
});

test("v2: money as decimal strings; HEAD served by GET", async () => {
  const a = await call(svc, { method: "POST", path: "/v2/accounts", json: { name: "bob", deposit: { value: "20.00", currency: "USD" } } });
  assert.equal(a.status, 201, a.text);
  assert.deepEqual(a.json.balance, { value: "20.00", currency: "USD" });
  assert.equal(a.headers.deprecation, undefined);
  const w = await call(svc, { method: "POST", path: "/v2/wagers", json: { accountId: a.json.id, game: "roulette", stake: { value: "1.29", currency: "USD" } } });
  assert.equal(w.status, 201, w.text);
  assert.deepEqual(w.json.stake, { value: "1.29", currency: "USD" });
  assert.deepEqual((await call(svc, { path: `/v2/accounts/${a.json.id}` })).json.balance, { value: "18.71", currency: "USD" });
  const wrongCurrency = await call(svc, { method: "POST", path: "/v2/wagers", json: { accountId: a.json.id, game: "roulette", stake: { value: "1.00", currency: "EUR" } } });
  assert.equal(wrongCurrency.status, 422);
  assert.equal(errorOf(wrongCurrency).error, "currency_mismatch");
  const head = await call(svc, { method: "HEAD", path: "/v2/games" });
  assert.equal(head.status, 200);
  assert.equal(head.text, "");
});

test("cached: the game catalogue carries Cache-Control", async () => {
  const r = await call(svc, { path: "/v1/games" });
  assert.equal(r.status, 200);
  assert.equal(r.headers["cache-control"], "max-age=300");
  assert.ok(r.json.games.length >= 3);
});

test("CORS: preflight answered with the route's policy, disallowed origin gets no CORS headers", async () => {
  const ok = await call(svc, {
    method: "OPTIONS",
    path: "/v2/wagers",
    headers: { Origin: ORIGIN, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
  });
  assert.ok(ok.status === 200 || ok.status === 204, `preflight status ${ok.status}`);
  assert.equal(ok.headers["access-control-allow-origin"], ORIGIN);
  assert.match(String(ok.headers["access-control-allow-methods"]), /POST/);
  assert.match(String(ok.headers["access-control-allow-headers"]).toLowerCase(), /content-type/);
  assert.equal(ok.headers["access-control-allow-credentials"], "true");
  assert.equal(ok.headers["access-control-max-age"], "600");
  assert.match(String(ok.headers.vary), /Origin/i);

  const bad = await call(svc, { method: "OPTIONS", path: "/v2/wagers", headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" } });
  assert.equal(bad.headers["access-control-allow-origin"], undefined);

  const simple = await call(svc, { path: "/v1/games", headers: { Origin: ORIGIN } });
  assert.equal(simple.headers["access-control-allow-origin"], ORIGIN);
  assert.match(String(simple.headers["access-control-expose-headers"]), /Deprecation/i);
});

test("admin: 401 without or with wrong credentials, 403 for a viewer writing, 200 for an operator", async () => {
  const none = await call(svc, { path: "/accounts", headers: ADMIN });
  assert.equal(none.status, 401);
  assert.equal(none.headers["www-authenticate"], 'Basic realm="wagers admin", charset="UTF-8"');
  const wrong = await call(svc, { path: "/accounts", headers: ADMIN, auth: "admin:guess" });
  assert.equal(wrong.status, 401);

  const a = await call(svc, { method: "POST", path: "/v1/accounts", json: { name: "cyd", currency: "GBP", deposit: 500 } });
  const viewerList = await call(svc, { path: "/accounts", headers: ADMIN, auth: VIEWER });
  assert.equal(viewerList.status, 200);
  assert.ok(viewerList.json.accounts.some((x: { id: string }) => x.id === a.json.id));

  const forbidden = await call(svc, { method: "POST", path: `/accounts/${a.json.id}/credit`, headers: ADMIN, auth: VIEWER, json: { amount: 100 } });
  assert.equal(forbidden.status, 403);
  assert.equal(errorOf(forbidden).error, "forbidden");

  const credit = await call(svc, { method: "POST", path: `/accounts/${a.json.id}/credit`, headers: ADMIN, auth: OPERATOR, json: { amount: 100, reason: "goodwill" } });
  assert.equal(credit.status, 200, credit.text);
  assert.equal(credit.json.balance, 600);

  const w = await call(svc, { method: "POST", path: "/v1/wagers", json: { accountId: a.json.id, game: "slots-tiger", stake: 100 } });
  const settle = await call(svc, { method: "POST", path: `/wagers/${w.json.id}/settle`, headers: ADMIN, auth: OPERATOR, json: { outcome: "won", payout: 300 } });
  assert.equal(settle.status, 200, settle.text);
  assert.equal(settle.json.status, "won");
  assert.equal((await call(svc, { path: `/v1/accounts/${a.json.id}` })).json.balance, 800);
  const again = await call(svc, { method: "POST", path: `/wagers/${w.json.id}/settle`, headers: ADMIN, auth: OPERATOR, json: { outcome: "lost" } });
  assert.equal(again.status, 409);

  const proc = await call(svc, { path: "/process", headers: ADMIN, auth: VIEWER });
  assert.equal(proc.json.pid, svc.proc.pid);
  const routes = await call(svc, { path: "/routes", headers: ADMIN, auth: VIEWER });
  assert.ok(routes.json.api.some((r: { method: string; pattern: string }) => r.method === "POST" && r.pattern === "/v2/wagers"), routes.text);
});

test("maintenance mode: 503 with Retry-After on the API, health and admin keep answering", async () => {
  const on = await call(svc, { method: "PUT", path: "/maintenance", headers: ADMIN, auth: OPERATOR, json: { enabled: true, message: "migrating" } });
  assert.equal(on.status, 200, on.text);
  try {
    const r = await call(svc, { path: "/v2/games", headers: { Origin: ORIGIN } });
    assert.equal(r.status, 503);
    assert.equal(r.headers["retry-after"], "120");
    assert.equal(errorOf(r).description, "migrating");
    assert.equal(r.headers["access-control-allow-origin"], ORIGIN, "the browser can read the 503");
    assert.equal((await call(svc, { path: "/healthz" })).status, 200);
  } finally {
    const off = await call(svc, { method: "PUT", path: "/maintenance", headers: ADMIN, auth: OPERATOR, json: { enabled: false } });
    assert.equal(off.status, 200);
  }
  assert.equal((await call(svc, { path: "/v2/games" })).status, 200);
});

test("TLS with the development certificate generated on first run", async () => {
  assert.ok(svc.https, "TLS listener");
  const r = await call(svc, { path: "/healthz", tls: true });
  assert.equal(r.status, 200);
  const a = await call(svc, { method: "POST", path: "/v2/accounts", tls: true, json: { name: "tls", deposit: { value: "1.00", currency: "EUR" } } });
  assert.equal(a.status, 201);
  const admin = await call(svc, { path: "/accounts", tls: true, headers: ADMIN });
  assert.equal(admin.status, 401);
  assert.ok(existsSync(join(svc.dir, ".dev-certs", "key.pem")));
});

test("metrics exposition counts requests by status and times them", async () => {
  await call(svc, { path: "/v1/nothing" });
  const r = await call(svc, { path: "/metrics", headers: ADMIN });
  assert.equal(r.status, 200);
  assert.match(String(r.headers["content-type"]), /^text\/plain; version=0\.0\.4/);
  assert.match(r.text, /^# TYPE wagers_api_requests_total counter$/m);
  assert.match(r.text, /^wagers_api_requests_total\{code="201"\} [1-9]\d*$/m);
  assert.match(r.text, /^wagers_api_requests_total\{code="404"\} [1-9]\d*$/m);
  assert.match(r.text, /^wagers_api_request_duration_seconds_count [1-9]\d*$/m);
  assert.match(r.text, /^wagers_admin_requests_total\{code="401"\} [1-9]\d*$/m);
});

test("access log (Apache combined) and JSON log lines, joined by the request id", async () => {
  const id = "e2e-log-check-1";
  const r = await call(svc, { path: "/accounts", headers: { ...ADMIN, "X-Request-ID": id, "User-Agent": "e2e \"quoted\" agent", Referer: "http://ref.example/" }, auth: VIEWER });
  assert.equal(r.status, 200);
  assert.equal(r.headers["x-request-id"], id);

  const combined = /^127\.0\.0\.1 - auditor \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] "GET \/accounts HTTP\/1\.1" 200 \d+ "http:\/\/ref\.example\/" "e2e \\"quoted\\" agent"$/m;
  await svc.waitFor(() => svc.file("access.log"), combined);

  const m = await svc.waitFor(() => svc.file("json.log"), new RegExp(`^.*"requestId":"${id}".*$`, "m"));
  const line = JSON.parse(m[0]) as Record<string, unknown>;
  assert.equal(line.method, "GET");
  assert.equal(line.url, "/accounts");
  assert.equal(line.status, 200);
  assert.equal(line.user, "auditor");
  assert.equal(typeof line.duration, "number");
});
