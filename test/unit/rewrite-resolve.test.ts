import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ResolveError, VendorResolver, resolveExports, splitBare, typesPackageName } from "../../src/vendor/rewrite/resolve.js";
import { rewriteVendoredPackage } from "../../src/vendor/rewrite/index.js";
import { VendorError } from "../../src/vendor/errors.js";
import type { Lock } from "../../src/vendor/lock/types.js";

let root: string;
let vendor: string;

function put(rel: string, content: string | object): void {
  const p = join(vendor, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content, null, 2));
}

const lock: Lock = { lockfileVersion: 1, roots: {}, packages: {} };
function pkg(key: string, deps: Record<string, string> = {}): void {
  lock.packages[key] = { name: key.replace(/@[^@/]+$/, ""), version: "1.0.0", source: "registry", dependencies: deps };
}

before(() => {
  root = mkdtempSync(join(tmpdir(), "tonic-rewrite-resolve-"));
  vendor = join(root, "vendor");
  put("pat/package.json", {
    name: "pat",
    exports: {
      ".": { types: "./types/index.d.ts", import: "./esm/index.mjs", require: "./cjs/index.cjs" },
      "./features/*": { import: "./esm/features/*.mjs", require: "./cjs/features/*.cjs" },
      "./features/private/*": null,
      "./features/*.js": "./esm/features/*.mjs",
      "./nested": { node: { import: "./n/node.mjs", default: "./n/node.js" }, default: "./n/browser.js" },
      "./arr": ["not-relative.js", "./arr.js"],
      "./escape": "./../outside.js",
      "./gone": "./does-not-exist.js",
      "./package.json": "./package.json",
    },
  });
  for (const f of ["types/index.d.ts", "esm/index.mjs", "cjs/index.cjs", "esm/features/a.mjs", "cjs/features/a.cjs", "esm/features/deep/b.mjs",
    "n/node.mjs", "n/node.js", "n/browser.js", "arr.js", "esm/features/private/x.mjs"]) put(`pat/${f}`, "");
  pkg("pat");
  put("legacy/package.json", { name: "legacy", main: "lib/main" });
  for (const f of ["lib/main.js", "util.js", "dir/index.js", "data.json", "sub/package.json", "sub/entry.js"]) put(`legacy/${f}`, f.endsWith(".json") && f !== "data.json" ? JSON.stringify({ main: "entry" }) : "");
  put("legacy/data.json", "{}");
  pkg("legacy");
  put("noindex/package.json", { name: "noindex" });
  put("noindex/index.js", "");
  pkg("noindex");
  put("native/package.json", { name: "native", main: "build/addon.node" });
  put("native/build/addon.node", "");
  pkg("native");
  put("typed-sib/package.json", { name: "typed-sib", main: "lib/x.js" });
  put("typed-sib/lib/x.js", "");
  put("typed-sib/lib/x.d.ts", "");
  pkg("typed-sib");
  put("untyped/package.json", { name: "untyped", main: "main.js" });
  put("untyped/main.js", "");
  pkg("untyped");
  put("@types/untyped/package.json", { name: "@types/untyped", main: "", types: "index.d.ts" });
  put("@types/untyped/index.d.ts", "");
  pkg("@types/untyped");
  put("@scope/pkg/package.json", { name: "@scope/pkg", exports: { import: "./a.mjs", require: "./a.cjs" } });
  put("@scope/pkg/a.mjs", "");
  put("@scope/pkg/a.cjs", "");
  pkg("@scope/pkg");
  put("@types/scope__pkg/package.json", { name: "@types/scope__pkg", types: "index.d.ts" });
  put("@types/scope__pkg/index.d.ts", "");
  pkg("@types/scope__pkg");
  put("sugar/package.json", { name: "sugar", type: "module", exports: "./only.js" });
  put("sugar/only.js", "");
  put("sugar/only.d.ts", "");
  pkg("sugar");
  put("ms@2.0.0/package.json", { name: "ms", version: "2.0.0" });
  put("ms@2.0.0/index.js", "");
  pkg("ms@2.0.0");
});

