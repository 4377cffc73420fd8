import { test } from "node:test";
import assert from "node:assert/strict";
import { httpBasicAuth, safeEqual } from "../../src/tonic/auth.js";
import { Forbidden } from "../../src/tonic/errors.js";
import { inject } from "../../src/tonic/inject.js";
import { requestState } from "../../src/tonic/state.js";
import type { Handler } from "../../src/tonic/types.js";

const whoami: Handler = (req, res) => {
  res.end(String(requestState(req).user));
};
const basic = (user: string, pass: string, scheme = "Basic") => `${scheme} ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
const CHALLENGE = 'Basic realm="wagers", charset="UTF-8"';

test("valid credentials pass and the user is recorded", async () => {
  const h = httpBasicAuth({ ann: "s3cret" }, "wagers", whoami);
  const r = await inject(h, { url: "/", headers: { authorization: basic("ann", "s3cret") } });
  assert.equal(r.statusCode, 200);
  assert.equal(r.body, "ann");
});

test("missing, malformed and wrong credentials: 401 with the challenge", async () => {
  const h = httpBasicAuth({ ann: "s3cret" }, "wagers", whoami);
  for (const authorization of [undefined, "Basic !!!", "Bearer abc", basic("ann", "wrong"), basic("bob", "s3cret"), basic("ann", "s3cret2")]) {
    const r = await inject(h, { url: "/", headers: authorization === undefined ? {} : { authorization } });
    assert.equal(r.statusCode, 401, String(authorization));
    assert.equal(r.headers["www-authenticate"], CHALLENGE);
    assert.equal(r.json().error, "unauthorized");
  }
});

test("scheme is case-insensitive; the password splits at the first ':'", async () => {
  const h = httpBasicAuth({ ann: "a:b:c" }, "wagers", whoami);
  const r = await inject(h, { url: "/", headers: { authorization: basic("ann", "a:b:c", "bAsIc") } });
  assert.equal(r.statusCode, 200);
});

test("fix: a verifier throwing Forbidden gives 403", async () => {
  const h = httpBasicAuth(
    (user, pass) => {
      if (user === "banned") throw new Forbidden("account disabled");
      return pass === "pw";
    },
    "wagers",
    whoami,
  );
  const r = await inject(h, { url: "/", headers: { authorization: basic("banned", "pw") } });
  assert.equal(r.statusCode, 403);
  assert.equal(r.json().description, "account disabled");
  const ok = await inject(h, { url: "/", headers: { authorization: basic("zoe", "pw") } });
  assert.equal(ok.body, "zoe");
  const async = httpBasicAuth(async (_u, p) => p === "x", "r", whoami);
  assert.equal((await inject(async, { url: "/", headers: { authorization: basic("q", "y") } })).statusCode, 401);
});

test("realm quoting cannot break the header", async () => {
  const h = httpBasicAuth({}, 'a"b\\c', whoami);
  const r = await inject(h, "/");
  assert.equal(r.headers["www-authenticate"], 'Basic realm="a\\"b\\\\c", charset="UTF-8"');
});

test("safeEqual compares content, any lengths", () => {
  assert.equal(safeEqual("abc", "abc"), true);
  assert.equal(safeEqual("abc", "abcd"), false);
  assert.equal(safeEqual("", ""), true);
});
