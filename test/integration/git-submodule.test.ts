// Submodule mode against real git: a project repository with vendor/<key> as a real submodule of a
// file:// upstream (file submodules allowed only through the tests' TONIC_GIT_ALLOW_FILE_SUBMODULES switch).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { commit, fileUrl, g, makeRepo, rmrf, tempDir } from "../../fixtures/git/repos.js";
import { materialiseSubmodule, removeSubmodule } from "../../src/vendor/submodule/index.js";
import { checkSubmodules } from "../../src/vendor/check/submodules.js";
import { isVendorError } from "../../src/vendor/errors.js";
import type { Lock, LockEntry } from "../../src/vendor/lock/types.js";
import type { Manifest } from "../../src/vendor/manifest/types.js";
import type { CheckContext } from "../../src/vendor/check/types.js";

let root: string;
let up: string;
let project: string;
let c1: string;
let c2: string;
const prevEnv = { ...process.env };

const manifest: Manifest = { vendorDir: "vendor", sources: ["src/**"], importStyle: "imports", dependencies: [] };
const entry = (commitId: string, resolved = fileUrl(up)): LockEntry => ({ name: "up", source: "git", resolved, ref: "main", commit: commitId, mode: "submodule" });
const lockOf = (e?: LockEntry): Lock => ({ lockfileVersion: 1, roots: e ? { up: { spec: `git+${e.resolved}#main`, key: "up" } } : {}, packages: e ? { up: e } : {} });
const check = (lock: Lock, extra: Partial<CheckContext> = {}) =>
  checkSubmodules({ projectDir: project, manifest, lock, vendorDir: join(project, "vendor"), staged: false, requireSubmodules: false, stats: { entries: 0, files: 0 }, ...extra });
const codes = async (lock: Lock, extra: Partial<CheckContext> = {}) => (await check(lock, extra)).map((p) => p.code).sort();
const target = () => ({ projectDir: project, vendorDir: "vendor", key: "up" });

before(() => {
  root = tempDir();
  up = join(root, "up.git");
  c1 = makeRepo(up, { "README.md": "one\n" });
  c2 = commit(up, { "README.md": "two\n" });
  project = join(root, "project");
  makeRepo(project, { "src/index.ts": "export {};\n" });
  process.env.GIT_AUTHOR_NAME = "Test";
  process.env.GIT_AUTHOR_EMAIL = "test@example.invalid";
  process.env.GIT_COMMITTER_NAME = "Test";
  process.env.GIT_COMMITTER_EMAIL = "test@example.invalid";
});

after(() => {
  rmrf(root);
  for (const k of Object.keys(process.env)) if (!(k in prevEnv)) delete process.env[k];
  Object.assign(process.env, prevEnv);
});

test("file:// submodules are refused unless the test-only switch is on", async () => {
  delete process.env.TONIC_GIT_ALLOW_FILE_SUBMODULES;
  await assert.rejects(materialiseSubmodule({ ...target(), entry: entry(c1) }), (e: unknown) => isVendorError(e) && /file/.test(e.message));
  assert.equal(existsSync(join(project, ".gitmodules")) && readFileSync(join(project, ".gitmodules"), "utf8").includes("vendor/up"), false);
  assert.equal(g(project, "ls-files", "-s", "--", "vendor/up"), "");
});

test("materialise: .gitmodules, a gitlink at the locked commit, a checkout at it; check is clean", async () => {
  process.env.TONIC_GIT_ALLOW_FILE_SUBMODULES = "1";
  await materialiseSubmodule({ ...target(), entry: entry(c1) });
  const gm = readFileSync(join(project, ".gitmodules"), "utf8");
  assert.match(gm, /\[submodule "up"\]/);
  assert.match(gm, /path = vendor\/up/);
  assert.ok(gm.includes(`url = ${fileUrl(up)}`));
  assert.equal(g(project, "ls-files", "-s", "--", "vendor/up"), `160000 ${c1} 0\tvendor/up`);
  assert.equal(g(join(project, "vendor/up"), "rev-parse", "HEAD"), c1);
  assert.deepEqual(await check(lockOf(entry(c1))), []);
  assert.deepEqual(await check(lockOf(entry(c1)), { staged: true }), []);
  g(project, "commit", "-q", "-m", "vendor up");
});

test("check finds a lock that moved, a dirty submodule, a URL mismatch and unowned submodules", async () => {
  assert.deepEqual(await codes(lockOf(entry(c2))), ["gitlink-commit-mismatch", "submodule-wrong-commit"]);
  writeFileSync(join(project, "vendor/up/README.md"), "edited\n");
  const dirty = await check(lockOf(entry(c1)));
  assert.deepEqual(dirty.map((p) => p.code), ["submodule-dirty"]);
  assert.equal(dirty[0]!.item, "submodules");
  assert.equal(dirty[0]!.entry, "up");
  assert.match(dirty[0]!.message, /README\.md/);
  g(join(project, "vendor/up"), "checkout", "--", ".");
  assert.deepEqual(await codes(lockOf(entry(c1, "https://example.com/up.git"))), ["submodule-url-mismatch"]);
  assert.deepEqual(await codes(lockOf()), ["submodule-unowned"]);
});

