// Differential test: the scanner and @babel/parser (the oracle, see rewrite-oracle.ts) must find the same
// specifiers at the same offsets over a real corpus: the fixture tarballs, the hostile fixtures, this
// repository's own src/ and test/, and a few real packages from node_modules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { x as extract } from "tar";
import { isScannable, scan } from "../../src/vendor/rewrite/scanner.js";
import { oracle } from "./rewrite-oracle.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && isScannable(p)) yield p;
  }
}

function compare(files: Iterable<string>): { files: number; specifiers: number; mismatches: string[]; skipped: number } {
  let n = 0;
  let specifiers = 0;
  let skipped = 0;
  const mismatches: string[] = [];
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    const want = oracle(text, f);
    if (!want) {
      skipped++;
      continue;
    }
    n++;
    specifiers += want.length;
    const got = scan(text, f).specifiers.map((s) => `${s.start}:${s.end}:${s.kind}:${s.value}`).sort();
    const exp = want.map((s) => `${s.start}:${s.end}:${s.kind}:${s.value}`).sort();
    if (JSON.stringify(got) !== JSON.stringify(exp)) {
      const g = new Set(got);
      const e = new Set(exp);
      mismatches.push(`${f}: missing ${exp.filter((x) => !g.has(x)).slice(0, 3).join(", ")}; extra ${got.filter((x) => !e.has(x)).slice(0, 3).join(", ")}`);
    }
  }
  return { files: n, specifiers, mismatches, skipped };
}

test("hostile fixtures: same specifiers as @babel/parser", () => {
  const r = compare(walk(join(ROOT, "fixtures", "rewrite")));
  assert.equal(r.skipped, 0, "the oracle parses every hostile fixture");
  assert.equal(r.files, 3);
  assert.ok(r.specifiers >= 20, `${r.specifiers} specifiers`);
  assert.deepEqual(r.mismatches, []);
});

test("fixture tarballs: same specifiers as @babel/parser", () => {
  const dir = mkdtempSync(join(tmpdir(), "tonic-rewrite-diff-"));
  try {
    const tarballs = join(ROOT, "fixtures", "registry-tarballs");
    for (const f of readdirSync(tarballs).filter((n) => n.endsWith(".tgz"))) {
      const dest = join(dir, f);
      mkdirSync(dest);
      extract({ file: join(tarballs, f), cwd: dest, sync: true });
    }
    const r = compare(walk(dir));
    assert.ok(r.files >= 10, `${r.files} files`);
    assert.ok(r.specifiers >= 8, `${r.specifiers} specifiers`);
    assert.deepEqual(r.mismatches, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("this repository's src/ and test/: same specifiers as @babel/parser", () => {
  const r = compare([...walk(join(ROOT, "src")), ...walk(join(ROOT, "test"))]);
  assert.ok(r.files >= 20, `${r.files} files`);
  assert.ok(r.specifiers >= 100, `${r.specifiers} specifiers`);
  assert.deepEqual(r.mismatches, []);
});

test("real packages from node_modules (semver, tar, commander, pacote, @types/node): same as @babel/parser", () => {
  const pkgs = ["semver", "tar", "commander", "pacote", "npm-package-arg", "@types/node"].map((p) => join(ROOT, "node_modules", p)).filter(existsSync);
  const r = compare(pkgs.flatMap((p) => [...walk(p)]));
  assert.ok(r.files >= 100, `${r.files} files`);
  assert.ok(r.specifiers >= 500, `${r.specifiers} specifiers`);
  assert.deepEqual(r.mismatches, []);
});
