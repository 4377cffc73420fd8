import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VendorError } from "../../src/vendor/errors.js";
import { isSafeLockKey, parseLock, readLock, serializeLock } from "../../src/vendor/lock/read.js";
import type { Lock } from "../../src/vendor/lock/types.js";

const SRI = `sha512-${Buffer.alloc(64, 7).toString("base64")}`;
const DIGEST = `h1:${Buffer.alloc(32, 1).toString("base64")}`;
const COMMIT = "a".repeat(40);

const sample = (): Lock => ({
  lockfileVersion: 1,
  roots: { semver: { spec: "^7", key: "semver" }, lib: { spec: "github:o/lib#v1", key: "lib" } },
  packages: {
    semver: { name: "semver", version: "7.6.0", source: "registry", integrity: SRI, digest: DIGEST, executables: ["bin/semver.js"], dependencies: { "lru-cache": "lru-cache" } },
    "lru-cache": { name: "lru-cache", version: "6.0.0", source: "registry", integrity: SRI, digest: DIGEST },
    "ms@2.0.0": { name: "ms", version: "2.0.0", source: "registry", integrity: SRI, digest: DIGEST, optional: true },
    "@s/x": { name: "@s/x", version: "1.0.0", source: "tarball", resolved: "https://example.test/x.tgz", integrity: SRI, digest: DIGEST },
    lib: { name: "lib", source: "git", resolved: "https://example.test/o/lib.git", ref: "v1", commit: COMMIT, mode: "tarball", digest: DIGEST },
  },
});

function err(text: string): VendorError {
  try {
    parseLock(text, "tonic-vendor.lock");
  } catch (e) {
    assert.ok(e instanceof VendorError, String(e));
    assert.equal(e.exitCode, 2);
    assert.equal(e.file, "tonic-vendor.lock");
    assert.ok(e.fix);
    return e;
  }
  assert.fail("expected an error");
}

