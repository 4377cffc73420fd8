// The CLI's failure paths end to end against the real test registry: bad input, two syncs at once, kill -9.
// None of them may change vendor/, the lock or the manifest (or, for kill -9, leave anything half-done).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { getTestRegistry } from "../helpers/registry.js";
import { assertBuilt, cli, snapshot, tempProject } from "./cli-helpers.js";

let url = "";
before(async () => {
  assertBuilt();
  url = (await getTestRegistry()).url;
});

const state = (dir: string) => snapshot(dir, true, (r) => r.startsWith(".") || r === "node_modules");
const content = (dir: string) => snapshot(dir, false, (r) => r.startsWith(".") || r === "node_modules");

test("bad input fails with the right exit code and leaves vendor/, lock and manifest unchanged", async (t) => {
  const dir = tempProject(url);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal((await cli(dir, ["init", "--all-platforms"])).code, 0);
  assert.equal((await cli(dir, ["add", "tf-leaf@^1.0.0"])).code, 0);
  const before = state(dir);

  let r = await cli(dir, ["add", "tf-leaf@9.9.9"]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /1\.0\.0/, "the error lists the versions that exist");
  assert.match(r.stderr, /2\.0\.0/);
  assert.deepEqual(state(dir), before);

  r = await cli(dir, ["add", "no-such-package-tonic"]);
  assert.ok(r.code === 2 || r.code === 3, `${r.code} ${r.stderr}`);
  assert.deepEqual(state(dir), before);

  r = await cli(dir, ["add", "tf-leaf@^^^!!"]);
  assert.equal(r.code, 2, r.stderr);
  assert.deepEqual(state(dir), before);

  r = await cli(dir, ["--json", "add", "Bad Name"]);
  assert.equal(r.code, 2);
  assert.equal(JSON.parse(r.stdout).ok, false);
  assert.deepEqual(state(dir), before);

  const manifestText = readFileSync(join(dir, "tonic-vendor.json"), "utf8");
  writeFileSync(join(dir, "tonic-vendor.json"), manifestText.replace('"tf-leaf": "^1.0.0"', '"tf-leaf": "^1.0.0",'));
  r = await cli(dir, ["sync"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /tonic-vendor\.json:\d+:\d+: invalid JSON/);
  r = await cli(dir, ["--json", "sync"]);
  const err = JSON.parse(r.stdout);
  assert.equal(err.ok, false);
  assert.equal(typeof err.error.line, "number");
  assert.equal(typeof err.error.column, "number");
  writeFileSync(join(dir, "tonic-vendor.json"), manifestText);

  const lockText = readFileSync(join(dir, "tonic-vendor.lock"), "utf8");
  writeFileSync(join(dir, "tonic-vendor.lock"), lockText.replace('"lockfileVersion": 1', '"lockfileVersion": 99'));
  r = await cli(dir, ["sync"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /newer than this tonic-vendor/);
  writeFileSync(join(dir, "tonic-vendor.lock"), lockText.replace(/"integrity": "sha512-[^"]+"/, '"integrity": "sha512-nope"'));
  r = await cli(dir, ["sync"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /tonic-vendor\.lock:\d+:\d+: packages\.tf-leaf\.integrity/);
  writeFileSync(join(dir, "tonic-vendor.lock"), lockText);
  // the test itself rewrote the two files, so from here on only bytes and modes are compared
  const beforeContent = content(dir);
  assert.deepEqual(Object.keys(content(dir)), Object.keys(before));

  writeFileSync(join(dir, "tonic-vendor.json"), manifestText.replace('"tf-leaf": "^1.0.0"', '"tf-leaf": "^2.0.0"'));
  r = await cli(dir, ["sync", "--frozen"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /tf-leaf: the manifest asks for "\^2\.0\.0" but the lock has "\^1\.0\.0"/);
  writeFileSync(join(dir, "tonic-vendor.json"), manifestText);
  assert.deepEqual(content(dir), beforeContent);

  r = await cli(dir, ["frobnicate"]);
  assert.equal(r.code, 2);
});

test("two syncs at once: no interleaving, the tree ends consistent", async (t) => {
  const dir = tempProject(url);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal((await cli(dir, ["init", "--all-platforms"])).code, 0);
  writeFileSync(join(dir, "tonic-vendor.json"), JSON.stringify({ dependencies: { "tf-cjs-util": "^1.0.0", "tf-conflict": "^1.0.0" } }));
  const [a, b] = await Promise.all([cli(dir, ["sync"], { TONIC_VENDOR_LOCK_WAIT_MS: "0" }), cli(dir, ["sync"], { TONIC_VENDOR_LOCK_WAIT_MS: "0" })]);
  const codes = [a.code, b.code].sort();
  assert.ok(codes[0] === 0, `${a.stderr}\n${b.stderr}`);
  if (codes[1] !== 0) {
    assert.equal(codes[1], 1);
    assert.match(a.stderr + b.stderr, /another tonic-vendor sync \(pid \d+/);
  }
  const r = await cli(dir, ["check"]);
  assert.equal(r.code, 0, r.stdout);
});

test("kill -9 of the CLI mid-sync: old or new, check tells the truth, next sync recovers", async (t) => {
  const dir = tempProject(url);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal((await cli(dir, ["init", "--all-platforms"])).code, 0);
  assert.equal((await cli(dir, ["add", "tf-leaf@^1.0.0"])).code, 0);
  const old = state(dir);
  writeFileSync(join(dir, "tonic-vendor.json"), readFileSync(join(dir, "tonic-vendor.json"), "utf8").replace('"tf-leaf": "^1.0.0"', '"tf-leaf": "^1.0.0",\n    "tf-cjs-util": "^1.0.0"'));
  const manifestOnly = state(dir);
  for (const step of ["fetched", "vendor-moved-aside", "lock-renamed"]) {
    const r = await cli(dir, ["sync"], { TONIC_VENDOR_CRASH_AT: step });
    assert.equal(r.signal, "SIGKILL", `${step}: ${r.stderr}`);
    const c = await cli(dir, ["check"]);
    if (step === "fetched") {
      assert.deepEqual(state(dir), manifestOnly, "killed before the commit: nothing changed");
      assert.equal(c.code, 1, "the manifest asks for more than the lock has");
    } else {
      assert.equal(c.code, 1);
      assert.match(c.stdout, /interrupted|sync/);
    }
    const s = await cli(dir, ["sync"]);
    assert.equal(s.code, 0, s.stderr);
    assert.equal((await cli(dir, ["check"])).code, 0);
    assert.ok(!readdirSync(dir).some((n) => n.includes("tonic-staging") || n.includes("tonic-old") || n.endsWith(".tonic-new") || n.startsWith(".tonic-vendor.")));
    // back to the old manifest state for the next round
    writeFileSync(join(dir, "tonic-vendor.json"), readFileSync(join(dir, "tonic-vendor.json"), "utf8").replace(/,\n\s*"tf-cjs-util": "\^1\.0\.0"/, ""));
    assert.equal((await cli(dir, ["sync"])).code, 0);
    assert.deepEqual(Object.keys(state(dir)).sort(), Object.keys(old).sort());
    writeFileSync(join(dir, "tonic-vendor.json"), readFileSync(join(dir, "tonic-vendor.json"), "utf8").replace('"tf-leaf": "^1.0.0"', '"tf-leaf": "^1.0.0",\n    "tf-cjs-util": "^1.0.0"'));
  }
});
