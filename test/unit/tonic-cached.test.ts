import { test } from "node:test";
import assert from "node:assert/strict";
import { cached, cacheControl } from "../../src/tonic/cached.js";
import { NotFound, writeError } from "../../src/tonic/errors.js";
import { inject } from "../../src/tonic/inject.js";

test("directives in Tiger Tonic's fixed order", () => {
  assert.equal(
    cacheControl({ sMaxAge: 60, maxAge: 30, proxyRevalidate: true, mustRevalidate: true, noTransform: true, noStore: true, noCache: true, private: true }),
    "private, no-cache, no-store, no-transform, must-revalidate, proxy-revalidate, max-age=30, s-maxage=60",
  );
  assert.equal(cacheControl({ immutable: true }), "max-age=31536000");
  assert.equal(cacheControl({ immutable: true, maxAge: 5 }), "max-age=31536000");
  assert.throws(() => cacheControl({ maxAge: -1 }), RangeError);
});

test("fix: set before the handler writes, so it reaches the client even when the handler streams", async () => {
  const h = cached({ maxAge: 60 }, (_req, res) => {
    res.flushHeaders();
    res.end("x");
  });
  const r = await inject(h, "/");
  assert.equal(r.headers["cache-control"], "max-age=60");
});

test("the handler's own Cache-Control wins", async () => {
  const h = cached({ maxAge: 60 }, (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.end("x");
  });
  assert.equal((await inject(h, "/")).headers["cache-control"], "no-store");
});

test("an error answer does not inherit the cache lifetime", async () => {
  const h = cached({ immutable: true }, (req, res) => writeError(req, res, new NotFound()));
  const r = await inject(h, "/");
  assert.equal(r.statusCode, 404);
  assert.equal(r.headers["cache-control"], undefined);
});
