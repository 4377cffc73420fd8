// tonic-vendor.json: parse + validate (every error names file, line:column, field, problem and fix) and a
// deterministic serializer (fixed key order, dependencies sorted by name, 2-space JSON, trailing newline).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { npa, plainSpecType } from "../plain-semver.js";
import { VendorError } from "../errors.js";
import { MANIFEST_FILE } from "../file-names.js";
import { parseCanonicalJson, joinPath, type ParsedJson } from "./json.js";
import type { ImportStyle, Manifest, ManifestDependency, Platform, VendorMode } from "./types.js";

export { MANIFEST_FILE };

export const DEFAULT_VENDOR_DIR = "vendor";
export const DEFAULT_SOURCES: readonly string[] = ["src/**"];
export const DEFAULT_IMPORT_STYLE: ImportStyle = "imports";

const TOP_KEYS = ["vendorDir", "sources", "importStyle", "platforms", "dependencies"] as const;
const DEP_KEYS = ["spec", "mode", "include", "exclude"] as const;
const PLATFORM_KEYS = ["os", "cpu", "libc"] as const;

/** Byte order of UTF-8 strings (what "sorted by bytes" means everywhere in tonic-vendor). */
export function compareBytes(a: string, b: string): number {
  // UTF-16 code-unit order is UTF-8 byte order except between a surrogate pair and U+E000..U+FFFF, so only
  // strings holding such characters pay for the Buffers (this sort runs over every lock key and file path).
  if (!HIGH.test(a) && !HIGH.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
const HIGH = /[\ud800-\uffff]/;

class Validator {
  constructor(
    readonly parsed: ParsedJson,
    readonly file: string,
    readonly code: string,
  ) {}

  error(field: string, problem: string, fix: string, onKey = false): VendorError {
    const at = (onKey ? this.parsed.keyAt.get(field) : undefined) ?? this.parsed.valueAt.get(field) ?? this.parsed.keyAt.get(field);
    return new VendorError(problem, {
      exitCode: 2,
      code: this.code,
      file: this.file,
      line: at?.line,
      column: at?.column,
      field: field || undefined,
      fix,
    });
  }

  object(v: unknown, field: string, what: string): Record<string, unknown> {
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      throw this.error(field, `${what} must be a JSON object, found ${kindOf(v)}`, `write ${field || "the file"} as { ... }`);
    }
    return v as Record<string, unknown>;
  }

  onlyKeys(obj: Record<string, unknown>, field: string, allowed: readonly string[]): void {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k)) {
        throw this.error(joinPath(field, k), `unknown key ${JSON.stringify(k)}`, `remove it; allowed keys here: ${allowed.join(", ")}`, true);
      }
    }
  }

  string(v: unknown, field: string, fix: string): string {
    if (typeof v !== "string") throw this.error(field, `must be a string, found ${kindOf(v)}`, fix);
    return v;
  }

  stringArray(v: unknown, field: string, fix: string): string[] {
    if (!Array.isArray(v)) throw this.error(field, `must be an array of strings, found ${kindOf(v)}`, fix);
    return v.map((x, i) => {
      const s = this.string(x, joinPath(field, i), fix);
      if (s === "") throw this.error(joinPath(field, i), "must not be empty", fix);
      return s;
    });
  }
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** A project-relative path that stays inside the project: no "..", not absolute, "/"-separated. */
export function isSafeRelativePath(p: string): boolean {
  if (p === "" || p.startsWith("/") || p.includes("\\") || p.includes("\0") || /^[A-Za-z]:/.test(p)) return false;
  return p.split("/").every((seg) => seg !== ".." && seg !== "." && seg !== "");
}

/** Validates a dependency spec the way npm would read it; returns npm-package-arg's type. */
export function specType(name: string, spec: string, projectDir = process.cwd()): string {
  return plainSpecType(name, spec) ?? npa().resolve(name, spec, projectDir).type;
}

