// The native tree hasher (native/tree-hash.c, built by scripts/build-native.mjs), loaded lazily. check hashes a
// whole vendored tree; measured on 2 cores, C threads reading with openat + OpenSSL did it in about half the
// time of the JS hasher. Anything that goes wrong here (no build, another platform, a load failure, an addon
// of another API version) leaves the JS hasher in charge: nativeHasher() returns undefined.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** One tree's result: field for field what the JS worker's packedJob produces (see worker-source.ts). */
export interface NativeJobResult {
  /** Index of the tree in the roots passed to hashTrees. */
  id: number;
  /** h1 of the tree; "" when an error was recorded or a file name holds a newline. */
  digest: string;
  /** Regular files, relative "/"-paths joined by "\0", always in UTF-8 byte order. */
  files: string;
  /** 64 lowercase hex characters per file, same order. */
  hex: string;
  /** st_mode per file (type bits included), same order. */
  modes: Int32Array;
  /** "\0"-joined relative paths, in byte order. */
  symlinks: string;
  /** Fifos, sockets, devices: never read. "\0"-joined, byte order. */
  others: string;
  /**
   * "\0"-joined "<relative path>\t<CODE>" ("" is the root; codes as Node's fs names them, e.g. ENOENT). A name
   * that is not valid UTF-8 is reported with code EILSEQ (its path shown with U+FFFD) and never hashed.
   */
  errors: string;
}

export interface NativeHasher {
  /**
   * Returns at once. `threads` native threads claim roots[i] by an atomic compare-exchange of flags[i] from 0
   * to 1 (any other value: taken or dropped, skipped; the caller may set a flag to anything non-zero at any
   * time, e.g. to hash a tree itself), hash each claimed tree and deliver the results on this thread in groups
   * of about 256 files. Exactly one call has done === true: the last, after every thread has finished (it may
   * carry results). Nothing keeps the event loop alive after that. `flags` must be an Int32Array on a
   * SharedArrayBuffer with at least roots.length elements. Throws a TypeError on bad arguments.
   * A tree that runs out of memory yields errors "\tENOMEM"; should even that fail, its flag stays 1 with no
   * result: treat a claimed tree without a result at done as failed.
   */
  hashTrees(
    roots: readonly string[],
    flags: Int32Array,
    threads: number,
    onResults: (results: NativeJobResult[], done: boolean) => void,
  ): void;
}

/** The addon API this module speaks (native/tree-hash.c API_VERSION); another build is not used. */
const API_VERSION = 1;

let loaded: NativeHasher | undefined;
let tried = false;

/**
 * Where the addon may be, relative to this module: from the bundled CLI (dist/cli/main.cjs) the build's
 * dist/native; from the sources (src/vendor/digest, under tsx) the repository's dist/native.
 */
function candidates(): string[] {
  return ["../native/tree_hash.node", "../../../dist/native/tree_hash.node"].map((p) => fileURLToPath(new URL(p, import.meta.url)));
}

function load(): NativeHasher | undefined {
  const require = createRequire(import.meta.url);
  for (const path of candidates()) {
    if (!existsSync(path)) continue;
    try {
      const mod = require(path) as { version?: unknown; hashTrees?: unknown };
      if (mod.version === API_VERSION && typeof mod.hashTrees === "function") return mod as NativeHasher;
    } catch {
      // A build for another platform or a missing symbol: try the next candidate, then the JS hasher.
    }
  }
  return undefined;
}

/** The native hasher, or undefined (TONIC_NATIVE=0, not built, or it did not load: use the JS hasher). */
export function nativeHasher(): NativeHasher | undefined {
  if (process.env.TONIC_NATIVE === "0") return undefined;
  if (!tried) {
    tried = true;
    try {
      loaded = load();
    } catch {
      loaded = undefined;
    }
  }
  return loaded;
}
