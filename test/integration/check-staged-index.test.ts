import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCheck } from "../../src/vendor/check/index.js";
import type { Problem } from "../../src/vendor/check/types.js";
import { makeProject, snapshot } from "../helpers/check-project.js";

const codes = (ps: Problem[]) => ps.map((p) => `${p.code} ${p.file ?? ""}`).sort();

test("--staged checks the index, not the work tree", async (t) => {
  const p = await makeProject({ git: true });
  t.after(p.cleanup);
  assert.deepEqual((await runCheck(p.dir, { staged: true })).problems, []);
  assert.ok(existsSync(join(p.dir, ".git/tonic-vendor/sha256-cache")), "blob hashes are cached inside .git");
  writeFileSync(join(p.dir, "vendor/gamma/index.js"), "module.exports = 43;\n");
  const before = snapshot(p.dir, (r) => r === ".git");
  const staged = await runCheck(p.dir, { staged: true });
  assert.deepEqual(staged.problems, [], "an unstaged edit is not in the next commit");
  assert.deepEqual(snapshot(p.dir, (r) => r === ".git"), before);
  assert.deepEqual(codes((await runCheck(p.dir)).problems), ["file-modified vendor/gamma/index.js"]);
  p.git("add", "vendor/gamma/index.js");
  const r = await runCheck(p.dir, { staged: true });
  assert.deepEqual(codes(r.problems), ["file-modified vendor/gamma/index.js"]);
  assert.match(r.problems[0]!.fix, /git add/);
});

test("--staged: added, deleted, re-moded, symlinked and stray paths in the index", async (t) => {
  const p = await makeProject({ git: true });
  t.after(p.cleanup);
  writeFileSync(join(p.dir, "vendor/@s/beta/new.js"), "");
  unlinkSync(join(p.dir, "vendor/alpha/index.js"));
  chmodSync(join(p.dir, "vendor/alpha/bin/cli.js"), 0o644);
  unlinkSync(join(p.dir, "vendor/gamma/index.js"));
  symlinkSync("../alpha/index.js", join(p.dir, "vendor/gamma/index.js"));
  mkdirSync(join(p.dir, "vendor/stray"));
  writeFileSync(join(p.dir, "vendor/stray/x.js"), "");
  p.git("add", "-A");
  const r = await runCheck(p.dir, { staged: true });
  assert.deepEqual(codes(r.problems), [
    "file-added vendor/@s/beta/new.js",
    "file-deleted vendor/alpha/index.js",
    "mode-changed vendor/alpha/bin/cli.js",
    "stray vendor/stray",
    "symlink vendor/gamma/index.js",
  ]);
});

test("--staged reads the manifest and lock from the index too", async (t) => {
  const p = await makeProject({ git: true });
  t.after(p.cleanup);
  const lock = structuredClone(p.lock);
  lock.packages.gamma.digest = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  p.writeLock(lock);
  assert.deepEqual((await runCheck(p.dir, { staged: true })).problems, [], "unstaged lock edit is invisible");
  p.git("add", "tonic-vendor.lock");
  const r = await runCheck(p.dir, { staged: true });
  assert.deepEqual(codes(r.problems), ["digest-mismatch vendor/gamma"]);
  assert.match(r.problems[0]!.message, /lock's digest was edited/);
});

test("--staged: a broken work-tree manifest or lock (parsed while git lists the index) does not matter unless it is staged", async (t) => {
  const p = await makeProject({ git: true });
  t.after(p.cleanup);
  writeFileSync(join(p.dir, "tonic-vendor.lock"), '{\n  "lockfileVersion": 1,\n  "packages": {\n');
  writeFileSync(join(p.dir, "tonic-vendor.json"), "{ not json\n");
  assert.deepEqual((await runCheck(p.dir, { staged: true })).problems, [], "the staged copies are whole");
  p.git("add", "tonic-vendor.lock");
  await assert.rejects(runCheck(p.dir, { staged: true }), (e: Error & { file?: string; line?: number }) => e.file === "tonic-vendor.lock" && e.line !== undefined);
  p.git("add", "tonic-vendor.json");
  await assert.rejects(runCheck(p.dir, { staged: true }), (e: Error & { file?: string }) => e.file === "tonic-vendor.json");
});

test("--staged outside a git repository is a usage error", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "tonic-nogit-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "tonic-vendor.json"), "{}\n");
  await assert.rejects(runCheck(dir, { staged: true }), (e: Error & { code?: string; exitCode?: number }) => e.code === "not-a-git-repository" && e.exitCode === 2);
});

test("--staged hashes blobs streamed by git cat-file exactly as the work tree hashes files (empty, large, binary)", async (t) => {
  const p = await makeProject({ git: true });
  t.after(p.cleanup);
  const { digestTree } = await import("../../src/vendor/digest/index.js");
  const { randomBytes } = await import("node:crypto");
  writeFileSync(join(p.dir, "vendor/gamma/empty.txt"), "");
  writeFileSync(join(p.dir, "vendor/gamma/big.bin"), randomBytes(700_000));
  writeFileSync(join(p.dir, "vendor/gamma/lf.txt"), "\n\n\n");
  const lock = structuredClone(p.lock);
  lock.packages.gamma.digest = (await digestTree(join(p.dir, "vendor/gamma"))).digest;
  p.writeLock(lock);
  p.git("add", "-A");
  rmSync(join(p.dir, ".git/tonic-vendor"), { recursive: true, force: true });
  const r = await runCheck(p.dir, { staged: true });
  assert.deepEqual(r.problems, []);
  assert.equal(r.stats.files, 10);
  // Second run answers from the cache and must agree.
  assert.deepEqual((await runCheck(p.dir, { staged: true })).problems, []);
});
