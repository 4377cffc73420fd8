// gitlinksInIndex against index files written by real git: SHA-1 and SHA-256, long names, version 3 extended
// flags, and every kind of damage returning undefined (the caller then asks git).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { g, makeRepo, rmrf, tempDir } from "../../fixtures/git/repos.js";
import { gitlinksInIndex } from "../../src/vendor/git/index-file.js";

let root: string;

before(() => {
  root = tempDir("tonic-git-index-");
});

after(() => rmrf(root));

/** What git itself says the gitlinks of `repo`'s index are. */
function gitlinksByGit(repo: string): { path: string; sha: string }[] {
  return g(repo, "ls-files", "-s", "-z")
    .split("\0")
    .filter((r) => r.startsWith("160000 "))
    .map((r) => ({ sha: r.split(" ")[1]!, path: r.slice(r.indexOf("\t") + 1) }));
}

function addGitlinks(repo: string, sha: string, paths: string[]): void {
  for (const p of paths) g(repo, "update-index", "--add", "--cacheinfo", `160000,${sha},${p}`);
}

test("finds exactly the gitlinks git lists, between ordinary entries and across a name longer than 4095 bytes", () => {
  const repo = join(root, "sha1");
  const head = makeRepo(repo, { "a.txt": "a\n", "m/é ü.txt": "u\n", "z/deep/x.js": "x\n" });
  const long = `${"d/".repeat(2100)}sub`;
  assert.ok(long.length > 0xfff);
  addGitlinks(repo, head, ["deps/one", "m/two", long]);
  const want = gitlinksByGit(repo);
  assert.equal(want.length, 3);
  const index = readFileSync(join(repo, ".git", "index"));
  assert.deepEqual(gitlinksInIndex(index, 20), want);
  g(repo, "rm", "-q", "--cached", "deps/one", "m/two", long);
  assert.deepEqual(gitlinksInIndex(readFileSync(join(repo, ".git", "index")), 20), []);
});

test("SHA-256 indexes", () => {
  const repo = join(root, "sha256");
  g(root, "init", "-q", "--object-format=sha256", repo);
  g(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "--allow-empty", "-m", "x");
  const head = g(repo, "rev-parse", "HEAD");
  assert.equal(head.length, 64);
  addGitlinks(repo, head, ["a", "b/c"]);
  const want = gitlinksByGit(repo);
  assert.equal(want.length, 2);
  assert.deepEqual(gitlinksInIndex(readFileSync(join(repo, ".git", "index")), 32), want);
});

test("version 3 entries with extended flags are read; version 4 and damaged bytes are refused", () => {
  const repo = join(root, "v3");
  const head = makeRepo(repo, { "a.txt": "a\n" });
  addGitlinks(repo, head, ["sub"]);
  g(repo, "update-index", "--skip-worktree", "a.txt");
  const v3 = readFileSync(join(repo, ".git", "index"));
  assert.equal(v3.readUInt32BE(4), 3);
  assert.deepEqual(gitlinksInIndex(v3, 20), gitlinksByGit(repo));

  g(repo, "update-index", "--no-skip-worktree", "a.txt");
  g(repo, "update-index", "--index-version", "4");
  const v4 = readFileSync(join(repo, ".git", "index"));
  assert.equal(v4.readUInt32BE(4), 4);
  assert.equal(gitlinksInIndex(v4, 20), undefined);

  g(repo, "update-index", "--index-version", "2");
  const v2 = readFileSync(join(repo, ".git", "index"));
  assert.deepEqual(gitlinksInIndex(v2, 20), [{ path: "sub", sha: head }]);
  assert.equal(gitlinksInIndex(v2, 32), undefined, "the wrong object id size is noticed, not misread");
  assert.equal(gitlinksInIndex(v2.subarray(0, 40), 20), undefined);
  assert.equal(gitlinksInIndex(Buffer.from("not an index at all"), 20), undefined);
  const bad = Buffer.from(v2);
  bad.write("XXXX", 0, "latin1");
  assert.equal(gitlinksInIndex(bad, 20), undefined);
});
