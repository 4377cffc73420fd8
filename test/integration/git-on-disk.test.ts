// check --staged finds the repository from the file system (one git process fewer) only where that is certain;
// what it finds must be what `git rev-parse` says, and git's discovery variables hand the question back to git.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { gitOnDisk } from "../../src/vendor/check/git-objects.js";
import { makeProject } from "../helpers/check-project.js";

const revParse = (cwd: string) => {
  const [toplevel, prefix, gitDir] = execFileSync("git", ["rev-parse", "--show-toplevel", "--show-prefix", "--absolute-git-dir"], { cwd, encoding: "utf8" }).split("\n");
  return { toplevel, prefix, gitDir };
};

test("gitOnDisk agrees with git rev-parse at the top, in a subdirectory and in a worktree", async (t) => {
  const p = await makeProject({ git: true });
  t.after(() => p.cleanup());
  assert.deepEqual(gitOnDisk(p.dir), revParse(p.dir));
  assert.deepEqual(gitOnDisk(join(p.dir, "vendor/alpha")), revParse(join(p.dir, "vendor/alpha")));
  const wt = `${p.dir}-wt`;
  p.git("worktree", "add", "-q", "--detach", wt);
  t.after(() => rmSync(wt, { recursive: true, force: true }));
  assert.deepEqual(gitOnDisk(join(wt, "vendor")), revParse(join(wt, "vendor")));
});

test("gitOnDisk: no repository, or GIT_DIR set, means asking git", async (t) => {
  const q = await makeProject();
  t.after(() => q.cleanup());
  assert.equal(gitOnDisk(q.dir), undefined);
  const p = await makeProject({ git: true });
  t.after(() => p.cleanup());
  const saved = process.env.GIT_DIR;
  process.env.GIT_DIR = join(p.dir, ".git");
  try {
    assert.equal(gitOnDisk(p.dir), undefined);
  } finally {
    if (saved === undefined) delete process.env.GIT_DIR;
    else process.env.GIT_DIR = saved;
  }
});
