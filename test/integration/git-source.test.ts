// The git Source against real repositories: file:// and smart HTTP (git http-backend on 127.0.0.1).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { commit, fileUrl, g, makeRepo, rmrf, startHttpGitServer, tag, tempDir } from "../../fixtures/git/repos.js";
import type { HttpGitServer } from "../../fixtures/git/repos.js";
import { newestCommit, resolveGit } from "../../src/vendor/resolve/git.js";
import { createGitSource, fetchGit, listFiles } from "../../src/vendor/fetch/git.js";
import { sourceForEntry, sourceForSpec } from "../../src/vendor/sources.js";
import { disposeScratch } from "../../src/vendor/git/objects.js";
import { isVendorError } from "../../src/vendor/errors.js";
import type { LockEntry } from "../../src/vendor/lock/types.js";
import type { ResolvedPackage } from "../../src/vendor/source.js";

let root: string;
let lib: string;
let server: HttpGitServer;
let marker: string;
let callLog: string;
const commits: Record<string, string> = {};
const logs: string[] = [];
const ctx = () => ({ projectDir: join(root, "project"), npmOptions: {}, log: (l: string) => logs.push(l) });
const prevEnv = { ...process.env };

const entryOf = (r: ResolvedPackage): LockEntry => ({
  name: r.name,
  source: "git",
  resolved: r.resolved,
  ref: r.ref,
  commit: r.commit,
  mode: r.mode,
});
const gitCalls = () => (existsSync(callLog) ? readFileSync(callLog, "utf8").trim().split("\n").filter(Boolean) : []);

before(async () => {
  root = tempDir();
  marker = join(root, "PREPARE-RAN");
  callLog = join(root, "git-calls.log");
  // Every git call the code under test makes goes through this logger, so tests can prove git never ran.
  const wrapper = join(root, "git-logged");
  writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${callLog}'\nexec git "$@"\n`);
  chmodSync(wrapper, 0o755);
  process.env.TONIC_GIT = wrapper;
  process.env.TONIC_GIT_ALLOW_LOOPBACK = "1";
  lib = join(root, "lib.git");
  const pkg = (v: string) =>
    JSON.stringify({
      name: "lib",
      version: v,
      dependencies: { ms: "^2.1.0" },
      peerDependencies: { react: "*" },
      peerDependenciesMeta: { react: { optional: true } },
      scripts: { prepare: `touch ${marker}`, postinstall: `touch ${marker}`, install: `touch ${marker}` },
    });
  commits.v1 = makeRepo(lib, { "package.json": pkg("1.0.0"), "index.js": "export const v = 1;\n", "test/a.test.js": "x\n", "docs/x.md": "d\n", "bin/cli.sh": "#!/bin/sh\necho hi\n" });
  chmodSync(join(lib, "bin/cli.sh"), 0o755);
  g(lib, "add", "-A");
  commits.v1 = commit(lib, {}, "exec bit");
  tag(lib, "v1.0.0", true);
  commits.v11 = commit(lib, { "package.json": pkg("1.1.0"), "index.js": "export const v = 11;\n" });
  tag(lib, "v1.1.0", false);
  commits.v2 = commit(lib, { "package.json": pkg("2.0.0"), "index.js": "export const v = 2;\n" });
  tag(lib, "v2.0.0", true);
  g(lib, "checkout", "-q", "-b", "dev");
  commits.dev = commit(lib, { "dev.js": "dev\n" });
  g(lib, "checkout", "-q", "main");
  server = await startHttpGitServer(root);
});

after(async () => {
  await server.close();
  disposeScratch();
  rmrf(root);
  for (const k of Object.keys(process.env)) if (!(k in prevEnv)) delete process.env[k];
  Object.assign(process.env, prevEnv);
});

test("resolves tags (annotated, peeled), branches, HEAD, semver ranges and commits over file://", async () => {
  const url = `git+${fileUrl(lib)}`;
  const cases: [string, string, string][] = [
    [`${url}#v1.0.0`, commits.v1!, "v1.0.0"],
    [`${url}#v1.1.0`, commits.v11!, "v1.1.0"],
    [`${url}#dev`, commits.dev!, "dev"],
    [url, commits.v2!, "HEAD"],
    [`${url}#semver:^1`, commits.v11!, "semver:^1"],
    [`${url}#semver:>=1.0.0`, commits.v2!, "semver:>=1.0.0"],
    [`${url}#${commits.v1}`, commits.v1!, commits.v1!],
  ];
  for (const [spec, want, ref] of cases) {
    const r = await resolveGit("lib", spec, ctx());
    assert.equal(r.commit, want, spec);
    assert.equal(r.ref, ref, spec);
    assert.equal(r.resolved, fileUrl(lib));
    assert.equal(r.source, "git");
    assert.equal(r.mode, "tarball");
  }
  const r = await resolveGit("lib", `${url}#v1.0.0`, ctx());
  assert.equal(r.version, "1.0.0");
  assert.deepEqual(r.dependencies, { ms: "^2.1.0" });
  assert.deepEqual(r.peerDependencies, { react: "*" });
  assert.deepEqual(r.peerDependenciesMeta, { react: { optional: true } });
});

