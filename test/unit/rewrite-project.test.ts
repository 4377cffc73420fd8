import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rewriteProject, rewriteVendoredPackages, undoProject } from "../../src/vendor/rewrite/index.js";
import { checkImports } from "../../src/vendor/check/imports.js";
import { VendorError } from "../../src/vendor/errors.js";
import type { CheckContext } from "../../src/vendor/check/types.js";
import type { Lock } from "../../src/vendor/lock/types.js";
import type { Manifest } from "../../src/vendor/manifest/types.js";
import { fixtureManifest, layoutVendor, MAIN_TS } from "../integration/rewrite-fixtures.js";

let template: string;
let lock: Lock;
const PACKAGE_JSON = JSON.stringify({ name: "app", private: true, type: "module", imports: { "#own/*": "./src/own/*.js" } }, null, 2) + "\n";
const EXTRA_TS = `import type { Debugger } from "debug";\nimport { dequal } from "dequal/lite";\nimport left from "left-pad";\nimport { helper } from "#own/helper";\nexport const f = (d: Debugger) => dequal(d, left) && helper;\n`;

before(async () => {
  template = mkdtempSync(join(tmpdir(), "tonic-rewrite-project-"));
  lock = layoutVendor(join(template, "vendor"));
  await rewriteVendoredPackages({ vendorRoot: join(template, "vendor"), keys: Object.keys(lock.packages), lock });
  mkdirSync(join(template, "src", "lib"), { recursive: true });
  writeFileSync(join(template, "src", "main.ts"), MAIN_TS);
  writeFileSync(join(template, "src", "lib", "extra.ts"), EXTRA_TS);
  writeFileSync(join(template, "package.json"), PACKAGE_JSON);
});

after(() => rmSync(template, { recursive: true, force: true }));

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "tonic-rewrite-p-"));
  cpSync(template, dir, { recursive: true });
  return dir;
}

function ctx(dir: string, manifest: Manifest): CheckContext {
  return { projectDir: dir, manifest, lock, vendorDir: join(dir, "vendor"), staged: false, requireSubmodules: false, stats: { entries: 0, files: 0 } };
}

