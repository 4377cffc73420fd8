// Property tests (fast-check) over generated project sources mixing real imports of vendored packages,
// non-vendored and builtin imports, and look-alikes in strings, comments, templates and regexes:
// rewriting twice equals rewriting once; a rewrite changes nothing but specifier string contents; undo after
// rewrite restores the original bytes (style "imports"; style "relative" for specifiers in canonical form).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { rewriteProject, rewriteVendoredPackages, undoProject } from "../../src/vendor/rewrite/index.js";
import { scan } from "../../src/vendor/rewrite/scanner.js";
import type { Lock } from "../../src/vendor/lock/types.js";
import { fixtureManifest, layoutVendor } from "../integration/rewrite-fixtures.js";

let dir: string;
let lock: Lock;
const PJ = `{\n  "name": "prop",\n  "type": "module"\n}\n`;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "tonic-rewrite-prop-"));
  lock = layoutVendor(join(dir, "vendor"));
  await rewriteVendoredPackages({ vendorRoot: join(dir, "vendor"), keys: Object.keys(lock.packages), lock });
  mkdirSync(join(dir, "src"));
});

after(() => rmSync(dir, { recursive: true, force: true }));

// Canonical forms only (what relative-style undo can recover exactly).
const VENDORED = ["debug", "ms", "dequal", "dequal/lite", "escape-string-regexp", "@sindresorhus/fnv1a"];
const OTHER = ["left-pad", "./local.js", "../up.js", "node:fs", "fs", "fs/promises", "#internal"];
const spec = fc.constantFrom(...VENDORED, ...OTHER);
const q = fc.constantFrom('"', "'");
const ident = fc.constantFrom("a", "b", "x1", "from", "type");

// In style "relative" a type-only import of "dequal/lite" and of "dequal" both become the one declaration file
// dequal ships for both, so undo cannot tell them apart: that form is left out of the relative-style property.
const typeSpec = (style: string) => (style === "relative" ? spec.filter((s) => s !== "dequal/lite") : spec);

const fragment = (style: string) => fc.oneof(
  fc.tuple(ident, spec, q).map(([i, s, c]) => `import ${i} from ${c}${s}${c};\n`),
  fc.tuple(spec, q).map(([s, c]) => `import ${c}${s}${c};\n`),
  fc.tuple(typeSpec(style), q).map(([s, c]) => `import type { T } from ${c}${s}${c};\n`),
  fc.tuple(spec, q).map(([s, c]) => `export * from ${c}${s}${c};\n`),
  fc.tuple(ident, spec, q).map(([i, s, c]) => `const ${i}_ = require(${c}${s}${c});\n`),
  fc.tuple(spec, q).map(([s, c]) => `const d = await import(${c}${s}${c});\n`),
  fc.tuple(typeSpec(style), q).map(([s, c]) => `type L = typeof import(${c}${s}${c});\n`),
  fc.tuple(spec).map(([s]) => `const s = "import z from '${s}'";\n`),
  fc.tuple(spec).map(([s]) => `// require("${s}")\n`),
  fc.tuple(spec).map(([s]) => `/* import x from "${s}" */`),
  fc.tuple(spec, spec).map(([s, t]) => "const t = `" + s + " ${require(\"" + t + "\")} import('" + s + "')`;\n"),
  fc.tuple(spec).map(([s]) => `const r = /import "${s}"/g;\n`),
  fc.tuple(spec).map(([s]) => `const h = 1 / 2; require("${s}");\n`),
  fc.stringMatching(/^[a-z0-9 =;+(),.\n]{0,20}$/),
);

const source = (style: string) => fc.tuple(fc.boolean(), fc.array(fragment(style), { maxLength: 25 })).map(([bom, parts]) => (bom ? "\uFEFF" : "") + parts.join(""));

function write(text: string): void {
  writeFileSync(join(dir, "src", "file.ts"), text);
  writeFileSync(join(dir, "package.json"), PJ);
}
const read = (): string => readFileSync(join(dir, "src", "file.ts"), "utf8");

/** Everything outside the specifiers' string contents, in order. */
function skeleton(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (const s of scan(text, "file.ts").specifiers.sort((a, b) => a.start - b.start)) {
    out.push(text.slice(at, s.start));
    at = s.end;
  }
  out.push(text.slice(at));
  return out;
}

for (const style of ["imports", "relative"] as const) {
  test(`style ${style}: rewrite twice == once; only specifier contents change; undo restores the bytes`, async () => {
    const manifest = fixtureManifest(style);
    await fc.assert(
      fc.asyncProperty(source(style), async (text) => {
        write(text);
        await rewriteProject({ projectDir: dir, manifest, lock });
        const once = read();
        const pjOnce = readFileSync(join(dir, "package.json"), "utf8");
        assert.deepEqual(skeleton(once), skeleton(text));
        await rewriteProject({ projectDir: dir, manifest, lock });
        assert.equal(read(), once);
        assert.equal(readFileSync(join(dir, "package.json"), "utf8"), pjOnce);
        await undoProject({ projectDir: dir, manifest, lock });
        assert.equal(read(), text);
        assert.equal(readFileSync(join(dir, "package.json"), "utf8"), PJ);
      }),
      { numRuns: 150, seed: 20261128 },
    );
  });
}
