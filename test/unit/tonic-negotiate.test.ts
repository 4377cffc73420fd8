import { test } from "node:test";
import assert from "node:assert/strict";
import { accepts, acceptsJson, isJsonMediaType, parseAccept, parseContentType, qualityOf } from "../../src/tonic/negotiate.js";

test("absent or empty Accept means JSON", () => {
  assert.equal(acceptsJson(undefined), true);
  assert.equal(acceptsJson(""), true);
});

test("wildcards, q-values and q=0", () => {
  assert.equal(acceptsJson("*/*"), true);
  assert.equal(acceptsJson("application/*"), true);
  assert.equal(acceptsJson("text/html"), false);
  assert.equal(acceptsJson("text/html, */*;q=0.1"), true);
  assert.equal(acceptsJson("application/json;q=0"), false, "fix: q=0 excludes");
  assert.equal(acceptsJson("application/json;q=0, */*"), false, "the specific range wins over */*");
  assert.equal(acceptsJson("*/*;q=0"), false);
  assert.equal(acceptsJson("application/*;q=0, application/json"), true);
  assert.equal(acceptsJson("text/json-ish"), false, "fix: no substring matching");
  assert.equal(acceptsJson("text/html;note=\"application/json\""), false, "fix: quoted params are not media types");
  assert.equal(qualityOf("text/html;q=0.5, application/json;q=0.8", "application/json"), 0.8);
});

test("+json suffixes", () => {
  assert.equal(acceptsJson("application/vnd.api+json"), true);
  assert.equal(accepts("application/problem+json", "application/problem+json"), true);
  assert.equal(accepts("application/json", "text/csv"), false);
  assert.equal(accepts("text/*", "text/csv"), true);
});

test("parseAccept keeps params and skips garbage", () => {
  const r = parseAccept('text/html;level=1;q=0.7, garbage, application/json');
  assert.equal(r.length, 2);
  assert.deepEqual({ ...r[0]!.params }, { level: "1" });
  assert.equal(r[0]!.q, 0.7);
  assert.equal(parseAccept("text/html;q=2")[0]!.q, 0, "out-of-range q is not acceptable");
});

test("Content-Type parsing", () => {
  const ct = parseContentType('Application/JSON; charset="UTF-8"');
  assert.equal(ct?.mediaType, "application/json");
  assert.equal(ct?.params["charset"], "UTF-8");
  assert.equal(isJsonMediaType("application/json"), true);
  assert.equal(isJsonMediaType("application/merge-patch+json"), true);
  assert.equal(isJsonMediaType("application/jsonx"), false, "parsed, not prefix-matched");
  assert.equal(isJsonMediaType("text/plain"), false);
  assert.equal(isJsonMediaType("application/json-seq"), false);
  assert.equal(parseContentType("nonsense"), undefined);
  assert.equal(isJsonMediaType(undefined), false);
});