test("unknown refs, abbreviated commits and unsatisfiable ranges are clear errors", async () => {
  const url = `git+${fileUrl(lib)}`;
  await assert.rejects(resolveGit("lib", `${url}#nope`, ctx()), (e: unknown) => isVendorError(e) && e.code === "git-ref-missing");
  await assert.rejects(
    resolveGit("lib", `${url}#${commits.v1!.slice(0, 7)}`, ctx()),
    (e: unknown) => isVendorError(e) && e.code === "git-ref-missing" && /full 40-hex/.test(e.fix ?? ""),
  );
  await assert.rejects(resolveGit("lib", `${url}#semver:^9`, ctx()), (e: unknown) => isVendorError(e) && e.code === "git-no-matching-tag");
});

test("tarball mode over smart HTTP: exact tree, no .git, include/exclude, exec bit, no script runs", async () => {
  const r = await resolveGit("lib", `git+${server.url}lib.git#v1.0.0`, ctx());
  assert.equal(r.commit, commits.v1);
  assert.equal(r.resolved, `${server.url}lib.git`);
  assert.ok(server.requests.some((q) => q.includes("git-upload-pack")));
  const dest = join(root, "stage-http");
  await fetchGit(entryOf(r), dest, ctx());
  assert.deepEqual(await listFiles(dest), ["bin/cli.sh", "docs/x.md", "index.js", "package.json", "test/a.test.js"]);
  assert.equal(existsSync(join(dest, ".git")), false);
  assert.equal(readFileSync(join(dest, "index.js"), "utf8"), "export const v = 1;\n");
  assert.equal(statSync(join(dest, "bin/cli.sh")).mode & 0o111, 0o111);
  const filtered = join(root, "stage-filtered");
  await fetchGit(entryOf(r), filtered, ctx(), { include: ["**/*.js", "**/*.json", "bin/**"], exclude: ["test/**"] });
  assert.deepEqual(await listFiles(filtered), ["bin/cli.sh", "index.js", "package.json"]);
  assert.equal(existsSync(marker), false, "a lifecycle script ran");
});

test("the registered Source resolves and fetches git specs; the entry's globs (sync copies the manifest's) apply", async () => {
  const project = join(root, "project");
  const spec = `git+${fileUrl(lib)}#v1.1.0`;
  const { mkdirSync } = await import("node:fs");
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, "tonic-vendor.json"), JSON.stringify({ dependencies: { lib: { spec, exclude: ["test/**", "docs/**"] } } }));
  const source = sourceForSpec("lib", spec, project);
  assert.equal(source.kind, "git");
  const r = await source.resolve("lib", spec, ctx());
  assert.equal(r.commit, commits.v11);
  const dest = join(root, "stage-source");
  const entry = { ...entryOf(r), exclude: ["test/**", "docs/**"] };
  await sourceForEntry(entry).fetch(entry, dest, ctx());
  assert.deepEqual(await listFiles(dest), ["bin/cli.sh", "index.js", "package.json"]);
  assert.equal(existsSync(marker), false);
});

test("a locked commit is kept while it fits; update moves branches and ranges to the newest commit", async () => {
  const moving = join(root, "moving.git");
  const first = makeRepo(moving, { "a.txt": "1\n" });
  tag(moving, "v1.0.0");
  const spec = `git+${fileUrl(moving)}#main`;
  const r1 = await resolveGit("mv", spec, ctx());
  assert.equal(r1.commit, first);
  const second = commit(moving, { "a.txt": "2\n" });
  tag(moving, "v1.1.0");
  const kept = await resolveGit("mv", spec, ctx(), entryOf(r1));
  assert.equal(kept.commit, first, "locked commit kept");
  const moved = await resolveGit("mv", spec, ctx(), entryOf(r1), { ignoreLocked: true });
  assert.equal(moved.commit, second);
  assert.equal((await newestCommit(entryOf(r1))).commit, second);
  assert.equal((await newestCommit({ name: "mv", spec: `git+${fileUrl(moving)}#semver:^1` })).commit, second);
  assert.equal((await newestCommit({ name: "mv", spec: `git+${fileUrl(moving)}#semver:^1` })).tag, "v1.1.0");
  assert.equal((await newestCommit({ name: "mv", spec: `git+${fileUrl(moving)}#${first}` })).commit, first);
  // A lock for another ref is not reused.
  const other = await resolveGit("mv", `git+${fileUrl(moving)}#v1.0.0`, ctx(), entryOf(moved));
  assert.equal(other.commit, first);
});

