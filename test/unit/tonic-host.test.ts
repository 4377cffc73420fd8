import { test } from "node:test";
import assert from "node:assert/strict";
import { HostServeMux, normalizeHost } from "../../src/tonic/host.js";
import { inject } from "../../src/tonic/inject.js";
import type { Handler } from "../../src/tonic/types.js";

const say = (s: string): Handler => (_req, res) => {
  res.end(s);
};

test("normalizeHost", () => {
  assert.equal(normalizeHost("Example.COM:8080"), "example.com");
  assert.equal(normalizeHost("example.com."), "example.com");
  assert.equal(normalizeHost("[::1]:8080"), "::1");
  assert.equal(normalizeHost("[::1]"), "::1");
  assert.equal(normalizeHost("127.0.0.1:80"), "127.0.0.1");
  assert.equal(normalizeHost("bad host"), undefined);
  assert.equal(normalizeHost("a.com:x"), undefined);
  assert.equal(normalizeHost("[::1"), undefined);
});

test("routes by Host: port stripped, case-insensitive, trailing dot, IPv6, wildcards; unknown -> 404", async () => {
  const hm = new HostServeMux();
  hm.handle("example.com", say("apex"));
  hm.handle("*.example.com", say("sub"));
  hm.handle("*.api.example.com", say("api-sub"));
  hm.handle("[::1]", say("v6"));
  const at = async (host: string) => {
    const r = await inject(hm, { url: "/", headers: { host } });
    return r.statusCode === 200 ? r.body : r.statusCode;
  };
  assert.equal(await at("EXAMPLE.com:8443"), "apex");
  assert.equal(await at("example.com."), "apex");
  assert.equal(await at("www.example.com"), "sub");
  assert.equal(await at("a.b.example.com"), "sub");
  assert.equal(await at("v2.api.example.com"), "api-sub");
  assert.equal(await at("[::1]:8080"), "v6");
  assert.equal(await at("notexample.com"), 404);
  assert.equal(await at("example.org"), 404);
  const r = await inject(hm, { url: "/", headers: { host: "example.org" } });
  assert.equal(r.json().error, "not_found");
  hm.handle("*", say("fallback"));
  assert.equal(await at("example.org"), "fallback");
  assert.throws(() => hm.handle("example.com", say("dup")), /already/);
});
