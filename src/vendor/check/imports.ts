// DESIGN check item 4, "imports": no project source still imports a vendored package by its bare name; every
// `#vendor/` specifier has its generated package.json "imports" entry, equal to what the lock implies, and
// every target (entry files, relative paths into vendor/) exists. With `staged`, the sources, package.json and
// the set of vendored files come from the git index; the expected entries are resolved on the work tree.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve as resolvePath, sep } from "node:path";
import { expectedImports, projectContext, projectSourceFiles, VENDOR_PREFIX, type ImportsEntry } from "../rewrite/index.js";
import { isRelativeSpecifier, posixRelative, splitBare, typesPackageName } from "../rewrite/resolve.js";
import { isScannable, lineColumn, scan } from "../rewrite/scanner.js";
import { gitInfo, listIndex, readBlobs } from "./git-objects.js";
import type { Checker, CheckContext, Problem } from "./types.js";
import picomatch from "picomatch";

interface Inputs {
  sources: { file: string; text: string }[];
  packageJson: string | undefined;
  /** Whether a project-relative path ("/"-separated) exists. */
  exists: (rel: string) => boolean;
}

async function workTreeInputs(ctx: CheckContext): Promise<Inputs> {
  const pc = projectContext(ctx.projectDir, ctx.manifest, ctx.lock);
  const sources = projectSourceFiles(pc).map((abs) => ({ file: posixRelative(pc.projectDir, abs), text: readFileSync(abs, "utf8") }));
  let packageJson: string | undefined;
  try {
    packageJson = readFileSync(resolvePath(ctx.projectDir, "package.json"), "utf8");
  } catch {
    packageJson = undefined;
  }
  return { sources, packageJson, exists: (rel) => existsSync(resolvePath(ctx.projectDir, rel)) };
}

async function stagedInputs(ctx: CheckContext): Promise<Inputs> {
  const git = await gitInfo(ctx.projectDir);
  if (!git) return workTreeInputs(ctx);
  const all = await listIndex(ctx.projectDir, "");
  const paths = new Set(all.map((e) => e.path));
  const match = picomatch(ctx.manifest.sources.length ? ctx.manifest.sources : ["src/**"]);
  const vendorPrefix = ctx.manifest.vendorDir.replace(/\/+$/, "") + "/";
  const wanted = [...paths].filter((p) => isScannable(p) && match(p) && !p.startsWith(vendorPrefix) && !p.split("/").includes("node_modules")).sort();
  const blobs = await readBlobs(ctx.projectDir, [...wanted, "package.json"].map((p) => `:${git.prefix}${p}`));
  const sources = wanted.map((file, i) => ({ file, text: blobs[i]?.toString("utf8") ?? "" }));
  const pj = blobs[wanted.length];
  return { sources, packageJson: pj?.toString("utf8"), exists: (rel) => paths.has(rel) };
}

function sameEntry(a: unknown, b: ImportsEntry): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const checkImports: Checker = async (ctx) => {
  const problems: Problem[] = [];
  const inputs = ctx.staged ? await stagedInputs(ctx) : await workTreeInputs(ctx);
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
};