function withEntry(patch: Record<string, unknown>, key = "semver"): string {
  const l = sample() as unknown as { packages: Record<string, Record<string, unknown>> };
  l.packages[key] = { ...l.packages[key], ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete l.packages[key]![k];
  return JSON.stringify(l, null, 2);
}

test("serialize: sorted keys by bytes, 2-space, trailing newline, byte-identical round trip", () => {
  const text = serializeLock(sample());
  assert.ok(text.endsWith("}\n"));
  assert.ok(text.startsWith(`{\n  "lockfileVersion": 1,\n  "packages": {\n    "@s/x": {`));
  assert.ok(text.indexOf('"lru-cache": {') < text.indexOf('"ms@2.0.0": {'));
  assert.ok(text.indexOf('"ms@2.0.0": {') < text.indexOf('"semver": {'));
  const parsed = parseLock(text, "l");
  assert.deepEqual(parsed, sample());
  assert.equal(serializeLock(parsed), text);
  // insertion order does not matter
  const l = sample();
  const reordered: Lock = { packages: Object.fromEntries(Object.entries(l.packages).reverse()), roots: l.roots, lockfileVersion: 1 };
  assert.equal(serializeLock(reordered), text);
  // integer-like names sort by bytes too ("10" before "9"), unlike JS object order
  const nums: Lock = { lockfileVersion: 1, roots: {}, packages: { "9": { name: "9", source: "file" }, "10": { name: "10", source: "file" } } };
  const numText = serializeLock(nums);
  assert.ok(numText.indexOf('"10"') < numText.indexOf('"9"'));
  assert.equal(serializeLock(parseLock(numText, "l")), numText);
});

test("a newer lockfileVersion is refused with an upgrade hint", () => {
  const e = err(JSON.stringify({ ...sample(), lockfileVersion: 2 }));
  assert.equal(e.code, "lock-too-new");
  assert.match(e.fix!, /upgrade/);
  assert.equal(e.field, "lockfileVersion");
});

test("malformed JSON gives line and column", () => {
  const text = serializeLock(sample()).replace('"version": "7.6.0"', '"version": 7.6.0.1');
  const e = err(text);
  assert.ok(e.line! > 1);
  assert.ok(e.column! > 1);
  assert.equal(e.code, "lock-invalid");
});

test("field validation: integrity, commit, digest, version, keys, unknown keys, dangling refs", () => {
  const cases: [string, RegExp, string?][] = [
    [withEntry({ integrity: "sha512-abc" }), /SRI/, "packages.semver.integrity"],
    [withEntry({ integrity: "md5-AAAA" }), /SRI/],
    [withEntry({ integrity: undefined }), /needs "version" and "integrity"/],
    [withEntry({ commit: "abc123" }, "lib"), /40- or 64-character/, "packages.lib.commit"],
    [withEntry({ commit: "A".repeat(40) }, "lib"), /40- or 64-character/],
    [withEntry({ commit: undefined }, "lib"), /needs "commit"/],
    [withEntry({ digest: "h1:short" }), /h1 tree digest/],
    [withEntry({ version: "^7" }), /exact semver/],
    [withEntry({ source: "ftp" }), /source must be/],
    [withEntry({ bogus: 1 }), /unknown key "bogus"/, "packages.semver.bogus"],
    [withEntry({ executables: ["../x"] }), /executables/],
    [withEntry({ dependencies: { x: "nope" } }), /not an entry/],
    [withEntry({ resolved: "https://user:pw@example.test/x.tgz" }, "@s/x"), /credentials/],
    [JSON.stringify({ ...sample(), extra: true }), /unknown key "extra"/, "extra"],
    [JSON.stringify({ ...sample(), roots: { a: { spec: "^1", key: "missing" } } }), /not an entry/, "roots.a.key"],
  ];
  for (const [text, re, field] of cases) {
    const e = err(text);
    assert.match(e.message, re, text.slice(0, 80));
    if (field) assert.equal(e.field, field);
    assert.ok(e.line! >= 1 && e.column! >= 1, `position for ${re}`);
  }
});

test("lock keys must be safe relative paths under vendorDir", () => {
  for (const bad of ["../x", "/abs", "a\\b", "a/b", "@s", "@s/x/y", ".hidden", "", "@/x", "a/../b", "C:x"]) {
    assert.equal(isSafeLockKey(bad), false, bad);
    const l = sample() as unknown as { packages: Record<string, unknown> };
    l.packages[bad] = { name: "x", version: "1.0.0", source: "registry", integrity: SRI };
    const e = err(JSON.stringify(l));
    assert.match(e.message, /unsafe lock key/);
  }
  for (const good of ["semver", "@scope/name", "ms@2.0.0", "@scope/name@1.0.0"]) assert.equal(isSafeLockKey(good), true, good);
});

test("readLock: undefined when absent, parsed when present", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tonic-lock-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal(await readLock(dir), undefined);
  writeFileSync(join(dir, "tonic-vendor.lock"), serializeLock(sample()));
  assert.deepEqual(await readLock(dir), sample());
});

test("canonical fast path: a tool-written lock parses the same, and errors in it still carry line and column", async () => {
  const { parseLock: parse, serializeLock: serialize } = await import("../../src/vendor/lock/read.js");
  const lock = {
    lockfileVersion: 1,
    roots: { a: { spec: "^1.0.0", key: "a" } },
    packages: { a: { name: "a", version: "1.0.0", source: "registry" as const, integrity: `sha512-${"A".repeat(86)}==` } },
  };
  const text = serialize(lock);
  assert.deepEqual(parse(text, "tonic-vendor.lock"), lock);
  // canonical bytes, but a field is wrong: the position still comes from the strict parser
  const bad = text.replace('"version": "1.0.0"', '"version": "one"');
  assert.throws(() => parse(bad, "tonic-vendor.lock"), (e: { line?: number; column?: number; field?: string }) => e.field === "packages.a.version" && e.line === 8 && e.column === 18);
  // a duplicate key makes the text non-canonical, so the strict parser sees (and refuses) it
  const dup = text.replace('"name": "a",', '"name": "a",\n      "name": "b",');
  assert.throws(() => parse(dup, "tonic-vendor.lock"), /duplicate key "name"/);
});
