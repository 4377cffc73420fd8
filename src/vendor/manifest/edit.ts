// The manifest edits behind `init`, `add`, `remove` and `update --latest`: pure functions over Manifest plus
// the registry look-ups they need (a bare `add semver` saves ^<latest>, as npm does).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import npa from "npm-package-arg";
import { VendorError } from "../errors.js";
import type { SourceContext } from "../source.js";
import { DEFAULT_IMPORT_STYLE, DEFAULT_SOURCES, DEFAULT_VENDOR_DIR, MANIFEST_FILE, compareBytes, parseManifest, serializeManifest } from "./read.js";
import type { Manifest, ManifestDependency, Platform } from "./types.js";

export function currentPlatform(): Platform {
  const p: Platform = { os: process.platform, cpu: process.arch };
  if (process.platform === "linux") {
    const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
    p.libc = header?.glibcVersionRuntime ? "glibc" : "musl";
  }
  return p;
}

export interface InitResult {
  manifestText: string;
  /** New package.json text when --from-package-json moved dependencies out of it. */
  packageJsonText?: string;
  moved: string[];
}

/** Builds the manifest `init` writes; refuses to overwrite an existing one. */
export function planInit(projectDir: string, opts: { fromPackageJson?: boolean; allPlatforms?: boolean }): InitResult {
  if (existsSync(join(projectDir, MANIFEST_FILE))) {
    throw new VendorError(`${MANIFEST_FILE} already exists`, { exitCode: 2, code: "manifest-exists", file: MANIFEST_FILE, fix: "edit it, or use `tonic-vendor add <spec>`" });
  }
  const m: Manifest = { vendorDir: DEFAULT_VENDOR_DIR, sources: [...DEFAULT_SOURCES], importStyle: DEFAULT_IMPORT_STYLE, dependencies: [] };
  if (!opts.allPlatforms) m.platforms = [currentPlatform()];
  const moved: string[] = [];
  let packageJsonText: string | undefined;
  if (opts.fromPackageJson) {
    const pjPath = join(projectDir, "package.json");
    let text: string;
    try {
      text = readFileSync(pjPath, "utf8");
    } catch {
      throw new VendorError("--from-package-json: there is no package.json here", { exitCode: 2, code: "package-json-missing", file: "package.json", fix: "run it in the project folder (or pass --cwd)" });
    }
    let pj: Record<string, unknown>;
    try {
      pj = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw new VendorError(`package.json is not valid JSON: ${(e as Error).message}`, { exitCode: 2, code: "package-json-invalid", file: "package.json", fix: "fix package.json first" });
    }
    const deps = pj.dependencies;
    if (deps !== undefined && (typeof deps !== "object" || deps === null || Array.isArray(deps))) {
      throw new VendorError('"dependencies" in package.json is not an object', { exitCode: 2, code: "package-json-invalid", file: "package.json", field: "dependencies", fix: "fix package.json first" });
    }
    for (const [name, spec] of Object.entries((deps ?? {}) as Record<string, unknown>)) {
      if (typeof spec !== "string") throw new VendorError(`dependency ${name} has a non-string spec`, { exitCode: 2, code: "package-json-invalid", file: "package.json", field: `dependencies.${name}`, fix: "fix package.json first" });
      m.dependencies.push({ name, spec, mode: "tarball" });
      moved.push(name);
    }
    m.dependencies.sort((a, b) => compareBytes(a.name, b.name));
    // Validate through the same parser users' files go through, so init never writes a manifest sync rejects.
    parseManifest(serializeManifest(m), "package.json (dependencies)");
    delete pj.dependencies;
    const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? "  ";
    packageJsonText = `${JSON.stringify(pj, null, indent)}\n`;
  }
  return { manifestText: serializeManifest(m), packageJsonText, moved };
}

/** One `add` argument -> manifest dependency, in npm's grammar. Bare names and tags become ^<version>. */
export async function specFromArg(arg: string, ctx: SourceContext): Promise<ManifestDependency> {
  let parsed: npa.Result;
  try {
    parsed = npa(arg, ctx.projectDir);
  } catch (e) {
    throw new VendorError(`cannot parse ${JSON.stringify(arg)}: ${(e as Error).message}`, {
      exitCode: 2,
      code: "spec-invalid",
      fix: "use npm's grammar: name, name@range, @scope/name@1, alias@npm:real@1, github:owner/repo#ref, a tarball URL or file:path",
    });
  }
  const { sourceForSpec } = await import("../sources.js");
  const bare = parsed.name !== undefined && parsed.rawSpec === "*" && !arg.slice(1).includes("@");
  if (parsed.type === "tag" || bare) {
    const tag = bare ? "latest" : (parsed.fetchSpec ?? "latest");
    const name = parsed.name!;
    const r = await sourceForSpec(name, tag, ctx.projectDir).resolve(name, tag, ctx);
    return { name, spec: `^${r.version}`, mode: "tarball" };
  }
  if (parsed.type === "alias") {
    const sub = (parsed as npa.Result & { subSpec?: npa.Result }).subSpec;
    const name = parsed.name!;
    if (sub && sub.name && (sub.type === "tag" || (sub.rawSpec === "*" && !sub.raw.slice(1).includes("@")))) {
      const tag = sub.type === "tag" ? (sub.fetchSpec ?? "latest") : "latest";
      const r = await sourceForSpec(sub.name, tag, ctx.projectDir).resolve(sub.name, tag, ctx);
      return { name, spec: `npm:${sub.name}@^${r.version}`, mode: "tarball" };
    }
    return { name, spec: parsed.rawSpec, mode: "tarball" };
  }
  if (parsed.name) return { name: parsed.name, spec: parsed.rawSpec, mode: "tarball" };
  // No name given (github:o/r, a URL, a path): ask the source what the package calls itself.
  const spec = parsed.rawSpec || arg;
  const hosted = (parsed as npa.Result & { hosted?: { project?: string } }).hosted;
  const provisional = hosted?.project ?? "unnamed";
  const r = await sourceForSpec(provisional, spec, ctx.projectDir).resolve(provisional, spec, ctx);
  return { name: r.name || provisional, spec, mode: "tarball" };
}

export function withDependencies(m: Manifest, add: ManifestDependency[]): Manifest {
  const byName = new Map(m.dependencies.map((d) => [d.name, d]));
  for (const d of add) {
    const old = byName.get(d.name);
    // Keep per-dependency settings (mode, include, exclude) when only the spec changes.
    byName.set(d.name, old ? { ...old, spec: d.spec } : d);
  }
  return { ...m, dependencies: [...byName.values()].sort((a, b) => compareBytes(a.name, b.name)) };
}

export function withoutDependencies(m: Manifest, names: string[]): Manifest {
  const have = new Set(m.dependencies.map((d) => d.name));
  const missing = names.filter((n) => !have.has(n));
  if (missing.length) {
    throw new VendorError(`not in ${MANIFEST_FILE}: ${missing.join(", ")}`, {
      exitCode: 2,
      code: "dependency-not-found",
      file: MANIFEST_FILE,
      fix: `the manifest has: ${[...have].join(", ") || "(no dependencies)"}`,
    });
  }
  const drop = new Set(names);
  return { ...m, dependencies: m.dependencies.filter((d) => !drop.has(d.name)) };
}