test("materialise moves the submodule to a new locked commit", async () => {
  await materialiseSubmodule({ ...target(), entry: entry(c2) });
  assert.equal(g(project, "ls-files", "-s", "--", "vendor/up"), `160000 ${c2} 0\tvendor/up`);
  assert.equal(g(join(project, "vendor/up"), "rev-parse", "HEAD"), c2);
  assert.deepEqual(await check(lockOf(entry(c2))), []);
  g(project, "commit", "-q", "-m", "move up");
});

test("an uninitialised submodule is a problem only with requireSubmodules; frozen materialise restores it", async () => {
  g(project, "submodule", "deinit", "-q", "-f", "--", "vendor/up");
  assert.equal(existsSync(join(project, "vendor/up/.git")), false);
  assert.deepEqual(await check(lockOf(entry(c2))), []);
  assert.deepEqual(await codes(lockOf(entry(c2)), { requireSubmodules: true }), ["submodule-not-checked-out"]);
  // What sync --frozen does: the gitlink already says c2, so this is `git submodule update --init`.
  await materialiseSubmodule({ ...target(), entry: entry(c2) });
  assert.equal(g(join(project, "vendor/up"), "rev-parse", "HEAD"), c2);
  assert.deepEqual(await check(lockOf(entry(c2)), { requireSubmodules: true }), []);
});

test("a submodule directory moved away (sync's swap) is re-materialised from .git/modules", async () => {
  rmrf(join(project, "vendor"));
  await materialiseSubmodule({ ...target(), entry: entry(c2) });
  assert.equal(readFileSync(join(project, "vendor/up/README.md"), "utf8"), "two\n");
  assert.deepEqual(await check(lockOf(entry(c2)), { requireSubmodules: true }), []);
});

test("removeSubmodule drops the gitlink, the .gitmodules entry and the directory", async () => {
  await removeSubmodule(target());
  assert.equal(g(project, "ls-files", "-s", "--", "vendor/up"), "");
  assert.equal(readFileSync(join(project, ".gitmodules"), "utf8").includes("vendor/up"), false);
  assert.equal(existsSync(join(project, "vendor/up")), false);
  assert.deepEqual(await check(lockOf()), []);
  assert.deepEqual(await codes(lockOf(entry(c2))), ["gitlink-missing", "submodule-not-registered"]);
  await removeSubmodule(target()); // idempotent
});

test("hostile keys and URLs are refused before git runs; nothing is written", async () => {
  const before = g(project, "status", "--porcelain");
  for (const key of ["../escape", "-x", "a/../../b", ".git", "a/.git/hooks"]) {
    await assert.rejects(materialiseSubmodule({ ...target(), key, entry: entry(c1) }), (e: unknown) => isVendorError(e) && e.exitCode === 2, key);
    await assert.rejects(removeSubmodule({ ...target(), key }), (e: unknown) => isVendorError(e) && e.exitCode === 2, key);
  }
  for (const resolved of ["ext::sh -c touch% /tmp/tonic-pwned-sm", "-uhttps://x", "ftp://h/x"]) {
    await assert.rejects(materialiseSubmodule({ ...target(), entry: entry(c1, resolved) }), (e: unknown) => isVendorError(e) && e.code === "git-url-refused");
  }
  await assert.rejects(materialiseSubmodule({ ...target(), entry: { ...entry(c1), commit: c1.slice(0, 10) } }), (e: unknown) => isVendorError(e) && e.code === "git-commit-invalid");
  assert.equal(g(project, "status", "--porcelain"), before);
  assert.equal(existsSync(join(root, "escape")), false);
  assert.equal(existsSync("/tmp/tonic-pwned-sm"), false);
});

test("outside a git repository: a clear error, and check reports it", async () => {
  const plain = join(root, "plain");
  mkdirSync(plain);
  process.env.GIT_CEILING_DIRECTORIES = root;
  await assert.rejects(materialiseSubmodule({ projectDir: plain, vendorDir: "vendor", key: "up", entry: entry(c1) }), (e: unknown) => isVendorError(e) && e.code === "git-not-a-repository");
  const problems = await checkSubmodules({ projectDir: plain, manifest, lock: lockOf(entry(c1)), vendorDir: join(plain, "vendor"), staged: false, requireSubmodules: false, stats: { entries: 0, files: 0 } });
  assert.deepEqual(problems.map((p) => p.code), ["submodule-no-repository"]);
  delete process.env.GIT_CEILING_DIRECTORIES;
});
