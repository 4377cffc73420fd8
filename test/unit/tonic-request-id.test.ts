import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { isSaneRequestId, newRequestId, requestId, withRequestId } from "../../src/tonic/request-id.js";
import { requestState } from "../../src/tonic/state.js";

test("newRequestId: 16 base62 characters, unique, every symbol reachable", () => {
  const seen = new Set<string>();
  const chars = new Set<string>();
  for (let i = 0; i < 5000; i++) {
    const id = newRequestId();
    assert.match(id, /^[0-9A-Za-z]{16}$/);
    seen.add(id);
    for (const c of id) chars.add(c);
  }
  assert.equal(seen.size, 5000);
  assert.equal(chars.size, 62);
});

test("newRequestId: no modulo bias (each symbol's share within a loose band of 1/62)", () => {
  const counts = new Map<string, number>();
  const n = 20000;
  for (let i = 0; i < n; i++) for (const c of newRequestId()) counts.set(c, (counts.get(c) ?? 0) + 1);
  const expected = (n * 16) / 62;
  // With `byte % 62` and no rejection, symbols 0-7 would be ~25% over; the band is far tighter than that.
  for (const [c, k] of counts) assert.ok(Math.abs(k - expected) / expected < 0.1, `${c}: ${k} vs ${expected}`);
});

test("isSaneRequestId: up to 128 chars of [A-Za-z0-9._-]", () => {
  assert.ok(isSaneRequestId("abc-DEF_1.2"));
  assert.ok(isSaneRequestId("a".repeat(128)));
  assert.ok(!isSaneRequestId("a".repeat(129)));
  assert.ok(!isSaneRequestId(""));
  assert.ok(!isSaneRequestId("has space"));
  assert.ok(!isSaneRequestId('quote"'));
  assert.ok(!isSaneRequestId("line\nbreak"));
  assert.ok(!isSaneRequestId(["a", "b"]));
  assert.ok(!isSaneRequestId(undefined));
});

async function roundTrip(headers: Record<string, string>): Promise<{ header: string | undefined; seen: string }> {
  let seen = "";
  const server = http.createServer(
    withRequestId((req, res) => {
      seen = requestState(req).requestId ?? "";
      assert.equal(requestId(req), seen, "stable within a request");
      res.end();
    }),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers });
    await res.arrayBuffer();
    return { header: res.headers.get("x-request-id") ?? undefined, seen };
  } finally {
    server.close();
  }
}

test("a sane X-Request-ID is kept, echoed and stored in the request state", async () => {
  const r = await roundTrip({ "X-Request-ID": "upstream-42.a_b" });
  assert.equal(r.seen, "upstream-42.a_b");
  assert.equal(r.header, "upstream-42.a_b");
});

test("an insane X-Request-ID is replaced by a fresh id, echoed", async () => {
  for (const bad of ["x".repeat(129), "a b", "<script>", "id,other"]) {
    const r = await roundTrip({ "X-Request-ID": bad });
    assert.match(r.seen, /^[0-9A-Za-z]{16}$/);
    assert.equal(r.header, r.seen);
  }
  const none = await roundTrip({});
  assert.match(none.seen, /^[0-9A-Za-z]{16}$/);
  assert.equal(none.header, none.seen);
});
