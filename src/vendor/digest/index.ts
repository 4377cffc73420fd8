// Tree digests: h1 exactly as Go's golang.org/x/mod/sumdb/dirhash.Hash1 (sha256 over the byte-sorted lines
// "<sha256 hex>  <path>\n", base64, "h1:" prefix), plus what h1 does not see: executable bits and symlinks.
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import type { Worker } from "node:worker_threads";
import { VendorError } from "../errors.js";
import { nativeHasher, type NativeHasher } from "./native.js";
import { JOB_SOURCE, WORKER_SOURCE } from "./worker-source.js";

export interface TreeDigest {
  digest: string;
  /** Regular files counted in the digest. */
  files: number;
  /** Files with any executable bit set, relative, "/"-separated, sorted by bytes. */
  executables: string[];
  /** Symlinks, same form. h1 does not see them; the caller decides whether they are allowed. */
  symlinks: string[];
  /** Anything that is neither a regular file, a directory nor a symlink (fifo, socket, device): never read. */
  others: string[];
}

export interface FileHash {
  /** Relative, "/"-separated. */
  path: string;
  sha256: string;
  executable: boolean;
}

export interface TreeListing {
  /**
   * Sorted by bytes of the path. A pool's listing builds these objects on first use: a passing check needs
   * only the count, the executables and the digest (16k objects were ~8 ms of a cold check's main thread).
   */
  files: FileHash[];
  /** files.length. */
  fileCount: number;
  /** Paths of the files with any executable bit set, sorted by bytes. */
  executables: string[];
  symlinks: string[];
  others: string[];
  /** Paths (relative; "" is the root) that could not be read, with the errno code. */
  errors: { path: string; code: string }[];
  /** h1 of `files`, when the thread that hashed the whole tree computed it (equal to h1(files)). */
  digest?: string;
}

const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
const byUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The comparator that orders these strings by their UTF-8 bytes, as Go's sort.Strings does. UTF-16 code-unit
 * order equals UTF-8 byte order unless a surrogate pair (a character above U+FFFF) is involved, so the cheap
 * comparison is used when no string has one: Buffer.compare on fresh buffers is ~10x slower on 40k paths.
 */
function bytewise(paths: readonly string[]): (a: string, b: string) => number {
  return paths.some((p) => SURROGATE.test(p)) ? byBytes : byUnits;
}

/** Sorts paths the way Go's sort.Strings does (UTF-8 bytes), not by UTF-16 code units. In place. */
export function sortByBytes(paths: string[]): string[] {
  return paths.sort(bytewise(paths));
}

function sortFiles<T extends { path: string }>(files: T[]): T[] {
  const cmp = bytewise(files.map((f) => f.path));
  return files.sort((a, b) => cmp(a.path, b.path));
}

/** True when `files` is already in UTF-8 byte order (as git and hashTrees hand them over). */
function inByteOrder(files: readonly { path: string }[]): boolean {
  for (let i = 1; i < files.length; i++) if (!(files[i - 1]!.path < files[i]!.path)) return false;
  // UTF-16 order equals byte order unless a character above U+FFFF is involved.
  for (const f of files) if (SURROGATE.test(f.path)) return false;
  return true;
}

// node:crypto on first use (a cold check --staged loads it while git lists the index). crypto.hash is in every
// supported Node (>= 20.12).
const sha256base64 = (data: string): string => process.getBuiltinModule("node:crypto").hash("sha256", data, "base64");

/**
 * h1 of (path, sha256) pairs; paths are sorted here. Throws for a name Go's Hash1 refuses (a newline).
 * Written for a cold process (check runs once per CI job/commit): skipping the sort when the input is already
 * ordered and hashing with the one-shot crypto.hash took `check --staged`'s 533 h1s from ~120 ms to 20-50 ms
 * (measured on a loaded 2-core machine).
 */
export function h1(files: readonly { path: string; sha256: string }[]): string {
  const sorted = inByteOrder(files) ? files : sortFiles([...files]);
  let text = "";
  for (const f of sorted) {
    if (f.path.includes("\n")) {
      throw new VendorError(`file name contains a newline: ${JSON.stringify(f.path)}`, {
        exitCode: 1,
        code: "filename-invalid",
        fix: "remove or rename the file; h1 (like Go's dirhash) cannot digest names containing newlines",
      });
    }
    text += `${f.sha256}  ${f.path}\n`;
  }
  return `h1:${sha256base64(text)}`;
}

