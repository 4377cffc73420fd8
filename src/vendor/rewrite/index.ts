// Import rewriting (DESIGN "Import rewriting"): vendored packages' imports of each other become relative file
// paths; the project's own imports of vendored packages become `#vendor/<specifier>` backed by generated
// package.json "imports" entries (style "imports"), or relative file paths (style "relative"). Edits are
// applied by offset to the string contents only, so a rewrite changes nothing else, and a rewritten specifier
// is never bare again, so rewriting twice equals rewriting once.
import { isAscii } from "node:buffer";
import { chmodSync, closeSync, existsSync, fstatSync, ftruncateSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join, resolve as resolvePath } from "node:path";
import { VendorError } from "../errors.js";
import { LOCK_FILE, readLock } from "../lock/read.js";
import type { Lock } from "../lock/types.js";
import { readManifest } from "../manifest/read.js";
import type { Manifest } from "../manifest/types.js";
import {
  ResolveError, VendorResolver, declarationToJs, isBareSpecifier, isDeclarationFile, isRelativeSpecifier,
  keyForPath, posixRelative, relativeSpecifier, splitBare, typesPackageName, type ResolveMode,
} from "./resolve.js";
import { rewriteWithPool } from "./pool.js";
import { projectSourceFiles, walkFiles } from "./project-files.js";
import { lineColumn, lineIndex, scan, type Specifier } from "./scanner.js";
import { VENDOR_PREFIX } from "./vendor-prefix.js";

export interface RewriteReport {
  filesChanged: string[];
  dynamic: { file: string; line: number; column: number; text: string }[];
  /** Bare imports left as they are because the package is not vendored (optional/peer/undeclared requires of a
   *  vendored package, or non-vendored imports of the project). Additive to the contract's shape. */
  unresolved?: { file: string; line: number; specifier: string }[];
}

/** The prefix of the project's rewritten specifiers and of the generated package.json "imports" keys. */
export { VENDOR_PREFIX };

export type ImportsEntry = { types?: string; import?: string; require?: string };

interface Edit { start: number; end: number; text: string }

