import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fetchRegistryEntry } from "../../src/vendor/fetch/registry.js";
import { resolveRegistry } from "../../src/vendor/resolve/registry.js";
import { sourceForEntry, sourceForSpec, parseSpec } from "../../src/vendor/sources.js";
import { VendorError } from "../../src/vendor/errors.js";
import type { LockEntry } from "../../src/vendor/lock/types.js";
import type { SourceContext } from "../../src/vendor/source.js";
import { hostile } from "../../fixtures/hostile/build.js";
import { startStaticRegistry, testNpmOptions, type StaticRegistry, type FaultKind } from "../helpers/static-registry.js";

let reg: StaticRegistry;
let tmp: string;
let entry: LockEntry;
let n = 0;
const ctx = (extra: Record<string, unknown> = {}): SourceContext => ({
  projectDir: tmp,
  npmOptions: testNpmOptions(reg.url, join(tmp, `cache-${n++}`), { timeout: 300, ...extra }),
  log: () => undefined,
});
const stage = (): string => join(tmp, `stage-${n++}`, "tf-a");

before(async () => {
  reg = await startStaticRegistry([
    { name: "tf-a", version: "1.0.0", files: { "index.js": "module.exports = 'a';\n" } },
    { name: "tf-a", version: "1.1.0", files: { "index.js": "module.exports = 'a11';\n" }, scripts: { install: "node -e \"require('fs').writeFileSync('MARKER','x')\"" } },
    { name: "@tonic-fixture/scoped", version: "1.0.0" },
    { name: "tf-evil", version: "1.0.0", tarball: hostile["dotdot"]!.tarball() },
  ]);
  tmp = await mkdtemp(join(tmpdir(), "tonic-regfault-"));
  const r = await resolveRegistry("tf-a", "^1.0.0", ctx());
  entry = { name: r.name, version: r.version, source: "registry", integrity: r.integrity };
});
after(async () => {
  await reg.close();
  await rm(tmp, { recursive: true, force: true });
});

test("fetch writes exactly the package files; install scripts never run", async () => {
  const dest = stage();
  await fetchRegistryEntry(entry, dest, ctx());
  assert.deepEqual((await readdir(dest)).sort(), ["index.js", "package.json"]);
  assert.equal(await readFile(join(dest, "index.js"), "utf8"), "module.exports = 'a11';\n");
  assert.equal(existsSync(join(dest, "MARKER")), false);
});

test("scoped packages resolve and fetch", async () => {
  const r = await resolveRegistry("@tonic-fixture/scoped", "*", ctx());
  const dest = stage();
  await fetchRegistryEntry({ name: r.name, version: r.version, source: "registry", integrity: r.integrity }, dest, ctx());
  assert.ok(existsSync(join(dest, "package.json")));
});

for (const kind of ["500", "reset", "stall", "truncate"] as FaultKind[]) {
  for (const on of ["packument", "tarball"] as const) {
    test(`registry ${kind} on every ${on} request: retries, then exit 3 naming package and host`, async () => {
      reg.clearFaults();
      reg.addFault({ kind, on, name: "tf-a" });
      const before = reg.requests.filter((r) => r.startsWith("/tf-a")).length;
      const dest = stage();
      await assert.rejects(fetchRegistryEntry(entry, dest, ctx()), (e: unknown) => {
        assert.ok(e instanceof VendorError);
        assert.equal(e.exitCode, 3);
        assert.equal(e.code, "registry-unavailable");
        assert.match(e.message, /tf-a@1\.1\.0/);
        assert.match(e.message, new RegExp(new URL(reg.url).host.replace(/\./g, "\\.")));
        return true;
      });
      reg.clearFaults();
      const attempts = reg.requests.filter((r) => r.startsWith("/tf-a")).length - before;
      assert.ok(attempts >= 2, `retried (${attempts} requests)`);
      assert.equal(existsSync(dest) ? (await readdir(dest)).length : 0, 0, "nothing extracted");
    });

    test(`registry ${kind} once on ${on}: the retry succeeds`, async () => {
      reg.clearFaults();
      reg.addFault({ kind, on, name: "tf-a", times: 1 });
      const dest = stage();
      await fetchRegistryEntry(entry, dest, ctx());
      reg.clearFaults();
      assert.equal(await readFile(join(dest, "index.js"), "utf8"), "module.exports = 'a11';\n");
    });
  }
}

