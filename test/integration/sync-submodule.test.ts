// sync with the real steps and real git: a submodule-mode entry is materialised after the swap, kept across
// later syncs, restored when its checkout is missing, and removed with its dependency.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sync } from "../../src/vendor/sync.js";
import { runCheck } from "../../src/vendor/check/index.js";
import { snapshot } from "./sync-snapshot.js";

const root = mkdtempSync(join(tmpdir(), "tonic-sync-sub-"));
after(() => rmSync(root, { recursive: true, force: true }));
process.env.TONIC_GIT_ALLOW_FILE_SUBMODULES = "1";
process.env.TONIC_VENDOR_CACHE = join(root, "cache");
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.test", "-c", "user.name=t", ...args], { cwd, encoding: "utf8" });

test("submodule-mode git entries through sync", async () => {
  const up = join(root, "up");
  mkdirSync(up);
  git(up, "init", "-q");
  writeFileSync(join(up, "package.json"), '{"name":"gitlib","version":"1.0.0","main":"index.js"}\n');
  writeFileSync(join(up, "index.js"), "module.exports = 1;\n");
  git(up, "add", ".");
  git(up, "commit", "-qm", "v1");
  git(up, "tag", "v1");
  const proj = join(root, "proj");
  mkdirSync(proj);
  git(proj, "init", "-q");
  const url = `git+file://${up}#v1`;
  writeFileSync(join(proj, "tonic-vendor.json"), JSON.stringify({ dependencies: { gitlib: { spec: url, mode: "submodule" }, copy: url } }));

  const r = await sync({ projectDir: proj });
  assert.equal(r.changed, true);
  assert.deepEqual(r.fetched, ["copy"], "submodule entries are never staged");
  assert.match(readFileSync(join(proj, ".gitmodules"), "utf8"), /path = vendor\/gitlib/);
  assert.match(git(proj, "ls-files", "-s", "--", "vendor/gitlib"), /^160000 /);
  assert.equal(readFileSync(join(proj, "vendor/gitlib/index.js"), "utf8"), "module.exports = 1;\n");
  let report = await runCheck(proj);
  assert.deepEqual(report.problems, []);

  const before = snapshot(join(proj, "vendor"), true, (p) => p.endsWith("/.git") || p === "gitlib/.git");
  const again = await sync({ projectDir: proj });
  assert.equal(again.changed, false);
  assert.deepEqual(again.reused.sort(), ["copy", "gitlib"]);
  assert.deepEqual(snapshot(join(proj, "vendor"), true, (p) => p.endsWith("/.git") || p === "gitlib/.git"), before);

  // a tarball entry changes: the swap moves the old vendor/ aside, the submodule is re-materialised
  writeFileSync(join(proj, "tonic-vendor.json"), JSON.stringify({ dependencies: { gitlib: { spec: url, mode: "submodule" } } }));
  const third = await sync({ projectDir: proj });
  assert.deepEqual(third.removed, ["copy"]);
  assert.deepEqual(third.strays, []);
  assert.ok(existsSync(join(proj, "vendor/gitlib/index.js")));
  report = await runCheck(proj);
  assert.deepEqual(report.problems, []);

  writeFileSync(join(proj, "tonic-vendor.json"), JSON.stringify({ dependencies: {} }));
  await sync({ projectDir: proj });
  assert.ok(!existsSync(join(proj, "vendor/gitlib")));
  assert.doesNotMatch(existsSync(join(proj, ".gitmodules")) ? readFileSync(join(proj, ".gitmodules"), "utf8") : "", /gitlib/);
  report = await runCheck(proj);
  assert.deepEqual(report.problems, []);
});
