// `rewrite --undo` / `rewrite` and CI annotations, through the built CLI on the offline sample project.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/registry.js";
import { assertBuilt, cli } from "./cli-helpers.js";

function sample(): string {
  const dir = mkdtempSync(join(tmpdir(), "tonic-rewrite-cli-"));
  cpSync(join(REPO_ROOT, "fixtures/projects/sample"), dir, { recursive: true });
  return dir;
}

test("rewrite --undo restores bare imports (check then fails with an annotation on GitHub Actions); rewrite puts them back", async (t) => {
  assertBuilt();
  const dir = sample();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const src = join(dir, "src/index.js");
  const rewritten = readFileSync(src, "utf8");
  const pkg = readFileSync(join(dir, "package.json"), "utf8");
  assert.match(rewritten, /#vendor\//);

  const undo = await cli(dir, ["rewrite", "--undo", "--json"]);
  assert.equal(undo.code, 0, undo.stderr);
  const doc = JSON.parse(undo.stdout) as { ok: boolean; undo: boolean; filesChanged: string[] };
  assert.equal(doc.undo, true);
  assert.ok(doc.filesChanged.includes("src/index.js"), undo.stdout);
  assert.doesNotMatch(readFileSync(src, "utf8"), /#vendor\//);
  assert.doesNotMatch(readFileSync(join(dir, "package.json"), "utf8"), /#vendor\//);

  const failing = await cli(dir, ["check"], { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: dir });
  assert.equal(failing.code, 1, failing.stdout + failing.stderr);
  assert.match(failing.stdout, /^::error file=src\/index\.js,line=\d+,title=tonic-vendor import-bare::/m);
  assert.match(failing.stdout, /fix: .*tonic-vendor rewrite/);

  const redo = await cli(dir, ["rewrite"]);
  assert.equal(redo.code, 0, redo.stderr);
  assert.equal(readFileSync(src, "utf8"), rewritten);
  assert.equal(readFileSync(join(dir, "package.json"), "utf8"), pkg);
  const ok = await cli(dir, ["check"], { GITHUB_ACTIONS: "true" });
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.doesNotMatch(ok.stdout, /::error/);
});
