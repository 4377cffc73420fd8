// The launcher (bin/tonic-vendor.js + bin/load-cli.js) run as a user runs it: its V8 code cache, output
// written straight to the descriptors (src/cli/write.ts), and a reader that goes away early.
// Each test runs a private copy of bin/ and dist/cli/ so the caches it makes are its own.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { REPO_ROOT } from "../helpers/registry.js";
import { collect } from "../helpers/process.js";
import { assertBuilt } from "./cli-helpers.js";

const EXAMPLE = join(REPO_ROOT, "examples", "service");
// Node >= 22.1 keeps its own compile cache (module.enableCompileCache); the launcher writes files only on 20.
const builtInCache = typeof (createRequire(import.meta.url)("node:module") as { enableCompileCache?: unknown }).enableCompileCache === "function";

let root: string;

before(() => {
  assertBuilt();
  root = mkdtempSync(join(tmpdir(), "tonic-launcher-"));
});

after(() => rmSync(root, { recursive: true, force: true }));

/** A private install: bin/, dist/cli/, package.json, and the repository's node_modules. */
function install(name: string): string {
  const pkg = join(root, name);
  cpSync(join(REPO_ROOT, "bin"), join(pkg, "bin"), { recursive: true });
  cpSync(join(REPO_ROOT, "dist", "cli"), join(pkg, "dist", "cli"), { recursive: true, filter: (src) => !src.endsWith(".v8cache") });
  cpSync(join(REPO_ROOT, "package.json"), join(pkg, "package.json"));
  symlinkSync(join(REPO_ROOT, "node_modules"), join(pkg, "node_modules"));
  return pkg;
}

function run(pkg: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [join(pkg, "bin", "tonic-vendor.js"), ...args], { env: { ...process.env, CI: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  return collect(child);
}

const caches = (pkg: string) => readdirSync(join(pkg, "dist", "cli")).filter((f) => f.endsWith(".v8cache")).sort();

test("a second run from the code cache behaves exactly as the first", async () => {
  const pkg = install("same");
  const first = await run(pkg, ["check", "--cwd", EXAMPLE]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^ok: \d+ entries, \d+ files match tonic-vendor.lock\n$/);
  assert.equal(first.stderr, "");
  if (!builtInCache) assert.deepEqual(caches(pkg).map((f) => f.split(".").at(-2)), ["check"]);
  const second = await run(pkg, ["check", "--cwd", EXAMPLE]);
  assert.deepEqual(second, first);
  // Commands that load dependencies lazily (commander for `list`) still do from the cache.
  const list1 = await run(pkg, ["--cwd", EXAMPLE, "list"]);
  const list2 = await run(pkg, ["--cwd", EXAMPLE, "list"]);
  assert.equal(list1.code, 0, list1.stderr);
  assert.match(list1.stdout, /^vendor\n/);
  assert.deepEqual(list2, list1);
  if (!builtInCache) assert.deepEqual(caches(pkg).map((f) => f.split(".").at(-2)), ["check", "list"]);
});

test("a corrupt or foreign cache is rejected, the run is right, and the cache is made anew", { skip: builtInCache && "Node keeps its own cache here" }, async () => {
  const pkg = install("corrupt");
  const first = await run(pkg, ["check", "--cwd", EXAMPLE]);
  const [file] = caches(pkg);
  assert.ok(file);
  const path = join(pkg, "dist", "cli", file);
  const good = readFileSync(path);
  const garbage = Buffer.alloc(good.length, 0x5a);
  writeFileSync(path, garbage);
  const again = await run(pkg, ["check", "--cwd", EXAMPLE]);
  assert.deepEqual(again, first);
  assert.notDeepEqual(readFileSync(path), garbage);
  // An edited bundle never meets the old cache: its name carries the bundle's size and mtime.
  const main = join(pkg, "dist", "cli", "main.cjs");
  writeFileSync(main, `${readFileSync(main, "utf8")}\n// edited\n`);
  const edited = await run(pkg, ["check", "--cwd", EXAMPLE]);
  assert.deepEqual(edited, first);
  assert.equal(caches(pkg).length, 2);
});

test("TONIC_CODE_CACHE=0 writes no cache", async () => {
  const pkg = install("off");
  const r = await run(pkg, ["check", "--cwd", EXAMPLE], { TONIC_CODE_CACHE: "0" });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(caches(pkg), []);
});

test("a reader that stops early ends the output quietly (`tonic-vendor list | head`)", async () => {
  const pkg = install("epipe");
  for (const args of [["--cwd", EXAMPLE, "list"], ["check", "--cwd", EXAMPLE]]) {
    const child = spawn(process.execPath, [join(pkg, "bin", "tonic-vendor.js"), ...args], { env: { ...process.env, CI: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    // Closed before the CLI has written anything: its first write meets a pipe with no reader.
    child.stdout.destroy();
    const r = await collect(child);
    assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.stderr, "", args.join(" "));
  }
});