after(() => rmSync(root, { recursive: true, force: true }));

const rel = (abs: string): string => abs.slice(vendor.length + 1);

test("splitBare and typesPackageName", () => {
  assert.deepEqual(splitBare("semver"), { name: "semver", subpath: "." });
  assert.deepEqual(splitBare("semver/functions/x.js"), { name: "semver", subpath: "./functions/x.js" });
  assert.deepEqual(splitBare("@scope/name/sub"), { name: "@scope/name", subpath: "./sub" });
  assert.equal(splitBare("./x"), undefined);
  assert.equal(splitBare("node:fs"), undefined);
  assert.equal(splitBare("fs/promises"), undefined, "builtins are never packages");
  assert.equal(splitBare("#internal"), undefined);
  assert.equal(typesPackageName("@scope/name"), "@types/scope__name");
  assert.equal(typesPackageName("ms"), "@types/ms");
});

test("exports: subpaths, conditions, patterns, null targets, arrays", () => {
  const r = new VendorResolver(vendor, lock);
  assert.equal(rel(r.resolveFile("pat", ".", "import")), "pat/esm/index.mjs");
  assert.equal(rel(r.resolveFile("pat", ".", "require")), "pat/cjs/index.cjs");
  assert.equal(rel(r.resolveFile("pat", "./features/a", "import")), "pat/esm/features/a.mjs");
  assert.equal(rel(r.resolveFile("pat", "./features/a", "require")), "pat/cjs/features/a.cjs");
  assert.equal(rel(r.resolveFile("pat", "./features/deep/b", "import")), "pat/esm/features/deep/b.mjs", "* matches across /");
  assert.equal(rel(r.resolveFile("pat", "./features/a.js", "require")), "pat/esm/features/a.mjs", "the longer pattern prefix wins");
  assert.equal(rel(r.resolveFile("pat", "./nested", "import")), "pat/n/node.mjs");
  assert.equal(rel(r.resolveFile("pat", "./nested", "require")), "pat/n/node.js");
  assert.equal(rel(r.resolveFile("pat", "./arr", "import")), "pat/arr.js", "invalid array items are skipped");
  assert.throws(() => r.resolveFile("pat", "./features/private/x", "import"), (e: unknown) => e instanceof ResolveError && /null target/.test(e.message));
  assert.throws(() => r.resolveFile("pat", "./not-listed", "import"), (e: unknown) => e instanceof ResolveError && /does not export/.test(e.message));
  assert.throws(() => r.resolveFile("pat", "./escape", "import"), ResolveError, "a target with .. is invalid");
  assert.throws(() => r.resolveFile("pat", "./gone", "import"), (e: unknown) => e instanceof ResolveError && /does not exist/.test(e.message));
  assert.equal(rel(r.resolveFile("pat", "./package.json", "import")), "pat/package.json");
  assert.equal(rel(r.resolveFile("@scope/pkg", ".", "import")), "@scope/pkg/a.mjs", "conditions-only exports object");
  assert.equal(rel(r.resolveFile("@scope/pkg", ".", "require")), "@scope/pkg/a.cjs");
  assert.equal(rel(r.resolveFile("sugar", ".", "require")), "sugar/only.js", "string sugar for '.'");
  assert.throws(() => r.resolveFile("sugar", "./only.js", "import"), ResolveError, "exports hide unlisted files");
});

test("resolveExports matches Node's pattern ordering", () => {
  const map = { "./*": "./all/*.js", "./a/*": "./a/*.js", "./a/b/*": "./ab/*.js", "./x/*.css": "./css/*.css" };
  assert.equal(resolveExports(map, "./a/b/c", ["import"]), "./ab/c.js");
  assert.equal(resolveExports(map, "./a/c", ["import"]), "./a/c.js");
  assert.equal(resolveExports(map, "./q", ["import"]), "./all/q.js");
  assert.equal(resolveExports(map, "./x/y.css", ["import"]), "./css/y.css");
  assert.equal(resolveExports({ ".": { types: "./t.d.ts", default: "./d.js" } }, ".", ["import"]), "./d.js");
  assert.equal(resolveExports({ ".": { types: "./t.d.ts", default: "./d.js" } }, ".", ["types", "import"]), "./t.d.ts");
  assert.equal(resolveExports({ "./*": "./src/*.js" }, "./../../etc/passwd", ["import"]), undefined, "no .. through a pattern");
});

