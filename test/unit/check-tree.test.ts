import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCheck } from "../../src/vendor/check/index.js";
import type { Problem } from "../../src/vendor/check/types.js";
import { makeProject, snapshot } from "../helpers/check-project.js";

const codes = (ps: Problem[]) => ps.map((p) => `${p.code} ${p.file ?? ""}`).sort();

test("a clean project passes", async (t) => {
  const p = await makeProject();
  t.after(p.cleanup);
  const r = await runCheck(p.dir);
  assert.deepEqual(r.problems, []);
  assert.equal(r.ok, true);
  assert.deepEqual(r.stats, { entries: 3, files: 7 });
});

test("modified file: named when git holds the locked tree", async (t) => {
  const p = await makeProject({ git: true });
  t.after(p.cleanup);
  writeFileSync(join(p.dir, "vendor/gamma/index.js"), "module.exports = 43;\n");
  const r = await runCheck(p.dir);
  assert.equal(r.ok, false);
  assert.deepEqual(codes(r.problems), ["file-modified vendor/gamma/index.js"]);
  assert.equal(r.problems[0]!.entry, "gamma");
  assert.match(r.problems[0]!.fix, /sync --frozen/);
});

test("modified file without git: the digest mismatch is reported for the entry", async (t) => {
  const p = await makeProject();
  t.after(p.cleanup);
  writeFileSync(join(p.dir, "vendor/gamma/index.js"), "module.exports = 43;\n");
  const r = await runCheck(p.dir);
  assert.deepEqual(codes(r.problems), ["digest-mismatch vendor/gamma"]);
  assert.match(r.problems[0]!.message, /cannot be named/);
});

test("added file", async (t) => {
  const p = await makeProject({ git: true });
  t.after(p.cleanup);
  writeFileSync(join(p.dir, "vendor/@s/beta/lib/evil.js"), "steal()\n");
  const r = await runCheck(p.dir);
  assert.deepEqual(codes(r.problems), ["file-added vendor/@s/beta/lib/evil.js"]);
});

test("deleted file", async (t) => {
  const p = await makeProject({ git: true });
  t.after(p.cleanup);
  unlinkSync(join(p.dir, "vendor/alpha/index.js"));
  const r = await runCheck(p.dir);
  assert.deepEqual(codes(r.problems), ["file-deleted vendor/alpha/index.js"]);
});

test("changed executable bit, both ways", async (t) => {
  const p = await makeProject();
  t.after(p.cleanup);
  chmodSync(join(p.dir, "vendor/alpha/bin/cli.js"), 0o644);
  chmodSync(join(p.dir, "vendor/gamma/index.js"), 0o755);
  const r = await runCheck(p.dir);
  assert.deepEqual(codes(r.problems), ["mode-changed vendor/alpha/bin/cli.js", "mode-changed vendor/gamma/index.js"]);
});

test("file replaced by a symlink", async (t) => {
  const p = await makeProject({ git: true });
  t.after(p.cleanup);
  unlinkSync(join(p.dir, "vendor/gamma/index.js"));
  symlinkSync("/etc/passwd", join(p.dir, "vendor/gamma/index.js"));
  const r = await runCheck(p.dir);
  assert.deepEqual(codes(r.problems), ["symlink vendor/gamma/index.js"]);
});

test("stray directory and file in vendor/, also under a scope", async (t) => {
  const p = await makeProject();
  t.after(p.cleanup);
  mkdirSync(join(p.dir, "vendor/left-over/lib"), { recursive: true });
  writeFileSync(join(p.dir, "vendor/left-over/lib/a.js"), "");
  mkdirSync(join(p.dir, "vendor/@s/other"));
  writeFileSync(join(p.dir, "vendor/README"), "");
  const r = await runCheck(p.dir);
  assert.deepEqual(codes(r.problems), ["stray vendor/@s/other", "stray vendor/README", "stray vendor/left-over"]);
});

test("locked entry whose directory is missing", async (t) => {
  const p = await makeProject();
  t.after(p.cleanup);
  rmSync(join(p.dir, "vendor/gamma"), { recursive: true });
  const r = await runCheck(p.dir);
  assert.deepEqual(codes(r.problems), ["entry-missing vendor/gamma"]);
});

test("a lock digest that was edited", async (t) => {
  const p = await makeProject();
  t.after(p.cleanup);
  const lock = structuredClone(p.lock);
  lock.packages.gamma.digest = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  p.writeLock(lock);
  const r = await runCheck(p.dir);
  assert.deepEqual(codes(r.problems), ["digest-mismatch vendor/gamma"]);
  assert.equal(r.problems[0]!.entry, "gamma");
});

test("a lock digest edited and committed: git shows the tree is as committed, so the lock is what changed", async (t) => {
  const p = await makeProject({ git: true });
  t.after(p.cleanup);
  const lock = structuredClone(p.lock);
  lock.packages.gamma.digest = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  p.writeLock(lock);
  p.git("commit", "-qam", "edit the lock");
  const r = await runCheck(p.dir);
  assert.deepEqual(codes(r.problems), ["digest-mismatch vendor/gamma"]);
  assert.match(r.problems[0]!.message, /lock's digest was edited/);
});

test("every problem is listed at once, and check changes nothing on disk", async (t) => {
  const p = await makeProject({ git: true });
  t.after(p.cleanup);
  writeFileSync(join(p.dir, "vendor/gamma/index.js"), "module.exports = 43;\n");
  writeFileSync(join(p.dir, "vendor/@s/beta/new.js"), "");
  unlinkSync(join(p.dir, "vendor/alpha/index.js"));
  chmodSync(join(p.dir, "vendor/alpha/bin/cli.js"), 0o644);
  mkdirSync(join(p.dir, "vendor/stray"));
  const lock = structuredClone(p.lock);
  lock.packages.orphan = { name: "orphan", version: "1.0.0", source: "registry", integrity: p.lock.packages.gamma.integrity, digest: p.lock.packages.gamma.digest };
  p.writeLock(lock);
  writeFileSync(join(p.dir, "tonic-vendor.json"), JSON.stringify({ dependencies: { "@s/beta": "~2.1.0", alpha: "^2.0.0" } }));
  const before = snapshot(p.dir, (r) => r === ".git");
  const r = await runCheck(p.dir);
  assert.deepEqual(snapshot(p.dir, (r) => r === ".git"), before);
  assert.deepEqual(codes(r.problems), [
    "entry-missing vendor/orphan",
    "entry-unreachable tonic-vendor.lock",
    "file-added vendor/@s/beta/new.js",
    "file-deleted vendor/alpha/index.js",
    "file-modified vendor/gamma/index.js",
    "mode-changed vendor/alpha/bin/cli.js",
    "range-unsatisfied tonic-vendor.lock",
    "spec-changed tonic-vendor.lock",
    "stray vendor/stray",
  ]);
  for (const pr of r.problems) assert.ok(pr.fix.length > 0 && pr.message.length > 0);
});

test("a fifo inside a vendored entry is a special-file problem", async (t) => {
  const p = await makeProject();
  t.after(p.cleanup);
  const { execFileSync } = await import("node:child_process");
  execFileSync("mkfifo", [join(p.dir, "vendor/gamma/pipe")]);
  const r = await runCheck(p.dir);
  assert.deepEqual(codes(r.problems), ["special-file vendor/gamma/pipe"]);
});