interface JobResult {
  /** For a worker's result: the tree's index in its batch. */
  id: number;
  files: string;
  hex: string;
  modes: Int32Array;
  symlinks: string;
  others: string;
  errors: string;
  /** h1 of the tree ("" when a file could not be read or a name holds a newline). */
  digest: string;
}

const split = (s: string): string[] => (s === "" ? [] : s.split("\0"));

/** node:worker_threads, loaded by the first pool: check --staged never hashes a tree and skips its ~1.6 ms. */
const workerThreads = () => process.getBuiltinModule("node:worker_threads");

function poolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

type LocalRunner = (msg: { id: number; root: string }) => JobResult;
let cachedRunner: LocalRunner | undefined;

/** The worker's job function, compiled once in this thread from the same source the workers run. */
function localRunner(): LocalRunner {
  // new Function over our own constant source (the one the workers run), never over input.
  cachedRunner ??= new Function("require", "parentPort", JOB_SOURCE)(createRequire(import.meta.url), null) as LocalRunner;
  return cachedRunner;
}

/** A listing kept as the hashing threads packed it; `files` is built from the packs on first use. */
interface PackedListing extends TreeListing {
  packed: JobResult[];
}

function packedListing(): PackedListing {
  const files: FileHash[] = [];
  const packed: JobResult[] = [];
  let built = 0;
  const listing = {
    get files(): FileHash[] {
      for (; built < packed.length; built++) {
        const msg = packed[built]!;
        const names = split(msg.files);
        for (let i = 0; i < names.length; i++) files.push({ path: names[i]!, sha256: msg.hex.slice(i * 64, i * 64 + 64), executable: (msg.modes[i]! & 0o111) !== 0 });
      }
      return files;
    },
    fileCount: 0,
    executables: [],
    symlinks: [],
    others: [],
    errors: [],
  } as unknown as PackedListing;
  // Not enumerable: a listing compares (and prints) as its files, not as the threads' packing of them.
  Object.defineProperty(listing, "packed", { value: packed, enumerable: false });
  return listing;
}

interface Tree {
  root: string;
  listing: TreeListing;
  done: boolean;
  /** Dropped trees are not started; a result that still arrives for one is ignored. */
  dropped: boolean;
  rootMissing: boolean;
}

interface Batch {
  /** One flag per tree of the batch, shared with the hashing threads: 0 free, 1 taken by a worker or native thread, 2 by this thread, 3 dropped. */
  flags: Int32Array;
  trees: number[];
  /** The main thread takes trees from the end; workers from the start. */
  back: number;
}

/**
 * A pool of hashing threads that can be started before the caller knows every tree it will ask for: `check`
 * boots it and queues vendor/'s directories first, so the workers boot and hash while the main thread loads
 * modules and parses the manifest and the lock. `listings` then joins in on the main thread until the trees it
 * asks for are done. Trees are claimed through shared flags, workers from one end of a batch and the main
 * thread from the other, so no thread waits on another's messages: with jobs handed out by the main thread
 * (two in flight per worker), the worker sat idle for ~40% of a check run while the main thread was busy.
 * Where the native hasher is built (native/tree-hash.c), its threads, one per core, take the workers' place and
 * the main thread only waits: no worker boots, and the main thread's loading and parsing run beside them.
 */
export class TreeHasher {
  private readonly trees: Tree[] = [];
  private readonly byRoot = new Map<string, number>();
  private readonly batches: Batch[] = [];
  private readonly workers: Worker[] = [];
  private failure: unknown;
  private wake: (() => void) | undefined;
  private closed = false;

  /** The native hasher (native/tree-hash.c) when it is built: its threads do all the hashing, no worker boots. */
  private readonly native: NativeHasher | undefined = nativeHasher();
  /** Native batches whose threads have not all finished. */
  private nativeRunning = 0;

