// sync's orchestration against fake resolve/fetch steps and the real digest: staging, reuse, no-op,
// failures that must leave everything as it was, --frozen, and the project lock.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, readFileSync, statSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { tmpdir, hostname } from "node:os";
import { join } from "node:path";
import { syncWith } from "../../src/vendor/sync.js";
import { VendorError } from "../../src/vendor/errors.js";
import { parseLock } from "../../src/vendor/lock/read.js";
import { parseManifest } from "../../src/vendor/manifest/read.js";
import { digestTrees } from "../../src/vendor/digest/index.js";
import { TXN_LOCK_FILE } from "../../src/vendor/sync/txn-lock.js";
import { UNIVERSE, fakeDeps } from "./sync-fakes.js";

const cacheDir = mkdtempSync(join(tmpdir(), "tonic-cache-"));
process.env.TONIC_VENDOR_CACHE = cacheDir;
after(() => rmSync(cacheDir, { recursive: true, force: true }));
import { snapshot } from "./sync-snapshot.js";

function project(deps: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "tonic-sync-"));
  writeManifest(dir, deps);
  return dir;
}
function writeManifest(dir: string, deps: Record<string, string>): void {
  writeFileSync(join(dir, "tonic-vendor.json"), `${JSON.stringify({ dependencies: deps }, null, 2)}\n`);
}
const lockOf = (dir: string) => parseLock(readFileSync(join(dir, "tonic-vendor.lock"), "utf8"), "lock");
const noLeftovers = (dir: string) => readdirSync(dir).filter((n) => n.startsWith(".") || n.endsWith(".tonic-new"));

async function expectError(p: Promise<unknown>, code: string): Promise<VendorError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof VendorError, `expected VendorError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected ${code}`);
}

test("first sync vendors the closure, records digests and executables, and matches the tree", async (t) => {
  const dir = project({ a: "^2.0.0", "@s/d": "^1.0.0" });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const r = await syncWith(fakeDeps(UNIVERSE), { projectDir: dir });
  assert.equal(r.changed, true);
  assert.deepEqual(r.fetched.sort(), ["@s/d", "a", "c"]);
  const lock = lockOf(dir);
  assert.deepEqual(Object.keys(lock.packages), ["@s/d", "a", "c"]);
  assert.deepEqual(lock.packages.a!.executables, ["bin/a"]);
  assert.deepEqual(lock.packages.a!.dependencies, { c: "c" });
  assert.deepEqual(lock.roots.a, { spec: "^2.0.0", key: "a" });
  const ds = await digestTrees(["@s/d", "a", "c"].map((k) => join(dir, "vendor", k)));
  assert.deepEqual(ds.map((d) => d.digest), [lock.packages["@s/d"]!.digest, lock.packages.a!.digest, lock.packages.c!.digest]);
  assert.equal(readFileSync(join(dir, "vendor/a/index.js"), "utf8"), "module.exports = 2;\n");
  assert.deepEqual(noLeftovers(dir), []);
});

test("a second sync with nothing changed writes nothing and says so", async (t) => {
  const dir = project({ a: "^1.0.0" });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await syncWith(fakeDeps(UNIVERSE), { projectDir: dir });
  const before = snapshot(dir, true);
  const calls = { fetched: [] as string[] };
  const lines: string[] = [];
  const r = await syncWith(fakeDeps(UNIVERSE, calls), { projectDir: dir, log: (l) => lines.push(l) });
  assert.equal(r.changed, false);
  assert.deepEqual(calls.fetched, []);
  assert.ok(lines.some((l) => l.includes("nothing to change")), lines.join("\n"));
  assert.deepEqual(snapshot(dir, true), before);
});

test("a manifest change fetches only what changed and hard-links the rest", async (t) => {
  const dir = project({ a: "^1.0.0" });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await syncWith(fakeDeps(UNIVERSE), { projectDir: dir });
  const inode = statSync(join(dir, "vendor/c/c.js")).ino;
  writeManifest(dir, { a: "^1.0.0", b: "^1.0.0" });
  const calls = { fetched: [] as string[] };
  const r = await syncWith(fakeDeps(UNIVERSE, calls), { projectDir: dir });
  assert.deepEqual(calls.fetched, ["b@1.0.0"]);
  assert.deepEqual(r.reused.sort(), ["a", "c"]);
  assert.equal(statSync(join(dir, "vendor/c/c.js")).ino, inode);
  writeManifest(dir, { b: "^1.0.0" });
  const r2 = await syncWith(fakeDeps(UNIVERSE), { projectDir: dir });
  assert.deepEqual(r2.removed.sort(), ["a", "c"]);
  assert.deepEqual(readdirSync(join(dir, "vendor")), ["b"]);
  assert.deepEqual(noLeftovers(dir), []);
});