test("credentials in the URL never reach the lock, the log or an error", async () => {
  const spec = `git+${server.url.replace("http://", "http://user:s3cr3t@")}lib.git#v1.0.0`;
  const before = logs.length;
  const r = await resolveGit("lib", spec, ctx());
  assert.equal(r.resolved, `${server.url}lib.git`);
  assert.equal(JSON.stringify(r).includes("s3cr3t"), false);
  const dest = join(root, "stage-creds");
  await createGitSource({ spec }).fetch(entryOf(r), dest, ctx());
  assert.ok((await listFiles(dest)).includes("index.js"));
  assert.equal(logs.slice(before).join("\n").includes("s3cr3t"), false);
  const missing = `git+${server.url.replace("http://", "http://user:s3cr3t@")}missing.git#main`;
  await assert.rejects(resolveGit("x", missing, ctx()), (e: unknown) => isVendorError(e) && !e.message.includes("s3cr3t") && !(e.fix ?? "").includes("s3cr3t"));
});

test("hostile specs are refused before git runs and write nothing", async () => {
  const hostile = [
    "git+ext::sh -c touch% /tmp/tonic-pwned",
    "git+fd::7",
    "git+ftp://127.0.0.1/r.git",
    "git+https://example.com/r.git#--upload-pack=touch${IFS}/tmp/tonic-pwned",
    "git+https://example.com/r.git#-x",
    "git+ssh://-oProxyCommand=touch%20x/r.git",
    `git+${fileUrl(lib)}/../lib.git#main`,
    "git+https://example.com/r.git#a..b",
  ];
  const before = gitCalls().length;
  for (const spec of hostile) {
    await assert.rejects(resolveGit("evil", spec, ctx()), (e: unknown) => isVendorError(e) && e.exitCode === 2, spec);
  }
  const dest = join(root, "stage-hostile");
  const bad: LockEntry[] = [
    { name: "evil", source: "git", resolved: "ext::sh -c x", commit: commits.v1!, mode: "tarball" },
    { name: "evil", source: "git", resolved: fileUrl(lib), commit: "-x", mode: "tarball" },
    { name: "evil", source: "git", resolved: fileUrl(lib), commit: commits.v1!.slice(0, 12), mode: "tarball" },
    { name: "evil", source: "git", resolved: "-uhttps://x/r", commit: commits.v1!, mode: "tarball" },
  ];
  for (const e of bad) await assert.rejects(fetchGit(e, dest, ctx()), (err: unknown) => isVendorError(err) && err.exitCode === 2);
  assert.equal(gitCalls().length, before, `git ran: ${gitCalls().slice(before).join(" | ")}`);
  assert.equal(existsSync(dest), false);
  assert.equal(existsSync("/tmp/tonic-pwned"), false);
});

test("a repository's own malicious .gitmodules is never followed, and refused when recursion is asked", async () => {
  const evil = join(root, "evil.git");
  const target = makeRepo(join(root, "target.git"), { "t.txt": "t\n" });
  makeRepo(evil, {
    "index.js": "x\n",
    ".gitmodules": [
      '[submodule "a"]\n\tpath = a\n\turl = ext::sh -c touch% /tmp/tonic-pwned-ext',
      '[submodule "b"]\n\tpath = ../escape\n\turl = ../target.git',
      "",
    ].join("\n"),
  });
  g(evil, "update-index", "--add", "--cacheinfo", `160000,${target},a`);
  g(evil, "commit", "-q", "-m", "gitlinks");
  const evilCommit = g(evil, "rev-parse", "HEAD");
  const entry: LockEntry = { name: "evil", source: "git", resolved: fileUrl(evil), ref: "main", commit: evilCommit, mode: "tarball" };
  const before = gitCalls().length;
  const dest = join(root, "stage-evil");
  await fetchGit(entry, dest, ctx());
  assert.deepEqual(await listFiles(dest), [".gitmodules", "index.js"]);
  assert.equal(existsSync(join(dest, "a")), false);
  const calls = gitCalls().slice(before).join("\n");
  assert.equal(/(^|\s)(clone|submodule)(\s|$)/m.test(calls), false);
  assert.equal(/ext::|target\.git/.test(calls), false);

  const dest2 = join(root, "stage-evil-recurse");
  const before2 = gitCalls().length;
  await assert.rejects(fetchGit(entry, dest2, ctx(), { recurseSubmodules: true }), (e: unknown) => isVendorError(e) && e.exitCode === 2);
  assert.equal(existsSync(dest2), false, "nothing written");
  assert.equal(/ext::|target\.git/.test(gitCalls().slice(before2).join("\n")), false);
  assert.equal(existsSync("/tmp/tonic-pwned-ext"), false);

  // A '-' URL: git's own fsck (transfer.fsckObjects) refuses the objects before we even look.
  const dash = join(root, "dash.git");
  makeRepo(dash, { ".gitmodules": '[submodule "c"]\n\tpath = c\n\turl = -oProxyCommand=touch /tmp/tonic-pwned-dash\n' });
  g(dash, "update-index", "--add", "--cacheinfo", `160000,${target},c`);
  g(dash, "commit", "-q", "-m", "gitlink");
  const dashCommit = g(dash, "rev-parse", "HEAD");
  const dest3 = join(root, "stage-dash");
  await assert.rejects(
    fetchGit({ ...entry, resolved: fileUrl(dash), commit: dashCommit }, dest3, ctx(), { recurseSubmodules: true }),
    (e: unknown) => isVendorError(e),
  );
  assert.equal(existsSync("/tmp/tonic-pwned-dash"), false);
});

