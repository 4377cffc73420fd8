import { test } from "node:test";
import assert from "node:assert/strict";
import { scan, type Specifier } from "../../src/vendor/rewrite/scanner.js";

/** [kind, value, typeOnly] of every specifier, checking that each offset range holds exactly the raw value. */
function found(src: string, file = "x.ts"): [string, string, boolean][] {
  const r = scan(src, file);
  for (const s of r.specifiers) {
    if (!src.slice(s.start, s.end).includes("\\")) assert.equal(src.slice(s.start, s.end), s.value, `offsets of ${s.value}`);
    assert.equal(src[s.start - 1], s.quote);
    assert.equal(src[s.end], s.quote);
  }
  return r.specifiers.map((s: Specifier) => [s.kind, s.value, s.typeOnly]);
}

test("static import forms", () => {
  const src = [
    `import a from "a";`,
    `import * as b from 'b';`,
    `import { c, d as e, "f-g" as h } from "c";`,
    `import i, { j } from "i";`,
    `import "side-effect";`,
    `import json from "./x.json" with { type: "json" };`,
    `import type { T } from "types-only";`,
    `import type U from "type-default";`,
    `import { type V, W } from "mixed";`,
    `import type from "default-named-type";`,
    `import from from "default-named-from";`,
    `import type, { k } from "type-binding";`,
  ].join("\n");
  assert.deepEqual(found(src), [
    ["import", "a", false],
    ["import", "b", false],
    ["import", "c", false],
    ["import", "i", false],
    ["import", "side-effect", false],
    ["import", "./x.json", false],
    ["import", "types-only", true],
    ["import", "type-default", true],
    ["import", "mixed", false],
    ["import", "default-named-type", false],
    ["import", "default-named-from", false],
    ["import", "type-binding", false],
  ]);
});

test("export-from forms", () => {
  const src = [
    `export * from "a";`,
    `export * as ns from "b";`,
    `export { x, y as z } from "c";`,
    `export type { T } from "d";`,
    `export type * from "e";`,
    `export { local };`,
    `export const from = "not-a-specifier";`,
    `export default "nor-this";`,
  ].join("\n");
  assert.deepEqual(found(src), [
    ["export-from", "a", false],
    ["export-from", "b", false],
    ["export-from", "c", false],
    ["export-from", "d", true],
    ["export-from", "e", true],
  ]);
});

test("dynamic import, require, require.resolve, import = require, declare module, reference types", () => {
  const src = [
    `/// <reference types="node" />`,
    `/// <reference path="./local.d.ts" />`,
    `const a = await import("a");`,
    `const b = import('b', { with: { type: "json" } });`,
    `type C = typeof import("c");`,
    `let d: import("d").D;`,
    `const e = require("e");`,
    `const f = require.resolve("f");`,
    `import g = require("g");`,
    `export import h = require("h");`,
    `import type i = require("i");`,
    `declare module "j" { import k from "k"; export = k; }`,
    `import N = Namespace.Inner;`,
  ].join("\n");
  assert.deepEqual(found(src), [
    ["reference-types", "node", true],
    ["dynamic-import", "a", false],
    ["dynamic-import", "b", false],
    ["dynamic-import", "c", true],
    ["dynamic-import", "d", false],
    ["require", "e", false],
    ["require-resolve", "f", false],
    ["import-equals", "g", false],
    ["import-equals", "h", false],
    ["import-equals", "i", true],
    ["declare-module", "j", true],
    ["import", "k", false],
  ]);
});

test("declaration files make every specifier type-only", () => {
  assert.deepEqual(found(`import { X } from "x";\nexport * from "y";\n`, "index.d.ts"), [
    ["import", "x", true],
    ["export-from", "y", true],
  ]);
});

