import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { globsFor, pruneTree } from "../../src/vendor/fetch/filter.js";
import type { Lock } from "../../src/vendor/lock/types.js";
import type { Manifest } from "../../src/vendor/manifest/types.js";

function tree(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "tonic-filter-"));
  for (const f of files) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    writeFileSync(join(dir, f), f);
  }
  return dir;
}
const list = (dir: string): string[] => (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name).slice(dir.length + 1))
  .sort();

test("pruneTree: exclude removes matches, dotfiles included, and empty folders go too", (t) => {
  const dir = tree(["package.json", "index.js", "test/a.test.js", "test/fixtures/.hidden", "docs/x.md"]);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal(pruneTree(dir, { exclude: ["test/**", "docs/**"] }), 3);
  assert.deepEqual(list(dir), ["index.js", "package.json"]);
  assert.equal(existsSync(join(dir, "test")), false);
});

test("pruneTree: include keeps only matches (and package.json), exclude still wins", (t) => {
  const dir = tree(["package.json", "lib/a.js", "lib/a.test.js", "src/a.ts", "README.md"]);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  pruneTree(dir, { include: ["lib/**"], exclude: ["**/*.test.js"] });
  assert.deepEqual(list(dir), ["lib/a.js", "package.json"]);
});

test("globsFor: only the manifest root with globs has any", () => {
  const manifest: Manifest = {
    vendorDir: "vendor", sources: ["src/**"], importStyle: "imports",
    dependencies: [
      { name: "a", spec: "^1", mode: "tarball", exclude: ["test/**"] },
      { name: "b", spec: "^1", mode: "tarball" },
    ],
  };
  const lock: Lock = { lockfileVersion: 1, roots: { a: { spec: "^1", key: "a" }, b: { spec: "^1", key: "b" } }, packages: {} };
  assert.deepEqual(globsFor(manifest, lock, "a"), { include: undefined, exclude: ["test/**"] });
  assert.equal(globsFor(manifest, lock, "b"), undefined);
  assert.equal(globsFor(manifest, lock, "c"), undefined);
});
