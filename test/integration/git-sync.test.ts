// A git dependency through the whole of sync and check: tarball mode (semver over tags, exclude globs) and
// submodule mode, then update, a no-op second sync, and sync --frozen after vendor/ was deleted.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { commit, fileUrl, g, makeRepo, rmrf, tag, tempDir } from "../../fixtures/git/repos.js";
import { sync } from "../../src/vendor/sync.js";
import { runCheck } from "../../src/vendor/check/index.js";
import { disposeScratch } from "../../src/vendor/git/objects.js";

const root = tempDir();
const prevEnv = { ...process.env };
Object.assign(process.env, {
  TONIC_GIT_ALLOW_FILE_SUBMODULES: "1",
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.invalid",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.invalid",
});

after(() => {
  disposeScratch();
  rmrf(root);
  for (const k of Object.keys(process.env)) if (!(k in prevEnv)) delete process.env[k];
  Object.assign(process.env, prevEnv);
});

test("git dependencies through sync, check, update and sync --frozen", async () => {
  const marker = join(root, "PREPARE-RAN");
  const lib = join(root, "lib.git");
  const libCommit = makeRepo(lib, {
    "package.json": JSON.stringify({ name: "lib", version: "1.0.0", main: "index.js", scripts: { prepare: `touch ${marker}` } }),
    "index.js": "module.exports = 1;\n",
    "test/t.js": "x\n",
  });
  tag(lib, "v1.0.0");
  const tools = join(root, "tools.git");
  const tools1 = makeRepo(tools, { "README.md": "tools\n" });
  const project = join(root, "project");
  makeRepo(project, { "src/index.ts": "export const x = 1;\n" });
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "p", type: "module" }));
  writeFileSync(
    join(project, "tonic-vendor.json"),
    JSON.stringify({
      dependencies: {
        lib: { spec: `git+${fileUrl(lib)}#semver:^1`, exclude: ["test/**"] },
        tools: { spec: `git+${fileUrl(tools)}#main`, mode: "submodule" },
      },
    }),
  );
  const log: string[] = [];
  const first = await sync({ projectDir: project, log: (l) => log.push(l) });
  assert.equal(first.changed, true);
  const lock = JSON.parse(readFileSync(join(project, "tonic-vendor.lock"), "utf8"));
  assert.deepEqual(
    { ...lock.packages.lib, digest: undefined },
    { commit: libCommit, mode: "tarball", name: "lib", ref: "semver:^1", resolved: fileUrl(lib), source: "git", version: "1.0.0", digest: undefined, exclude: ["test/**"] },
  );
  assert.match(lock.packages.lib.digest, /^h1:/);
  assert.deepEqual(lock.packages.tools, { commit: tools1, mode: "submodule", name: "tools", ref: "main", resolved: fileUrl(tools), source: "git" });
  assert.equal(existsSync(join(project, "vendor/lib/index.js")), true);
  assert.equal(existsSync(join(project, "vendor/lib/test")), false);
  assert.equal(existsSync(join(project, "vendor/lib/.git")), false);
  assert.equal(g(project, "ls-files", "-s", "--", "vendor/tools"), `160000 ${tools1} 0\tvendor/tools`);
  let report = await runCheck(project, { requireSubmodules: true });
  assert.deepEqual(report.problems, []);

  assert.equal((await sync({ projectDir: project, log: () => {} })).changed, false);

  const tools2 = commit(tools, { "README.md": "tools 2\n" });
  const updated = await sync({ projectDir: project, update: ["tools"], log: () => {} });
  assert.equal(updated.lock.packages.tools?.commit, tools2);
  assert.equal(g(join(project, "vendor/tools"), "rev-parse", "HEAD"), tools2);
  assert.deepEqual((await runCheck(project, { requireSubmodules: true })).problems, []);

  // A stale gitlink is drift that check names.
  g(join(project, "vendor/tools"), "checkout", "-q", "--detach", tools1);
  report = await runCheck(project, { requireSubmodules: true });
  assert.deepEqual(report.problems.map((p) => p.code), ["submodule-wrong-commit"]);
  g(join(project, "vendor/tools"), "checkout", "-q", "--detach", tools2);

  rmrf(join(project, "vendor"));
  await sync({ projectDir: project, frozen: true, log: () => {} });
  assert.equal(readFileSync(join(project, "vendor/lib/index.js"), "utf8"), "module.exports = 1;\n");
  assert.equal(readFileSync(join(project, "vendor/tools/README.md"), "utf8"), "tools 2\n");
  assert.deepEqual((await runCheck(project, { requireSubmodules: true })).problems, []);
  assert.equal(existsSync(marker), false, "a lifecycle script ran");
});
