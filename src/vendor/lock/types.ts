// The lock, tonic-vendor.lock: written only by the tool, deterministic, one entry per vendored directory.
import type { SourceKind, VendorMode } from "../manifest/types.js";

export const LOCKFILE_VERSION = 1;

export interface LockEntry {
  /** The package's own name (package.json "name"; for git/file sources the manifest name). */
  name: string;
  /** Exact semver version (registry, tarball, file; git: package.json version when there is one). */
  version?: string;
  source: SourceKind;
  /**
   * Where it came from, for non-registry sources only: git URL with credentials stripped, tarball URL,
   * or "file:<path relative to the project root>". Registry entries never store a URL (a mirror serves the
   * same lock): they are pinned by name, version and integrity.
   */
  resolved?: string;
  /** Upstream integrity: the registry/tarball's "sha512-..." (SRI). Absent for git and file sources. */
  integrity?: string;
  /** git only: the ref the manifest asked for ("v1.2.0", "main", "semver:^2", or the commit itself). */
  ref?: string;
  /** git only: the full 40- or 64-hex commit id. */
  commit?: string;
  /** git only. */
  mode?: VendorMode;
  /** h1 tree digest of the directory as vendored (after rewriting). Absent for submodules (the commit pins them). */
  digest?: string;
  /** Files (relative, "/"-separated, sorted by bytes) whose executable bit is set: h1 does not see modes. */
  executables?: string[];
  /** Dependency name -> lock key of the entry it resolved to (only those that were vendored). */
  dependencies?: Record<string, string>;
  /** The manifest's include/exclude globs this entry's tree was filtered with (manifest roots only). */
  include?: string[];
  exclude?: string[];
  /** True when only reachable through optionalDependencies. */
  optional?: boolean;
}

export interface Lock {
  lockfileVersion: number;
  /** Manifest dependency name -> the spec it was locked for and the lock key of the entry it resolved to. */
  roots: Record<string, { spec: string; key: string }>;
  /**
   * Keyed by the entry's directory relative to vendorDir, "/"-separated: "semver", "@scope/name",
   * "ms@2.0.0" (a second version of a name), "@scope/name@1.0.0".
   */
  packages: Record<string, LockEntry>;
}
