import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCheck } from "../../src/vendor/check/index.js";
import { unsatisfied } from "../../src/vendor/check/manifest.js";
import type { LockEntry } from "../../src/vendor/lock/types.js";
import { makeProject } from "../helpers/check-project.js";

test("a lock entry that nothing in the manifest needs any more", async (t) => {
  const p = await makeProject();
  t.after(p.cleanup);
  writeFileSync(join(p.dir, "tonic-vendor.json"), JSON.stringify({ dependencies: { alpha: "^1.0.0" } }));
  const r = await runCheck(p.dir);
  const got = r.problems.map((x) => `${x.code} ${x.entry}`).sort();
  assert.deepEqual(got, ["entry-unreachable @s/beta", "root-removed @s/beta"]);
});

test("a manifest range the lock does not satisfy", async (t) => {
  const p = await makeProject();
  t.after(p.cleanup);
  // Same spec in lock and manifest, so only the version check can catch it.
  const lock = structuredClone(p.lock);
  lock.roots.alpha.spec = "^1.5.0";
  p.writeLock(lock);
  writeFileSync(join(p.dir, "tonic-vendor.json"), JSON.stringify({ dependencies: { "@s/beta": "~2.1.0", alpha: "^1.5.0" } }));
  const r = await runCheck(p.dir);
  assert.deepEqual(r.problems.map((x) => x.code), ["range-unsatisfied"]);
  assert.match(r.problems[0]!.message, /1\.2\.0 does not satisfy "\^1\.5\.0"/);
  assert.equal(r.problems[0]!.entry, "alpha");
});

test("a manifest dependency that is not locked at all", async (t) => {
  const p = await makeProject();
  t.after(p.cleanup);
  writeFileSync(join(p.dir, "tonic-vendor.json"), JSON.stringify({ dependencies: { "@s/beta": "~2.1.0", alpha: "^1.0.0", delta: "^1.0.0" } }));
  const r = await runCheck(p.dir);
  assert.deepEqual(r.problems.map((x) => x.code), ["dependency-unlocked"]);
});

test("no lock while the manifest has dependencies", async (t) => {
  const p = await makeProject();
  t.after(p.cleanup);
  const { rmSync } = await import("node:fs");
  rmSync(join(p.dir, "tonic-vendor.lock"));
  const r = await runCheck(p.dir);
  assert.deepEqual(r.problems.map((x) => x.code), ["lock-missing"]);
});

test("unsatisfied(): aliases, tags, git refs and commits, tarballs, files", () => {
  const reg: LockEntry = { name: "real", version: "1.4.0", source: "registry" };
  assert.equal(unsatisfied("x", "npm:real@^1.2.0", reg, "/"), undefined);
  assert.match(unsatisfied("x", "npm:real@^2.0.0", reg, "/") ?? "", /does not satisfy/);
  assert.match(unsatisfied("x", "npm:other@^1.0.0", reg, "/") ?? "", /"other"/);
  assert.equal(unsatisfied("real", "latest", reg, "/"), undefined);
  const commit = "a".repeat(40);
  const git: LockEntry = { name: "g", source: "git", ref: "v1.2.0", commit, version: "1.2.0" };
  assert.equal(unsatisfied("g", "github:o/r#v1.2.0", git, "/"), undefined);
  assert.match(unsatisfied("g", "github:o/r#v1.3.0", git, "/") ?? "", /ref/);
  assert.match(unsatisfied("g", "^1.2.0", git, "/") ?? "", /git source/);
  assert.equal(unsatisfied("g", `git+https://h.example/r.git#${commit}`, { ...git, ref: commit }, "/"), undefined);
  assert.match(unsatisfied("g", `git+https://h.example/r.git#${"b".repeat(40)}`, { ...git, ref: "b".repeat(40) }, "/") ?? "", /commit/);
  assert.equal(unsatisfied("g", "git+https://h.example/r.git#semver:^1.0.0", { ...git, ref: "semver:^1.0.0" }, "/"), undefined);
  assert.match(unsatisfied("g", "git+https://h.example/r.git#semver:^2.0.0", { ...git, ref: "semver:^2.0.0" }, "/") ?? "", /does not satisfy/);
  assert.equal(unsatisfied("t", "https://h.example/t.tgz", { name: "t", source: "tarball" }, "/"), undefined);
  assert.equal(unsatisfied("f", "file:../lib", { name: "f", source: "file" }, "/"), undefined);
  assert.match(unsatisfied("f", "file:../lib", reg, "/") ?? "", /local path/);
});