function applyEdits(text: string, edits: Edit[]): string {
  if (edits.length === 0) return text;
  edits.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const e of edits) {
    parts.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

// One read buffer for every source file, grown as needed: readFileSync allocates a Buffer per file.
let readBuffer = Buffer.allocUnsafe(1 << 20);

/**
 * A source file's text, the same string a utf8 readFileSync returns. Most files are pure ASCII, and for those
 * a latin1 decode gives the same string at a third of utf8's cost (measured on 84 MB of JS/TS: utf8 decode
 * 92 ms CPU, isAscii 6 ms + latin1 31 ms); the rest take the utf8 path, so offsets stay UTF-16.
 */
function readSource(file: string): string {
  const fd = openSync(file, "r");
  let n = 0;
  try {
    const size = fstatSync(fd).size;
    if (size > readBuffer.length) readBuffer = Buffer.allocUnsafe(Math.max(size, readBuffer.length * 2));
    // Like readFileSync: up to the size fstat gave (no extra read for EOF), or to EOF when it gave 0.
    for (;;) {
      if (n === readBuffer.length) {
        const bigger = Buffer.allocUnsafe(readBuffer.length * 2);
        readBuffer.copy(bigger, 0, 0, n);
        readBuffer = bigger;
      }
      const r = readSync(fd, readBuffer, n, (size > 0 ? size : readBuffer.length) - n, null);
      if (r === 0) break;
      n += r;
      if (n === size) break;
    }
  } finally {
    closeSync(fd);
  }
  const bytes = readBuffer.subarray(0, n);
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}

/**
 * Replaces a file's content in place. Not writeFileSync: its O_TRUNC to zero makes ext4 (auto_da_alloc) flush
 * the file on close; measured here on 206 files / 21 MB, writeFileSync took 280-580 ms, write-then-ftruncate
 * 16-41 ms, and it was most of the end-to-end rewrite time.
 */
function overwrite(file: string, text: string): void {
  const buf = Buffer.from(text, "utf8");
  const fd = openSync(file, "r+");
  try {
    if (fstatSync(fd).nlink > 1) {
      // A hard link shares its bytes with another tree (sync links unchanged entries from the old vendor/):
      // replace the name instead of writing through the shared inode.
      const tmp = `${file}.tonic-rewrite-${process.pid}`;
      writeFileSync(tmp, buf);
      chmodSync(tmp, fstatSync(fd).mode & 0o7777); // the umask must not change the mode (digests record it)
      renameSync(tmp, file);
      return;
    }
    let at = 0;
    while (at < buf.length) at += writeSync(fd, buf, at, buf.length - at, at);
    ftruncateSync(fd, buf.length);
  } finally {
    closeSync(fd);
  }
}

function modeOf(spec: Specifier, file: string): ResolveMode {
  if (spec.kind === "require" || spec.kind === "require-resolve" || spec.kind === "import-equals") return "require";
  if (/\.d\.cts$/.test(file)) return "require";
  return "import";
}

/** A specifier written into a string literal must survive its quotes unescaped. */
function checkWritable(value: string, quote: string): void {
  if (value.includes(quote) || value.includes("\\") || /[\n\r]/.test(value)) {
    throw new Error(`refusing to write specifier ${JSON.stringify(value)}`);
  }
}

function vendorError(err: unknown, file: string, text: string, spec: Specifier): VendorError {
  const { line, column } = lineColumn(text, spec.start);
  if (err instanceof ResolveError) {
    return new VendorError(`import "${spec.value}": ${err.message}`, {
      exitCode: 2, code: "import-unresolvable", file, line, column, fix: err.fix,
    });
  }
  return new VendorError(`import "${spec.value}": ${err instanceof Error ? err.message : String(err)}`, {
    exitCode: 2, code: "import-unresolvable", file, line, column, cause: err,
  });
}

/**
 * Rewrites, in place, the imports of the package at <vendorRoot>/<key> to relative paths into its
 * dependencies (lock.packages[key].dependencies -> keys).
 */
export async function rewriteVendoredPackage(opts: { vendorRoot: string; key: string; lock: Lock }): Promise<RewriteReport> {
  const resolver = new VendorResolver(opts.vendorRoot, opts.lock);
  return rewritePackageWith(resolver, opts.key);
}

/** Same as rewriteVendoredPackage, sharing one resolver (package.json and stat caches) across packages. */
export function rewritePackageWith(resolver: VendorResolver, key: string): RewriteReport {
  const lock = resolver.lock;
  const entry = lock.packages[key];
  const deps = entry?.dependencies ?? {};
  const pkgDir = resolver.packageDir(key);
  const pj = resolver.packageJson(key);
  const ownName = entry?.name ?? pj.name;
  const required = new Set(Object.keys(pj.dependencies ?? {}));
  for (const n of Object.keys(pj.optionalDependencies ?? {})) required.delete(n);
  const report: RewriteReport = { filesChanged: [], dynamic: [], unresolved: [] };
  const shown = (abs: string): string => `${key}/${posixRelative(pkgDir, abs)}`;
  const pkgInside = resolver.inside(pkgDir);
  const bundledCache = new Map<string, boolean>();
  const bundled = (name: string): boolean => {
    let b = bundledCache.get(name);
    if (b === undefined) bundledCache.set(name, (b = existsSync(join(pkgDir, "node_modules", ...name.split("/")))));
    return b;
  };

  for (const file of walkFiles(pkgDir, () => false)) {
    const text = readSource(file);
    const result = scan(text, file);
    for (const d of result.dynamic) report.dynamic.push({ file: shown(file), line: d.line, column: d.column, text: d.text });
    const edits: Edit[] = [];
    const declaration = isDeclarationFile(file);
    const at = lineIndex(text);
    for (const spec of result.specifiers) {
      if (spec.kind === "declare-module" || spec.kind === "reference-types") continue;
      const value = spec.value;
      if (isRelativeSpecifier(value) || value.startsWith("/")) {
        // "./x" with no ".." anywhere stays below the importer's directory: no need to resolve the path.
        const below = pkgInside && (value === "." || value.startsWith("./")) && !value.includes("..");
        if (!below && !resolver.inside(resolvePath(dirname(file), value))) {
          const { line, column } = lineColumn(text, spec.start);
          throw new VendorError(`import "${value}" points outside vendor/`, {
            exitCode: 2, code: "import-outside-vendor", file: shown(file), line, column,
            fix: "vendored code may only import its own files and its vendored dependencies; remove this package",
          });
        }
        continue;
      }
      const bare = splitBare(value);
      if (!bare) continue;
      let depKey = bare.name === ownName ? key : deps[bare.name];
      const typesKey = deps[typesPackageName(bare.name)];
      const typeOnly = spec.typeOnly || declaration;
      if (depKey === undefined && typeOnly && typesKey) depKey = typesKey;
      if (depKey === undefined) {
        const { line, column } = at(spec.start);
        if (bundled(bare.name)) continue;
        if (required.has(bare.name) && !typeOnly) {
          throw new VendorError(`${shown(file)} imports "${value}", but ${bare.name} is not vendored`, {
            exitCode: 2, code: "import-not-vendored", file: shown(file), line, column,
            fix: `${bare.name} is a dependency of ${key} and must be in the lock: run \`tonic-vendor sync\``,
          });
        }
        report.unresolved!.push({ file: shown(file), line, specifier: value });
        continue;
      }
      let target: string | undefined;
      try {
        const mode = modeOf(spec, file);
        if (typeOnly) {
          const t = resolver.resolveTypes(depKey, bare.subpath, mode, depKey === typesKey ? undefined : typesKey);
          target = t ? declarationToJs(t) : undefined;
          if (!target) {
            try {
              target = resolver.resolveFile(depKey, bare.subpath, mode);
            } catch {
              target = undefined; // a type import of an untyped package: TypeScript gives `any`; leave it
            }
          }
          if (!target) continue;
        } else {
          target = resolver.resolveFile(depKey, bare.subpath, mode);
        }
      } catch (err) {
        throw vendorError(err, shown(file), text, spec);
      }
      const rel = relativeSpecifier(file, target);
      checkWritable(rel, spec.quote);
      edits.push({ start: spec.start, end: spec.end, text: rel });
    }
    const out = applyEdits(text, edits);
    if (out !== text) {
      overwrite(file, out);
      report.filesChanged.push(shown(file));
    }
  }
  return report;
}

/**
 * When the worker pool pays (docs/rewrite.md, Performance; measured from dist/ on 2 cores): serial vs pooled
 * wall was 26 vs 37 ms at 2 MB, 263 vs 353 ms at 22 MB, 615 vs 615 ms at 52 MB (403 packages), 806 vs 768 ms at
 * 77 MB (501 packages), with the pool always spending 1.7-2.4x the CPU. The package count gates the byte count
 * so that smaller trees do not pay for stat-ing every file (a few % of the rewrite).
 */
export const POOL_MIN_KEYS = 400;
export const POOL_MIN_BYTES = 64_000_000;

/** Whether the packages hold at least `limit` bytes of scannable source; stops walking once they do. */
function atLeastBytes(resolver: VendorResolver, keys: string[], limit: number): boolean {
  let total = 0;
  for (const key of keys) {
    for (const file of walkFiles(resolver.packageDir(key), () => false)) {
      try {
        total += statSync(file).size;
      } catch {
        continue; // the rewrite itself will report it
      }
      if (total >= limit) return true;
    }
  }
  return false;
}

/**
 * Rewrites every vendored package of a staged tree, in lock key order. Big trees are split between this thread
 * and one worker (pool.ts); the report and the first error are those of the serial loop. `pool` forces the
 * choice (tests, bench); by default the pool is used from POOL_MIN_KEYS packages and POOL_MIN_BYTES of source.
 */
export async function rewriteVendoredPackages(opts: { vendorRoot: string; keys: string[]; lock: Lock; pool?: boolean }): Promise<RewriteReport> {
  const resolver = new VendorResolver(opts.vendorRoot, opts.lock);
  const keys = [...opts.keys].sort();
  const pooled = opts.pool ?? (keys.length >= POOL_MIN_KEYS && atLeastBytes(resolver, keys, POOL_MIN_BYTES));
  if (pooled) {
    return rewriteWithPool({ vendorRoot: opts.vendorRoot, keys, lock: opts.lock }, (key) => rewritePackageWith(resolver, key));
  }
  const all: RewriteReport = { filesChanged: [], dynamic: [], unresolved: [] };
  for (const key of keys) {
    const r = rewritePackageWith(resolver, key);
    all.filesChanged.push(...r.filesChanged);
    all.dynamic.push(...r.dynamic);
    all.unresolved!.push(...(r.unresolved ?? []));
  }
  return all;
}

// ---- the project's own files ----

export interface ProjectContext {
  projectDir: string;
  manifest: Manifest;
  lock: Lock;
  vendorDir: string;
  resolver: VendorResolver;
  /** Manifest/lock root name -> lock key. */
  roots: Map<string, string>;
  /** Names of every vendored package (roots or not). */
  vendoredNames: Set<string>;
}

export function projectContext(projectDir: string, manifest: Manifest, lock: Lock): ProjectContext {
  const vendorDir = resolvePath(projectDir, manifest.vendorDir);
  const roots = new Map<string, string>();
  for (const [name, r] of Object.entries(lock.roots)) roots.set(name, r.key);
  const vendoredNames = new Set<string>();
  for (const e of Object.values(lock.packages)) vendoredNames.add(e.name);
  return { projectDir: resolvePath(projectDir), manifest, lock, vendorDir, resolver: new VendorResolver(vendorDir, lock), roots, vendoredNames };
}

/** Lock key of the root a bare name refers to; for type-only imports the `@types/<name>` root also counts. */
function rootKeyFor(ctx: ProjectContext, name: string, typeOnly: boolean): string | undefined {
  const k = ctx.roots.get(name);
  if (k !== undefined) return k;
  if (typeOnly) return ctx.roots.get(typesPackageName(name));
  return undefined;
}

/** The generated "imports" entry for a bare specifier of a vendored root (paths "./<vendorDir>/..."). */
export function importsEntryFor(ctx: ProjectContext, specifier: string): ImportsEntry {
  const bare = splitBare(specifier);
  if (!bare) throw new ResolveError(`"${specifier}" is not a package specifier`, "use #vendor/<package name>[/subpath]");
  const key = ctx.roots.get(bare.name);
  const typesKey = ctx.roots.get(typesPackageName(bare.name));
  if (key === undefined && typesKey === undefined) {
    throw new ResolveError(`${bare.name} is not a dependency in ${"tonic-vendor.json"}`,
      `add it with \`tonic-vendor add ${bare.name}\`, or turn the import back into a bare specifier`);
  }
  const out: ImportsEntry = {};
  const toEntry = (abs: string): string => `./${posixRelative(ctx.projectDir, abs)}`;
  let firstError: unknown;
  let imp: string | undefined;
  let req: string | undefined;
  if (key !== undefined) {
    try { imp = ctx.resolver.resolveFile(key, bare.subpath, "import"); } catch (e) { firstError = e; }
    try { req = ctx.resolver.resolveFile(key, bare.subpath, "require"); } catch (e) { firstError ??= e; }
    if (imp === undefined && req === undefined) throw firstError;
  }
  const types = key !== undefined
    ? ctx.resolver.resolveTypes(key, bare.subpath, "import", typesKey)
    : ctx.resolver.resolveTypes(typesKey!, bare.subpath, "import");
  if (types) out.types = toEntry(types);
  if (imp) out.import = toEntry(imp);
  if (req) out.require = toEntry(req);
  return out;
}

interface PackageJsonFile { path: string; text: string; data: Record<string, unknown>; indent: string; newline: boolean }

function readProjectPackageJson(projectDir: string): PackageJsonFile | undefined {
  const path = join(projectDir, "package.json");
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new VendorError("package.json is not valid JSON", {
      exitCode: 2, code: "package-json-invalid", file: "package.json", cause: err, fix: "fix the JSON syntax",
    });
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    throw new VendorError("package.json is not a JSON object", { exitCode: 2, code: "package-json-invalid", file: "package.json", fix: "fix package.json" });
  }
  const indent = /^[{[]\r?\n([ \t]+)/.exec(text)?.[1] ?? "  ";
  return { path, text, data: data as Record<string, unknown>, indent, newline: text.endsWith("\n") };
}

/** The package.json "imports" with the generated #vendor/ keys replaced by `generated` (sorted); others kept. */
function withGenerated(current: unknown, generated: Map<string, ImportsEntry>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  if (current && typeof current === "object" && !Array.isArray(current)) {
    for (const [k, v] of Object.entries(current)) if (!k.startsWith(VENDOR_PREFIX)) out[k] = v;
  }
  for (const k of [...generated.keys()].sort()) out[k] = generated.get(k);
  return Object.keys(out).length ? out : undefined;
}

function writePackageJson(pj: PackageJsonFile | undefined, projectDir: string, imports: Record<string, unknown> | undefined): boolean {
  if (!pj) {
    if (!imports) return false;
    writeFileSync(join(projectDir, "package.json"), JSON.stringify({ imports }, null, 2) + "\n");
    return true;
  }
  const data = { ...pj.data };
  if (imports) data.imports = imports;
  else delete data.imports;
  const text = JSON.stringify(data, null, pj.indent) + (pj.newline ? "\n" : "");
  if (text === pj.text) return false;
  // Only write when the content changed: a package.json in a non-canonical layout is left alone otherwise.
  if (JSON.stringify(data) === JSON.stringify(pj.data)) return false;
  writeFileSync(pj.path, text);
  return true;
}

/** Which vendored package a relative specifier in a project file points into, if any. */
function vendoredTargetOf(ctx: ProjectContext, file: string, value: string): { key: string; rest: string; abs: string } | undefined {
  if (!isRelativeSpecifier(value)) return undefined;
  const abs = resolvePath(dirname(file), value);
  const hit = keyForPath(ctx.vendorDir, abs, ctx.lock);
  return hit ? { ...hit, abs } : undefined;
}

/** Rewrites the project's sources (manifest.sources) and the generated package.json "imports". */
export async function rewriteProject(opts: { projectDir: string; manifest: Manifest; lock: Lock }): Promise<RewriteReport> {
  const ctx = projectContext(opts.projectDir, opts.manifest, opts.lock);
  const style = opts.manifest.importStyle ?? "imports";
  const report: RewriteReport = { filesChanged: [], dynamic: [], unresolved: [] };
  const used = new Set<string>();
  const pending: { file: string; text: string; out: string }[] = [];

  for (const file of await projectSourceFiles(ctx.projectDir, ctx.manifest)) {
    const shown = posixRelative(ctx.projectDir, file);
    const text = readSource(file);
    const result = scan(text, file);
    for (const d of result.dynamic) report.dynamic.push({ file: shown, line: d.line, column: d.column, text: d.text });
    const edits: Edit[] = [];
    for (const spec of result.specifiers) {
      if (spec.kind === "declare-module" || spec.kind === "reference-types") continue;
      const value = spec.value;
      if (value.startsWith(VENDOR_PREFIX)) {
        const inner = value.slice(VENDOR_PREFIX.length);
        if (style === "imports") {
          used.add(inner);
          continue;
        }
        // Switching to style "relative": turn it into the path.
        const rel = relativeFor(ctx, file, text, spec, inner, shown);
        if (rel) edits.push({ start: spec.start, end: spec.end, text: rel });
        continue;
      }
      const bare = splitBare(value);
      if (!bare) continue;
      const key = rootKeyFor(ctx, bare.name, spec.typeOnly);
      if (key === undefined) {
        const { line, column } = lineColumn(text, spec.start);
        if (ctx.vendoredNames.has(bare.name)) {
          throw new VendorError(`${shown} imports "${value}", which is vendored only as a dependency of another package`, {
            exitCode: 2, code: "import-not-vendored", file: shown, line, column,
            fix: `add it to tonic-vendor.json with \`tonic-vendor add ${bare.name}\``,
          });
        }
        report.unresolved!.push({ file: shown, line, specifier: value });
        continue;
      }
      if (style === "imports") {
        try {
          importsEntryFor(ctx, value);
        } catch (err) {
          throw vendorError(err, shown, text, spec);
        }
        used.add(value);
        checkWritable(VENDOR_PREFIX + value, spec.quote);
        edits.push({ start: spec.start, end: spec.end, text: VENDOR_PREFIX + value });
      } else {
        const rel = relativeFor(ctx, file, text, spec, value, shown);
        if (rel) edits.push({ start: spec.start, end: spec.end, text: rel });
      }
    }
    const out = applyEdits(text, edits);
    if (out !== text) pending.push({ file, text, out });
  }

  const generated = new Map<string, ImportsEntry>();
  for (const s of used) {
    try {
      generated.set(VENDOR_PREFIX + s, importsEntryFor(ctx, s));
    } catch (err) {
      throw new VendorError(`#vendor/${s}: ${err instanceof Error ? err.message : String(err)}`, {
        exitCode: 2, code: "import-unresolvable", file: "package.json", field: `imports.${VENDOR_PREFIX}${s}`,
        fix: err instanceof ResolveError ? err.fix : "run `tonic-vendor sync`",
      });
    }
  }
  // All resolution succeeded: only now touch files, so a failure leaves the project as it was.
  for (const p of pending) {
    overwrite(p.file, p.out);
    report.filesChanged.push(posixRelative(ctx.projectDir, p.file));
  }
  const pj = readProjectPackageJson(ctx.projectDir);
  if (writePackageJson(pj, ctx.projectDir, withGenerated(pj?.data.imports, generated))) report.filesChanged.push("package.json");
  report.filesChanged.sort();
  return report;
}

function relativeFor(ctx: ProjectContext, file: string, text: string, spec: Specifier, value: string, shown: string): string | undefined {
  const bare = splitBare(value);
  if (!bare) return undefined;
  const key = rootKeyFor(ctx, bare.name, spec.typeOnly);
  if (key === undefined) throw vendorError(new ResolveError(`${bare.name} is not vendored`, "run `tonic-vendor sync`"), shown, text, spec);
  let target: string;
  try {
    target = resolveForProject(ctx, key, bare.name, bare.subpath, spec, file);
  } catch (err) {
    throw vendorError(err, shown, text, spec);
  }
  const rel = relativeSpecifier(file, target);
  checkWritable(rel, spec.quote);
  return rel;
}

function resolveForProject(ctx: ProjectContext, key: string, name: string, subpath: string, spec: Specifier, file: string): string {
  const mode = modeOf(spec, file);
  if (spec.typeOnly || isDeclarationFile(file)) {
    const typesKey = ctx.roots.get(typesPackageName(name));
    const t = ctx.resolver.resolveTypes(key, subpath, mode, key === typesKey ? undefined : typesKey);
    if (t) return declarationToJs(t);
  }
  return ctx.resolver.resolveFile(key, subpath, mode);
}

/** Turns the project's `#vendor/x` and relative vendor paths back into bare specifiers; removes the generated
 *  "imports" entries. */
export async function undoProject(opts: { projectDir: string; manifest: Manifest; lock: Lock }): Promise<RewriteReport> {
  const ctx = projectContext(opts.projectDir, opts.manifest, opts.lock);
  const report: RewriteReport = { filesChanged: [], dynamic: [] };
  for (const file of await projectSourceFiles(ctx.projectDir, ctx.manifest)) {
    const text = readSource(file);
    const result = scan(text, file);
    const edits: Edit[] = [];
    for (const spec of result.specifiers) {
      if (spec.kind === "declare-module" || spec.kind === "reference-types") continue;
      if (spec.value.startsWith(VENDOR_PREFIX)) {
        const inner = spec.value.slice(VENDOR_PREFIX.length);
        if (isBareSpecifier(inner)) edits.push({ start: spec.start, end: spec.end, text: inner });
        continue;
      }
      const hit = vendoredTargetOf(ctx, file, spec.value);
      if (!hit) continue;
      const bareSpec = canonicalSpecifier(ctx, hit.key, hit.rest, hit.abs, spec, file);
      if (bareSpec) edits.push({ start: spec.start, end: spec.end, text: bareSpec });
    }
    const out = applyEdits(text, edits);
    if (out !== text) {
      overwrite(file, out);
      report.filesChanged.push(posixRelative(ctx.projectDir, file));
    }
  }
  const pj = readProjectPackageJson(ctx.projectDir);
  if (pj && writePackageJson(pj, ctx.projectDir, withGenerated(pj.data.imports, new Map()))) report.filesChanged.push("package.json");
  report.filesChanged.sort();
  return report;
}

/**
 * The bare specifier a relative-style path came from: the shortest of name, name/subpath (with and without
 * extension, or the directory of an index file) that resolves to the same file. Relative style loses the
 * original text when it was not already the shortest such form; style "imports" keeps it exactly.
 */
function canonicalSpecifier(ctx: ProjectContext, key: string, rest: string, abs: string, spec: Specifier, file: string): string | undefined {
  const entry = ctx.lock.packages[key];
  if (!entry) return undefined;
  let name = entry.name;
  // A root may be locked under another name (npm: aliases): the project imports it by the root name.
  for (const [root, k] of ctx.roots) if (k === key) { name = root; break; }
  // A path into @types/x came from a type-only import of "x" when x is a root too.
  const names = [name];
  const m = /^@types\/(.+)$/.exec(name);
  if (m && spec.typeOnly) {
    const plain = m[1]!.includes("__") ? `@${m[1]!.replace("__", "/")}` : m[1]!;
    if (ctx.roots.has(plain)) names.unshift(plain);
  }
  const want = resolvePath(abs);
  for (const n of names) {
    const nKey = ctx.roots.get(n) ?? key;
    const candidates = [n];
    if (rest) {
      const noExt = rest.replace(/\.(?:d\.[mc]?ts|[mc]?js|json)$/, "");
      candidates.push(`${n}/${noExt}`, `${n}/${rest}`);
      if (/(^|\/)index\.[mc]?js$/.test(rest)) candidates.push(`${n}/${rest.replace(/\/?index\.[mc]?js$/, "")}`);
    }
    for (const c of candidates) {
      const bare = splitBare(c);
      if (!bare) continue;
      try {
        const got = resolveForProject(ctx, nKey, n, bare.subpath, spec, file);
        if (resolvePath(got) === want) return c;
      } catch {
        // not this candidate
      }
    }
  }
  return rest ? `${name}/${rest}` : name;
}

/** For check: the generated entries the lock implies for a set of `#vendor/` specifiers. */
export function expectedImports(ctx: ProjectContext, specifiers: Iterable<string>): Map<string, ImportsEntry | Error> {
  const out = new Map<string, ImportsEntry | Error>();
  for (const s of specifiers) {
    try {
      out.set(VENDOR_PREFIX + s, importsEntryFor(ctx, s));
    } catch (err) {
      out.set(VENDOR_PREFIX + s, err instanceof Error ? err : new Error(String(err)));
    }
  }
  return out;
}


/**
 * `tonic-vendor rewrite [--undo]`: reads tonic-vendor.json and the lock, then rewrites (or undoes) the project's
 * imports. The vendored packages are rewritten by sync, which digests them afterwards; this never touches vendor/.
 */
export async function runRewrite(opts: { projectDir: string; undo?: boolean }): Promise<RewriteReport> {
  const manifest = await readManifest(opts.projectDir);
  const lock = await readLock(opts.projectDir);
  if (!lock) {
    throw new VendorError(`there is no ${LOCK_FILE} yet`, { exitCode: 2, code: "lock-missing", file: LOCK_FILE, fix: "run `tonic-vendor sync` first" });
  }
  return opts.undo ? undoProject({ projectDir: opts.projectDir, manifest, lock }) : rewriteProject({ projectDir: opts.projectDir, manifest, lock });
}