test("style imports: #vendor/<specifier> plus exact package.json imports entries; idempotent; undo restores bytes", async () => {
  const dir = project();
  try {
    const manifest = fixtureManifest("imports");
    const r = await rewriteProject({ projectDir: dir, manifest, lock });
    assert.deepEqual(r.filesChanged, ["package.json", "src/lib/extra.ts", "src/main.ts"]);
    assert.deepEqual(r.unresolved?.map((u) => u.specifier), ["left-pad"]);
    const extra = readFileSync(join(dir, "src/lib/extra.ts"), "utf8");
    assert.equal(extra, EXTRA_TS.replace('"debug"', '"#vendor/debug"').replace('"dequal/lite"', '"#vendor/dequal/lite"'));
    const pj = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { imports: Record<string, unknown> };
    assert.deepEqual(Object.keys(pj.imports), ["#own/*", "#vendor/@sindresorhus/fnv1a", "#vendor/debug", "#vendor/dequal", "#vendor/dequal/lite", "#vendor/escape-string-regexp", "#vendor/ms"]);
    assert.deepEqual(pj.imports["#vendor/dequal"], { types: "./vendor/dequal/index.d.ts", import: "./vendor/dequal/dist/index.mjs", require: "./vendor/dequal/dist/index.js" });
    assert.deepEqual(pj.imports["#vendor/ms"], { types: "./vendor/@types/ms/index.d.ts", import: "./vendor/ms/index.js", require: "./vendor/ms/index.js" });
    assert.deepEqual(pj.imports["#vendor/debug"], { types: "./vendor/@types/debug/index.d.ts", import: "./vendor/debug/src/index.js", require: "./vendor/debug/src/index.js" });
    assert.deepEqual(await checkImports(ctx(dir, manifest)), []);

    const snapshot = [readFileSync(join(dir, "src/main.ts"), "utf8"), readFileSync(join(dir, "package.json"), "utf8")];
    const again = await rewriteProject({ projectDir: dir, manifest, lock });
    assert.deepEqual(again.filesChanged, []);
    assert.deepEqual([readFileSync(join(dir, "src/main.ts"), "utf8"), readFileSync(join(dir, "package.json"), "utf8")], snapshot);

    const undo = await undoProject({ projectDir: dir, manifest, lock });
    assert.deepEqual(undo.filesChanged, ["package.json", "src/lib/extra.ts", "src/main.ts"]);
    assert.equal(readFileSync(join(dir, "src/main.ts"), "utf8"), MAIN_TS);
    assert.equal(readFileSync(join(dir, "src/lib/extra.ts"), "utf8"), EXTRA_TS);
    assert.equal(readFileSync(join(dir, "package.json"), "utf8"), PACKAGE_JSON);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("style relative: exact relative file paths; undo restores the original specifiers", async () => {
  const dir = project();
  try {
    const manifest = fixtureManifest("relative");
    const r = await rewriteProject({ projectDir: dir, manifest, lock });
    assert.deepEqual(r.filesChanged, ["src/lib/extra.ts", "src/main.ts"]);
    const main = readFileSync(join(dir, "src/main.ts"), "utf8");
    assert.match(main, /import createDebug from "\.\.\/vendor\/debug\/src\/index\.js";/);
    assert.match(main, /import type \{ Debugger \} from "\.\.\/vendor\/@types\/debug\/index\.js";/);
    assert.match(main, /import \{ dequal \} from "\.\.\/vendor\/dequal\/dist\/index\.mjs";/);
    assert.match(main, /import \{ dequal as dequalLite \} from "\.\.\/vendor\/dequal\/lite\/index\.mjs";/);
    assert.match(readFileSync(join(dir, "src/lib/extra.ts"), "utf8"), /from "\.\.\/\.\.\/vendor\/@types\/debug\/index\.js"/);
    assert.equal(readFileSync(join(dir, "package.json"), "utf8"), PACKAGE_JSON, "no generated entries in relative style");
    assert.deepEqual(await checkImports(ctx(dir, manifest)), []);
    assert.deepEqual((await rewriteProject({ projectDir: dir, manifest, lock })).filesChanged, []);
    await undoProject({ projectDir: dir, manifest, lock });
    assert.equal(readFileSync(join(dir, "src/main.ts"), "utf8"), MAIN_TS);
    assert.equal(readFileSync(join(dir, "src/lib/extra.ts"), "utf8"), EXTRA_TS);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a project import of a package vendored only as a dependency is an error naming file and line; nothing is written", async () => {
  const dir = project();
  try {
    const narrow: Lock = { ...lock, roots: { debug: lock.roots.debug! } };
    writeFileSync(join(dir, "src/lib/extra.ts"), `// one\nimport ms from "ms";\nexport default ms;\n`);
    await assert.rejects(rewriteProject({ projectDir: dir, manifest: fixtureManifest(), lock: narrow }), (e: unknown) => {
      assert.ok(e instanceof VendorError);
      assert.equal(e.exitCode, 2);
      assert.equal(e.file, "src/lib/extra.ts");
      assert.equal(e.line, 2);
      assert.match(e.fix ?? "", /tonic-vendor add ms/);
      return true;
    });
    assert.equal(readFileSync(join(dir, "src/main.ts"), "utf8"), MAIN_TS, "a failed rewrite leaves every file as it was");
    assert.equal(readFileSync(join(dir, "package.json"), "utf8"), PACKAGE_JSON);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("check imports: a bare import left, a missing, changed or stale entry, a missing target", async () => {
  const dir = project();
  try {
    const manifest = fixtureManifest("imports");
    await rewriteProject({ projectDir: dir, manifest, lock });
    const mainPath = join(dir, "src/main.ts");
    writeFileSync(mainPath, readFileSync(mainPath, "utf8").replace('"#vendor/ms"', '"ms"'));
    let problems = await checkImports(ctx(dir, manifest));
    const bare = problems.find((p) => p.code === "import-bare");
    assert.ok(bare, JSON.stringify(problems));
    assert.equal(bare.file, "src/main.ts");
    assert.equal(bare.line, 3);
    assert.equal(bare.fix, "run `tonic-vendor rewrite`");
    assert.ok(problems.some((p) => p.code === "imports-entry-stale" && /#vendor\/ms/.test(p.message)));

    await rewriteProject({ projectDir: dir, manifest, lock });
    assert.deepEqual(await checkImports(ctx(dir, manifest)), []);
    const pjPath = join(dir, "package.json");
    const pj = JSON.parse(readFileSync(pjPath, "utf8")) as { imports: Record<string, Record<string, string>> };
    delete pj.imports["#vendor/dequal/lite"];
    pj.imports["#vendor/dequal"]!.import = "./vendor/dequal/dist/index.js";
    writeFileSync(pjPath, JSON.stringify(pj, null, 2) + "\n");
    unlinkSync(join(dir, "vendor/ms/index.js"));
    problems = await checkImports(ctx(dir, manifest));
    const codes = problems.map((p) => p.code).sort();
    assert.ok(codes.includes("imports-entry-missing"), codes.join());
    assert.ok(codes.includes("imports-entry-mismatch"), codes.join());
    assert.ok(codes.includes("import-target-missing") || codes.includes("import-unresolvable"), codes.join());
    for (const p of problems) assert.equal(p.item, "imports");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("check imports --staged reads the sources and package.json from the git index", async () => {
  const dir = project();
  try {
    const manifest = fixtureManifest("imports");
    await rewriteProject({ projectDir: dir, manifest, lock });
    const { execFileSync } = await import("node:child_process");
    const git = (...args: string[]): void => void execFileSync("git", ["-c", "core.autocrlf=false", ...args], { cwd: dir, stdio: "ignore" });
    git("init", "-q");
    git("add", "-A");
    const staged = { ...ctx(dir, manifest), staged: true };
    assert.deepEqual(await checkImports(staged), []);
    const mainPath = join(dir, "src/main.ts");
    writeFileSync(mainPath, readFileSync(mainPath, "utf8").replace('"#vendor/ms"', '"ms"'));
    assert.deepEqual(await checkImports(staged), [], "an unstaged change is not what the commit holds");
    assert.ok((await checkImports(ctx(dir, manifest))).some((p) => p.code === "import-bare"), "the work tree has it");
    git("add", "src/main.ts");
    const problems = await checkImports(staged);
    assert.ok(problems.some((p) => p.code === "import-bare" && p.file === "src/main.ts" && p.line === 3), JSON.stringify(problems));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