test("main, index, extension probing, .json, directories, native addons", () => {
  const r = new VendorResolver(vendor, lock);
  assert.equal(rel(r.resolveFile("legacy", ".", "require")), "legacy/lib/main.js");
  assert.equal(rel(r.resolveFile("legacy", ".", "import")), "legacy/lib/main.js");
  assert.equal(rel(r.resolveFile("legacy", "./util", "require")), "legacy/util.js");
  assert.equal(rel(r.resolveFile("legacy", "./dir", "require")), "legacy/dir/index.js");
  assert.equal(rel(r.resolveFile("legacy", "./data", "require")), "legacy/data.json");
  assert.equal(rel(r.resolveFile("legacy", "./data.json", "import")), "legacy/data.json");
  assert.equal(rel(r.resolveFile("legacy", "./sub", "require")), "legacy/sub/entry.js", "a nested package.json main");
  assert.equal(rel(r.resolveFile("noindex", ".", "require")), "noindex/index.js");
  assert.equal(rel(r.resolveFile("ms@2.0.0", ".", "require")), "ms@2.0.0/index.js");
  assert.throws(() => r.resolveFile("native", ".", "require"), (e: unknown) => e instanceof ResolveError && /native addon/.test(e.message));
  assert.throws(() => r.resolveFile("legacy", "./missing", "require"), ResolveError);
  assert.throws(() => r.resolveFile("legacy", "./../pat/arr.js", "require"), ResolveError, "no escape from the package through a subpath");
});

test("types: condition, declaration next to the JS file, types field, @types fallback", () => {
  const r = new VendorResolver(vendor, lock);
  assert.equal(rel(r.resolveTypes("pat", ".", "import")!), "pat/types/index.d.ts");
  assert.equal(rel(r.resolveTypes("typed-sib", ".", "require")!), "typed-sib/lib/x.d.ts");
  assert.equal(rel(r.resolveTypes("sugar", ".", "import")!), "sugar/only.d.ts");
  assert.equal(r.resolveTypes("untyped", ".", "import"), undefined);
  assert.equal(rel(r.resolveTypes("untyped", ".", "import", "@types/untyped")!), "@types/untyped/index.d.ts");
  assert.equal(rel(r.resolveTypes("@scope/pkg", ".", "import", "@types/scope__pkg")!), "@types/scope__pkg/index.d.ts");
});

