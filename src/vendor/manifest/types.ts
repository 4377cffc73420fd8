// The manifest, tonic-vendor.json: what the user asks for. Parsed and validated by manifest/parse.ts.

/** Where a dependency's files come from, decided by npm-package-arg's parse of its spec. */
export type SourceKind = "registry" | "git" | "tarball" | "file";

/** How a git dependency lands in vendor/: an extracted tree (default) or a real git submodule. */
export type VendorMode = "tarball" | "submodule";

/** How the project's own imports of vendored packages are written. */
export type ImportStyle = "imports" | "relative";

export interface Platform {
  os: string;
  cpu: string;
  /** Only meaningful on linux: "glibc" or "musl". */
  libc?: string;
}

export interface ManifestDependency {
  /** The name the project imports it by (the manifest key). */
  name: string;
  /** The spec in npm's grammar, exactly as written: "^7.6.0", "npm:real@1.2.3", "github:o/r#v1", ... */
  spec: string;
  mode: VendorMode;
  include?: string[];
  exclude?: string[];
}

export interface Manifest {
  /** Folder that receives vendored code, relative to the project root. Default "vendor". */
  vendorDir: string;
  /** Globs (relative to the project root) of the project's files whose imports are rewritten. Default ["src/**"]. */
  sources: string[];
  /** Default "imports" (#vendor/<specifier> backed by package.json "imports"). */
  importStyle: ImportStyle;
  /** Platforms whose optionalDependencies are vendored; undefined = every platform (--all-platforms). */
  platforms?: Platform[];
  /** Keyed and sorted by name. */
  dependencies: ManifestDependency[];
}
