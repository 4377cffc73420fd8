// The scratch repository behind git resolve + fetch: one fetch per commit shared by both steps, no lookups
// that cannot succeed, package.json read and commit proved in one process, and exports that stay pure
// checkouts into their own destination.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileUrl, g, makeRepo, rmrf, tempDir } from "../../fixtures/git/repos.js";
import { disposeScratch, ensureCommit, exportTree, readBlob } from "../../src/vendor/git/objects.js";
import { fetchGit, listFiles } from "../../src/vendor/fetch/git.js";
import { resolveGit } from "../../src/vendor/resolve/git.js";
import { validateGitUrl } from "../../src/vendor/git/url.js";
import { isVendorError } from "../../src/vendor/errors.js";

let root: string;
let repo: string;
let head: string;
let callLog: string;
const prevEnv = { ...process.env };
const ctx = () => ({ projectDir: join(root, "project"), npmOptions: {}, log: () => {} });
const gitCalls = () => (existsSync(callLog) ? readFileSync(callLog, "utf8").trim().split("\n").filter(Boolean) : []);
const subcommand = (call: string) => call.split(" ").filter((a, i, all) => !a.startsWith("-") && all[i - 1] !== "-c")[0];

before(() => {
  root = tempDir();
  callLog = join(root, "git-calls.log");
  const wrapper = join(root, "git-logged");
  writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${callLog}'\nexec git "$@"\n`);
  chmodSync(wrapper, 0o755);
  process.env.TONIC_GIT = wrapper;
  repo = join(root, "lib.git");
  head = makeRepo(repo, {
    "package.json": JSON.stringify({ name: "lib", version: "1.2.3", dependencies: { ms: "^2.1.0" } }),
    "index.js": "export const v = 1;\n",
    "a/b/c.txt": "deep\n",
  });
});

after(() => {
  disposeScratch();
  rmrf(root);
  for (const k of Object.keys(process.env)) if (!(k in prevEnv)) delete process.env[k];
  Object.assign(process.env, prevEnv);
});

test("resolve and fetch of HEAD: four git processes, one fetch; no lookup, template copy or maintenance", async () => {
  disposeScratch();
  const before = gitCalls().length;
  const r = await resolveGit("lib", `git+${fileUrl(repo)}`, ctx());
  assert.equal(r.commit, head);
  assert.equal(r.version, "1.2.3");
  assert.deepEqual(r.dependencies, { ms: "^2.1.0" });
  const dest = join(root, "stage-one");
  await fetchGit({ name: "lib", source: "git", resolved: r.resolved, commit: r.commit, ref: r.ref, mode: "tarball" }, dest, ctx());
  assert.deepEqual(await listFiles(dest), ["a/b/c.txt", "index.js", "package.json"]);
  const calls = gitCalls().slice(before);
  // The version check runs once per process, before whichever call comes first.
  const subs = calls.map(subcommand).filter((s) => s !== undefined);
  // No ls-remote (the spec names no ref: the fetch of HEAD resolves it) and no ls-tree (the export finds
  // gitlinks in the index its read-tree wrote).
  assert.deepEqual(subs.sort(), ["cat-file", "fetch", "init", "read-tree"], calls.join("\n"));
  assert.ok(!calls.some((c) => / cat-file -e /.test(` ${c} `)), "a lookup that could only fail ran");
  assert.ok(calls.some((c) => / init .*--template= /.test(` ${c} `)), "init copied templates");
  assert.ok(calls.find((c) => / fetch /.test(` ${c} `))?.includes("maintenance.auto=false"));
  assert.ok(!calls.some((c) => /maintenance run/.test(c)));
});

test("readBlob: bytes of a file, undefined for no such file, an error for a commit the repository lacks", async () => {
  disposeScratch();
  const remote = validateGitUrl(fileUrl(repo));
  const dir = await ensureCommit(remote, head);
  assert.equal((await readBlob(dir, head, "index.js"))?.toString("utf8"), "export const v = 1;\n");
  assert.equal(await readBlob(dir, head, "nope.json"), undefined);
  assert.equal(await readBlob(dir, head, "a/b"), undefined, "a directory is not a file");
  await assert.rejects(readBlob(dir, "0".repeat(40), "package.json"), (e: unknown) => isVendorError(e) && e.code === "git-commit-missing");
  // A tree id is an object the repository has, but not a commit.
  const tree = g(repo, "rev-parse", "HEAD^{tree}");
  await assert.rejects(readBlob(dir, tree, "index.js"), (e: unknown) => isVendorError(e) && e.code === "git-commit-missing");
  await assert.rejects(readBlob(dir, "abc", "index.js"), (e: unknown) => isVendorError(e) && e.code === "git-commit-invalid");
});

