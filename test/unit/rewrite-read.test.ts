// The rewrite reads files into one reused buffer and decodes ASCII files as latin1 (a speed-up): these pin that
// the result is byte-for-byte what a plain utf8 read-modify-write gives, whatever the file's size, its order or
// its encoding, and that the cached resolutions and the "./x" fast path change no outcome.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { VendorResolver } from "../../src/vendor/rewrite/resolve.js";
import { rewritePackageWith } from "../../src/vendor/rewrite/index.js";
import { VendorError } from "../../src/vendor/errors.js";
import type { Lock } from "../../src/vendor/lock/types.js";

let root: string;
let vendor: string;
const lock: Lock = { lockfileVersion: 1, roots: {}, packages: {} };

function put(rel: string, content: string | Buffer): void {
  const p = join(vendor, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
}

before(() => {
  root = mkdtempSync(join(tmpdir(), "tonic-rewrite-read-"));
  vendor = join(root, "vendor");
  put("dep/package.json", JSON.stringify({ name: "dep", main: "lib/main.js" }));
  put("dep/lib/main.js", "module.exports = 1;\n");
  lock.packages.dep = { name: "dep", version: "1.0.0", source: "registry", dependencies: {} };
});

after(() => rmSync(root, { recursive: true, force: true }));

test("ASCII, non-ASCII, BOM, empty and multi-megabyte files are rewritten exactly as a utf8 read would", () => {
  put("user/package.json", JSON.stringify({ name: "user", dependencies: { dep: "1" } }));
  const pad = `// ${"x".repeat(100)}\n`.repeat(30_000); // ~3 MB: more than the initial read buffer
  // Read order is by name: the big file comes first, so the small ones after it reuse a larger, dirty buffer.
  put("user/a-big.js", `${pad}const d = require("dep");\n`);
  put("user/b-accents.js", `\ufeff// café ☕ 🚀\nconst s = "naïve"; const d = require("dep");\nimport("dep");\n`);
  put("user/c-ascii.js", `const d = require("dep");\n`);
  put("user/d-empty.js", "");
  put("user/e-latin1-bytes.js", Buffer.concat([Buffer.from("// \xe9\n", "latin1"), Buffer.from(`const d = require("dep");\n`)]));
  lock.packages.user = { name: "user", version: "1.0.0", source: "registry", dependencies: { dep: "dep" } };

  const before = new Map(["a-big.js", "b-accents.js", "c-ascii.js", "d-empty.js", "e-latin1-bytes.js"].map((f) => [f, readFileSync(join(vendor, "user", f), "utf8")]));
  const report = rewritePackageWith(new VendorResolver(vendor, lock), "user");
  const expect = (f: string): string => before.get(f)!.replaceAll(`"dep"`, `"../dep/lib/main.js"`);
  assert.equal(readFileSync(join(vendor, "user/a-big.js"), "utf8"), expect("a-big.js"));
  assert.equal(readFileSync(join(vendor, "user/b-accents.js"), "utf8"), expect("b-accents.js"));
  assert.equal(readFileSync(join(vendor, "user/c-ascii.js"), "utf8"), expect("c-ascii.js"));
  assert.equal(readFileSync(join(vendor, "user/d-empty.js"), "utf8"), "");
  // An invalid UTF-8 byte reads as U+FFFD, as readFileSync(file, "utf8") gives it.
  assert.equal(readFileSync(join(vendor, "user/e-latin1-bytes.js"), "utf8"), `// \ufffd\nconst d = require("../dep/lib/main.js");\n`);
  assert.deepEqual(report.filesChanged, ["user/a-big.js", "user/b-accents.js", "user/c-ascii.js", "user/e-latin1-bytes.js"]);
  // A second run over the rewritten files changes nothing.
  assert.deepEqual(rewritePackageWith(new VendorResolver(vendor, lock), "user").filesChanged, []);
});

test("one shared resolver (cached resolutions) gives each package its own relative paths", () => {
  for (const k of ["p1", "p2/deep"]) {
    put(`${k}/package.json`, JSON.stringify({ name: k, dependencies: { dep: "1" } }));
    put(`${k}/x/y.js`, `require("dep"); require("dep");\n`);
    lock.packages[k] = { name: k, version: "1.0.0", source: "registry", dependencies: { dep: "dep" } };
  }
  const r = new VendorResolver(vendor, lock);
  rewritePackageWith(r, "p1");
  rewritePackageWith(r, "p2/deep");
  assert.equal(readFileSync(join(vendor, "p1/x/y.js"), "utf8"), `require("../../dep/lib/main.js"); require("../../dep/lib/main.js");\n`);
  assert.equal(readFileSync(join(vendor, "p2/deep/x/y.js"), "utf8"), `require("../../../dep/lib/main.js"); require("../../../dep/lib/main.js");\n`);
});

test("relative imports: ./x passes, any .. that leaves vendor/ is still refused", () => {
  put("rel/package.json", JSON.stringify({ name: "rel" }));
  put("rel/index.js", `require("./a"); require("./b/../a"); require("../rel/a");\n`);
  put("rel/a.js", "");
  lock.packages.rel = { name: "rel", version: "1.0.0", source: "registry", dependencies: {} };
  const r = new VendorResolver(vendor, lock);
  assert.deepEqual(rewritePackageWith(r, "rel").filesChanged, []);
  put("rel/escape.js", `\n  require("./x/../../../outside");\n`);
  assert.throws(() => rewritePackageWith(r, "rel"), (e: unknown) => e instanceof VendorError && e.code === "import-outside-vendor" && e.line === 2 && e.file === "rel/escape.js");
});