  constructor() {
    if (this.native) return;
    // The main thread hashes too (inside listings()), so a pool of N threads boots N - 1 workers.
    for (let i = 0; i < poolSize() - 1; i++) {
      const w = new (workerThreads().Worker)(WORKER_SOURCE, { eval: true });
      w.on("message", (msg: { batch: number; results: JobResult[] }) => this.onResults(msg));
      w.on("error", (e) => {
        this.failure ??= e;
        this.notify();
      });
      w.on("exit", (code) => {
        // A worker gone before close() would leave its claimed tree unfinished forever.
        if (!this.closed) this.failure ??= new Error(`hashing thread exited early (code ${code})`);
        this.notify();
      });
      // Idle workers must not keep the process alive; listings() refs them while it waits on them.
      w.unref();
      this.workers.push(w);
    }
  }

  /**
   * Hands a batch to the native threads. They claim trees through the same flags; results arrive on this
   * thread. A tree a native thread claimed but could not report (out of memory) fails the pool at the end.
   */
  private startNative(native: NativeHasher, id: number, roots: string[], batch: Batch): void {
    this.nativeRunning++;
    native.hashTrees(roots, batch.flags, poolSize(), (results, done) => {
      this.onResults({ batch: id, results });
      if (!done) return;
      this.nativeRunning--;
      batch.trees.forEach((t, i) => {
        const tree = this.trees[t]!;
        if (Atomics.load(batch.flags, i) === 1 && !tree.done && !tree.dropped) this.failure ??= new Error(`the native hasher gave no result for ${tree.root}`);
      });
      this.notify();
    });
  }

  /** Queues trees (absolute or relative directories); a tree already queued is not hashed twice. */
  add(dirs: readonly string[]): void {
    const fresh: number[] = [];
    for (const d of dirs) {
      const root = resolve(d);
      const known = this.byRoot.get(root);
      if (known !== undefined && !this.trees[known]!.dropped) continue;
      // A dropped tree asked for again starts over as a new tree.
      const tree = this.trees.length;
      this.byRoot.set(root, tree);
      this.trees.push({ root, listing: packedListing(), done: false, dropped: false, rootMissing: false });
      fresh.push(tree);
    }
    if (fresh.length === 0) return;
    const batch: Batch = { flags: new Int32Array(new SharedArrayBuffer(4 * fresh.length)), trees: fresh, back: fresh.length - 1 };
    const id = this.batches.push(batch) - 1;
    const roots = fresh.map((t) => this.trees[t]!.root);
    if (this.native) this.startNative(this.native, id, roots, batch);
    for (const w of this.workers) w.postMessage({ batch: id, roots, flags: batch.flags });
  }