test("well-formed submodules are followed only with recurseSubmodules", async () => {
  const sub = join(root, "sub.git");
  const subCommit = makeRepo(sub, { "s.js": "sub\n" });
  const parent = join(root, "parent.git");
  makeRepo(parent, { "p.js": "p\n", ".gitmodules": '[submodule "deps/sub"]\n\tpath = deps/sub\n\turl = ../sub.git\n' });
  g(parent, "update-index", "--add", "--cacheinfo", `160000,${subCommit},deps/sub`);
  g(parent, "commit", "-q", "-m", "gitlink");
  const parentCommit = g(parent, "rev-parse", "HEAD");
  const entry: LockEntry = { name: "parent", source: "git", resolved: fileUrl(parent), commit: parentCommit, mode: "tarball" };
  const plain = join(root, "stage-parent");
  await fetchGit(entry, plain, ctx());
  assert.deepEqual(await listFiles(plain), [".gitmodules", "p.js"]);
  const deep = join(root, "stage-parent-recursive");
  await fetchGit(entry, deep, ctx(), { recurseSubmodules: true });
  assert.deepEqual(await listFiles(deep), [".gitmodules", "deps/sub/s.js", "p.js"]);
});

test("submodule-mode entries are never staged", async () => {
  const r = await resolveGit("lib", `git+${fileUrl(lib)}#v1.0.0`, ctx(), undefined, { mode: "submodule" });
  assert.equal(r.mode, "submodule");
  await assert.rejects(fetchGit(entryOf(r), join(root, "stage-sm"), ctx()), (e: unknown) => isVendorError(e) && e.code === "git-submodule-staged");
});

test("SHA-256 repositories resolve to 64-hex commits and export", async () => {
  const s = join(root, "sha256.git");
  g(root, "init", "-q", "--object-format=sha256", s);
  writeFileSync(join(s, "a.js"), "a\n");
  g(s, "add", "-A");
  g(s, "commit", "-q", "-m", "x");
  g(s, "tag", "v1");
  const r = await resolveGit("s", `git+${fileUrl(s)}#v1`, ctx());
  assert.match(r.commit ?? "", /^[0-9a-f]{64}$/);
  assert.equal(r.commit, g(s, "rev-parse", "HEAD"));
  const dest = join(root, "stage-sha256");
  await fetchGit(entryOf(r), dest, ctx());
  assert.deepEqual(await listFiles(dest), ["a.js"]);
});

test("a server that refuses unadvertised commits gets a full fetch instead", async () => {
  const repo = join(root, "v0.git");
  const middle = makeRepo(repo, { "a.txt": "1\n" });
  commit(repo, { "a.txt": "2\n" });
  // Protocol v0 without uploadpack.allowReachableSHA1InWant refuses a want that is no ref's tip.
  const cfg = join(root, "gitconfig-v0");
  writeFileSync(cfg, "[protocol]\n\tversion = 0\n");
  const prev = process.env.GIT_CONFIG_GLOBAL;
  process.env.GIT_CONFIG_GLOBAL = cfg;
  try {
    const before = gitCalls().length;
    const dest = join(root, "stage-v0");
    await fetchGit({ name: "v0", source: "git", resolved: fileUrl(repo), commit: middle, mode: "tarball" }, dest, ctx());
    assert.equal(readFileSync(join(dest, "a.txt"), "utf8"), "1\n");
    const fetches = gitCalls().slice(before).filter((c) => / fetch /.test(` ${c} `));
    assert.equal(fetches.length, 2, fetches.join("\n"));
    assert.match(fetches[1]!, /refs\/heads\/\*/);
  } finally {
    if (prev === undefined) delete process.env.GIT_CONFIG_GLOBAL;
    else process.env.GIT_CONFIG_GLOBAL = prev;
  }
});
