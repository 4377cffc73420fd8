// check --staged reads staged files from the work tree only when the work tree holds the very blob (same git
// object id); anything else comes from git, so a partly staged change is judged by what is staged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beginGitSession, blobId, endGitSession, readStagedFiles } from "../../src/vendor/check/git-objects.js";
import { makeProject } from "../helpers/check-project.js";

test("blobId is git's object id (sha1 and sha256 forms)", async (t) => {
  const p = await makeProject({ git: true });
  t.after(() => p.cleanup());
  const file = join(p.dir, "vendor/gamma/index.js");
  assert.equal(blobId(readFileSync(file), 40), p.git("hash-object", "--", file).trim());
  assert.equal(blobId(Buffer.from("x"), 64).length, 64);
});

test("readStagedFiles: staged content whether or not the work tree matches; undefined when not staged", async (t) => {
  const p = await makeProject({ git: true });
  t.after(() => p.cleanup());
  const staged = readFileSync(join(p.dir, "tonic-vendor.json"));
  // An unstaged edit: the work tree no longer holds the staged blob.
  writeFileSync(join(p.dir, "tonic-vendor.json"), "{ edited }\n");
  writeFileSync(join(p.dir, "untracked.txt"), "x\n");
  beginGitSession(p.dir);
  try {
    const [manifest, lock, untracked] = await readStagedFiles(p.dir, ["tonic-vendor.json", "tonic-vendor.lock", "untracked.txt"]);
    assert.deepEqual(manifest, staged, "from git, not the edited work tree");
    assert.deepEqual(lock, readFileSync(join(p.dir, "tonic-vendor.lock")));
    assert.equal(untracked, undefined);
  } finally {
    endGitSession(p.dir);
  }
});
