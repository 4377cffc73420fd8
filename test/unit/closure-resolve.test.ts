import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveClosure, fitsPlatforms } from "../../src/vendor/resolve/closure.js";
import type { Lock } from "../../src/vendor/lock/types.js";
import type { SourceContext } from "../../src/vendor/source.js";
import { VendorError } from "../../src/vendor/errors.js";
import { startStaticRegistry, testNpmOptions, type StaticRegistry, type StaticPackage } from "../helpers/static-registry.js";
import { testManifest } from "../helpers/manifest.js";

const P = (name: string, version: string, extra: Partial<StaticPackage> = {}): StaticPackage => ({ name, version, ...extra });

const PACKAGES: StaticPackage[] = [
  P("tf-c", "1.0.0"),
  P("tf-c", "1.1.0"),
  P("tf-c", "1.2.0"),
  P("tf-c", "2.0.0"),
  P("tf-a", "1.0.0", { dependencies: { "tf-c": "^1.0.0" } }),
  P("tf-b", "1.0.0", { dependencies: { "tf-c": "~1.1.0" } }),
  P("tf-d", "1.0.0", { dependencies: { "tf-c": "^2.0.0" } }),
  P("@tonic-fixture/deep", "1.0.0", { dependencies: { "tf-a": "^1.0.0", "tf-b": "1.0.0" } }),
  P("tf-native-linux-x64", "1.0.0", { os: ["linux"], cpu: ["x64"] }),
  P("tf-native-darwin-arm64", "1.0.0", { os: ["darwin"], cpu: ["arm64"] }),
  P("tf-native", "1.0.0", { optionalDependencies: { "tf-native-linux-x64": "1.0.0", "tf-native-darwin-arm64": "1.0.0" } }),
  P("tf-host", "1.0.0"),
  P("tf-host", "2.0.0"),
  P("tf-host", "2.1.0"),
  P("tf-plugin", "1.0.0", { peerDependencies: { "tf-host": "^2.0.0" } }),
  P("tf-old-user", "1.0.0", { dependencies: { "tf-host": "^1.0.0" } }),
  P("tf-old-user2", "1.0.0", { dependencies: { "tf-host": "^1.0.0" } }),
  P("tf-workspace-user", "1.0.0", { dependencies: { "tf-c": "workspace:^" } }),
  P("tf-opt-bad", "1.0.0", { dependencies: { "tf-c": "^1.0.0" }, optionalDependencies: { "tf-missing-optional": "^1.0.0", "tf-c-bad-optional": "workspace:*" } }),
  P("tf-opt-peer", "1.0.0", { peerDependencies: { "tf-host": "^2.0.0" }, peerDependenciesMeta: { "tf-host": { optional: true } } }),
];

let reg: StaticRegistry;
let tmp: string;
before(async () => {
  reg = await startStaticRegistry(PACKAGES);
  tmp = await mkdtemp(join(tmpdir(), "tonic-closure-"));
});
after(async () => {
  await reg.close();
  await rm(tmp, { recursive: true, force: true });
});

let n = 0;
const ctx = (): SourceContext => ({ projectDir: tmp, npmOptions: testNpmOptions(reg.url, join(tmp, `cache-${n++}`)), log: () => undefined });
const manifest = testManifest;
const versions = (lock: Lock): Record<string, string | undefined> => Object.fromEntries(Object.entries(lock.packages).map(([k, e]) => [k, e.version]));

test("one version per name when one satisfies every range (dedupe)", async () => {
  const lock = await resolveClosure({ manifest: manifest({ "tf-a": "^1.0.0", "tf-b": "^1.0.0" }), ctx: ctx() });
  assert.deepEqual(versions(lock), { "tf-a": "1.0.0", "tf-b": "1.0.0", "tf-c": "1.1.0" });
  assert.deepEqual(lock.packages["tf-a"]!.dependencies, { "tf-c": "tf-c" });
  assert.deepEqual(lock.roots, { "tf-a": { spec: "^1.0.0", key: "tf-a" }, "tf-b": { spec: "^1.0.0", key: "tf-b" } });
  assert.match(lock.packages["tf-c"]!.integrity!, /^sha512-/);
  assert.equal(lock.packages["tf-c"]!.source, "registry");
  assert.equal(lock.packages["tf-c"]!.resolved, undefined, "no registry URL in the lock");
});

test("a nested scoped root pulls its whole closure", async () => {
  const lock = await resolveClosure({ manifest: manifest({ "@tonic-fixture/deep": "^1" }), ctx: ctx() });
  assert.deepEqual(Object.keys(lock.packages), ["@tonic-fixture/deep", "tf-a", "tf-b", "tf-c"]);
  assert.equal(lock.packages["tf-c"]!.version, "1.1.0");
});

