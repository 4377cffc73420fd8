// The CLI end to end against the real test registry (Verdaccio seeded with fixtures/packages).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync, chmodSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { getTestRegistry } from "../helpers/registry.js";
import { assertBuilt, cli, snapshot, tempProject } from "./cli-helpers.js";

let url = "";
before(async () => {
  assertBuilt();
  url = (await getTestRegistry()).url;
});

const state = (dir: string) => snapshot(dir, true, (r) => r.startsWith(".") || r === "node_modules");
const SET = ["tf-cjs-util", "tf-conflict", "@tonic-fixture/scoped-core", "tf-native", "tf-install-script"];

test("init, add, list, why, check, no-op sync, remove", async (t) => {
  const dir = tempProject(url);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  let r = await cli(dir, ["init"]);
  assert.equal(r.code, 0, r.stderr);
  const m = JSON.parse(readFileSync(join(dir, "tonic-vendor.json"), "utf8"));
  assert.deepEqual(m.platforms, [{ os: process.platform, cpu: process.arch, ...(process.platform === "linux" ? { libc: m.platforms[0].libc } : {}) }]);
  r = await cli(dir, ["add", ...SET]);
  assert.equal(r.code, 0, r.stderr);
  const manifest = JSON.parse(readFileSync(join(dir, "tonic-vendor.json"), "utf8"));
  assert.equal(manifest.dependencies["tf-cjs-util"], "^1.0.0", "a bare name saves ^<latest> like npm");
  const lock = JSON.parse(readFileSync(join(dir, "tonic-vendor.lock"), "utf8"));
  assert.equal(lock.packages["tf-leaf"].version, "2.0.0");
  assert.equal(lock.packages["tf-leaf@1.1.0"].version, "1.1.0", "conflict forces a second version");
  assert.ok(lock.packages["tf-native-linux-x64"] || process.arch !== "x64", "the recorded platform's optional dependency is vendored");
  assert.equal(lock.packages["tf-native-darwin-arm64"], undefined, "other platforms' optional dependencies are not");
  assert.ok(!readdirSync(join(dir, "vendor", "tf-install-script")).some((f) => /marker/i.test(f) && f !== "write-marker.cjs"), "no install script ran");
  assert.ok(!readdirSync(dir).some((f) => /marker/i.test(f)));

  r = await cli(dir, ["list"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /├── tf-cjs-util@1\.0\.0\n│ {3}└── tf-leaf@1\.1\.0/);
  r = await cli(dir, ["why", "tf-leaf"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /tf-cjs-util@1\.0\.0 > tf-leaf@1\.1\.0/);
  assert.match(r.stdout, /tf-conflict@1\.0\.0 > tf-leaf@2\.0\.0/);
  r = await cli(dir, ["--json", "why", "tf-leaf"]);
  assert.equal(JSON.parse(r.stdout).paths.length, 2);
  r = await cli(dir, ["why", "nope"]);
  assert.equal(r.code, 1);

  r = await cli(dir, ["check"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);

  const before = state(dir);
  r = await cli(dir, ["sync"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /nothing written/);
  assert.deepEqual(state(dir), before, "a second sync changes no file and no mtime");
  r = await cli(dir, ["--json", "sync"]);
  assert.equal(JSON.parse(r.stdout).changed, false);

  r = await cli(dir, ["remove", "tf-conflict", "tf-native"]);
  assert.equal(r.code, 0, r.stderr);
  const after = JSON.parse(readFileSync(join(dir, "tonic-vendor.lock"), "utf8"));
  assert.equal(after.packages["tf-conflict"], undefined);
  assert.equal(after.packages["tf-native-linux-x64"], undefined);
  assert.ok(!existsSync(join(dir, "vendor", "tf-conflict")));
  r = await cli(dir, ["check"]);
  assert.equal(r.code, 0, r.stdout);
  r = await cli(dir, ["remove", "not-there"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not in tonic-vendor\.json: not-there/);
});

test("check finds drift (exit 1, --json report) and sync repairs it", async (t) => {
  const dir = tempProject(url);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal((await cli(dir, ["init", "--all-platforms"])).code, 0);
  assert.equal((await cli(dir, ["add", "tf-cjs-util@^1.0.0"])).code, 0);
  writeFileSync(join(dir, "vendor/tf-cjs-util/package.json"), "{}\n");
  chmodSync(join(dir, "vendor/tf-leaf/index.js"), 0o755);
  let r = await cli(dir, ["check"]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /fix:/);
  r = await cli(dir, ["--json", "check"]);
  assert.equal(r.code, 1);
  const report = JSON.parse(r.stdout);
  assert.equal(report.ok, false);
  assert.ok(report.problems.length >= 2, r.stdout);
  assert.equal((await cli(dir, ["sync"])).code, 0);
  r = await cli(dir, ["check"]);
  assert.equal(r.code, 0, r.stdout);
  // --upstream runs from its own bundle file (dist/cli/upstream.cjs): it re-fetches and finds nothing wrong.
  r = await cli(dir, ["check", "--upstream"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /upstream: 2 entries/);
});

test("sync --frozen restores a deleted vendor/ from the lock alone", async (t) => {
  const dir = tempProject(url);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal((await cli(dir, ["init", "--all-platforms"])).code, 0);
  assert.equal((await cli(dir, ["add", "@tonic-fixture/scoped-core", "tf-cjs-util"])).code, 0);
  const vendorBefore = snapshot(join(dir, "vendor"));
  const lockBefore = readFileSync(join(dir, "tonic-vendor.lock"), "utf8");
  rmSync(join(dir, "vendor"), { recursive: true });
  const r = await cli(dir, ["sync", "--frozen"]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(snapshot(join(dir, "vendor")), vendorBefore);
  assert.equal(readFileSync(join(dir, "tonic-vendor.lock"), "utf8"), lockBefore);
});

test("init --from-package-json moves dependencies out of package.json", async (t) => {
  const dir = tempProject(url);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "package.json"), `{\n    "name": "app",\n    "dependencies": {\n        "tf-leaf": "^1.0.0"\n    },\n    "devDependencies": {\n        "x": "1"\n    }\n}\n`);
  const r = await cli(dir, ["init", "--from-package-json"]);
  assert.equal(r.code, 0, r.stderr);
  const pj = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  assert.equal(pj.dependencies, undefined);
  assert.deepEqual(pj.devDependencies, { x: "1" });
  assert.match(readFileSync(join(dir, "package.json"), "utf8"), /^ {4}"name"/m, "keeps the file's indentation");
  assert.equal(JSON.parse(readFileSync(join(dir, "tonic-vendor.json"), "utf8")).dependencies["tf-leaf"], "^1.0.0");
  assert.equal((await cli(dir, ["init"])).code, 2, "refuses to overwrite");
});

test("--version and usage errors", async () => {
  const r = await cli(process.cwd(), ["--version"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  const u = await cli(process.cwd(), ["sync", "--bogus"]);
  assert.equal(u.code, 2);
  assert.match(u.stderr, /unknown option/);
});

test("hook install/uninstall through the CLI", async (t) => {
  const dir = tempProject(url);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal((await cli(dir, ["hook", "install"])).code, 2, "outside a git repository");
  execFileSync("git", ["init", "-q"], { cwd: dir });
  const r = await cli(dir, ["--json", "hook", "install"]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { ok: true, kind: "git", file: ".git/hooks/pre-commit", action: "created" });
  assert.match(readFileSync(join(dir, ".git/hooks/pre-commit"), "utf8"), /tonic-vendor check --staged/);
  assert.equal((await cli(dir, ["hook", "uninstall"])).code, 0);
  assert.equal((await cli(dir, ["hook", "install", "--kind", "bogus"])).code, 2);
});

test("outdated, update and update --latest", async (t) => {
  const dir = tempProject(url);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal((await cli(dir, ["init", "--all-platforms"])).code, 0);
  assert.equal((await cli(dir, ["add", "tf-leaf@1.0.0"])).code, 0);
  writeFileSync(join(dir, "tonic-vendor.json"), readFileSync(join(dir, "tonic-vendor.json"), "utf8").replace('"1.0.0"', '"^1.0.0"'));
  let r = await cli(dir, ["sync"]);
  assert.equal(r.code, 0, r.stderr);
  const lockVersion = () => JSON.parse(readFileSync(join(dir, "tonic-vendor.lock"), "utf8")).packages["tf-leaf"].version;
  assert.equal(lockVersion(), "1.0.0", "a locked version that still fits is kept");
  r = await cli(dir, ["--json", "outdated"]);
  assert.equal(r.code, 1);
  assert.deepEqual(JSON.parse(r.stdout).outdated, [{ name: "tf-leaf", current: "1.0.0", wanted: "1.1.0", latest: "2.0.0" }]);
  r = await cli(dir, ["update", "tf-leaf"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(lockVersion(), "1.1.0");
  r = await cli(dir, ["update", "--latest"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(lockVersion(), "2.0.0");
  assert.equal(JSON.parse(readFileSync(join(dir, "tonic-vendor.json"), "utf8")).dependencies["tf-leaf"], "^2.0.0");
  assert.equal((await cli(dir, ["outdated"])).code, 0);
  assert.equal((await cli(dir, ["check"])).code, 0);
});
