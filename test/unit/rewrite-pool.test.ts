// The pooled rewrite (src/vendor/rewrite/pool.ts) against the serial loop: same bytes, same report, same first
// error, including errors thrown inside the worker.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VendorError } from "../../src/vendor/errors.js";
import type { Lock } from "../../src/vendor/lock/types.js";
import { rewritePackageWith, rewriteVendoredPackages } from "../../src/vendor/rewrite/index.js";
import { rewriteWithPool } from "../../src/vendor/rewrite/pool.js";
import { VendorResolver } from "../../src/vendor/rewrite/resolve.js";

const PACKAGES = 24;
const name = (i: number): string => (i % 3 === 0 ? `@scope/pkg-${String(i).padStart(2, "0")}` : `pkg-${String(i).padStart(2, "0")}`);

/** A tree of PACKAGES packages (~2.4 MB), each importing the next two in several forms. Smaller than the default
 *  pool threshold (64 MB would make a slow test), so the pool is forced with `pool: true` or driven directly. */
function buildTree(root: string, broken: number[] = []): { vendor: string; lock: Lock; keys: string[] } {
  const vendor = join(root, "vendor");
  const packages: Lock["packages"] = {};
  const filler = Array.from({ length: 1200 }, (_, k) => `function f${k}(a) { return a + ${k}; } // "require('x')"\n`).join("");
  for (let i = 0; i < PACKAGES; i++) {
    const n = name(i);
    const dir = join(vendor, ...n.split("/"));
    mkdirSync(join(dir, "lib"), { recursive: true });
    const deps: Record<string, string> = {};
    for (const d of [i + 1, i + 2]) if (d < PACKAGES) deps[name(d)] = name(d);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: n, version: "1.0.0", main: "index.js", dependencies: Object.fromEntries(Object.keys(deps).map((d) => [d, "1.0.0"])) }));
    const uses = Object.keys(deps);
    writeFileSync(join(dir, "index.js"), `"use strict";\n${uses.map((d) => `const ${d.replace(/\W/g, "_")} = require("${d}");\n`).join("")}module.exports = 1;\n`);
    writeFileSync(join(dir, "sub.js"), "module.exports = 2;\n");
    for (let f = 0; f < 4; f++) {
      const lines = [`// file ${f} of ${n}`];
      for (const d of uses) lines.push(`import a${f} from "${d}";`, `export * from "${d}/sub.js";`, `const lazy = () => import("${d}");`);
      if (broken.includes(i) && f === 2) lines.push(`import missing from "${uses[0]}/missing.js";`);
      lines.push(`const dyn = require(process.env.X);`);
      writeFileSync(join(dir, "lib", `m${f}.mjs`), lines.join("\n") + "\n" + filler);
    }
    packages[n] = { name: n, version: "1.0.0", source: "registry", dependencies: deps };
  }
  return { vendor, lock: { lockfileVersion: 1, roots: {}, packages }, keys: Object.keys(packages).reverse() };
}

function snapshot(dir: string, rel = "", out = new Map<string, string>()): Map<string, string> {
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) snapshot(dir, r, out);
    else out.set(r, readFileSync(join(dir, r), "latin1"));
  }
  return out;
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  assert.fail("expected a failure");
}

test("pooled rewrite: byte-identical trees and the same report as the serial loop", async () => {
  const tmp = mkdtempSync(join(tmpdir(), "tonic-pool-"));
  try {
    const base = buildTree(join(tmp, "base"));
    const copies = ["serial", "pooled", "auto", "worker"].map((n) => {
      cpSync(base.vendor, join(tmp, n), { recursive: true });
      return join(tmp, n);
    });
    const [serialDir, pooledDir, autoDir, workerDir] = copies as [string, string, string, string];
    const serial = await rewriteVendoredPackages({ vendorRoot: serialDir, keys: base.keys, lock: base.lock, pool: false });
    const pooled = await rewriteVendoredPackages({ vendorRoot: pooledDir, keys: base.keys, lock: base.lock, pool: true });
    const auto = await rewriteVendoredPackages({ vendorRoot: autoDir, keys: base.keys, lock: base.lock });
    // Every key rewritten by the worker alone: the worker's own results must merge the same way.
    const resolver = new VendorResolver(workerDir, base.lock);
    const stats = { byWorker: 0 };
    const worker = await rewriteWithPool({ vendorRoot: workerDir, keys: [...base.keys].sort(), lock: base.lock },
      (key) => rewritePackageWith(resolver, key), { mainClaims: false, stats });
    assert.equal(stats.byWorker, PACKAGES, "the worker started and did every key");

    assert.equal(serial.filesChanged.length, PACKAGES * 5 - 5); // the last package imports nothing
    assert.ok(serial.dynamic.length >= PACKAGES * 4);
    const expected = snapshot(serialDir);
    assert.notDeepEqual(expected, snapshot(base.vendor));
    assert.match(expected.get("pkg-01/lib/m0.mjs")!, /import a0 from "\.\.\/\.\.\/pkg-02\/index\.js";/);
    for (const [label, report, dir] of [["pooled", pooled, pooledDir], ["auto", auto, autoDir], ["worker", worker, workerDir]] as const) {
      assert.deepEqual(report, serial, `${label} report`);
      assert.deepEqual(snapshot(dir), expected, `${label} tree`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("pooled rewrite: a VendorError thrown in the worker surfaces with its code, file and line; the first in key order wins", async () => {
  const tmp = mkdtempSync(join(tmpdir(), "tonic-pool-"));
  try {
    const base = buildTree(join(tmp, "base"), [7, 16]);
    const serialErr = await caught(rewriteVendoredPackages({ vendorRoot: base.vendor, keys: base.keys, lock: base.lock, pool: false }));
    assert.ok(serialErr instanceof VendorError);
    assert.equal(serialErr.code, "import-unresolvable");
    assert.equal(serialErr.file, "pkg-07/lib/m2.mjs");

    const fresh = buildTree(join(tmp, "worker"), [7, 16]);
    const resolver = new VendorResolver(fresh.vendor, fresh.lock);
    const stats = { byWorker: 0 };
    const workerErr = await caught(rewriteWithPool({ vendorRoot: fresh.vendor, keys: [...fresh.keys].sort(), lock: fresh.lock },
      (key) => rewritePackageWith(resolver, key), { mainClaims: false, stats }));
    const failing = [...fresh.keys].sort().indexOf("pkg-07");
    assert.ok(failing > 0);
    assert.equal(stats.byWorker, failing + 1, "the worker did every key up to the failing one and stopped there");
    assert.ok(workerErr instanceof VendorError, "rebuilt as a VendorError");
    for (const field of ["message", "code", "exitCode", "file", "line", "column", "fix"] as const) {
      assert.equal(workerErr[field], serialErr[field], field);
    }
    assert.equal(workerErr.line, 8);

    const mixed = buildTree(join(tmp, "mixed"), [7, 16]);
    const mixedErr = await caught(rewriteVendoredPackages({ vendorRoot: mixed.vendor, keys: mixed.keys, lock: mixed.lock, pool: true }));
    assert.ok(mixedErr instanceof VendorError);
    assert.equal(mixedErr.format(), serialErr.format());
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
