// Acceptance for issue 3 with real packages (fixtures/registry-tarballs/, served by the test Verdaccio): a
// TypeScript project imports them all; after sync it passes `tsc --noEmit` (strict, nodenext) with full types,
// builds, and runs with `node` from a copy in a temp dir with no node_modules anywhere above it, printing the
// expected output; check passes; turning one rewritten import back into a bare one makes check fail with a hint.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { getTestRegistry, REPO_ROOT } from "../helpers/registry.js";
import { sync } from "../../src/vendor/sync.js";
import { runCheck } from "../../src/vendor/check/index.js";
import { runRewrite } from "../../src/vendor/rewrite/index.js";
import { EXPECTED_OUTPUT, FIXTURE_ROOTS, MAIN_TS } from "./rewrite-fixtures.js";

const run = promisify(execFile);
const TSC = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
const TSCONFIG = {
  compilerOptions: { strict: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", outDir: "dist", rootDir: "src", types: [], noEmitOnError: true },
  include: ["src"],
};

let root: string;
let project: string;

before(async () => {
  const { url } = await getTestRegistry();
  root = mkdtempSync(join(tmpdir(), "tonic-rewrite-accept-"));
  project = join(root, "app");
  mkdirSync(join(project, "src"), { recursive: true });
  writeFileSync(join(project, ".npmrc"), `registry=${url}\n`);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }, null, 2) + "\n");
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2) + "\n");
  const versions: Record<string, string> = { debug: "4.4.1", ms: "2.1.3", "@types/debug": "4.1.12", "@types/ms": "2.1.0", dequal: "2.0.3", "escape-string-regexp": "5.0.0", "@sindresorhus/fnv1a": "3.1.0" };
  const dependencies: Record<string, string> = {};
  for (const n of FIXTURE_ROOTS) dependencies[n] = `^${versions[n]}`;
  writeFileSync(join(project, "tonic-vendor.json"), JSON.stringify({ dependencies }, null, 2) + "\n");
  writeFileSync(join(project, "src", "main.ts"), MAIN_TS);
});

after(() => rmSync(root, { recursive: true, force: true }));

test("sync vendors and rewrites; tsc passes; the build runs with no node_modules; check passes, then catches a bare import", async () => {
  const result = await sync({ projectDir: project, log: () => {} });
  assert.ok(result, "sync returned");
  for (const n of ["debug/src/index.js", "ms/index.js", "@types/debug/index.d.ts", "dequal/dist/index.mjs", "@sindresorhus/fnv1a/index.js"]) {
    assert.ok(existsSync(join(project, "vendor", n)), `vendor/${n}`);
  }
  // Vendored imports of each other are relative file paths.
  assert.match(readFileSync(join(project, "vendor/debug/src/common.js"), "utf8"), /require\('\.\.\/\.\.\/ms\/index\.js'\)/);
  const main = readFileSync(join(project, "src/main.ts"), "utf8");
  assert.match(main, /from "#vendor\/debug"/);
  const pj = JSON.parse(readFileSync(join(project, "package.json"), "utf8")) as { imports: Record<string, unknown> };
  assert.deepEqual(pj.imports["#vendor/ms"], { types: "./vendor/@types/ms/index.d.ts", import: "./vendor/ms/index.js", require: "./vendor/ms/index.js" });

  await run(process.execPath, [TSC, "-p", project, "--noEmit"], { cwd: project });
  await run(process.execPath, [TSC, "-p", project], { cwd: project });

  // Run from a copy with no node_modules in any ancestor directory.
  const runDir = mkdtempSync(join(tmpdir(), "tonic-rewrite-run-"));
  try {
    for (let d = runDir; ; d = dirname(d)) {
      assert.ok(!existsSync(join(d, "node_modules")), `no node_modules in ${d}`);
      if (dirname(d) === d) break;
    }
    for (const f of ["package.json", "dist", "vendor"]) cpSync(join(project, f), join(runDir, f), { recursive: true });
    const { stdout } = await run(process.execPath, [join(runDir, "dist", "main.js")], { cwd: runDir, env: { PATH: process.env.PATH ?? "" } });
    const out = JSON.parse(stdout) as Record<string, unknown>;
    for (const [k, v] of Object.entries(EXPECTED_OUTPUT)) assert.deepEqual(out[k], v, k);
    assert.match(String(out.hash), /^\d+$/);
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }

  const ok = await runCheck(project);
  assert.deepEqual(ok.problems, []);
  assert.equal(ok.ok, true);

  writeFileSync(join(project, "src/main.ts"), main.replace('"#vendor/dequal"', '"dequal"'));
  const bad = await runCheck(project);
  assert.equal(bad.ok, false);
  const p = bad.problems.find((x) => x.code === "import-bare");
  assert.ok(p, JSON.stringify(bad.problems));
  assert.equal(p.file, "src/main.ts");
  assert.equal(p.line, 4);
  assert.match(p.fix, /tonic-vendor rewrite/);

  // `tonic-vendor rewrite` fixes it; `rewrite --undo` leaves vendoring cleanly.
  const fixed = await runRewrite({ projectDir: project });
  assert.deepEqual(fixed.filesChanged, ["src/main.ts"]);
  assert.equal((await runCheck(project)).ok, true);
  await runRewrite({ projectDir: project, undo: true });
  assert.equal(readFileSync(join(project, "src/main.ts"), "utf8"), MAIN_TS);
  assert.equal(readFileSync(join(project, "package.json"), "utf8"), JSON.stringify({ name: "app", private: true, type: "module" }, null, 2) + "\n");
});