test("a conflict gives two keys; the project's own version keeps the plain name", async () => {
  const lock = await resolveClosure({ manifest: manifest({ "tf-a": "^1.0.0", "tf-d": "^1.0.0", "tf-c": "^1.0.0" }), ctx: ctx() });
  assert.equal(lock.packages["tf-c"]!.version, "1.2.0");
  assert.equal(lock.packages["tf-c@2.0.0"]!.version, "2.0.0");
  assert.equal(lock.packages["tf-c@2.0.0"]!.name, "tf-c");
  assert.deepEqual(lock.packages["tf-d"]!.dependencies, { "tf-c": "tf-c@2.0.0" });
  assert.deepEqual(lock.packages["tf-a"]!.dependencies, { "tf-c": "tf-c" });
  assert.equal(lock.roots["tf-c"]!.key, "tf-c");

  const lock2 = await resolveClosure({ manifest: manifest({ "tf-a": "^1.0.0", "tf-d": "^1.0.0", "tf-c": "^2.0.0" }), ctx: ctx() });
  assert.equal(lock2.packages["tf-c"]!.version, "2.0.0");
  assert.equal(lock2.packages["tf-c@1.2.0"]!.version, "1.2.0");
  assert.deepEqual(lock2.packages["tf-a"]!.dependencies, { "tf-c": "tf-c@1.2.0" });
});

test("optionalDependencies follow the manifest's platforms, never the machine", async () => {
  const linuxOnly = await resolveClosure({ manifest: manifest({ "tf-native": "1.0.0" }, [{ os: "linux", cpu: "x64", libc: "glibc" }]), ctx: ctx() });
  assert.deepEqual(Object.keys(linuxOnly.packages), ["tf-native", "tf-native-linux-x64"]);
  assert.equal(linuxOnly.packages["tf-native-linux-x64"]!.optional, true);
  assert.equal(linuxOnly.packages["tf-native"]!.optional, undefined);

  const darwin = await resolveClosure({ manifest: manifest({ "tf-native": "1.0.0" }, [{ os: "darwin", cpu: "arm64" }]), ctx: ctx() });
  assert.deepEqual(Object.keys(darwin.packages), ["tf-native", "tf-native-darwin-arm64"]);

  const all = await resolveClosure({ manifest: manifest({ "tf-native": "1.0.0" }), ctx: ctx() });
  assert.deepEqual(Object.keys(all.packages), ["tf-native", "tf-native-darwin-arm64", "tf-native-linux-x64"]);
  assert.deepEqual(all.packages["tf-native"]!.dependencies, { "tf-native-darwin-arm64": "tf-native-darwin-arm64", "tf-native-linux-x64": "tf-native-linux-x64" });

  const none = await resolveClosure({ manifest: manifest({ "tf-native": "1.0.0" }, [{ os: "win32", cpu: "x64" }]), ctx: ctx() });
  assert.deepEqual(Object.keys(none.packages), ["tf-native"]);
});

test("fitsPlatforms follows npm's os/cpu/libc rules including negations", () => {
  assert.equal(fitsPlatforms({ os: ["!win32"] }, [{ os: "linux", cpu: "x64" }]), true);
  assert.equal(fitsPlatforms({ os: ["!linux"] }, [{ os: "linux", cpu: "x64" }]), false);
  assert.equal(fitsPlatforms({ os: ["linux"], libc: ["musl"] }, [{ os: "linux", cpu: "x64", libc: "glibc" }]), false);
  assert.equal(fitsPlatforms({ os: ["linux"], libc: ["musl"] }, [{ os: "linux", cpu: "x64", libc: "musl" }]), true);
  assert.equal(fitsPlatforms({ cpu: ["arm64"] }, undefined), true);
});

test("peer dependencies are auto-included and shared", async () => {
  const auto = await resolveClosure({ manifest: manifest({ "tf-plugin": "^1.0.0" }), ctx: ctx() });
  assert.deepEqual(versions(auto), { "tf-host": "2.1.0", "tf-plugin": "1.0.0" });
  assert.deepEqual(auto.packages["tf-plugin"]!.dependencies, { "tf-host": "tf-host" });

  const shared = await resolveClosure({ manifest: manifest({ "tf-plugin": "^1.0.0", "tf-host": "2.0.0" }), ctx: ctx() });
  assert.deepEqual(versions(shared), { "tf-host": "2.0.0", "tf-plugin": "1.0.0" });
});

