// check names vendored files that git ignores: they pass check in the author's tree and are missing from every
// clone. A `.gitignore` line `lib/` (or `dist/`) is the usual culprit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCheck } from "../../src/vendor/check/index.js";
import { makeProject } from "../helpers/check-project.js";

test("check: vendored files ignored by git are named per entry, with the .gitignore fix", async (t) => {
  const p = await makeProject();
  t.after(() => p.cleanup());
  p.git("init", "-q", "-b", "main");
  writeFileSync(join(p.dir, ".gitignore"), "lib/\n");
  let report = await runCheck(p.dir);
  const ignored = report.problems.filter((x) => x.code === "file-ignored-by-git");
  assert.equal(ignored.length, 1, JSON.stringify(report.problems));
  assert.equal(ignored[0]!.entry, "@s/beta");
  assert.equal(ignored[0]!.file, "vendor/@s/beta/lib/x.js");
  assert.match(ignored[0]!.fix, /!vendor\/\*\*/);
  assert.equal(report.ok, false);

  // The fix it prints works.
  writeFileSync(join(p.dir, ".gitignore"), "lib/\n!vendor/**\n");
  report = await runCheck(p.dir);
  assert.deepEqual(report.problems.filter((x) => x.code === "file-ignored-by-git"), []);
  assert.equal(report.ok, true, JSON.stringify(report.problems));
});

test("check: outside a git work tree nothing is reported as ignored", async (t) => {
  const p = await makeProject();
  t.after(() => p.cleanup());
  writeFileSync(join(p.dir, ".gitignore"), "lib/\n");
  const report = await runCheck(p.dir);
  assert.equal(report.ok, true, JSON.stringify(report.problems));
});

test("check: a project that git ignores as a whole (a scratch copy inside a repository) is not flagged", async (t) => {
  const p = await makeProject();
  t.after(() => p.cleanup());
  p.git("init", "-q", "-b", "main");
  writeFileSync(join(p.dir, ".gitignore"), "*\n");
  const report = await runCheck(p.dir);
  assert.equal(report.ok, true, JSON.stringify(report.problems));
});
