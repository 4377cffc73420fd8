// Node's package resolution (ESM and CJS) restricted to the vendor tree: a bare specifier is looked up in the
// importer's lock dependencies (never in node_modules), then resolved inside that package's directory through
// `exports` (subpaths, `*` patterns, nested conditions, arrays, null targets), else `main`/index files with
// CJS extension probing. Types resolution (for type-only imports and declaration files) follows TypeScript's
// nodenext rules closely enough for vendored trees: the `types` condition, `types`/`typings`, a declaration
// next to the JS file, then `@types/<name>`.
import { existsSync, readFileSync, statSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, join, posix, relative, resolve as resolvePath, sep } from "node:path";
import type { Lock } from "../lock/types.js";

export type ResolveMode = "import" | "require";

/** A resolution failure; the caller adds the importer's file and line (VendorError). */
export class ResolveError extends Error {
  constructor(message: string, readonly fix: string) {
    super(message);
    this.name = "ResolveError";
  }
}

interface PackageJson {
  name?: string;
  main?: string;
  types?: string;
  typings?: string;
  exports?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** "@scope/name/sub/path" -> { name: "@scope/name", subpath: "./sub/path" }; undefined when not bare. */
export function splitBare(spec: string): { name: string; subpath: string } | undefined {
  if (!isBareSpecifier(spec)) return undefined;
  const parts = spec.split("/");
  const scoped = spec.startsWith("@");
  if (scoped && parts.length < 2) return undefined;
  const n = scoped ? 2 : 1;
  const name = parts.slice(0, n).join("/");
  if (!name || (scoped && !parts[1])) return undefined;
  const rest = parts.slice(n).join("/");
  return { name, subpath: rest ? `./${rest}` : "." };
}

/** A specifier that Node looks up as a package: not relative, absolute, #internal, a URL or a builtin. */
export function isBareSpecifier(spec: string): boolean {
  if (spec === "" || spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("#")) return false;
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(spec)) return false; // node:, data:, file:, http:
  if (spec.includes("\\")) return false;
  return !isBuiltin(spec);
}

export function isRelativeSpecifier(spec: string): boolean {
  return spec === "." || spec === ".." || spec.startsWith("./") || spec.startsWith("../");
}

/** The @types package name for a package name: "@scope/name" -> "@types/scope__name". */
export function typesPackageName(name: string): string {
  return `@types/${name.startsWith("@") ? name.slice(1).replace("/", "__") : name}`;
}

const CONDITIONS: Record<ResolveMode, string[]> = {
  import: ["import", "node", "default"],
  require: ["require", "node", "default"],
};

const DECL_OF: Record<string, string> = { ".js": ".d.ts", ".mjs": ".d.mts", ".cjs": ".d.cts", ".jsx": ".d.ts" };

export function isDeclarationFile(file: string): boolean {
  return /\.d\.[mc]?ts$/.test(file) || /\.d\.[^/\\]*\.ts$/.test(file);
}

/** x.d.ts -> x.js, x.d.mts -> x.mjs, x.d.cts -> x.cjs: the form TypeScript wants in an import specifier. */
export function declarationToJs(file: string): string {
  return file.replace(/\.d\.ts$/, ".js").replace(/\.d\.mts$/, ".mjs").replace(/\.d\.cts$/, ".cjs");
}

/** "./a/b.js" relative from a file's directory, always starting with "./" or "../", "/"-separated. */
export function relativeSpecifier(fromFile: string, toFile: string): string {
  const rel = relative(dirname(fromFile), toFile).split(sep).join("/");
  return rel.startsWith("../") ? rel : `./${rel}`;
}

export class VendorResolver {
  private readonly pkgCache = new Map<string, PackageJson>();
  private readonly fileCache = new Map<string, boolean>();
  private readonly root: string;

  constructor(vendorRoot: string, readonly lock: Lock) {
    this.root = resolvePath(vendorRoot);
  }

  packageDir(key: string): string {
    return join(this.root, ...key.split("/"));
  }

