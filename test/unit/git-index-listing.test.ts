// stageListing must print exactly what `git ls-files --stage -z -- .` prints, from the top or a subdirectory,
// for every kind of entry; and return undefined (so check asks git) for what it does not read: index version 4,
// a split index, a sparse index, damage.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { g, GIT_TEST_ENV, makeRepo, rmrf, tempDir } from "../../fixtures/git/repos.js";
import { stageListing } from "../../src/vendor/git/index-file.js";

let root: string;
before(() => {
  root = tempDir("tonic-git-listing-");
});
after(() => rmrf(root));

const byGit = (cwd: string) => g(cwd, "ls-files", "--stage", "-z", "--", ".");
const index = (repo: string) => readFileSync(join(repo, ".git", "index"));

test("the same listing as git: modes, a symlink, a gitlink, an intent-to-add file, conflicts, non-ASCII names, a subdirectory", () => {
  const repo = join(root, "many");
  const head = makeRepo(repo, { "a.txt": "a\n", "src/é ü.ts": "u\n", "vendor/x/index.js": "x\n", "vendor/x/bin/cli.js": "#!/bin/sh\n", "zz.txt": "z\n" });
  chmodSync(join(repo, "vendor/x/bin/cli.js"), 0o755);
  symlinkSync("index.js", join(repo, "vendor/x/link.js"));
  writeFileSync(join(repo, "vendor/x/new.js"), "n\n");
  g(repo, "add", "-A");
  g(repo, "add", "-N", "--", ".");
  writeFileSync(join(repo, "later.txt"), "l\n");
  g(repo, "add", "-N", "later.txt");
  g(repo, "update-index", "--add", "--cacheinfo", `160000,${head},deps/sub`);
  // A conflict: stages 1-3 of one path.
  const blob = g(repo, "hash-object", "-w", "--", "a.txt").trim();
  execFileSync("git", ["update-index", "--index-info"], {
    cwd: repo,
    env: { ...process.env, ...GIT_TEST_ENV },
    input: `100644 ${blob} 1\tconflict.txt\n100644 ${blob} 2\tconflict.txt\n100644 ${blob} 3\tconflict.txt\n`,
  });
  const want = byGit(repo);
  assert.ok(want.includes(" 2\tconflict.txt\0") && want.includes("120000 ") && want.includes("160000 ") && want.includes("100755 "));
  assert.equal(stageListing(index(repo), 20, ""), want);
  assert.equal(stageListing(index(repo), 20, "vendor/"), byGit(join(repo, "vendor")));
  assert.equal(stageListing(index(repo), 20, "vendor/x/"), byGit(join(repo, "vendor/x")));
  mkdirSync(join(repo, "empty"), { recursive: true });
  assert.equal(stageListing(index(repo), 20, "empty/"), byGit(join(repo, "empty")));
});

test("a SHA-256 repository", () => {
  const repo = join(root, "sha256");
  mkdirSync(repo, { recursive: true });
  g(repo, "init", "-q", "--object-format=sha256");
  writeFileSync(join(repo, "f.txt"), "f\n");
  g(repo, "add", "f.txt");
  assert.equal(stageListing(index(repo), 32, ""), byGit(repo));
  assert.equal(stageListing(index(repo), 20, ""), undefined, "the wrong id size is refused, not misread");
});

test("undefined for index version 4, a split index, a sparse index, and damage", () => {
  const repo = join(root, "kinds");
  makeRepo(repo, { "a/b.txt": "b\n", "c/d.txt": "d\n" });
  assert.notEqual(stageListing(index(repo), 20, ""), undefined);
  g(repo, "update-index", "--index-version", "4");
  assert.equal(stageListing(index(repo), 20, ""), undefined);
  g(repo, "update-index", "--index-version", "2");
  assert.equal(stageListing(index(repo), 20, ""), byGit(repo));
  const split = join(root, "split");
  makeRepo(split, { "a/b.txt": "b\n" });
  g(split, "update-index", "--split-index");
  assert.ok(index(split).includes("link"), "git split the index");
  assert.equal(stageListing(index(split), 20, ""), undefined);
  const sparse = join(root, "sparse");
  makeRepo(sparse, { "a/b.txt": "b\n", "c/d.txt": "d\n" });
  g(sparse, "sparse-checkout", "set", "--cone", "--sparse-index", "a");
  assert.match(g(sparse, "ls-files", "--sparse", "-s"), /^040000 .*\tc\/$/m, "git made the index sparse");
  assert.equal(stageListing(index(sparse), 20, ""), undefined);
  const good = Buffer.from("DIRC\0\0\0\x02\0\0\0\x05", "latin1");
  assert.equal(stageListing(good, 20, ""), undefined, "five entries promised, none there");
  assert.equal(stageListing(Buffer.from("not an index"), 20, ""), undefined);
});