export function parseManifest(text: string, file: string): Manifest {
  const code = "manifest-invalid";
  const parsed = parseCanonicalJson(text, file, code);
  const v = new Validator(parsed, file, code);
  const top = v.object(parsed.value, "", "the manifest");
  v.onlyKeys(top, "", TOP_KEYS);

  let vendorDir = DEFAULT_VENDOR_DIR;
  if (top.vendorDir !== undefined) {
    vendorDir = v.string(top.vendorDir, "vendorDir", 'use a relative folder name such as "vendor"');
    if (!isSafeRelativePath(vendorDir)) {
      throw v.error("vendorDir", `${JSON.stringify(vendorDir)} is not a relative path inside the project`, 'use a relative folder such as "vendor" (no "..", no leading "/", "/" as separator)');
    }
  }

  let sources = [...DEFAULT_SOURCES];
  if (top.sources !== undefined) {
    sources = v.stringArray(top.sources, "sources", 'list globs of your source files, e.g. ["src/**"]');
    sources.forEach((g, i) => {
      if (g.startsWith("/") || g.split("/").includes("..")) {
        throw v.error(joinPath("sources", i), `glob ${JSON.stringify(g)} reaches outside the project`, "use globs relative to the project root");
      }
    });
  }

  let importStyle = DEFAULT_IMPORT_STYLE;
  if (top.importStyle !== undefined) {
    const s = v.string(top.importStyle, "importStyle", 'use "imports" or "relative"');
    if (s !== "imports" && s !== "relative") throw v.error("importStyle", `unknown import style ${JSON.stringify(s)}`, 'use "imports" (default) or "relative"');
    importStyle = s;
  }

  let platforms: Platform[] | undefined;
  if (top.platforms !== undefined) {
    if (!Array.isArray(top.platforms)) throw v.error("platforms", `must be an array of { "os", "cpu", "libc"? } objects, found ${kindOf(top.platforms)}`, "run `tonic-vendor init` to record the current platform, or remove the key to vendor every platform");
    platforms = top.platforms.map((p, i) => {
      const field = joinPath("platforms", i);
      const o = v.object(p, field, "a platform");
      v.onlyKeys(o, field, PLATFORM_KEYS);
      const fix = 'write it as { "os": "linux", "cpu": "x64", "libc": "glibc" }';
      if (o.os === undefined) throw v.error(field, 'missing "os"', fix);
      if (o.cpu === undefined) throw v.error(field, 'missing "cpu"', fix);
      const plat: Platform = { os: v.string(o.os, joinPath(field, "os"), fix), cpu: v.string(o.cpu, joinPath(field, "cpu"), fix) };
      if (o.libc !== undefined) {
        const libc = v.string(o.libc, joinPath(field, "libc"), 'use "glibc" or "musl"');
        if (libc !== "glibc" && libc !== "musl") throw v.error(joinPath(field, "libc"), `unknown libc ${JSON.stringify(libc)}`, 'use "glibc" or "musl"');
        plat.libc = libc;
      }
      return plat;
    });
  }

  const dependencies: ManifestDependency[] = [];
  if (top.dependencies !== undefined) {
    const deps = v.object(top.dependencies, "dependencies", '"dependencies"');
    for (const [name, raw] of Object.entries(deps)) {
      const field = joinPath("dependencies", name);
      let spec: string;
      let mode: VendorMode = "tarball";
      let include: string[] | undefined;
      let exclude: string[] | undefined;
      let specField = field;
      if (typeof raw === "string") {
        spec = raw;
      } else {
        const o = v.object(raw, field, `dependency ${JSON.stringify(name)}`);
        v.onlyKeys(o, field, DEP_KEYS);
        specField = joinPath(field, "spec");
        if (o.spec === undefined) throw v.error(field, 'missing "spec"', `add "spec": "<range, tag or git URL>" or write the dependency as "${name}": "<spec>"`);
        spec = v.string(o.spec, specField, 'write the spec as a string, e.g. "^1.2.0"');
        if (o.mode !== undefined) {
          const m = v.string(o.mode, joinPath(field, "mode"), 'use "tarball" or "submodule"');
          if (m !== "tarball" && m !== "submodule") throw v.error(joinPath(field, "mode"), `unknown mode ${JSON.stringify(m)}`, 'use "tarball" (default) or "submodule"');
          mode = m;
        }
        if (o.include !== undefined) include = v.stringArray(o.include, joinPath(field, "include"), 'list globs, e.g. ["lib/**"]');
        if (o.exclude !== undefined) exclude = v.stringArray(o.exclude, joinPath(field, "exclude"), 'list globs, e.g. ["test/**"]');
      }
      let type: string;
      try {
        type = plainSpecType(name, spec) ?? npa().resolve(name, spec).type;
      } catch (e) {
        const err = e as { code?: string; message?: string };
        const onName = err.code === "EINVALIDPACKAGENAME";
        throw v.error(
          onName ? field : specField,
          onName ? `invalid package name ${JSON.stringify(name)}: ${err.message ?? ""}` : `unparsable spec ${JSON.stringify(spec)}: ${err.message ?? ""}`,
          onName ? "use the name you import the package by, e.g. \"semver\" or \"@scope/name\"" : 'use npm\'s grammar: a range ("^7.6.0"), a tag ("latest"), "npm:real@1.2.3", "github:owner/repo#v1", a tarball URL or "file:../lib"',
          onName,
        );
      }
      if (mode === "submodule" && type !== "git") {
        throw v.error(joinPath(field, "mode"), `mode "submodule" needs a git spec, but ${JSON.stringify(spec)} is a ${type} spec`, 'remove "mode" or use a git spec such as "github:owner/repo#v1"');
      }
      const dep: ManifestDependency = { name, spec, mode };
      if (include) dep.include = include;
      if (exclude) dep.exclude = exclude;
      dependencies.push(dep);
    }
  }
  dependencies.sort((a, b) => compareBytes(a.name, b.name));

  const m: Manifest = { vendorDir, sources, importStyle, dependencies };
  if (platforms) m.platforms = platforms;
  return m;
}

