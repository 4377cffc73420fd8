// The steps sync orchestrates, behind one interface so tests can drive sync with doubles (a double may leave
// out the rewrite and submodule steps). The real ones are loaded lazily so the CLI stays fast for --version.
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
  /** Rewrites the imports of the packages at <vendorRoot>/<key> for each key, with one shared resolver. */
  rewriteVendoredPackages?(opts: { vendorRoot: string; keys: string[]; lock: Lock }): Promise<RewriteReportLike>;
  rewriteProject?(opts: { projectDir: string; manifest: Manifest; lock: Lock }): Promise<RewriteReportLike>;
  materialiseSubmodule?(opts: { projectDir: string; vendorDir: string; key: string; entry: LockEntry }): Promise<void>;
  removeSubmodule?(opts: { projectDir: string; vendorDir: string; key: string }): Promise<void>;
}

let cached: Promise<SyncDeps> | undefined;

/** The real steps, imported on first use so that `--version` and `check` never load pacote and friends. */
export function loadRealDeps(): Promise<SyncDeps> {
  cached ??= (async () => {
    const [closure, sources, npmConfig, digest, rewrite, submodule] = await Promise.all([
      import("../resolve/closure.js"),
      import("../sources.js"),
      import("../npm-config.js"),
      import("../digest/index.js"),
      import("../rewrite/index.js"),
      import("../submodule/index.js"),
    ]);
    return {
      resolveClosure: closure.resolveClosure,
      sourceForEntry: sources.sourceForEntry,
      loadNpmOptions: npmConfig.loadNpmOptions,
      digestTrees: digest.digestTrees,
      rewriteVendoredPackages: rewrite.rewriteVendoredPackages,
      rewriteProject: rewrite.rewriteProject,
      materialiseSubmodule: submodule.materialiseSubmodule,
      removeSubmodule: submodule.removeSubmodule,
    };
  })();
  return cached;
}