test("a tarball that does not match the integrity stops with exit 3 and writes nothing", async () => {
  reg.clearFaults();
  reg.addFault({ kind: "wrong-integrity", on: "tarball", name: "tf-a" });
  const dest = stage();
  await assert.rejects(fetchRegistryEntry(entry, dest, ctx()), (e: unknown) => {
    assert.ok(e instanceof VendorError);
    assert.equal(e.exitCode, 3);
    assert.equal(e.code, "integrity-mismatch");
    return true;
  });
  reg.clearFaults();
  assert.equal(existsSync(dest) ? (await readdir(dest)).length : 0, 0);
});

test("a lock integrity that the registry's bytes do not match is refused", async () => {
  const dest = stage();
  const forged = { ...entry, integrity: "sha512-" + Buffer.alloc(64, 7).toString("base64") };
  await assert.rejects(fetchRegistryEntry(forged, dest, ctx()), (e: unknown) => e instanceof VendorError && e.code === "integrity-mismatch");
});

test("a hostile tarball from the registry is refused", async () => {
  const r = await resolveRegistry("tf-evil", "1.0.0", ctx());
  const dest = stage();
  await assert.rejects(
    fetchRegistryEntry({ name: r.name, version: r.version, source: "registry", integrity: r.integrity }, dest, ctx()),
    (e: unknown) => e instanceof VendorError && e.code === "tarball-unsafe",
  );
  assert.equal(existsSync(join(tmp, "escaped.txt")), false);
});

test("a lock entry without integrity is refused before any request", async () => {
  const before = reg.requests.length;
  await assert.rejects(fetchRegistryEntry({ name: "tf-a", version: "1.1.0", source: "registry" }, stage(), ctx()), (e: unknown) => e instanceof VendorError && e.exitCode === 2);
  assert.equal(reg.requests.length, before);
});

test("sources are chosen by npm-package-arg type", () => {
  assert.equal(sourceForSpec("semver", "^7.6.0", tmp).kind, "registry");
  assert.equal(sourceForSpec("semver", "latest", tmp).kind, "registry");
  assert.equal(sourceForSpec("alias", "npm:semver@^7", tmp).kind, "registry");
  assert.equal(sourceForSpec("x", "https://example.com/x-1.0.0.tgz", tmp).kind, "tarball");
  assert.equal(sourceForSpec("x", "file:../lib", tmp).kind, "file");
  assert.equal(sourceForSpec("x", "github:owner/repo#v1.2.0", tmp).kind, "git");
  assert.deepEqual(
    { ...parseSpec("alias", "npm:@tonic-fixture/scoped@^1", tmp) },
    { kind: "registry", name: "alias", realName: "@tonic-fixture/scoped", realSpec: "^1", npaType: "alias" },
  );
  assert.equal(sourceForEntry({ name: "tf-a", version: "1.0.0", source: "registry" }).kind, "registry");
});

test("the registry Source keeps a locked version that satisfies", async () => {
  const s = sourceForSpec("tf-a", "^1.0.0", tmp);
  const kept = await s.resolve("tf-a", "^1.0.0", ctx(), { name: "tf-a", version: "1.0.0", source: "registry" });
  assert.equal(kept.version, "1.0.0");
  const fresh = await s.resolve("tf-a", "^1.0.0", ctx());
  assert.equal(fresh.version, "1.1.0");
});

test("auth tokens from the npm config are sent, and a refusal never echoes them (exit 3)", async () => {
  const host = new URL(reg.url).host;
  const c = ctx({ [`//${host}/:_authToken`]: "tonic-sekrit-token" });
  const dest = stage();
  const before = reg.authorizations.length;
  await fetchRegistryEntry(entry, dest, c);
  assert.ok(reg.authorizations.slice(before).every((a) => a === "Bearer tonic-sekrit-token"));
  reg.addFault({ kind: "401", on: "any", name: "tf-a" });
  await assert.rejects(fetchRegistryEntry(entry, stage(), ctx({ [`//${host}/:_authToken`]: "tonic-sekrit-token" })), (e: unknown) => {
    assert.ok(e instanceof VendorError);
    assert.equal(e.exitCode, 3);
    assert.equal(e.code, "registry-auth");
    assert.ok(!JSON.stringify(e.toJSON()).includes("sekrit"));
    assert.ok(!e.format().includes("sekrit"));
    return true;
  });
  reg.clearFaults();
});