test("rewriteVendoredPackage: imports of dependencies become relative file paths; builtins and own files stay", async () => {
  put("user/package.json", { name: "user", version: "1.0.0", dependencies: { pat: "1", legacy: "1", ms: "2", untyped: "1" }, optionalDependencies: { optional: "1" } });
  put("user/index.js", [
    `const fs = require("fs");`,
    `const p = require("node:path");`,
    `const pat = require("pat");`,
    `const feat = require('pat/features/a');`,
    `const legacyUtil = require("legacy/util");`,
    `const ms = require("ms");`,
    `const own = require("./lib/own");`,
    `const self = require("user/lib/own");`,
    `try { require("optional"); } catch {}`,
    `const dyn = require(process.env.X);`,
    `import("pat").then(() => {});`,
  ].join("\n") + "\n");
  put("user/lib/own.js", "module.exports = 1;\n");
  put("user/types.d.ts", `import type { X } from "untyped";\nexport { X };\n`);
  pkg("user", { pat: "pat", legacy: "legacy", ms: "ms@2.0.0", untyped: "untyped", "@types/untyped": "@types/untyped" });
  const report = await rewriteVendoredPackage({ vendorRoot: vendor, key: "user", lock });
  const out = readFileSync(join(vendor, "user/index.js"), "utf8").split("\n");
  assert.deepEqual(out.slice(0, 11), [
    `const fs = require("fs");`,
    `const p = require("node:path");`,
    `const pat = require("../pat/cjs/index.cjs");`,
    `const feat = require('../pat/cjs/features/a.cjs');`,
    `const legacyUtil = require("../legacy/util.js");`,
    `const ms = require("../ms@2.0.0/index.js");`,
    `const own = require("./lib/own");`,
    `const self = require("./lib/own.js");`,
    `try { require("optional"); } catch {}`,
    `const dyn = require(process.env.X);`,
    `import("../pat/esm/index.mjs").then(() => {});`,
  ]);
  assert.equal(readFileSync(join(vendor, "user/types.d.ts"), "utf8"), `import type { X } from "../@types/untyped/index.js";\nexport { X };\n`);
  assert.deepEqual(report.filesChanged, ["user/index.js", "user/types.d.ts"]);
  assert.deepEqual(report.dynamic.map((d) => [d.file, d.line]), [["user/index.js", 10]]);
  assert.deepEqual(report.unresolved?.map((u) => u.specifier), ["optional"]);
  // Idempotent: a second run changes nothing.
  const again = await rewriteVendoredPackage({ vendorRoot: vendor, key: "user", lock });
  assert.deepEqual(again.filesChanged, []);
});

test("rewriteVendoredPackage refuses a declared dependency that is not vendored, naming file and line", async () => {
  put("broken/package.json", { name: "broken", dependencies: { absent: "1" } });
  put("broken/index.js", `// header\nmodule.exports = require("absent");\n`);
  pkg("broken");
  await assert.rejects(rewriteVendoredPackage({ vendorRoot: vendor, key: "broken", lock }), (e: unknown) => {
    assert.ok(e instanceof VendorError);
    assert.equal(e.exitCode, 2);
    assert.equal(e.file, "broken/index.js");
    assert.equal(e.line, 2);
    assert.match(e.message, /absent/);
    return true;
  });
  assert.equal(readFileSync(join(vendor, "broken/index.js"), "utf8"), `// header\nmodule.exports = require("absent");\n`);
});

test("rewriteVendoredPackage refuses relative imports that leave vendor/", async () => {
  put("escaper/package.json", { name: "escaper" });
  put("escaper/index.js", `require("../../outside.js");\n`);
  pkg("escaper");
  await assert.rejects(rewriteVendoredPackage({ vendorRoot: vendor, key: "escaper", lock }), (e: unknown) => e instanceof VendorError && e.code === "import-outside-vendor" && e.line === 1);
});

test("rewriteVendoredPackage reports a subpath the dependency does not export", async () => {
  put("asker/package.json", { name: "asker", dependencies: { pat: "1" } });
  put("asker/index.mjs", `import x from "pat/not-exported";\n`);
  pkg("asker", { pat: "pat" });
  await assert.rejects(rewriteVendoredPackage({ vendorRoot: vendor, key: "asker", lock }), (e: unknown) => e instanceof VendorError && e.file === "asker/index.mjs" && /does not export/.test(e.message));
});

test("a hard-linked file is replaced, never written through (the other tree keeps its bytes)", async () => {
  const { linkSync } = await import("node:fs");
  put("linked/package.json", { name: "linked", dependencies: { legacy: "1" } });
  put("linked/index.js", `require("legacy");\n`);
  pkg("linked", { legacy: "legacy" });
  const other = join(root, "other-tree-index.js");
  linkSync(join(vendor, "linked/index.js"), other);
  await rewriteVendoredPackage({ vendorRoot: vendor, key: "linked", lock });
  assert.equal(readFileSync(join(vendor, "linked/index.js"), "utf8"), `require("../legacy/lib/main.js");\n`);
  assert.equal(readFileSync(other, "utf8"), `require("legacy");\n`);
});
