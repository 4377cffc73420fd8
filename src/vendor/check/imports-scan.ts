// The part of the imports checker (DESIGN check item 4) that scans sources and resolves #vendor/ specifiers.
// Split from imports.ts so a project with nothing to scan never loads the rewrite engine (~15 ms).
import { dirname, resolve as resolvePath, sep } from "node:path";
import { expectedImports, projectContext, VENDOR_PREFIX, type ImportsEntry } from "../rewrite/index.js";
import { isRelativeSpecifier, posixRelative, splitBare, typesPackageName } from "../rewrite/resolve.js";
import { lineColumn, scan } from "../rewrite/scanner.js";
import type { ImportInputs } from "./imports.js";
import type { CheckContext, Problem } from "./types.js";

function sameEntry(a: unknown, b: ImportsEntry): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function checkImportInputs(ctx: CheckContext, inputs: ImportInputs): Problem[] {
  const problems: Problem[] = [];
  const pc = projectContext(ctx.projectDir, ctx.manifest, ctx.lock);
  const vendored = new Set<string>();
  for (const e of Object.values(ctx.lock.packages)) vendored.add(e.name);
  for (const name of Object.keys(ctx.lock.roots)) vendored.add(name);

  let imports: Record<string, unknown> = {};
  let pjBroken = false;
  if (inputs.packageJson !== undefined) {
    try {
      const data = JSON.parse(inputs.packageJson) as { imports?: unknown };
      if (data.imports && typeof data.imports === "object" && !Array.isArray(data.imports)) imports = data.imports as Record<string, unknown>;
    } catch {
      pjBroken = true;
      problems.push({ item: "imports", code: "package-json-invalid", file: "package.json", message: "package.json is not valid JSON", fix: "fix package.json, then run `tonic-vendor rewrite`" });
    }
  }

  const used = new Map<string, { file: string; line: number }>();
  for (const { file, text } of inputs.sources) {
    const { specifiers } = scan(text, file);
    for (const spec of specifiers) {
      if (spec.kind === "declare-module" || spec.kind === "reference-types") continue;
      const value = spec.value;
      const line = (): number => lineColumn(text, spec.start).line;
      if (value.startsWith(VENDOR_PREFIX)) {
        const inner = value.slice(VENDOR_PREFIX.length);
        if (!used.has(inner)) used.set(inner, { file, line: line() });
        if (!pjBroken && !(value in imports)) {
          problems.push({ item: "imports", code: "imports-entry-missing", file, line: line(), message: `"${value}" has no entry in package.json "imports"`, fix: "run `tonic-vendor rewrite`" });
        }
        continue;
      }
      if (isRelativeSpecifier(value)) {
        const abs = resolvePath(ctx.projectDir, dirname(file), value);
        const rel = posixRelative(ctx.projectDir, abs);
        // A type-only import is written in the .js form TypeScript maps to the declaration next to it.
        const decl = rel.replace(/\.js$/, ".d.ts").replace(/\.mjs$/, ".d.mts").replace(/\.cjs$/, ".d.cts");
        if (abs.startsWith(pc.vendorDir + sep) && !inputs.exists(rel) && !inputs.exists(decl)) {
          problems.push({ item: "imports", code: "import-target-missing", file, line: line(), message: `"${value}" points to ${rel}, which does not exist`, fix: "run `tonic-vendor sync`, then `tonic-vendor rewrite`" });
        }
        continue;
      }
      const bare = splitBare(value);
      if (!bare) continue;
      if (vendored.has(bare.name) || (spec.typeOnly && vendored.has(typesPackageName(bare.name)) && ctx.lock.roots[typesPackageName(bare.name)])) {
        problems.push({
          item: "imports", code: "import-bare", file, line: line(), entry: ctx.lock.roots[bare.name]?.key,
          message: `imports the vendored package "${value}" by its bare name, which resolves through node_modules instead of vendor/`,
          fix: "run `tonic-vendor rewrite`",
        });
      }
    }
  }

  if (!pjBroken) {
    const expected = expectedImports(pc, used.keys());
    for (const [key, want] of expected) {
      const have = imports[key];
      const at = used.get(key.slice(VENDOR_PREFIX.length));
      if (want instanceof Error) {
        problems.push({ item: "imports", code: "import-unresolvable", file: at?.file, line: at?.line, message: `"${key}" cannot be resolved in vendor/: ${want.message}`, fix: "run `tonic-vendor sync`, or turn the import back into a bare specifier and run `tonic-vendor rewrite`" });
        continue;
      }
      if (have === undefined) continue; // reported above at the import
      if (!sameEntry(have, want)) {
        problems.push({ item: "imports", code: "imports-entry-mismatch", file: "package.json", message: `package.json "imports" entry "${key}" is ${JSON.stringify(have)}; the lock implies ${JSON.stringify(want)}`, fix: "run `tonic-vendor rewrite`" });
      }
    }
    for (const [key, value] of Object.entries(imports)) {
      if (!key.startsWith(VENDOR_PREFIX)) continue;
      if (!used.has(key.slice(VENDOR_PREFIX.length))) {
        problems.push({ item: "imports", code: "imports-entry-stale", file: "package.json", message: `package.json "imports" entry "${key}" is not used by any source file`, fix: "run `tonic-vendor rewrite`" });
      }
      const targets = value && typeof value === "object" ? Object.values(value as Record<string, unknown>) : [value];
      for (const t of targets) {
        if (typeof t === "string" && t.startsWith("./") && !inputs.exists(posixRelative(ctx.projectDir, resolvePath(ctx.projectDir, t)))) {
          problems.push({ item: "imports", code: "import-target-missing", file: "package.json", message: `package.json "imports" entry "${key}" targets ${t}, which does not exist`, fix: "run `tonic-vendor sync`, then `tonic-vendor rewrite`" });
        }
      }
    }
  }
  return problems;
}
