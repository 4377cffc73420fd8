import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { TrieServeMux } from "../../src/tonic/router/mux.js";
import { inject } from "../../src/tonic/inject.js";
import { params, requestPath, requestState } from "../../src/tonic/state.js";
import { cors } from "../../src/tonic/cors.js";
import { recovered, when } from "../../src/tonic/compose.js";
import type { Handler } from "../../src/tonic/types.js";

const named = (name: string): Handler => (req: IncomingMessage, res: ServerResponse) => {
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify({ name, params: params(req), pattern: requestState(req).pattern, path: requestPath(req) }));
};

test("static and {param} routes; params are decoded per segment", async () => {
  const mux = new TrieServeMux();
  mux.handle("GET", "/users/{id}", named("user"));
  mux.handle("GET", "/users/me", named("me"));
  const r = await inject(mux, "/users/42");
  assert.equal(r.statusCode, 200);
  assert.deepEqual(r.json(), { name: "user", params: { id: "42" }, pattern: "/users/{id}", path: "/users/42" });
  assert.equal((await inject(mux, "/users/me")).json().name, "me", "literal beats wildcard");
  assert.equal((await inject(mux, "/users/caf%C3%A9")).json().params.id, "café");
});

test("fix: %2F stays inside one segment", async () => {
  const mux = new TrieServeMux();
  mux.handle("GET", "/files/{name}", named("file"));
  const r = await inject(mux, "/files/a%2Fb");
  assert.equal(r.statusCode, 200);
  assert.equal(r.json().params.name, "a/b");
  assert.equal((await inject(mux, "/files/a/b")).statusCode, 404);
});

test("fix: a dead-end literal branch backtracks to the wildcard", async () => {
  const mux = new TrieServeMux();
  mux.handle("GET", "/users/me/settings", named("settings"));
  mux.handle("GET", "/users/{id}/posts", named("posts"));
  const r = await inject(mux, "/users/me/posts");
  assert.equal(r.statusCode, 200);
  assert.deepEqual(r.json().params, { id: "me" });
  assert.equal((await inject(mux, "/users/me/settings")).json().name, "settings");
});

test("a literal route without the method falls through to a wildcard route that has it", async () => {
  const mux = new TrieServeMux();
  mux.handle("GET", "/users/me", named("me"));
  mux.handle("DELETE", "/users/{id}", named("delete"));
  const r = await inject(mux, { method: "DELETE", url: "/users/me" });
  assert.equal(r.json().name, "delete");
});

test("{rest...} captures the rest of the path, slashes kept", async () => {
  const mux = new TrieServeMux();
  mux.handle("GET", "/static/{path...}", named("static"));
  assert.equal((await inject(mux, "/static/css/site.css")).json().params.path, "css/site.css");
  assert.equal((await inject(mux, "/static/")).json().params.path, "");
  assert.equal((await inject(mux, "/static")).statusCode, 404);
});

test("/foo and /foo/ are different routes", async () => {
  const mux = new TrieServeMux();
  mux.handle("GET", "/foo", named("foo"));
  mux.handle("GET", "/foo/", named("foo/"));
  assert.equal((await inject(mux, "/foo")).json().name, "foo");
  assert.equal((await inject(mux, "/foo/")).json().name, "foo/");
  const only = new TrieServeMux().handle("GET", "/bar", named("bar"));
  assert.equal((await inject(only, "/bar/")).statusCode, 404);
});

test("404: NotFound with the exact description; query string not part of the path", async () => {
  const mux = new TrieServeMux().handle("GET", "/a", named("a"));
  const r = await inject(mux, { method: "POST", url: "/nope?x=1" });
  assert.equal(r.statusCode, 404);
  assert.equal(r.headers["content-type"], "application/json; charset=utf-8");
  assert.equal(r.body, '{"description":"POST /nope not found","error":"not_found"}\n');
  assert.equal((await inject(mux, "/a?x=1")).statusCode, 200);
});

test("fix: 405 lists each method once, sorted, plus HEAD and OPTIONS", async () => {
  const mux = new TrieServeMux();
  mux.handle("GET", "/things", named("list"));
  mux.handle("POST", "/things", named("create"));
  mux.handle("OPTIONS", "/things", named("opts"));
  const r = await inject(mux, { method: "DELETE", url: "/things" });
  assert.equal(r.statusCode, 405);
  assert.equal(r.headers.allow, "GET, HEAD, OPTIONS, POST");
  assert.deepEqual(r.json(), { description: "only GET, HEAD, OPTIONS, POST are allowed", error: "method_not_allowed" });
  const g = new TrieServeMux().handle("GET", "/x", named("x"));
  const r2 = await inject(g, { method: "PUT", url: "/x" });
  assert.equal(r2.json().description, "only GET, HEAD, OPTIONS are allowed");
  assert.equal(r2.headers.allow, "GET, HEAD, OPTIONS");
});

