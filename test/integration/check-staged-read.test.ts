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

test("readStagedFiles: many paths (one pass over the listing) give the same answers as a few", async (t) => {
  const p = await makeProject({ git: true });
  t.after(() => p.cleanup());
  const paths = p.git("ls-files").trim().split("\n");
  const asked = [...paths, "not-staged.js"];
  assert.ok(asked.length > 8, `only ${asked.length} paths`);
  beginGitSession(p.dir);
  try {
    const many = await readStagedFiles(p.dir, asked);
    const few = await Promise.all(asked.map(async (f) => (await readStagedFiles(p.dir, [f]))[0]));
    assert.deepEqual(many, few);
    assert.deepEqual(many.slice(0, -1), paths.map((f) => readFileSync(join(p.dir, f))));
    assert.equal(many.at(-1), undefined);
  } finally {
    endGitSession(p.dir);
  }
});
