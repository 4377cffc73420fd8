// check --staged remembers entries it verified (keyed by the entry's index records and lock fields) so an
// unchanged package costs one hash; these tests make sure the memo never hides a change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCheck } from "../../src/vendor/check/index.js";
import type { Problem } from "../../src/vendor/check/types.js";
import { makeProject } from "../helpers/check-project.js";

const codes = (ps: Problem[]) => ps.map((p) => `${p.code} ${p.file ?? ""}`).sort();
const memoFile = (dir: string) => join(dir, ".git/tonic-vendor/verified-trees");

test("--staged records verified entries and still catches every later change", async (t) => {
  const p = await makeProject({ git: true });
  t.after(p.cleanup);
  const first = await runCheck(p.dir, { staged: true });
  assert.deepEqual(first.problems, []);
  assert.deepEqual(first.stats, { entries: 3, files: 7 });
  const memo = readFileSync(memoFile(p.dir), "latin1").trim().split("\n");
  assert.equal(memo.length, 3, "one memo line per verified entry");
  for (const line of memo) assert.match(line, /^[0-9a-f]{64} \d+$/);

  const again = await runCheck(p.dir, { staged: true });
  assert.deepEqual(again.problems, []);
  assert.deepEqual(again.stats, first.stats, "entries answered from the memo still count their files");

  // A staged edit changes the entry's records: the memo misses and the file is named.
  writeFileSync(join(p.dir, "vendor/gamma/index.js"), "module.exports = 43;\n");
  p.git("add", "vendor/gamma/index.js");
  assert.deepEqual(codes((await runCheck(p.dir, { staged: true })).problems), ["file-modified vendor/gamma/index.js"]);
  p.git("reset", "-q", "--hard", "HEAD");

  // A staged mode change alone.
  chmodSync(join(p.dir, "vendor/alpha/bin/cli.js"), 0o644);
  p.git("add", "vendor/alpha/bin/cli.js");
  assert.deepEqual(codes((await runCheck(p.dir, { staged: true })).problems), ["mode-changed vendor/alpha/bin/cli.js"]);
  p.git("reset", "-q", "--hard", "HEAD");

  // The same staged tree under a lock whose digest or executables changed is not the memo's entry.
  const lock = structuredClone(p.lock);
  lock.packages.gamma.digest = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  lock.packages.alpha.executables = [];
  p.writeLock(lock);
  p.git("add", "tonic-vendor.lock");
  assert.deepEqual(codes((await runCheck(p.dir, { staged: true })).problems), ["digest-mismatch vendor/gamma", "mode-changed vendor/alpha/bin/cli.js"]);
  p.git("reset", "-q", "--hard", "HEAD");
  assert.deepEqual((await runCheck(p.dir, { staged: true })).problems, [], "back to the committed state");
});

test("--staged: a garbled memo or blob cache costs speed, never correctness", async (t) => {
  const p = await makeProject({ git: true });
  t.after(p.cleanup);
  assert.deepEqual((await runCheck(p.dir, { staged: true })).problems, []);
  writeFileSync(memoFile(p.dir), "not a memo\n" + "0".repeat(64) + " 9\n\n" + "f".repeat(63) + " 1\n");
  writeFileSync(join(p.dir, ".git/tonic-vendor/sha256-cache"), "garbage line\n");
  const r = await runCheck(p.dir, { staged: true });
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.stats, { entries: 3, files: 7 });
  writeFileSync(join(p.dir, "vendor/@s/beta/lib/x.js"), "export const x = 2;\n");
  p.git("add", "-A");
  assert.deepEqual(codes((await runCheck(p.dir, { staged: true })).problems), ["file-modified vendor/@s/beta/lib/x.js"]);
});
