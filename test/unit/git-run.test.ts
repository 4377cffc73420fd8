import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MIN_GIT_VERSION, assertGitVersion, ensureGitVersion, gitEnv, hardeningConfig, parseGitVersion } from "../../src/vendor/git/run.js";
import { resolveGit } from "../../src/vendor/resolve/git.js";
import { isVendorError } from "../../src/vendor/errors.js";
import { validateGitUrl } from "../../src/vendor/git/url.js";

test("parses git version strings", () => {
  assert.deepEqual(parseGitVersion("git version 2.39.5\n"), [2, 39, 5]);
  assert.deepEqual(parseGitVersion("git version 2.45.1.windows.1"), [2, 45, 1]);
  assert.deepEqual(parseGitVersion("git version 3.0"), [3, 0, 0]);
  assert.equal(parseGitVersion("hub 1.0"), undefined);
});

test("versions below the minimum are refused with a clear message", () => {
  assert.doesNotThrow(() => assertGitVersion(`git version ${MIN_GIT_VERSION}`));
  assert.doesNotThrow(() => assertGitVersion("git version 2.40.0"));
  assert.doesNotThrow(() => assertGitVersion("git version 3.0.0"));
  for (const old of ["git version 2.31.9", "git version 1.99.0", "git version 2.9.5", "something else"]) {
    assert.throws(
      () => assertGitVersion(old),
      (e: unknown) => isVendorError(e) && e.code === "git-too-old" && e.message.includes(MIN_GIT_VERSION) && e.exitCode === 3,
    );
  }
});

test("an old git on PATH stops everything at start-up, before any other git call", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tonic-git-old-"));
  const log = join(dir, "calls.log");
  const fake = join(dir, "git");
  writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\necho "git version 2.20.1"\n`);
  chmodSync(fake, 0o755);
  const prev = process.env.TONIC_GIT;
  process.env.TONIC_GIT = fake;
  try {
    await assert.rejects(ensureGitVersion(), (e: unknown) => isVendorError(e) && e.code === "git-too-old" && /2\.20\.1 is too old/.test(e.message));
    const ctx = { projectDir: dir, npmOptions: {}, log: () => {} };
    await assert.rejects(resolveGit("lib", "git+https://host.invalid/r.git#main", ctx), (e: unknown) => isVendorError(e) && e.code === "git-too-old");
    const calls = readFileSync(log, "utf8").trim().split("\n");
    assert.ok(calls.length >= 1);
    for (const c of calls) assert.match(c, /--version$/);
  } finally {
    if (prev === undefined) delete process.env.TONIC_GIT;
    else process.env.TONIC_GIT = prev;
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a missing git binary is a clear error", async () => {
  const prev = process.env.TONIC_GIT;
  process.env.TONIC_GIT = "/nonexistent/tonic-git-binary";
  try {
    await assert.rejects(ensureGitVersion(), (e: unknown) => isVendorError(e) && e.code === "git-missing");
  } finally {
    if (prev === undefined) delete process.env.TONIC_GIT;
    else process.env.TONIC_GIT = prev;
  }
  assert.equal(existsSync("/nonexistent/tonic-git-binary"), false);
});

test("the environment is hardened and repository variables are dropped", () => {
  const saved = { ...process.env };
  process.env.GIT_DIR = "/elsewhere";
  process.env.GIT_INDEX_FILE = "/elsewhere/index";
  process.env.GIT_CONFIG_KEY_0 = "core.hooksPath";
  try {
    const env = gitEnv({ remote: validateGitUrl("https://host/r.git") });
    assert.equal(env.GIT_TERMINAL_PROMPT, "0");
    assert.equal(env.GIT_CONFIG_NOSYSTEM, "1");
    assert.equal(env.GIT_ALLOW_PROTOCOL, "https:ssh");
    assert.equal(env.GIT_DIR, undefined);
    assert.equal(env.GIT_INDEX_FILE, undefined);
    assert.equal(env.GIT_CONFIG_KEY_0, undefined);
    assert.equal(gitEnv({ keepIndexEnv: true }).GIT_INDEX_FILE, "/elsewhere/index");
    assert.equal(gitEnv({ remote: validateGitUrl("file:///tmp/r") }).GIT_ALLOW_PROTOCOL, "https:ssh:file");
    assert.equal(gitEnv({ isolated: true }).GIT_CONFIG_GLOBAL, "/dev/null");
    delete process.env.TONIC_GIT_ALLOW_FILE_SUBMODULES;
    assert.equal(gitEnv({ remote: validateGitUrl("file:///tmp/r"), submodule: true }).GIT_ALLOW_PROTOCOL, "https:ssh");
    const cfg = hardeningConfig({}).join(" ");
    assert.match(cfg, /-c core\.hooksPath=\/dev\/null/);
    assert.match(cfg, /-c protocol\.ext\.allow=never/);
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
});
