// The steps sync orchestrates, behind one interface so tests can drive sync with doubles. The real ones are
// loaded lazily (the CLI stays fast for --version) and by computed specifier, so this file type-checks
// whichever of the other parts have landed; the shapes below are the ones in notes/contracts.md.
import type { Lock, LockEntry } from "../lock/types.js";
import type { Manifest } from "../manifest/types.js";
import type { Source, SourceContext } from "../source.js";

export interface TreeDigestLike {
  digest: string;
  files: number;
  executables: string[];
  symlinks: string[];
  others?: string[];
}

export interface RewriteReportLike {
  filesChanged: string[];
  dynamic: { file: string; line: number; column: number; text: string }[];
}

export interface SyncDeps {
  loadNpmOptions(projectDir: string): Promise<Record<string, unknown>>;
  resolveClosure(opts: { manifest: Manifest; lock?: Lock; ctx: SourceContext; frozen?: boolean; update?: string[] }): Promise<Lock>;
  sourceForEntry(entry: LockEntry): Source;
  digestTrees(dirs: string[]): Promise<TreeDigestLike[]>;
  /** Optional: absent until the REWRITE part lands. */
  rewriteVendoredPackage?(opts: { vendorRoot: string; key: string; lock: Lock }): Promise<RewriteReportLike>;
  rewriteProject?(opts: { projectDir: string; manifest: Manifest; lock: Lock }): Promise<RewriteReportLike>;
  /** Optional: absent until the GIT part lands. */
  materialiseSubmodule?(opts: { projectDir: string; vendorDir: string; key: string; entry: LockEntry }): Promise<void>;
  removeSubmodule?(opts: { projectDir: string; vendorDir: string; key: string }): Promise<void>;
}

async function load(rel: string, required: boolean): Promise<Record<string, unknown> | undefined> {
  const url = new URL(rel, import.meta.url).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!required && (code === "ERR_MODULE_NOT_FOUND" || code === "ENOENT") && String((e as Error).message).includes(rel.split("/").pop()!.replace(/\.js$/, ""))) return undefined;
    throw e;
  }
}

function fn<T>(mod: Record<string, unknown> | undefined, name: string): T | undefined {
  const f = mod?.[name];
  return typeof f === "function" ? (f as T) : undefined;
}

let cached: Promise<SyncDeps> | undefined;

export function loadRealDeps(): Promise<SyncDeps> {
  cached ??= (async () => {
    const [closure, sources, npmConfig, digest, rewrite, submodule] = await Promise.all([
      load("../resolve/closure.js", true),
      load("../sources.js", true),
      load("../npm-config.js", true),
      load("../digest/index.js", true),
      load("../rewrite/index.js", false),
      load("../submodule/index.js", false),
    ]);
    const need = <T>(mod: Record<string, unknown> | undefined, name: string): T => {
      const f = fn<T>(mod, name);
      if (!f) throw new Error(`tonic-vendor is incomplete: ${name} is missing`);
      return f;
    };
    return {
      resolveClosure: need(closure, "resolveClosure"),
      sourceForEntry: need(sources, "sourceForEntry"),
      loadNpmOptions: need(npmConfig, "loadNpmOptions"),
      digestTrees: need(digest, "digestTrees"),
      rewriteVendoredPackage: fn(rewrite, "rewriteVendoredPackage"),
      rewriteProject: fn(rewrite, "rewriteProject"),
      materialiseSubmodule: fn(submodule, "materialiseSubmodule"),
      removeSubmodule: fn(submodule, "removeSubmodule"),
    };
  })();
  return cached;
}