test("look-alikes in strings, comments, templates and regexes are not specifiers", () => {
  const src = [
    `const s1 = "import x from 'no1'";`,
    `const s2 = 'require("no2")';`,
    `// import a from "no3"`,
    `/* require("no4") */`,
    `/** @example import b from "no5" */`,
    "const t = `import c from \"no6\" ${require(\"yes1\")} require('no7')`;",
    "const nested = `a ${`b ${import(\"yes2\")}`} c require('no8')`;",
    `const re = /import x from "no9"/g;`,
    `const re2 = /["'\\/]require("no10")/;`,
    `const cls = /[/"]require("no11")/;`,
    `const div = a / 2 / require("yes3");`,
    `if (x) /require("no12")/.test(y);`,
    `const obj = { import: 1, require: 2 }; obj.require("no13"); obj.import("no14");`,
    `x?.require("no15");`,
    `const fromRe = ({}) / 1; require("yes4");`,
  ].join("\n");
  assert.deepEqual(found(src, "x.js").map(([, v]) => v), ["yes1", "yes2", "yes3", "yes4"]);
});

test("regex after ) of if/while/for, and division after ) of a call", () => {
  const src = [
    `while (i--) /"/.test(s) && require("a");`,
    `const q = f(x) / g("/") ; require("b");`,
    `const w = a[0] / 2; const r = "/"; require("c");`,
    `return /'/.source + require("d");`,
  ].join("\n");
  assert.deepEqual(found(src, "x.js").map(([, v]) => v), ["a", "b", "c", "d"]);
});

test("JSX text and attributes are not code, but their expression containers are", () => {
  const src = [
    `const el = <div title="import x from 'no1'" data-x='require("no2")'>`,
    `  Don't import y from "no3" here // nor here`,
    `  {require("yes1")}`,
    `  <Child render={() => import("yes2")} />`,
    `  <>fragment's text require("no4")</>`,
    `</div>;`,
    `const b = a < c; const d = e << 2; require("yes3");`,
  ].join("\n");
  assert.deepEqual(found(src, "x.jsx").map(([, v]) => v), ["yes1", "yes2", "yes3"]);
  // In .tsx a generic arrow is not JSX.
  const tsx = `const id = <T,>(x: T) => x; const g = <T extends object>(x: T) => x; import("z");`;
  assert.deepEqual(found(tsx, "x.tsx").map(([, v]) => v), ["z"]);
  // In .ts `<T>x` is a type assertion.
  assert.deepEqual(found(`const y = <any>require("t"); const n = a < b > c;`, "x.ts").map(([, v]) => v), ["t"]);
});

test("BOM and shebang: offsets are into the text as given", () => {
  const src = `\uFEFF#!/usr/bin/env node\nimport a from "alpha";\n`;
  const [s] = scan(src, "x.mjs").specifiers;
  assert.ok(s);
  assert.equal(src.slice(s.start, s.end), "alpha");
  assert.equal(s.start, src.indexOf("alpha"));
});

test("escapes in specifier strings are decoded; offsets cover the raw text", () => {
  const src = `import a from "\\u0061b";`;
  const [s] = scan(src, "x.js").specifiers;
  assert.ok(s);
  assert.equal(s.value, "ab");
  assert.equal(src.slice(s.start, s.end), "\\u0061b");
});

test("non-literal require/import are reported as dynamic with line, column and text", () => {
  const src = `const a = 1;\nconst m = require(name);\nconst n = await import(\`./\${x}.js\`);\nrequire("ok" + suffix);\nrequire();\n`;
  const r = scan(src, "x.js");
  assert.deepEqual(r.specifiers, []);
  assert.deepEqual(r.dynamic.map((d) => [d.kind, d.line, d.column, d.text]), [
    ["require", 2, 11, "const m = require(name);"],
    ["dynamic-import", 3, 17, "const n = await import(`./${x}.js`);"],
    ["require", 4, 1, 'require("ok" + suffix);'],
  ]);
});

test("import.meta and member names are not imports", () => {
  assert.deepEqual(found(`const u = import.meta.url; a.import("x"); class K { import() {} static require = 1 }`, "x.js"), []);
});

test("unterminated constructs do not throw", () => {
  for (const src of [`import "a`, "`${", "/* ", `require(`, `<div>{`, `import {`, `export * as`, `x = /abc`]) {
    assert.doesNotThrow(() => scan(src, "x.tsx"));
  }
});