test("a transitive conflict leaves the peer-satisfying version at the plain key", async () => {
  const lock = await resolveClosure({ manifest: manifest({ "tf-old-user": "1.0.0", "tf-old-user2": "1.0.0", "tf-plugin": "^1.0.0" }), ctx: ctx() });
  assert.equal(lock.packages["tf-host"]!.version, "2.1.0");
  assert.equal(lock.packages["tf-host@1.0.0"]!.version, "1.0.0");
  assert.deepEqual(lock.packages["tf-plugin"]!.dependencies, { "tf-host": "tf-host" });
  assert.deepEqual(lock.packages["tf-old-user"]!.dependencies, { "tf-host": "tf-host@1.0.0" });
});

test("an unsatisfiable peer is an error naming both sides", async () => {
  await assert.rejects(resolveClosure({ manifest: manifest({ "tf-plugin": "^1.0.0", "tf-host": "^1.0.0" }), ctx: ctx() }), (e: unknown) => {
    assert.ok(e instanceof VendorError);
    assert.equal(e.exitCode, 2);
    assert.equal(e.code, "peer-conflict");
    assert.match(e.message, /tf-plugin@1\.0\.0/);
    assert.match(e.message, /tf-host/);
    assert.match(e.message, /1\.0\.0/);
    assert.match(e.message, /the manifest/);
    return true;
  });
});

test("optional peers are not auto-installed, but are linked when present", async () => {
  const alone = await resolveClosure({ manifest: manifest({ "tf-opt-peer": "1.0.0" }), ctx: ctx() });
  assert.deepEqual(Object.keys(alone.packages), ["tf-opt-peer"]);
  const withHost = await resolveClosure({ manifest: manifest({ "tf-opt-peer": "1.0.0", "tf-host": "^2" }), ctx: ctx() });
  assert.deepEqual(withHost.packages["tf-opt-peer"]!.dependencies, { "tf-host": "tf-host" });
});

test("locked versions that still satisfy are kept; update moves them", async () => {
  const first = await resolveClosure({ manifest: manifest({ "tf-a": "^1.0.0" }), ctx: ctx() });
  assert.equal(first.packages["tf-c"]!.version, "1.2.0");
  const older: Lock = structuredClone(first);
  older.packages["tf-c"]!.version = "1.0.0";
  const kept = await resolveClosure({ manifest: manifest({ "tf-a": "^1.0.0" }), lock: older, ctx: ctx() });
  assert.equal(kept.packages["tf-c"]!.version, "1.0.0");
  const updated = await resolveClosure({ manifest: manifest({ "tf-a": "^1.0.0" }), lock: older, ctx: ctx(), update: ["tf-c"] });
  assert.equal(updated.packages["tf-c"]!.version, "1.2.0");
  // A locked version that no longer satisfies moves.
  const moved = await resolveClosure({ manifest: manifest({ "tf-a": "^1.0.0", "tf-c": "^1.1.0" }), lock: older, ctx: ctx() });
  assert.equal(moved.packages["tf-c"]!.version, "1.2.0");
});

test("a nonexistent version fails with exit 2 and lists the versions that exist", async () => {
  await assert.rejects(resolveClosure({ manifest: manifest({ "tf-c": "^9.0.0" }), ctx: ctx() }), (e: unknown) => {
    assert.ok(e instanceof VendorError);
    assert.equal(e.exitCode, 2);
    assert.equal(e.code, "version-not-found");
    assert.equal(e.field, "dependencies.tf-c");
    assert.match(e.message, /2\.0\.0, 1\.2\.0, 1\.1\.0, 1\.0\.0/);
    return true;
  });
});

test("an unknown package fails with exit 2 naming it", async () => {
  await assert.rejects(resolveClosure({ manifest: manifest({ "tf-no-such-package": "^1.0.0" }), ctx: ctx() }), (e: unknown) => {
    assert.ok(e instanceof VendorError);
    assert.equal(e.exitCode, 2);
    assert.equal(e.code, "package-not-found");
    assert.match(e.message, /tf-no-such-package/);
    return true;
  });
});

test("an unparsable spec fails with exit 2", async () => {
  for (const spec of ["@@@", "git+ext::sh -c evil", "npm:"]) {
    await assert.rejects(resolveClosure({ manifest: manifest({ "tf-c": spec }), ctx: ctx() }), (e: unknown) => {
      assert.ok(e instanceof VendorError, spec);
      assert.equal(e.exitCode, 2);
      assert.equal(e.code, "spec-invalid");
      assert.equal(e.field, "dependencies.tf-c");
      return true;
    });
  }
});

test("a transitive spec that cannot be parsed names the package that asks for it", async () => {
  await assert.rejects(resolveClosure({ manifest: manifest({ "tf-workspace-user": "1.0.0" }), ctx: ctx() }), (e: unknown) => {
    assert.ok(e instanceof VendorError);
    assert.equal(e.exitCode, 2);
    assert.match(e.message, /required by tf-workspace-user@1\.0\.0/);
    return true;
  });
});

