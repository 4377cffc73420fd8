// Against the real Verdaccio (shared via TONIC_TEST_REGISTRY, or a private one), seeded with fixtures/packages.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveClosure } from "../../src/vendor/resolve/closure.js";
import { sourceForEntry } from "../../src/vendor/sources.js";
import { loadNpmOptions } from "../../src/vendor/npm-config.js";
import { VendorError } from "../../src/vendor/errors.js";
import type { Lock } from "../../src/vendor/lock/types.js";
import type { SourceContext } from "../../src/vendor/source.js";
import { getTestRegistry, npmPublish } from "../helpers/registry.js";
import { testNpmOptions } from "../helpers/static-registry.js";
import { testManifest } from "../helpers/manifest.js";

let url: string;
let tmp: string;
let project: string;
let n = 0;
const ctx = (): SourceContext => ({ projectDir: project, npmOptions: testNpmOptions(url, join(tmp, `cache-${n++}`)), log: () => undefined });
const manifest = testManifest;
const ROOTS = { "tf-conflict": "^1.0.0", "tf-esm-lib": "^1.0.0", "tf-install-script": "^1.0.0", "tf-native": "^1.0.0", "tf-peer-plugin": "^1.0.0" };
const LINUX = [{ os: "linux", cpu: "x64", libc: "glibc" }];

before(async () => {
  ({ url } = await getTestRegistry());
  tmp = await mkdtemp(join(tmpdir(), "tonic-verdaccio-it-"));
  project = join(tmp, "project");
  await mkdir(project);
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

test("the fixture closure resolves against Verdaccio: nested, scoped, conflict, platforms, peers", async () => {
  const lock = await resolveClosure({ manifest: manifest(ROOTS, LINUX), ctx: ctx() });
  const versions = Object.fromEntries(Object.entries(lock.packages).map(([k, e]) => [k, e.version]));
  assert.deepEqual(versions, {
    "@tonic-fixture/scoped-core": "1.0.0",
    "tf-cjs-util": "1.0.0",
    "tf-conflict": "1.0.0",
    "tf-esm-lib": "1.0.0",
    "tf-install-script": "1.0.0",
    "tf-leaf": "2.0.0",
    "tf-leaf@1.1.0": "1.1.0",
    "tf-native": "1.0.0",
    "tf-native-linux-x64": "1.0.0",
    "tf-peer-host": "2.0.0",
    "tf-peer-plugin": "1.0.0",
  });
  assert.deepEqual(lock.packages["tf-cjs-util"]!.dependencies, { "tf-leaf": "tf-leaf@1.1.0" });
  assert.deepEqual(lock.packages["tf-conflict"]!.dependencies, { "tf-leaf": "tf-leaf" });
  assert.deepEqual(lock.packages["tf-peer-plugin"]!.dependencies, { "tf-peer-host": "tf-peer-host" });
  assert.equal(lock.packages["tf-native-linux-x64"]!.optional, true);
  for (const e of Object.values(lock.packages)) {
    assert.match(e.integrity!, /^sha512-/);
    assert.equal(e.resolved, undefined);
  }
  assert.ok(!JSON.stringify(lock).includes("127.0.0.1"), "no registry host in the lock");

  // The project importing tf-leaf 1 directly takes the plain key.
  const direct = await resolveClosure({ manifest: manifest({ ...ROOTS, "tf-leaf": "^1.0.0" }, LINUX), ctx: ctx() });
  assert.equal(direct.packages["tf-leaf"]!.version, "1.1.0");
  assert.equal(direct.packages["tf-leaf@2.0.0"]!.version, "2.0.0");
  assert.equal(direct.roots["tf-leaf"]!.key, "tf-leaf");
});

test("every locked entry fetches into staging; no install script ever runs", async () => {
  const lock: Lock = await resolveClosure({ manifest: manifest(ROOTS), ctx: ctx() });
  assert.ok(lock.packages["tf-native-darwin-arm64"], "all platforms when platforms is undefined");
  const staging = join(tmp, "staging");
  const c = ctx();
  await Promise.all(Object.entries(lock.packages).map(([key, e]) => sourceForEntry(e).fetch(e, join(staging, key), c)));
  assert.deepEqual((await readdir(join(staging, "tf-esm-lib"))).sort(), ["extra.js", "index.d.ts", "index.js", "package.json"]);
  assert.match(await readFile(join(staging, "tf-leaf@1.1.0", "index.js"), "utf8"), /1\.1\.0/);
  assert.ok(existsSync(join(staging, "@tonic-fixture/scoped-core/esm/index.mjs")));
  assert.ok(existsSync(join(staging, "tf-install-script/write-marker.cjs")));
  for (const where of [project, staging, join(staging, "tf-install-script"), tmpdir(), process.cwd()]) {
    assert.equal(existsSync(join(where, "TONIC_INSTALL_SCRIPT_RAN")), false, `no marker in ${where}`);
  }
  const frozen = await resolveClosure({ manifest: manifest(ROOTS), lock, ctx: ctx(), frozen: true });
  assert.deepEqual(frozen, lock);
});

test("a version that does not exist lists the ones that do (exit 2)", async () => {
  await assert.rejects(resolveClosure({ manifest: manifest({ "tf-leaf": "^9.0.0" }), ctx: ctx() }), (e: unknown) => {
    assert.ok(e instanceof VendorError);
    assert.equal(e.exitCode, 2);
    assert.match(e.message, /2\.0\.0, 1\.1\.0, 1\.0\.0/);
    return true;
  });
  await assert.rejects(resolveClosure({ manifest: manifest({ "tf-does-not-exist": "^1.0.0" }), ctx: ctx() }), (e: unknown) => e instanceof VendorError && e.exitCode === 2 && /tf-does-not-exist/.test(e.message));
});

test("a package published with the real `npm publish` resolves and fetches; registry comes from .npmrc", async () => {
  const name = `tf-npm-published-${process.pid}-${Date.now()}`;
  const dir = join(tmp, "pub");
  await mkdir(dir);
  await writeFile(join(dir, "package.json"), JSON.stringify({ name, version: "1.0.0", main: "index.js", license: "MIT" }));
  await writeFile(join(dir, "index.js"), "module.exports = 42;\n");
  const userconfig = join(tmp, "pub.npmrc");
  await writeFile(userconfig, `registry=${url}\n${url.replace(/^https?:/, "")}:_authToken=tonic-test-dummy-token\n`);
  await npmPublish({ name, version: "1.0.0", path: dir }, url, userconfig, join(tmp, "npm-cache"));

  await writeFile(join(project, ".npmrc"), `registry=${url}\ncache=${join(tmp, "npmrc-cache")}\nfetch-retries=1\n`);
  const npmOptions = await loadNpmOptions(project, { HOME: tmp });
  assert.equal(npmOptions["registry"], url);
  const c: SourceContext = { projectDir: project, npmOptions, log: () => undefined };
  const lock = await resolveClosure({ manifest: manifest({ [name]: "^1.0.0" }), ctx: c });
  const e = lock.packages[name]!;
  await sourceForEntry(e).fetch(e, join(tmp, "pubstage", name), c);
  assert.equal(await readFile(join(tmp, "pubstage", name, "index.js"), "utf8"), "module.exports = 42;\n");
});
