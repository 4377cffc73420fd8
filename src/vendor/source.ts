// One module per source kind (registry, git, tarball, file) behind this one interface. sync.ts picks the
// module from npm-package-arg's parse of the spec and never looks inside it.
import type { LockEntry } from "./lock/types.js";
import type { SourceKind, VendorMode } from "./manifest/types.js";

/** A spec pinned to exact bytes, plus what its package.json asks for (for the transitive closure). */
export interface ResolvedPackage {
  name: string;
  version?: string;
  source: SourceKind;
  /** Fields copied into the LockEntry as they are (see lock/types.ts). */
  resolved?: string;
  integrity?: string;
  ref?: string;
  commit?: string;
  mode?: VendorMode;
  dependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
}

export interface SourceContext {
  projectDir: string;
  /** npm config (registry, auth, cache) as pacote wants it, read from the user's .npmrc files. */
  npmOptions: Record<string, unknown>;
  /** Receives one plain line per step for progress output. */
  log: (line: string) => void;
  signal?: AbortSignal;
}

export interface Source {
  kind: SourceKind;
  /** spec -> exact pin. `locked` is the current lock entry when one exists and may be kept if it still fits. */
  resolve(name: string, spec: string, ctx: SourceContext, locked?: LockEntry): Promise<ResolvedPackage>;
  /** Write exactly the pinned files into `dest` (an empty staging directory), verifying integrity first. */
  fetch(entry: LockEntry, dest: string, ctx: SourceContext): Promise<void>;
}
