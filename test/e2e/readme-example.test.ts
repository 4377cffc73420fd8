// The README's toolkit example must keep compiling against the real API (strict, nodenext), so the README
// stays true. It imports "tonic" by the package's own name, which resolves to the built dist/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/registry.js";

test("README's tonic example type-checks against the built package", (t) => {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const block = /```ts\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, "README.md has a ```ts example");
  assert.match(block[1]!, /from "tonic"/);
  const dir = join(REPO_ROOT, ".tmp", `readme-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "example.ts"), block[1]!);
  const tsc = join(REPO_ROOT, "node_modules/typescript/bin/tsc");
  const args = ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--types", "node", "--skipLibCheck", join(dir, "example.ts")];
  try {
    execFileSync(process.execPath, [tsc, ...args], { cwd: REPO_ROOT, encoding: "utf8" });
  } catch (e) {
    assert.fail(`README example does not compile:\n${(e as { stdout?: string }).stdout ?? e}`);
  }
});