test("optional dependencies that do not exist or cannot be parsed are skipped, as npm does", async () => {
  const logs: string[] = [];
  const c = ctx();
  const lock = await resolveClosure({ manifest: manifest({ "tf-opt-bad": "1.0.0" }), ctx: { ...c, log: (l) => logs.push(l) } });
  assert.deepEqual(Object.keys(lock.packages), ["tf-c", "tf-opt-bad"]);
  assert.equal(logs.filter((l) => l.startsWith("skipping optional dependency")).length >= 2, true, logs.join("\n"));
});

test("the same inputs give the same lock, whatever the manifest order", async () => {
  const a = await resolveClosure({ manifest: manifest({ "tf-a": "^1", "tf-d": "^1", "@tonic-fixture/deep": "^1", "tf-plugin": "^1" }), ctx: ctx() });
  const m2 = manifest({ "tf-plugin": "^1", "@tonic-fixture/deep": "^1", "tf-d": "^1", "tf-a": "^1" });
  const b = await resolveClosure({ manifest: m2, ctx: ctx() });
  assert.equal(JSON.stringify(a), JSON.stringify(b));
});

test("frozen never hits the network and returns the lock when it fits", async () => {
  const m = manifest({ "tf-a": "^1.0.0", "tf-b": "^1.0.0" });
  const lock = await resolveClosure({ manifest: m, ctx: ctx() });
  const before = reg.requests.length;
  const offline: SourceContext = { projectDir: tmp, npmOptions: testNpmOptions("http://127.0.0.1:9", join(tmp, "nocache"), { offline: true }), log: () => undefined };
  const out = await resolveClosure({ manifest: m, lock, ctx: offline, frozen: true });
  assert.deepEqual(out, lock);
  assert.equal(reg.requests.length, before);
});

test("frozen lists every disagreement with exit 1", async () => {
  const lock = await resolveClosure({ manifest: manifest({ "tf-a": "^1.0.0", "tf-b": "^1.0.0" }), ctx: ctx() });
  const before = reg.requests.length;
  const changed = manifest({ "tf-a": "^2.0.0", "tf-d": "^1.0.0" });
  await assert.rejects(resolveClosure({ manifest: changed, lock, ctx: ctx(), frozen: true }), (e: unknown) => {
    assert.ok(e instanceof VendorError);
    assert.equal(e.exitCode, 1);
    assert.equal(e.code, "lock-out-of-date");
    assert.match(e.message, /tf-a: the manifest asks for "\^2\.0\.0"/);
    assert.match(e.message, /tf-d: in the manifest/);
    assert.match(e.message, /tf-b: locked as a root but no longer in the manifest/);
    return true;
  });
  assert.equal(reg.requests.length, before);
  await assert.rejects(resolveClosure({ manifest: changed, ctx: ctx(), frozen: true }), (e: unknown) => e instanceof VendorError && e.exitCode === 1);
});

test("re-resolving with its own lock is a no-op, even after newer versions are published", async () => {
  const own = await startStaticRegistry(PACKAGES);
  try {
    const c = (): SourceContext => ({ projectDir: tmp, npmOptions: testNpmOptions(own.url, join(tmp, `own-cache-${n++}`)), log: () => undefined });
    const m = manifest({ "tf-a": "^1", "tf-d": "^1", "@tonic-fixture/deep": "^1", "tf-plugin": "^1", "tf-native": "^1" }, [{ os: "linux", cpu: "x64" }]);
    const first = await resolveClosure({ manifest: m, ctx: c() });
    assert.equal(JSON.stringify(await resolveClosure({ manifest: m, lock: first, ctx: c() })), JSON.stringify(first));
    own.publish([P("tf-c", "1.9.0"), P("tf-c", "2.5.0"), P("tf-host", "2.9.0")]);
    const again = await resolveClosure({ manifest: m, lock: first, ctx: c() });
    assert.equal(JSON.stringify(again), JSON.stringify(first));
    assert.equal(first.packages["tf-c@2.0.0"]!.version, "2.0.0");
    const moved = await resolveClosure({ manifest: m, lock: first, ctx: c(), update: ["tf-c"] });
    assert.equal(moved.packages["tf-c"]!.version, "1.1.0", "~1.1.0 (via tf-b) and ^1.0.0 still share 1.1.0");
    assert.equal(moved.packages["tf-c@2.5.0"]!.version, "2.5.0");
    assert.equal(moved.packages["tf-c@2.0.0"], undefined);
    assert.deepEqual(moved.packages["tf-d"]!.dependencies, { "tf-c": "tf-c@2.5.0" });
    assert.equal(moved.packages["tf-host"]!.version, first.packages["tf-host"]!.version, "names not in update stay");
  } finally {
    await own.close();
  }
});