  /** Stops every tree not in `keep` (directories) that no thread has started. */
  keepOnly(keep: readonly string[]): void {
    const wanted = new Set(keep.map((d) => resolve(d)));
    for (const t of this.trees) if (!wanted.has(t.root)) t.dropped = true;
    for (const b of this.batches) {
      b.trees.forEach((t, i) => {
        if (this.trees[t]!.dropped) Atomics.compareExchange(b.flags, i, 0, 3);
      });
    }
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  private onResults(msg: { batch: number; results: JobResult[] }): void {
    for (const r of msg.results) {
      const tree = this.batches[msg.batch]?.trees[r.id];
      if (tree === undefined) continue;
      try {
        this.merge(tree, r);
        this.trees[tree]!.done = true;
      } catch (e) {
        this.failure ??= e;
      }
    }
    this.notify();
  }

  private merge(t: number, msg: JobResult): void {
    const tree = this.trees[t]!;
    if (tree.dropped) return;
    const listing = tree.listing as PackedListing;
    listing.packed.push(msg);
    listing.fileCount += msg.modes.length;
    const exec = msg.modes.findIndex((m) => (m & 0o111) !== 0);
    if (exec >= 0) {
      const files = split(msg.files);
      for (let i = exec; i < files.length; i++) if ((msg.modes[i]! & 0o111) !== 0) listing.executables.push(files[i]!);
    }
    if (msg.digest) listing.digest = msg.digest;
    for (const l of split(msg.symlinks)) listing.symlinks.push(l);
    for (const o of split(msg.others)) listing.others.push(o);
    for (const e of split(msg.errors)) {
      const tab = e.lastIndexOf("\t");
      const path = e.slice(0, tab);
      const code = e.slice(tab + 1);
      if (path === "" && code === "ENOENT") tree.rootMissing = true;
      listing.errors.push({ path, code });
    }
  }

  /** A tree no thread has started, taken for the main thread (from the end of the newest batch). */
  private claim(): number | undefined {
    for (let b = this.batches.length - 1; b >= 0; b--) {
      const batch = this.batches[b]!;
      while (batch.back >= 0) {
        const i = batch.back--;
        if (Atomics.compareExchange(batch.flags, i, 0, 2) === 0) return batch.trees[i];
      }
    }
    return undefined;
  }

  /** Hashes (with the main thread joining in) until every tree of `dirs` is complete; one listing per dir. */
  async listings(dirs: readonly string[]): Promise<TreeListing[]> {
    if (this.closed) throw new Error("TreeHasher used after close()");
    this.add(dirs);
    const ids = dirs.map((d) => this.byRoot.get(resolve(d))!);
    const local = this.native ? undefined : localRunner();
    for (const w of this.workers) w.ref();
    try {
      for (;;) {
        if (this.failure) throw this.failure;
        if (ids.every((t) => this.trees[t]!.done)) break;
        // With the native hasher this thread only waits: its threads are as many as the cores.
        const t = this.native ? undefined : this.claim();
        if (t === undefined) {
          await new Promise<void>((r) => (this.wake = r));
          continue;
        }
        // Whole trees, as the workers do, so the job digests the tree itself; worker results wait in the queue
        // meanwhile, which costs nothing (threads claim trees through shared flags, not messages).
        this.merge(t, local!({ id: -1, root: this.trees[t]!.root }));
        this.trees[t]!.done = true;
        // Let worker results in between local trees.
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      for (const w of this.workers) w.unref();
    }
    const missing = ids.findIndex((t) => this.trees[t]!.rootMissing);
    if (missing >= 0) throw new VendorError(`directory does not exist: ${dirs[missing]}`, { exitCode: 1, code: "tree-missing" });
    return ids.map((t) => {
      const l = this.trees[t]!.listing;
      l.errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      // A job that digested its tree has sorted it too.
      if (l.digest === undefined) {
        sortFiles(l.files);
        sortByBytes(l.executables);
      }
      sortByBytes(l.symlinks);
      sortByBytes(l.others);
      return l;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    // Trees no thread has started are dropped; native threads finish the tree they hold, then stop.
    for (const b of this.batches) for (let i = 0; i < b.flags.length; i++) Atomics.compareExchange(b.flags, i, 0, 3);
    while (this.nativeRunning > 0) await new Promise<void>((r) => (this.wake = r));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Hashes every regular file of each tree, one worker pool for all of them. */
export async function hashTrees(dirs: string[]): Promise<TreeListing[]> {
  if (dirs.length === 0) return [];
  const hasher = new TreeHasher();
  try {
    return await hasher.listings(dirs);
  } finally {
    await hasher.close();
  }
}

/** Throws for a listing with unreadable paths: a digest of part of a tree would be a wrong digest. */
export function digestOfListing(l: TreeListing, dir = ""): TreeDigest {
  if (l.errors.length) {
    const first = l.errors[0]!;
    const file = first.path ? join(dir, first.path) : dir;
    throw new VendorError(`cannot read ${file}: ${first.code}${l.errors.length > 1 ? ` (and ${l.errors.length - 1} more)` : ""}`, {
      exitCode: 1,
      code: "tree-unreadable",
      file,
      fix: "check the file's permissions",
    });
  }
  return {
    digest: l.digest ?? h1(l.files),
    files: l.fileCount,
    executables: l.executables,
    symlinks: l.symlinks,
    others: l.others,
  };
}

/** Digests many trees with one worker pool. */
export async function digestTrees(dirs: string[]): Promise<TreeDigest[]> {
  return (await hashTrees(dirs)).map((l, i) => digestOfListing(l, dirs[i]));
}

export async function digestTree(dir: string): Promise<TreeDigest> {
  return (await digestTrees([dir]))[0]!;
}