test("fix: HEAD on a GET route is served by GET with the body dropped", async () => {
  let called = 0;
  const mux = new TrieServeMux().handle("GET", "/doc", (_req, res) => {
    called++;
    res.setHeader("X-Doc", "1");
    res.setHeader("Content-Length", "5");
    res.end("hello");
  });
  // A real socket: Node itself drops the body of a HEAD answer.
  const server = createServer(mux.handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    const r = await request(`http://127.0.0.1:${port}/doc`, { method: "HEAD" });
    assert.equal(r.statusCode, 200);
    assert.equal(called, 1);
    assert.equal(r.headers["x-doc"], "1");
    assert.equal(await r.body.text(), "");
  } finally {
    server.close();
  }
});

test("automatic OPTIONS: 200, Allow and a JSON body", async () => {
  const mux = new TrieServeMux().handle("GET", "/x", named("x")).handle("PUT", "/x", named("x"));
  const r = await inject(mux, { method: "OPTIONS", url: "/x" });
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers.allow, "GET, HEAD, OPTIONS, PUT");
  assert.deepEqual(r.json(), { allow: ["GET", "HEAD", "OPTIONS", "PUT"] });
  assert.equal(r.headers["access-control-allow-methods"], undefined, "not a preflight");
});

test("fix: a CORS preflight is answered by the route's policy even through wrappers", async () => {
  const policy = { origins: ["https://app.example"], credentials: true, maxAge: 600 };
  const inner = cors(policy, named("data"));
  // cors sits inside two other wrappers, as it would under auth and recovery.
  const wrappedTwice = recovered(when(() => ({ "X-Checked": "yes" }), inner));
  const mux = new TrieServeMux().handle("GET", "/data", wrappedTwice).handle("DELETE", "/data", named("del"));
  const r = await inject(mux, {
    method: "OPTIONS",
    url: "/data",
    headers: { origin: "https://app.example", "access-control-request-method": "GET", "access-control-request-headers": "x-token" },
  });
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers["access-control-allow-origin"], "https://app.example");
  assert.equal(r.headers["access-control-allow-credentials"], "true");
  assert.equal(r.headers["access-control-allow-methods"], "DELETE, GET, HEAD, OPTIONS");
  assert.equal(r.headers["access-control-allow-headers"], "x-token");
  assert.equal(r.headers["access-control-max-age"], "600");
  assert.match(String(r.headers.vary), /Origin/);
  assert.equal(r.headers.allow, "DELETE, GET, HEAD, OPTIONS");
  // A disallowed origin: no CORS headers at all.
  const bad = await inject(mux, { method: "OPTIONS", url: "/data", headers: { origin: "https://evil.example", "access-control-request-method": "GET" } });
  assert.equal(bad.headers["access-control-allow-origin"], undefined);
  // The DELETE handler has no policy: the preflight for it gets Allow-Methods but no Allow-Origin.
  const del = await inject(mux, { method: "OPTIONS", url: "/data", headers: { origin: "https://app.example", "access-control-request-method": "DELETE" } });
  assert.equal(del.headers["access-control-allow-origin"], undefined);
  assert.equal(del.headers["access-control-allow-methods"], "DELETE, GET, HEAD, OPTIONS");
});

test("namespaces strip the prefix (with params); the exact prefix is served as /", async () => {
  const inner = new TrieServeMux();
  inner.handle("GET", "/", named("root"));
  inner.handle("GET", "/posts/{post}", named("post"));
  const outer = new TrieServeMux();
  outer.handleNamespace("/v1/users/{user}", inner);
  const r = await inject(outer, "/v1/users/ann/posts/7");
  assert.equal(r.statusCode, 200);
  assert.deepEqual(r.json(), { name: "post", params: { user: "ann", post: "7" }, pattern: "/v1/users/{user}/posts/{post}", path: "/posts/7" });
  const root = await inject(outer, "/v1/users/ann");
  assert.equal(root.statusCode, 200, "fix: the exact prefix is not a 405");
  assert.equal(root.json().name, "root");
  assert.equal((await inject(outer, "/v1/users/ann/")).json().name, "root");
  assert.equal((await inject(outer, "/v1/usersx")).statusCode, 404);
  const nf = await inject(outer, "/v1/users/ann/zzz");
  assert.equal(nf.statusCode, 404);
  assert.equal(nf.json().description, "GET /v1/users/ann/zzz not found", "404 names the full original path");
});

