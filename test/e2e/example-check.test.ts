// The example's vendored tree is what its lockfile says (`tonic-vendor check`, as `npm start` and CI run it),
// its manifest vendors every runtime dependency of tonic at the root's major versions, and drift in a copy
// of it is caught and named.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exampleDir, repoRoot } from "./example-harness.js";

const cli = join(repoRoot, "bin", "tonic-vendor.js");
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: "utf8", timeout: 120_000 });
const readJson = (p: string) => JSON.parse(readFileSync(p, "utf8")) as Record<string, any>;

test("tonic-vendor check passes on examples/service", () => {
  const r = run("check", "--cwd", exampleDir, "--json");
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const report = JSON.parse(r.stdout) as { ok: boolean; problems: unknown[]; stats: { entries: number; files: number } };
  assert.equal(report.ok, true);
  assert.deepEqual(report.problems, []);
  assert.ok(report.stats.entries >= 8 && report.stats.files > 0, JSON.stringify(report.stats));
});

function bareImports(dir: string, out = new Set<string>()): Set<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) bareImports(p, out);
    else if (e.name.endsWith(".ts")) {
      for (const m of readFileSync(p, "utf8").matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"/gm)) {
        const spec = m[1]!;
        if (spec.startsWith(".") || spec.startsWith("node:") || spec.startsWith("#")) continue;
        out.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
      }
    }
  }
  return out;
}

test("the example vendors every package src/tonic imports, at the root's major versions, plus its own", () => {
  const manifest = readJson(join(exampleDir, "tonic-vendor.json"));
  const lock = readJson(join(exampleDir, "tonic-vendor.lock"));
  const root = readJson(join(repoRoot, "package.json"));
  const deps = manifest.dependencies as Record<string, string | { spec: string }>;
  const wanted = bareImports(join(repoRoot, "src", "tonic"));
  wanted.delete("tonic"); // doc comments' example import, not a dependency
  for (const own of ["valibot", "pino"]) wanted.add(own);
  for (const name of wanted) {
    assert.ok(name in deps, `tonic-vendor.json lacks ${name}, which src/tonic or the example imports`);
    const spec = typeof deps[name] === "string" ? deps[name] : (deps[name] as { spec: string }).spec;
    const rootSpec = root.dependencies[name] ?? root.devDependencies[name];
    assert.ok(rootSpec, `${name} is not in the root package.json`);
    const major = (s: string) => /(\d+)\./.exec(s)?.[1];
    assert.equal(major(spec), major(rootSpec), `${name}: example ${spec} vs root ${rootSpec}`);
    assert.ok(lock.roots[name], `${name} is not locked`);
  }
});

test("check names drift in a copy of the example: a changed file, a stray folder, a bare import", () => {
  const dir = mkdtempSync(join(tmpdir(), "tonic-example-drift-"));
  try {
    for (const f of ["package.json", "tonic-vendor.json", "tonic-vendor.lock", "src", "vendor"]) cpSync(join(exampleDir, f), join(dir, f), { recursive: true });
    assert.equal(run("check", "--cwd", dir).status, 0, "the copy starts clean");

    const lock = readJson(join(dir, "tonic-vendor.lock"));
    const pinoKey = lock.roots.pino.key as string;
    const pinoMain = join(dir, "vendor", pinoKey, "pino.js");
    appendFileSync(pinoMain, "\n// tampered\n");
    mkdirSync(join(dir, "vendor", "stray"));
    writeFileSync(join(dir, "vendor", "stray", "index.js"), "export {};\n");
    const schemas = join(dir, "src", "schemas.ts");
    writeFileSync(schemas, readFileSync(schemas, "utf8").replace('"#vendor/valibot"', '"valibot"'));

    const r = run("check", "--cwd", dir, "--json");
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const problems = (JSON.parse(r.stdout) as { problems: { code: string; file?: string; entry?: string; fix: string }[] }).problems;
    const codes = problems.map((p) => p.code).sort();
    assert.deepEqual(codes, ["digest-mismatch", "import-bare", "stray"], JSON.stringify(problems, null, 2));
    assert.equal(problems.find((p) => p.code === "digest-mismatch")!.entry, pinoKey);
    assert.equal(problems.find((p) => p.code === "stray")!.file, "vendor/stray");
    assert.equal(problems.find((p) => p.code === "import-bare")!.file, "src/schemas.ts");
    for (const p of problems) assert.ok(p.fix.length > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("no vendored file is hidden by a .gitignore rule (a clean clone must get every byte)", (t) => {
  const inGit = spawnSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: repoRoot, encoding: "utf8" });
  if (inGit.status !== 0) return t.skip("not a git checkout");
  // Root rules such as `dist/` would otherwise drop vendor/valibot/dist/ and others from every commit.
  const r = spawnSync("git", ["ls-files", "--others", "--ignored", "--exclude-standard", "--", "examples/service/vendor"], { cwd: repoRoot, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "", `ignored files in vendor/:\n${r.stdout.split("\n").slice(0, 10).join("\n")}`);
});