  packageJson(key: string): PackageJson {
    let pj = this.pkgCache.get(key);
    if (!pj) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(join(this.packageDir(key), "package.json"), "utf8"));
        pj = parsed && typeof parsed === "object" ? (parsed as PackageJson) : {};
      } catch {
        pj = {};
      }
      this.pkgCache.set(key, pj);
    }
    return pj;
  }

  /** Whether an absolute path is inside the vendor root. */
  inside(abs: string): boolean {
    const r = resolvePath(abs);
    return r === this.root || r.startsWith(this.root + sep);
  }

  private isFile(abs: string): boolean {
    let v = this.fileCache.get(abs);
    if (v === undefined) {
      try {
        v = statSync(abs).isFile();
      } catch {
        v = false;
      }
      this.fileCache.set(abs, v);
    }
    return v;
  }

  // Resolutions by (key, subpath, mode[, typesKey]): a package's files import the same few specifiers over and
  // over, and each resolution walks `exports` and probes files. Failures are not cached (they abort the run).
  private readonly fileResolutions = new Map<string, string>();
  private readonly typesResolutions = new Map<string, string | undefined>();

  /** The runtime file `<key>` + subpath resolves to, as Node would load it (absolute path). */
  resolveFile(key: string, subpath: string, mode: ResolveMode): string {
    const id = `${mode}\0${key}\0${subpath}`;
    let file = this.fileResolutions.get(id);
    if (file === undefined) {
      file = this.resolveFileUncached(key, subpath, mode);
      this.fileResolutions.set(id, file);
    }
    return file;
  }

  private resolveFileUncached(key: string, subpath: string, mode: ResolveMode): string {
    const dir = this.packageDir(key);
    const pj = this.packageJson(key);
    if (!existsSync(dir)) throw new ResolveError(`vendor directory of ${key} is missing`, "run `tonic-vendor sync`");
    let file: string | undefined;
    if (pj.exports !== undefined && pj.exports !== null) {
      const target = this.exportsTarget(key, pj.exports, subpath, CONDITIONS[mode]);
      file = join(dir, target);
      if (!this.isFile(file)) {
        throw new ResolveError(`${key}: exports maps "${subpath}" to ${target}, which does not exist`,
          "the vendored package is incomplete: check its include/exclude globs, then run `tonic-vendor sync`");
      }
    } else if (subpath === ".") {
      file = this.legacyMain(dir, pj);
    } else {
      file = this.probe(join(dir, subpath));
    }
    if (!file) {
      throw new ResolveError(`cannot resolve "${subpath}" in vendored package ${key}`,
        "check the specifier, or the package's include/exclude globs in tonic-vendor.json");
    }
    const r = resolvePath(file);
    if (r !== dir && !r.startsWith(dir + sep)) {
      throw new ResolveError(`${key}: "${subpath}" resolves outside the package's own directory`, "import the other package by its own name");
    }
    if (file.endsWith(".node")) {
      throw new ResolveError(`${key}: "${subpath}" resolves to a native addon (${relative(dir, file)})`,
        "native addons cannot be vendored as source; remove the dependency or exclude the code path");
    }
    return file;
  }

  /**
   * The declaration file for `<key>` + subpath, or undefined when the package has none. `typesKey` is the lock
   * key of the vendored `@types/<name>` package, if any.
   */
  resolveTypes(key: string, subpath: string, mode: ResolveMode, typesKey?: string): string | undefined {
    const id = `${mode}\0${key}\0${subpath}\0${typesKey ?? ""}`;
    if (this.typesResolutions.has(id)) return this.typesResolutions.get(id);
    const types = this.resolveTypesUncached(key, subpath, mode, typesKey);
    this.typesResolutions.set(id, types);
    return types;
  }

  private resolveTypesUncached(key: string, subpath: string, mode: ResolveMode, typesKey?: string): string | undefined {
    const own = this.ownTypes(key, subpath, mode);
    if (own) return own;
    if (typesKey) return this.ownTypes(typesKey, subpath, mode);
    return undefined;
  }

  private ownTypes(key: string, subpath: string, mode: ResolveMode): string | undefined {
    const dir = this.packageDir(key);
    const pj = this.packageJson(key);
    if (pj.exports !== undefined && pj.exports !== null) {
      let target: string;
      try {
        target = this.exportsTarget(key, pj.exports, subpath, ["types", ...CONDITIONS[mode]]);
      } catch {
        return undefined;
      }
      return this.declarationFor(join(dir, target));
    }
    if (subpath === ".") {
      const field = pj.types ?? pj.typings;
      if (typeof field === "string" && field) {
        const f = this.probeTypes(join(dir, field));
        if (f) return f;
      }
      if (typeof pj.main === "string" && pj.main) {
        const f = this.probeTypes(join(dir, pj.main));
        if (f) return f;
      }
      return this.probeTypes(join(dir, "index"));
    }
    return this.probeTypes(join(dir, subpath));
  }

  private declarationFor(file: string): string | undefined {
    if (!this.inside(file)) return undefined;
    if (isDeclarationFile(file)) return this.isFile(file) ? file : undefined;
    const m = /\.(?:[mc]?js|jsx)$/.exec(file);
    if (m) {
      const d = file.slice(0, -m[0].length) + (DECL_OF[m[0]] ?? ".d.ts");
      return this.isFile(d) ? d : undefined;
    }
    if (/\.[mc]?tsx?$/.test(file)) return this.isFile(file) ? file : undefined;
    return undefined;
  }

  private probeTypes(base: string): string | undefined {
    if (!this.inside(base)) return undefined;
    const direct = this.declarationFor(base);
    if (direct) return direct;
    const stripped = base.replace(/\.(?:[mc]?js|jsx)$/, "");
    for (const ext of [".d.ts", ".d.mts", ".d.cts"]) if (this.isFile(stripped + ext)) return stripped + ext;
    for (const ext of [".d.ts"]) if (this.isFile(join(base, "index" + ext))) return join(base, "index" + ext);
    return undefined;
  }

  /** LEGACY_MAIN_RESOLVE: main with CJS probing, then index. */
  private legacyMain(dir: string, pj: PackageJson): string | undefined {
    if (typeof pj.main === "string" && pj.main) {
      const f = this.probe(join(dir, pj.main));
      if (f) return f;
    }
    return this.probe(join(dir, "index"));
  }

  /** CJS LOAD_AS_FILE then LOAD_AS_DIRECTORY. Also used for ESM subpaths without exports: a rewrite to the
   *  exact file makes them work, where Node's ESM loader would refuse the extensionless form. */
  private probe(base: string): string | undefined {
    if (!this.inside(base)) return undefined;
    for (const ext of ["", ".js", ".json", ".node"]) if (this.isFile(base + ext)) return base + ext;
    const pjPath = join(base, "package.json");
    if (this.isFile(pjPath)) {
      try {
        const pj = JSON.parse(readFileSync(pjPath, "utf8")) as PackageJson;
        if (typeof pj.main === "string" && pj.main) {
          const f = this.probeMainFile(join(base, pj.main));
          if (f) return f;
        }
      } catch {
        // an unreadable nested package.json is ignored, as Node does for "main" lookups
      }
    }
    for (const ext of [".js", ".json", ".node"]) if (this.isFile(join(base, "index" + ext))) return join(base, "index" + ext);
    return undefined;
  }

  private probeMainFile(base: string): string | undefined {
    if (!this.inside(base)) return undefined;
    for (const ext of ["", ".js", ".json", ".node"]) if (this.isFile(base + ext)) return base + ext;
    for (const ext of [".js", ".json", ".node"]) if (this.isFile(join(base, "index" + ext))) return join(base, "index" + ext);
    return undefined;
  }

  /** PACKAGE_EXPORTS_RESOLVE: returns the package-relative target ("./dist/x.js"); throws when not exported. */
  exportsTarget(key: string, exports: unknown, subpath: string, conditions: string[]): string {
    const r = resolveExports(exports, subpath, conditions);
    if (typeof r === "string") return r;
    const how = r === null ? "explicitly excludes (null target)" : "does not export";
    throw new ResolveError(`vendored package ${key} ${how} "${subpath}" for conditions ${conditions.join(", ")}`,
      `import a subpath listed in ${key}'s package.json "exports"`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Node's PACKAGE_EXPORTS_RESOLVE minus the file system: a target string, null (excluded) or undefined. */
export function resolveExports(exports: unknown, subpath: string, conditions: string[]): string | null | undefined {
  let map: unknown = exports;
  if (typeof exports === "string" || Array.isArray(exports) ||
    (isObject(exports) && !Object.keys(exports).some((k) => k.startsWith(".")))) {
    map = { ".": exports };
  }
  if (!isObject(map)) return undefined;
  if (!subpath.includes("*") && Object.hasOwn(map, subpath)) return resolveTarget(map[subpath], undefined, conditions);
  let bestKey: string | undefined;
  let bestMatch = "";
  for (const key of Object.keys(map)) {
    const star = key.indexOf("*");
    if (star === -1 || key.indexOf("*", star + 1) !== -1) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath !== prefix &&
      (suffix === "" || (subpath.endsWith(suffix) && subpath.length >= key.length))) {
      if (bestKey === undefined || patternKeyCompare(bestKey, key) === 1) {
        bestKey = key;
        bestMatch = subpath.slice(prefix.length, subpath.length - suffix.length);
      }
    }
  }
  if (bestKey !== undefined) return resolveTarget(map[bestKey], bestMatch, conditions);
  return undefined;
}

function patternKeyCompare(a: string, b: string): number {
  const aStar = a.indexOf("*");
  const bStar = b.indexOf("*");
  const baseA = aStar === -1 ? a.length : aStar + 1;
  const baseB = bStar === -1 ? b.length : bStar + 1;
  if (baseA > baseB) return -1;
  if (baseB > baseA) return 1;
  if (aStar === -1) return 1;
  if (bStar === -1) return -1;
  if (a.length > b.length) return -1;
  if (b.length > a.length) return 1;
  return 0;
}

const INVALID_SEGMENT = /(^|\/|\\)(\.\.?|node_modules)(\/|\\|$)/i;

function resolveTarget(target: unknown, patternMatch: string | undefined, conditions: string[]): string | null | undefined {
  if (typeof target === "string") {
    // Exports targets must be package-relative ("./..."), with no "..", "." or node_modules segments after
    // the first: this is what keeps a resolution inside the package (Node throws INVALID_PACKAGE_TARGET).
    if (!target.startsWith("./")) return undefined;
    if (INVALID_SEGMENT.test(target.slice(2))) return undefined;
    if (patternMatch === undefined) return target;
    if (INVALID_SEGMENT.test(patternMatch)) return undefined;
    return target.split("*").join(patternMatch);
  }
  if (Array.isArray(target)) {
    let last: string | null | undefined;
    for (const t of target) {
      const r = resolveTarget(t, patternMatch, conditions);
      if (typeof r === "string") return r;
      last = r;
    }
    return last;
  }
  if (isObject(target)) {
    for (const key of Object.keys(target)) {
      if (key === "default" || conditions.includes(key)) {
        const r = resolveTarget(target[key], patternMatch, conditions);
        if (r === undefined) continue;
        return r;
      }
    }
    return undefined;
  }
  if (target === null) return null;
  return undefined;
}

/** Posix form of a path relative to a directory. */
export function posixRelative(fromDir: string, to: string): string {
  return relative(fromDir, to).split(sep).join(posix.sep);
}

/** Finds the lock key owning an absolute path inside the vendor root: the longest key that prefixes it. */
export function keyForPath(vendorRoot: string, abs: string, lock: Lock): { key: string; rest: string } | undefined {
  const rel = posixRelative(resolvePath(vendorRoot), abs);
  if (rel.startsWith("..") || rel === "") return undefined;
  let best: string | undefined;
  for (const key of Object.keys(lock.packages)) {
    if ((rel === key || rel.startsWith(key + "/")) && (!best || key.length > best.length)) best = key;
  }
  if (!best) return undefined;
  return { key: best, rest: rel.slice(best.length + 1) };
}