test("exports from one scratch repository are independent checkouts, relative destinations included", async () => {
  disposeScratch();
  const remote = validateGitUrl(fileUrl(repo));
  const dir = await ensureCommit(remote, head);
  g(repo, "rm", "-q", "index.js");
  writeFileSync(join(repo, "new.txt"), "new\n");
  g(repo, "add", "-A");
  g(repo, "commit", "-q", "-m", "second");
  const second = g(repo, "rev-parse", "HEAD");
  const dir2 = await ensureCommit(remote, second);
  assert.equal(dir2, dir);
  const a = join(root, "export-a");
  await exportTree(dir, head, a);
  // Relative to the process, not to the scratch repository git runs in.
  const b = relative(process.cwd(), join(root, "export-b"));
  await exportTree(dir, second, b);
  assert.deepEqual(await listFiles(a), ["a/b/c.txt", "index.js", "package.json"]);
  assert.deepEqual(await listFiles(join(root, "export-b")), ["a/b/c.txt", "new.txt", "package.json"]);
  // The throwaway index is gone and the scratch repository holds no work tree files.
  assert.deepEqual(readdirSync(dir).sort(), [".git"]);
  assert.equal(existsSync(join(dir, ".git", "tonic-export-index")), false);
});

test("a locked id that names a tree or a blob, not a commit, is refused and writes no file", async () => {
  disposeScratch();
  const tree = g(repo, "rev-parse", `${head}^{tree}`);
  const blob = g(repo, "rev-parse", `${head}:index.js`);
  for (const id of [tree, blob]) {
    const dest = join(root, `stage-not-commit-${id.slice(0, 8)}`);
    await assert.rejects(
      fetchGit({ name: "lib", source: "git", resolved: fileUrl(repo), commit: id, mode: "tarball" }, dest, ctx()),
      (e: unknown) => isVendorError(e) && e.exitCode === 3,
    );
    assert.deepEqual(existsSync(dest) ? await listFiles(dest) : [], []);
  }
});

test("the fetch that overlaps ls-remote never decides the commit: ls-remote's pick wins, annotated tags need no refetch", async () => {
  const r2 = join(root, "dwim.git");
  const a = makeRepo(r2, { "a.txt": "a\n" });
  g(r2, "tag", "-a", "-m", "v9", "v9");
  writeFileSync(join(r2, "b.txt"), "b\n");
  g(r2, "add", "-A");
  g(r2, "commit", "-q", "-m", "b");
  const b = g(r2, "rev-parse", "HEAD");
  // git fetch's own name lookup tries refs/v9 before refs/tags/v9; tonic's (like npm's) takes the tag.
  g(r2, "update-ref", "refs/v9", b);
  disposeScratch();
  let before = gitCalls().length;
  const r = await resolveGit("d", `git+${fileUrl(r2)}#v9`, ctx());
  assert.equal(r.commit, a);
  const dest = join(root, "stage-dwim");
  await fetchGit({ name: "d", source: "git", resolved: r.resolved, commit: r.commit, ref: r.ref, mode: "tarball" }, dest, ctx());
  assert.deepEqual(await listFiles(dest), ["a.txt"]);
  let fetches = gitCalls().slice(before).filter((c) => subcommand(c) === "fetch");
  assert.equal(fetches.length, 2, "the commit ls-remote picked is fetched by id");
  assert.equal(gitCalls().slice(before).filter((c) => subcommand(c) === "ls-remote").length, 1);

  // An annotated tag: the overlapping fetch brought the tag and its commit, so that fetch is the only one.
  g(r2, "update-ref", "-d", "refs/v9");
  disposeScratch();
  before = gitCalls().length;
  const t = await resolveGit("d", `git+${fileUrl(r2)}#v9`, ctx());
  assert.equal(t.commit, a);
  await fetchGit({ name: "d", source: "git", resolved: t.resolved, commit: t.commit, ref: t.ref, mode: "tarball" }, join(root, "stage-tag"), ctx());
  fetches = gitCalls().slice(before).filter((c) => subcommand(c) === "fetch");
  assert.equal(fetches.length, 1, fetches.join("\n"));
});

test("a remote without a HEAD: the fetch of HEAD fails quietly and ls-remote reports it as before", async () => {
  const bare = join(root, "headless.git");
  g(root, "clone", "-q", "--bare", repo, bare);
  g(bare, "symbolic-ref", "HEAD", "refs/heads/gone");
  disposeScratch();
  const before = gitCalls().length;
  await assert.rejects(resolveGit("h", `git+${fileUrl(bare)}`, ctx()), (e: unknown) => isVendorError(e) && e.code === "git-ref-missing" && /no HEAD/.test(e.message));
  assert.equal(gitCalls().slice(before).filter((c) => subcommand(c) === "ls-remote").length, 1);
  // A named branch of the same remote still resolves.
  const r = await resolveGit("h", `git+${fileUrl(bare)}#main`, ctx());
  assert.equal(r.commit, g(bare, "rev-parse", "refs/heads/main"));
});