test("a tampered entry and a stray folder are repaired by the next sync", async (t) => {
  const dir = project({ a: "^2.0.0" });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await syncWith(fakeDeps(UNIVERSE), { projectDir: dir });
  const good = snapshot(join(dir, "vendor"));
  writeFileSync(join(dir, "vendor/a/index.js"), "evil\n");
  mkdirSync(join(dir, "vendor/stray"));
  const calls = { fetched: [] as string[] };
  const r = await syncWith(fakeDeps(UNIVERSE, calls), { projectDir: dir });
  assert.deepEqual(calls.fetched, ["a@2.0.0"]);
  assert.deepEqual(r.strays, ["stray"]);
  assert.deepEqual(snapshot(join(dir, "vendor")), good);
});

test("integrity mismatch and a nonexistent version leave vendor/, lock and manifest untouched", async (t) => {
  const dir = project({ a: "^1.0.0" });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await syncWith(fakeDeps(UNIVERSE), { projectDir: dir });
  const before = snapshot(dir, true, (r) => r === "tonic-vendor.json");
  const m = parseManifest(`{"dependencies":{"a":"^1.0.0","bad":"^1.0.0"}}`, "m");
  const e = await expectError(syncWith(fakeDeps(UNIVERSE), { projectDir: dir, manifest: m }), "integrity-mismatch");
  assert.equal(e.exitCode, 3);
  assert.deepEqual(snapshot(dir, true, (r) => r === "tonic-vendor.json"), before);
  assert.equal(JSON.parse(readFileSync(join(dir, "tonic-vendor.json"), "utf8")).dependencies.bad, undefined);
  writeManifest(dir, { a: "^9.0.0" });
  const e2 = await expectError(syncWith(fakeDeps(UNIVERSE), { projectDir: dir }), "no-matching-version");
  assert.match(e2.message, /available: 1\.0\.0, 2\.0\.0/);
  assert.deepEqual(snapshot(dir, true, (r) => r === "tonic-vendor.json"), before);
});

test("add-style sync commits the edited manifest together with vendor/ and the lock", async (t) => {
  const dir = project({});
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const m = parseManifest(`{"dependencies":{"b":"^1.0.0"}}`, "m");
  await syncWith(fakeDeps(UNIVERSE), { projectDir: dir, manifest: m });
  assert.equal(JSON.parse(readFileSync(join(dir, "tonic-vendor.json"), "utf8")).dependencies.b, "^1.0.0");
  assert.ok(existsSync(join(dir, "vendor/b/lib/b.js")));
  assert.deepEqual(noLeftovers(dir), []);
});

test("--frozen never resolves, materialises exactly the lock, and names every disagreement", async (t) => {
  const dir = project({ a: "^1.0.0", b: "^1.0.0" });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await syncWith(fakeDeps(UNIVERSE), { projectDir: dir });
  const lockText = readFileSync(join(dir, "tonic-vendor.lock"), "utf8");
  const vendorBefore = snapshot(join(dir, "vendor"));
  const noResolve = { ...fakeDeps(UNIVERSE), resolveClosure: async () => assert.fail("frozen must not resolve") };
  rmSync(join(dir, "vendor"), { recursive: true });
  const r = await syncWith(noResolve, { projectDir: dir, frozen: true });
  assert.equal(r.changed, true);
  assert.deepEqual(snapshot(join(dir, "vendor")), vendorBefore);
  assert.equal(readFileSync(join(dir, "tonic-vendor.lock"), "utf8"), lockText);
  writeManifest(dir, { a: "^2.0.0", "@s/d": "^1.0.0" });
  const before = snapshot(dir, true, (r) => r === "tonic-vendor.json");
  const e = await expectError(syncWith(noResolve, { projectDir: dir, frozen: true }), "frozen-mismatch");
  assert.equal(e.exitCode, 1);
  assert.match(e.message, /a: the manifest asks for "\^2\.0\.0" but the lock has "\^1\.0\.0"/);
  assert.match(e.message, /@s\/d@\^1\.0\.0 is in tonic-vendor\.json but not in tonic-vendor\.lock/);
  assert.match(e.message, /b is in tonic-vendor\.lock but no longer in tonic-vendor\.json/);
  assert.deepEqual(snapshot(dir, true, (r) => r === "tonic-vendor.json"), before);
  writeManifest(dir, { a: "^1.0.0 || ^2.0.0", b: "1.0.0" });
  const ok = await syncWith(noResolve, { projectDir: dir, frozen: true });
  assert.equal(ok.changed, false, "a range the locked version satisfies is not a disagreement");
});

test("two syncs at once do not interleave: the second waits for the first", async (t) => {
  const dir = project({ a: "^2.0.0", b: "^1.0.0" });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const [r1, r2] = await Promise.all([syncWith(fakeDeps(UNIVERSE), { projectDir: dir }), syncWith(fakeDeps(UNIVERSE), { projectDir: dir })]);
  assert.deepEqual([r1.changed, r2.changed].sort(), [false, true]);
  const lock = lockOf(dir);
  const ds = await digestTrees(Object.keys(lock.packages).map((k) => join(dir, "vendor", k)));
  assert.deepEqual(ds.map((d) => d.digest), Object.values(lock.packages).map((e) => e.digest));
  assert.deepEqual(noLeftovers(dir), []);
});