test("an exact route of the outer mux wins over a namespace", async () => {
  const outer = new TrieServeMux();
  outer.handleNamespace("/api", named("ns"));
  outer.handle("GET", "/api/health", named("health"));
  assert.equal((await inject(outer, "/api/health")).json().name, "health");
  assert.equal((await inject(outer, "/api/other")).json().name, "ns");
  assert.equal((await inject(outer, { method: "POST", url: "/api/health" })).json().name, "ns");
});

test("lookup and routes", () => {
  const mux = new TrieServeMux();
  const h = named("x");
  mux.handle("GET", "/a/{id}", h);
  const inner = new TrieServeMux().handle("POST", "/items/{item}", h);
  mux.handleNamespace("/shops/{shop}", inner);
  const m = mux.lookup("GET", "/a/7");
  assert.equal(m?.handler, h);
  assert.equal(m?.pattern, "/a/{id}");
  assert.deepEqual(m?.params, { id: "7" });
  assert.equal(mux.lookup("POST", "/a/7"), undefined);
  assert.equal(mux.lookup("GET", "/zzz"), undefined);
  const n = mux.lookup("POST", "/shops/s1/items/i2");
  assert.equal(n?.pattern, "/shops/{shop}/items/{item}");
  assert.deepEqual(n?.params, { shop: "s1", item: "i2" });
  assert.deepEqual(mux.allowed("/a/1"), ["GET", "HEAD", "OPTIONS"]);
  assert.deepEqual(mux.routes(), [
    { method: "GET", pattern: "/a/{id}" },
    { method: "POST", pattern: "/shops/{shop}/items/{item}" },
  ]);
});

test("malformed percent-encoding is a 400, not a crash", async () => {
  const mux = new TrieServeMux().handle("GET", "/x/{v}", named("x"));
  const r = await inject(mux, "/x/%E0%A4%A");
  assert.equal(r.statusCode, 400);
  assert.equal(r.json().error, "bad_request");
});

test("bad patterns and duplicates are programming errors", () => {
  const mux = new TrieServeMux();
  mux.handle("GET", "/a/{id}", named("a"));
  assert.throws(() => mux.handle("GET", "/a/{id}", named("a")), /already registered/);
  assert.throws(() => mux.handle("POST", "/a/{other}", named("a")), /conflicts/);
  assert.throws(() => mux.handle("GET", "no-slash", named("a")), /must start/);
  assert.throws(() => mux.handle("GET", "/{rest...}/x", named("a")), /last segment/);
  assert.throws(() => mux.handle("GET", "/{a}/{a}", named("a")), /duplicate/);
  assert.throws(() => mux.handle("GET", "/{__proto__}", named("a")), /reserved/);
  assert.throws(() => mux.handle("G T", "/b", named("a")), /invalid HTTP method/);
});

test("a replaceable error writer per mux", async () => {
  const mux = new TrieServeMux({
    errorWriter: (_req, res, err) => {
      res.statusCode = err.status;
      res.end(`custom ${err.name}`);
    },
  });
  const r = await inject(mux, "/missing");
  assert.equal(r.statusCode, 404);
  assert.equal(r.body, "custom not_found");
});

test("routing matches the same set as a brute-force matcher on random paths", async () => {
  const fc = await import("fast-check");
  const mux = new TrieServeMux();
  const patterns = ["/a", "/a/{x}", "/a/b", "/a/b/{y}", "/{z}/b", "/c/{rest...}", "/a/{x}/c"];
  for (const p of patterns) mux.handle("GET", p, named(p));
  const matches = (pattern: string, path: string): boolean => {
    const ps = pattern.split("/");
    const xs = path.split("/");
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i]!;
      if (p.endsWith("...}")) return xs.length > i;
      if (i >= xs.length) return false;
      if (p.startsWith("{")) {
        if (xs[i] === "") return false;
      } else if (p !== xs[i]) return false;
    }
    return ps.length === xs.length;
  };
  fc.assert(
    fc.property(fc.array(fc.constantFrom("a", "b", "c", "", "q"), { minLength: 1, maxLength: 4 }), (segs) => {
      const path = "/" + segs.join("/");
      const m = mux.lookup("GET", path);
      const any = patterns.some((p) => matches(p, path));
      assert.equal(m !== undefined, any, path);
      if (m !== undefined) assert.ok(matches(m.pattern, path), `${path} -> ${m.pattern}`);
    }),
  );
});
