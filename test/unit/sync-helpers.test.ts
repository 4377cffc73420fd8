// The pure helpers behind sync: --frozen disagreements, stray detection, the project lock, the resolve cache.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import { tmpdir, hostname } from "node:os";
import { join } from "node:path";
import { frozenDisagreements } from "../../src/vendor/sync/frozen.js";
import { listStrays } from "../../src/vendor/sync/fs-tree.js";
import { acquireProjectLock, TXN_LOCK_FILE } from "../../src/vendor/sync/txn-lock.js";
import { fingerprint, isKnownResolution, rememberResolution } from "../../src/vendor/sync/resolve-cache.js";
import { recover, stagingPaths, JOURNAL_FILE } from "../../src/vendor/sync/swap.js";
import { VendorError } from "../../src/vendor/errors.js";
import type { Lock } from "../../src/vendor/lock/types.js";
import type { Manifest } from "../../src/vendor/manifest/types.js";

const SRI = `sha512-${Buffer.alloc(64).toString("base64")}`;
const lock: Lock = {
  lockfileVersion: 1,
  roots: { a: { spec: "^1.0.0", key: "a" }, al: { spec: "npm:real@^2.0.0", key: "al" }, g: { spec: "github:o/g#v1", key: "g" } },
  packages: {
    a: { name: "a", version: "1.4.0", source: "registry", integrity: SRI },
    al: { name: "real", version: "2.1.0", source: "registry", integrity: SRI },
    g: { name: "g", source: "git", commit: "b".repeat(40), ref: "v1", mode: "tarball", resolved: "https://example.test/o/g.git" },
  },
};
const manifest = (deps: Record<string, string>, modes: Record<string, "submodule"> = {}): Manifest => ({
  vendorDir: "vendor",
  sources: ["src/**"],
  importStyle: "imports",
  dependencies: Object.entries(deps).map(([name, spec]) => ({ name, spec, mode: modes[name] ?? "tarball" })),
});

test("frozenDisagreements: equal specs and satisfied ranges agree; everything else is named", () => {
  assert.deepEqual(frozenDisagreements(manifest({ a: "^1.0.0", al: "npm:real@^2.0.0", g: "github:o/g#v1" }), lock), []);
  assert.deepEqual(frozenDisagreements(manifest({ a: "1.4.0", al: "npm:real@2.x", g: "github:o/g#v1" }), lock), []);
  const out = frozenDisagreements(manifest({ a: "^2.0.0", al: "npm:other@^2.0.0", g: "github:o/g#v2", n: "^1" }, {}), lock);
  assert.equal(out.length, 4);
  assert.match(out[0]!, /^a: the manifest asks for "\^2\.0\.0" but the lock has "\^1\.0\.0" \(a@1\.4\.0\)/);
  assert.match(out.join("\n"), /al: the manifest asks for "npm:other@\^2\.0\.0"/);
  assert.match(out.join("\n"), /g: the manifest asks for "github:o\/g#v2".*at bbbbbbbbbbbb/);
  assert.match(out.join("\n"), /n@\^1 is in tonic-vendor\.json but not in tonic-vendor\.lock/);
  const modeOut = frozenDisagreements(manifest({ a: "^1.0.0", al: "npm:real@^2.0.0", g: "github:o/g#v1" }, { g: "submodule" }), lock);
  assert.deepEqual(modeOut, ['g: mode is "submodule" in the manifest but "tarball" in the lock']);
  assert.deepEqual(frozenDisagreements(manifest({ a: "^1.0.0" }), lock), [
    "al is in tonic-vendor.lock but no longer in tonic-vendor.json",
    "g is in tonic-vendor.lock but no longer in tonic-vendor.json",
  ]);
});

test("listStrays: names what no key owns, including inside scopes and hidden files", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tonic-strays-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const d of ["a", "ms@2.0.0", "@s/x", "@s/y", "@t/z", "junk", ".hidden"]) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, "README"), "x");
  assert.deepEqual(listStrays(dir, ["a", "ms@2.0.0", "@s/x"]), [".hidden", "@s/y", "@t", "README", "junk"]);
  assert.deepEqual(listStrays(join(dir, "missing"), ["a"]), []);
});

test("project lock: exclusive, released, stale taken over, live one refused after the wait", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tonic-txn-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const held = await acquireProjectLock(dir, 0);
  assert.equal(JSON.parse(readFileSync(join(dir, TXN_LOCK_FILE), "utf8")).pid, process.pid);
  await assert.rejects(acquireProjectLock(dir, 150), (e: unknown) => e instanceof VendorError && e.code === "sync-locked" && e.exitCode === 1 && /delete \.tonic-vendor\.pid/.test(e.fix ?? ""));
  held.release();
  assert.ok(!existsSync(join(dir, TXN_LOCK_FILE)));
  // a pid that cannot be running (beyond pid_max) on this host is stale
  writeFileSync(join(dir, TXN_LOCK_FILE), JSON.stringify({ pid: 2 ** 30, host: hostname() }));
  const again = await acquireProjectLock(dir, 0);
  again.release();
  // unreadable content (a writer killed mid-write) is stale too
  writeFileSync(join(dir, TXN_LOCK_FILE), "");
  (await acquireProjectLock(dir, 0)).release();
});

test("resolve cache: remembers exactly one fingerprint per project", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tonic-rc-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  process.env.TONIC_VENDOR_CACHE = join(dir, "cache");
  t.after(() => delete process.env.TONIC_VENDOR_CACHE);
  const fp = fingerprint("m", "l");
  assert.notEqual(fp, fingerprint("m", "l2"));
  assert.notEqual(fingerprint("ab", "c"), fingerprint("a", "bc"));
  assert.equal(isKnownResolution("/p", fp), false);
  rememberResolution("/p", fp);
  assert.equal(isKnownResolution("/p", fp), true);
  assert.equal(isKnownResolution("/q", fp), false);
  rememberResolution("/p", fingerprint("m2", "l"));
  assert.equal(isKnownResolution("/p", fp), false);
});

test("recover without a journal deletes leftovers; a journal naming outside paths is refused", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tonic-recover-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { staging, backup } = stagingPaths(dir, "vendor");
  mkdirSync(join(staging, "x"), { recursive: true });
  mkdirSync(backup);
  writeFileSync(join(dir, "tonic-vendor.lock.tonic-new"), "{}");
  mkdirSync(join(dir, "vendor"));
  assert.equal(recover(dir, "vendor", () => {}), "cleaned");
  assert.ok(!existsSync(staging) && !existsSync(backup) && !existsSync(join(dir, "tonic-vendor.lock.tonic-new")));
  assert.ok(existsSync(join(dir, "vendor")), "vendor/ itself is never touched without a journal");
  assert.equal(recover(dir, "vendor", () => {}), "none");
  writeFileSync(join(dir, JOURNAL_FILE), JSON.stringify({ version: 1, vendor: "../elsewhere", staging: "s", backup: "b", files: [] }));
  assert.throws(() => recover(dir, "vendor", () => {}), (e: unknown) => e instanceof VendorError && e.code === "journal-invalid");
});