test("a live lock holder stops a second sync with a clear message; a dead one is taken over", async (t) => {
  const dir = project({ b: "^1.0.0" });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const lockFile = join(dir, TXN_LOCK_FILE);
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
  t.after(() => child.kill("SIGKILL"));
  writeFileSync(lockFile, JSON.stringify({ pid: child.pid, host: hostname() }));
  process.env.TONIC_VENDOR_LOCK_WAIT_MS = "300";
  t.after(() => delete process.env.TONIC_VENDOR_LOCK_WAIT_MS);
  const e = await expectError(syncWith(fakeDeps(UNIVERSE), { projectDir: dir }), "sync-locked");
  assert.equal(e.exitCode, 1);
  assert.match(e.message, new RegExp(`pid ${child.pid}`));
  assert.ok(!existsSync(join(dir, "vendor")));
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  const r = await syncWith(fakeDeps(UNIVERSE), { projectDir: dir });
  assert.equal(r.changed, true);
  assert.ok(!existsSync(lockFile), "the lock file is released");
});

test("--frozen refuses bytes that do not match the lock's digest, writing nothing", async (t) => {
  const dir = project({ b: "^1.0.0" });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await syncWith(fakeDeps(UNIVERSE), { projectDir: dir });
  const lockPath = join(dir, "tonic-vendor.lock");
  const text = readFileSync(lockPath, "utf8");
  const other = `h1:${Buffer.alloc(32, 9).toString("base64")}`;
  writeFileSync(lockPath, text.replace(/"digest": "[^"]+"/, `"digest": "${other}"`));
  const before = snapshot(dir, true);
  const e = await expectError(syncWith(fakeDeps(UNIVERSE), { projectDir: dir, frozen: true }), "frozen-digest-mismatch");
  assert.equal(e.exitCode, 1);
  assert.deepEqual(snapshot(dir, true), before);
});

test("two concurrent add-style edits both land (the edit is applied under the project lock)", async (t) => {
  const dir = project({});
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const addOne = (name: string, spec: string) =>
    syncWith(fakeDeps(UNIVERSE), { projectDir: dir, editManifest: (m) => ({ ...m, dependencies: [...m.dependencies, { name, spec, mode: "tarball" as const }] }) });
  await Promise.all([addOne("b", "^1.0.0"), addOne("@s/d", "^1.0.0")]);
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(dir, "tonic-vendor.json"), "utf8")).dependencies), ["@s/d", "b"]);
  assert.deepEqual(Object.keys(lockOf(dir).roots).sort(), ["@s/d", "b"]);
});

test("include/exclude globs prune any source's tree, are recorded in the lock, and re-vendor when changed", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tonic-sync-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (dep: unknown) => writeFileSync(join(dir, "tonic-vendor.json"), `${JSON.stringify({ dependencies: { a: dep } }, null, 2)}\n`);
  write({ spec: "^2.0.0", exclude: ["bin/**"] });
  await syncWith(fakeDeps(UNIVERSE), { projectDir: dir });
  assert.equal(existsSync(join(dir, "vendor/a/bin/a")), false);
  assert.equal(existsSync(join(dir, "vendor/a/index.js")), true);
  let lock = lockOf(dir);
  assert.deepEqual(lock.packages.a!.exclude, ["bin/**"]);
  assert.equal(lock.packages.a!.executables, undefined);
  assert.equal(lock.packages.c!.exclude, undefined, "globs apply to the manifest root only");

  // Changing the globs changes the entry: the next sync re-fetches it with the new filter.
  write({ spec: "^2.0.0", include: ["bin/**"] });
  const r = await syncWith(fakeDeps(UNIVERSE), { projectDir: dir });
  assert.deepEqual(r.fetched, ["a"]);
  assert.equal(existsSync(join(dir, "vendor/a/bin/a")), true);
  assert.equal(existsSync(join(dir, "vendor/a/index.js")), false);
  assert.equal(existsSync(join(dir, "vendor/a/package.json")), true, "package.json is always kept");
  lock = lockOf(dir);
  assert.deepEqual(lock.packages.a!.include, ["bin/**"]);
  assert.equal(lock.packages.a!.exclude, undefined);
});

test("--frozen names a glob that the manifest changed since the lock was written", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tonic-sync-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (dep: unknown) => writeFileSync(join(dir, "tonic-vendor.json"), `${JSON.stringify({ dependencies: { a: dep } }, null, 2)}\n`);
  write({ spec: "^2.0.0", exclude: ["bin/**"] });
  await syncWith(fakeDeps(UNIVERSE), { projectDir: dir });
  const before = readFileSync(join(dir, "tonic-vendor.lock"), "utf8");
  write({ spec: "^2.0.0", exclude: ["docs/**"] });
  const e = await expectError(syncWith(fakeDeps(UNIVERSE), { projectDir: dir, frozen: true }), "frozen-mismatch");
  assert.match(e.message, /"exclude" is \["docs\/\*\*"\] in the manifest but \["bin\/\*\*"\] in the lock/);
  assert.equal(readFileSync(join(dir, "tonic-vendor.lock"), "utf8"), before);
});
