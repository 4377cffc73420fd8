import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BEGIN, installHook, uninstallHook } from "../../src/vendor/hook/index.js";
import { makeProject } from "../helpers/check-project.js";

const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" };

function repo(t: { after: (fn: () => void) => void }): { dir: string; git: (...a: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), "tonic-hook-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const git = (...a: string[]) => execFileSync("git", a, { cwd: dir, encoding: "utf8", env: gitEnv });
  git("init", "-q", "-b", "main");
  return { dir, git };
}

test("plain git: creates an executable hook, is idempotent, uninstall deletes what it created", async (t) => {
  const { dir } = repo(t);
  const r = await installHook({ projectDir: dir });
  assert.deepEqual(r, { kind: "git", file: ".git/hooks/pre-commit", action: "created" });
  const file = join(dir, ".git/hooks/pre-commit");
  const text = readFileSync(file, "utf8");
  assert.match(text, /^#!\/bin\/sh\n# >>> tonic-vendor >>>\nnpx --no -- tonic-vendor check --staged\n/);
  assert.ok(statSync(file).mode & 0o100);
  assert.equal((await installHook({ projectDir: dir })).action, "unchanged");
  assert.equal(readFileSync(file, "utf8"), text);
  assert.equal((await uninstallHook({ projectDir: dir })).action, "removed");
  assert.equal(existsSync(file), false);
  assert.equal((await uninstallHook({ projectDir: dir })).action, "absent");
});

test("an existing shell hook gets a marked block appended; uninstall restores it byte for byte", async (t) => {
  const { dir } = repo(t);
  const file = join(dir, ".git/hooks/pre-commit");
  const original = "#!/usr/bin/env bash\nnpm run lint";
  writeFileSync(file, original, { mode: 0o755 });
  assert.equal((await installHook({ projectDir: dir })).action, "added");
  const text = readFileSync(file, "utf8");
  assert.ok(text.startsWith(original + "\n" + BEGIN));
  await uninstallHook({ projectDir: dir });
  assert.equal(readFileSync(file, "utf8"), original + "\n");
});

test("a hook that is not a shell script, or that execs, is refused and left alone", async (t) => {
  const { dir } = repo(t);
  const file = join(dir, ".git/hooks/pre-commit");
  for (const original of ["#!/usr/bin/env python3\nprint('hi')\n", "#!/bin/sh\nexec lint-staged\n"]) {
    writeFileSync(file, original, { mode: 0o755 });
    await assert.rejects(installHook({ projectDir: dir }), (e: Error & { code?: string; exitCode?: number }) => e.code === "hook-refused" && e.exitCode === 2);
    assert.equal(readFileSync(file, "utf8"), original);
  }
});

test("core.hooksPath is respected", async (t) => {
  const { dir, git } = repo(t);
  git("config", "core.hooksPath", ".githooks");
  const r = await installHook({ projectDir: dir });
  assert.deepEqual(r, { kind: "git", file: ".githooks/pre-commit", action: "created" });
  assert.ok(existsSync(join(dir, ".githooks/pre-commit")));
  assert.equal(existsSync(join(dir, ".git/hooks/pre-commit")), false);
});

test("husky: appends to .husky/pre-commit; a project in a subdirectory gets --cwd", async (t) => {
  const { dir } = repo(t);
  mkdirSync(join(dir, ".husky"));
  writeFileSync(join(dir, ".husky/pre-commit"), "npm test\n");
  mkdirSync(join(dir, "svc dir"));
  const r = await installHook({ projectDir: join(dir, "svc dir") });
  assert.deepEqual(r, { kind: "husky", file: "../.husky/pre-commit", action: "added" });
  assert.equal(readFileSync(join(dir, ".husky/pre-commit"), "utf8"), `npm test\n${BEGIN}\nnpx --no -- tonic-vendor check --staged --cwd 'svc dir'\n# <<< tonic-vendor <<<\n`);
  await uninstallHook({ projectDir: join(dir, "svc dir") });
  assert.equal(readFileSync(join(dir, ".husky/pre-commit"), "utf8"), "npm test\n");
});

test("lefthook: adds a pre-commit command, keeping the user's comments and commands", async (t) => {
  const { dir } = repo(t);
  const original = "# our hooks\npre-commit:\n  commands:\n    lint:\n      run: eslint {staged_files}\n";
  writeFileSync(join(dir, "lefthook.yml"), original);
  assert.equal((await installHook({ projectDir: dir })).action, "added");
  const text = readFileSync(join(dir, "lefthook.yml"), "utf8");
  assert.match(text, /# our hooks/);
  assert.match(text, /tonic-vendor:\n {6}run: npx --no -- tonic-vendor check --staged/);
  assert.equal((await installHook({ projectDir: dir })).action, "unchanged");
  assert.equal((await uninstallHook({ projectDir: dir })).action, "removed");
  assert.equal(readFileSync(join(dir, "lefthook.yml"), "utf8"), original);
});

test("pre-commit framework: adds a local hook once; uninstall removes it", async (t) => {
  const { dir } = repo(t);
  const original = "repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v4.6.0\n    hooks:\n      - id: trailing-whitespace\n";
  writeFileSync(join(dir, ".pre-commit-config.yaml"), original);
  assert.equal((await installHook({ projectDir: dir })).action, "added");
  const text = readFileSync(join(dir, ".pre-commit-config.yaml"), "utf8");
  assert.match(text, /repo: local/);
  assert.match(text, /id: tonic-vendor-check/);
  assert.match(text, /pass_filenames: false/);
  assert.equal((await installHook({ projectDir: dir })).action, "unchanged");
  // A changed command (tonic-vendor now installed in the project) updates our hook's entry in place.
  assert.equal((await installHook({ projectDir: dir, command: "node_modules/.bin/tonic-vendor check --staged" })).action, "updated");
  assert.match(readFileSync(join(dir, ".pre-commit-config.yaml"), "utf8"), /entry: node_modules\/\.bin\/tonic-vendor check --staged/);
  assert.equal((await uninstallHook({ projectDir: dir })).action, "removed");
  assert.equal(readFileSync(join(dir, ".pre-commit-config.yaml"), "utf8"), original);
});

test("the installed git hook blocks a commit whose staged vendor/ drifts from the lock", async (t) => {
  const p = await makeProject({ git: true });
  t.after(p.cleanup);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const driver = fileURLToPath(new URL("../helpers/check-staged-cli.ts", import.meta.url));
  await installHook({ projectDir: p.dir, command: `"${process.execPath}" --import "${tsx}" "${driver}"` });
  writeFileSync(join(p.dir, "vendor/gamma/index.js"), "module.exports = 43;\n");
  p.git("add", "-A");
  const bad = spawnSync("git", ["commit", "-qm", "drift"], { cwd: p.dir, encoding: "utf8", env: gitEnv });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /vendor\/gamma\/index\.js/);
  p.git("reset", "-q", "--hard", "HEAD");
  // `commit -a` stages into a temporary index (GIT_INDEX_FILE): the hook must check that one.
  writeFileSync(join(p.dir, "vendor/alpha/index.js"), "tampered();\n");
  const all = spawnSync("git", ["commit", "-qam", "drift via -a"], { cwd: p.dir, encoding: "utf8", env: gitEnv });
  assert.notEqual(all.status, 0);
  assert.match(all.stderr, /vendor\/alpha\/index\.js/);
  p.git("reset", "-q", "--hard", "HEAD");
  writeFileSync(join(p.dir, "README.md"), "hello\n");
  p.git("add", "-A");
  const good = spawnSync("git", ["commit", "-qm", "docs"], { cwd: p.dir, encoding: "utf8", env: gitEnv });
  assert.equal(good.status, 0, good.stderr);
});

test("with tonic-vendor installed in the project, the hook runs node_modules/.bin/tonic-vendor, not npx", async (t) => {
  const { dir } = repo(t);
  mkdirSync(join(dir, "node_modules/.bin"), { recursive: true });
  writeFileSync(join(dir, "node_modules/.bin/tonic-vendor"), "#!/bin/sh\n", { mode: 0o755 });
  await installHook({ projectDir: dir });
  assert.match(readFileSync(join(dir, ".git/hooks/pre-commit"), "utf8"), /\nnode_modules\/\.bin\/tonic-vendor check --staged\n/);
  await uninstallHook({ projectDir: dir });
  // A project in a subdirectory: the path and --cwd are relative to the top of the work tree, where git runs hooks.
  mkdirSync(join(dir, "svc dir/node_modules/.bin"), { recursive: true });
  writeFileSync(join(dir, "svc dir/node_modules/.bin/tonic-vendor"), "#!/bin/sh\n", { mode: 0o755 });
  await installHook({ projectDir: join(dir, "svc dir") });
  assert.match(readFileSync(join(dir, ".git/hooks/pre-commit"), "utf8"), /\n'svc dir'\/node_modules\/\.bin\/tonic-vendor check --staged --cwd 'svc dir'\n/);
});

test("the default hook, with the built CLI installed in the project, blocks a drifting commit and lets a clean one through", async (t) => {
  const p = await makeProject({ git: true });
  t.after(p.cleanup);
  const bin = fileURLToPath(new URL("../../bin/tonic-vendor.js", import.meta.url));
  if (!existsSync(fileURLToPath(new URL("../../dist/cli/main.cjs", import.meta.url)))) throw new Error("run `npm run build` first");
  mkdirSync(join(p.dir, "node_modules/.bin"), { recursive: true });
  symlinkSync(bin, join(p.dir, "node_modules/.bin/tonic-vendor"));
  writeFileSync(join(p.dir, ".gitignore"), "node_modules/\n");
  p.git("add", ".gitignore");
  p.git("commit", "-qm", "ignore node_modules");
  await installHook({ projectDir: p.dir });
  writeFileSync(join(p.dir, "vendor/gamma/index.js"), "module.exports = 43;\n");
  p.git("add", "-A");
  const bad = spawnSync("git", ["commit", "-qm", "drift"], { cwd: p.dir, encoding: "utf8", env: gitEnv });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout + bad.stderr, /vendor\/gamma\/index\.js/);
  p.git("reset", "-q", "--hard", "HEAD");
  writeFileSync(join(p.dir, "README.md"), "hello\n");
  p.git("add", "-A");
  const good = spawnSync("git", ["commit", "-qm", "docs"], { cwd: p.dir, encoding: "utf8", env: gitEnv });
  assert.equal(good.status, 0, good.stderr);
});
