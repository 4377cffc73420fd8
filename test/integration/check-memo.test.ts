// check's stat memo (check/tree-memo.ts): a repeated check reads no file of a tree whose stat data is what the
// memo recorded, yet no change gets past it: content rewritten with size and mtime restored still changes the
// ctime, and trees changed too recently are never recorded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { runCheck } from "../../src/vendor/check/index.js";
import { TreeHasher } from "../../src/vendor/digest/index.js";
import { TreeMemo } from "../../src/vendor/check/tree-memo.js";
import { gitOnDisk } from "../../src/vendor/check/git-objects.js";
import { makeProject } from "../helpers/check-project.js";

const memoLines = (dir: string): string[] => readFileSync(join(dir, ".git/tonic-vendor/tree-memo"), "utf8").trim().split("\n").slice(1);

// The memo records only trees whose newest mtime/ctime is 2 s older than the run; waiting is the honest way.
const OLD_ENOUGH_MS = 2100;

test("check memo: recorded for settled trees only, then used; a same-size same-mtime rewrite is still caught", async (t) => {
  const p = await makeProject({ git: true });
  t.after(() => p.cleanup());

  // Just written: nothing is old enough to be recorded.
  let report = await runCheck(p.dir);
  assert.equal(report.ok, true, JSON.stringify(report.problems));
  assert.equal(existsSync(join(p.dir, ".git/tonic-vendor/tree-memo")) ? memoLines(p.dir).length : 0, 0);

  await sleep(OLD_ENOUGH_MS);
  report = await runCheck(p.dir);
  assert.equal(report.ok, true, JSON.stringify(report.problems));
  const lines = memoLines(p.dir);
  assert.equal(lines.length, 3, lines.join("\n"));
  assert.ok(lines.some((l) => l.endsWith(`\t${join(p.dir, "vendor/@s/beta")}`)));

  // A memo hit reads nothing: prove it with the hasher the check uses, fed the recorded signatures.
  const memo = new TreeMemo(join(p.dir, ".git/tonic-vendor/tree-memo"));
  const roots = ["alpha", "gamma", "@s/beta"].map((k) => join(p.dir, "vendor", k));
  const hasher = new TreeHasher((root) => memo.expected(root));
  const listings = await hasher.listings(roots);
  await hasher.close();
  for (const [i, l] of listings.entries()) {
    assert.equal(l.stat?.hit, true, roots[i]);
    assert.ok(l.files.length > 0 && l.files.every((f) => f.sha256 === ""), "no file was hashed");
    assert.ok(memo.digest(roots[i]!, l.stat!.signature)?.startsWith("h1:"));
  }

  // Same length, mtime put back: only the ctime (which cannot be set back) tells the change.
  const file = join(p.dir, "vendor/gamma/index.js");
  const before = statSync(file);
  const text = readFileSync(file, "utf8");
  // touch -r copies the times to the nanosecond (utimes from JS numbers would round them).
  execFileSync("touch", ["-r", file, `${file}.ref`]);
  writeFileSync(file, text.replace("42", "43"));
  execFileSync("touch", ["-r", `${file}.ref`, file]);
  rmSync(`${file}.ref`);
  assert.equal(statSync(file).size, before.size);
  assert.equal(statSync(file).mtimeMs, before.mtimeMs);
  report = await runCheck(p.dir);
  assert.deepEqual(report.problems.map((x) => [x.code, x.file]), [["file-modified", "vendor/gamma/index.js"]]);

  // An executable bit flipped is seen through the stat pass too.
  writeFileSync(file, text);
  chmodSync(join(p.dir, "vendor/alpha/bin/cli.js"), 0o644);
  report = await runCheck(p.dir);
  assert.deepEqual(report.problems.map((x) => x.code), ["mode-changed"]);
  chmodSync(join(p.dir, "vendor/alpha/bin/cli.js"), 0o755);
  report = await runCheck(p.dir);
  assert.equal(report.ok, true, JSON.stringify(report.problems));
});

test("check memo: a recorded digest that no longer matches the lock still names the changed file", async (t) => {
  const p = await makeProject({ git: true });
  t.after(() => p.cleanup());
  // The tree changes, then settles and is recorded with its (wrong) digest.
  writeFileSync(join(p.dir, "vendor/gamma/index.js"), "module.exports = 7;\n");
  await sleep(OLD_ENOUGH_MS);
  for (let run = 0; run < 2; run++) {
    const report = await runCheck(p.dir);
    assert.deepEqual(report.problems.map((x) => [x.code, x.file]), [["file-modified", "vendor/gamma/index.js"]], `run ${run}`);
  }
  assert.equal(memoLines(p.dir).length, 3);
});

test("check memo: --rehash reads every file; no git directory means no memo", async (t) => {
  const p = await makeProject({ git: true });
  t.after(() => p.cleanup());
  await sleep(OLD_ENOUGH_MS);
  await runCheck(p.dir, { rehash: true });
  assert.equal(existsSync(join(p.dir, ".git/tonic-vendor/tree-memo")), false, "rehash neither reads nor writes the memo");

  const q = await makeProject();
  t.after(() => q.cleanup());
  assert.equal(gitOnDisk(q.dir), undefined);
  const report = await runCheck(q.dir);
  assert.equal(report.ok, true, JSON.stringify(report.problems));
});

test("gitOnDisk agrees with git rev-parse: top, subdirectory, worktree; GIT_DIR hands the question to git", async (t) => {
  const p = await makeProject({ git: true });
  t.after(() => p.cleanup());
  const revParse = (cwd: string) => {
    const [toplevel, prefix, gitDir] = execFileSync("git", ["rev-parse", "--show-toplevel", "--show-prefix", "--absolute-git-dir"], { cwd, encoding: "utf8" }).split("\n");
    return { toplevel, prefix, gitDir };
  };
  assert.deepEqual(gitOnDisk(p.dir), revParse(p.dir));
  assert.deepEqual(gitOnDisk(join(p.dir, "vendor/alpha")), revParse(join(p.dir, "vendor/alpha")));
  const wt = `${p.dir}-wt`;
  p.git("worktree", "add", "-q", "--detach", wt);
  t.after(() => rmSync(wt, { recursive: true, force: true }));
  assert.deepEqual(gitOnDisk(join(wt, "vendor")), revParse(join(wt, "vendor")));
  const saved = process.env.GIT_DIR;
  process.env.GIT_DIR = join(p.dir, ".git");
  try {
    assert.equal(gitOnDisk(p.dir), undefined);
  } finally {
    if (saved === undefined) delete process.env.GIT_DIR;
    else process.env.GIT_DIR = saved;
  }
});