export async function readManifest(projectDir: string): Promise<Manifest> {
  let text: string;
  try {
    // Synchronous: the CLI has nothing else to do meanwhile, and node:fs/promises costs ~1 ms to load.
    text = readFileSync(join(projectDir, MANIFEST_FILE), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") {
      throw new VendorError(`no ${MANIFEST_FILE} in ${projectDir}`, {
        exitCode: 2,
        code: "manifest-missing",
        file: MANIFEST_FILE,
        fix: "run `tonic-vendor init` (or pass --cwd <project>)",
      });
    }
    throw new VendorError(`cannot read ${MANIFEST_FILE}: ${(e as Error).message}`, { exitCode: 2, code: "manifest-unreadable", file: MANIFEST_FILE, cause: e });
  }
  return parseManifest(text, MANIFEST_FILE);
}

export function serializeManifest(m: Manifest): string {
  const deps: Record<string, unknown> = {};
  for (const d of [...m.dependencies].sort((a, b) => compareBytes(a.name, b.name))) {
    const plain = d.mode === "tarball" && !d.include && !d.exclude;
    if (plain) deps[d.name] = d.spec;
    else {
      const o: Record<string, unknown> = { spec: d.spec };
      if (d.mode !== "tarball") o.mode = d.mode;
      if (d.include) o.include = d.include;
      if (d.exclude) o.exclude = d.exclude;
      deps[d.name] = o;
    }
  }
  const out: Record<string, unknown> = { vendorDir: m.vendorDir, sources: m.sources, importStyle: m.importStyle };
  if (m.platforms) out.platforms = m.platforms.map((p) => (p.libc === undefined ? { os: p.os, cpu: p.cpu } : { os: p.os, cpu: p.cpu, libc: p.libc }));
  out.dependencies = deps;
  return `${JSON.stringify(out, null, 2)}\n`;
}
