// Tree digests: h1 exactly as Go's golang.org/x/mod/sumdb/dirhash.Hash1 (sha256 over the byte-sorted lines
// "<sha256 hex>  <path>\n", base64, "h1:" prefix), plus what h1 does not see: executable bits and symlinks.
import crypto, { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { VendorError } from "../errors.js";
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
  /** Sorted by bytes of the path. */
  files: FileHash[];
  symlinks: string[];
  others: string[];
  /** Paths (relative; "" is the root) that could not be read, with the errno code. */
  errors: { path: string; code: string }[];
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

const sha256base64: (data: string) => string =
  typeof (crypto as { hash?: unknown }).hash === "function"
    ? (data) => crypto.hash("sha256", data, "base64")
    : (data) => createHash("sha256").update(data).digest("base64");

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

interface Job {
  tree: number;
  /** Directories still to walk, relative to the tree's root ("" is the root). */
  stack: string[];
}

interface JobResult {
  id: number;
  files: string;
  hex: string;
  modes: Int32Array;
  symlinks: string;
  others: string;
  errors: string;
  rest: string[];
}

const split = (s: string): string[] => (s === "" ? [] : s.split("\0"));

function poolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

type LocalRunner = (msg: { id: number; root: string; stack: string }) => JobResult;
let cachedRunner: LocalRunner | undefined;

/** The worker's job function, compiled once in this thread from the same source the workers run. */
function localRunner(): LocalRunner {
  // new Function over our own constant source (the one the workers run), never over input.
  cachedRunner ??= new Function("require", "parentPort", JOB_SOURCE)(createRequire(import.meta.url), null) as LocalRunner;
  return cachedRunner;
}

interface Tree {
  root: string;
  listing: TreeListing;
  /** Jobs of this tree queued or in flight: the tree is complete at 0. */
  pending: number;
  /** Dropped trees get no new jobs; what is in flight finishes and is ignored. */
  dropped: boolean;
  rootMissing: boolean;
}

/**
 * A pool of hashing threads that can be started before the caller knows every tree it will ask for: `check`
 * boots it and queues vendor/'s directories first, so the workers boot and hash while the main thread loads
 * modules and parses the manifest and the lock (on 2 cores that was ~100 ms of the main thread's time with
 * the second core idle). `listings` then joins in on the main thread until the trees it asks for are done.
 */
export class TreeHasher {
  private readonly trees: Tree[] = [];
  private readonly byRoot = new Map<string, number>();
  private readonly queue: Job[] = [];
  private readonly workers: Worker[] = [];
  private readonly outstanding: number[] = [];
  private readonly inflight = new Map<number, { job: Job; worker: number }>();
  private nextId = 0;
  private failure: unknown;
  private wake: (() => void) | undefined;
  private closed = false;

  constructor() {
    // The main thread hashes too (inside listings()), so a pool of N threads boots N - 1 workers.
    for (let i = 0; i < poolSize() - 1; i++) {
      const w = new Worker(WORKER_SOURCE, { eval: true });
      w.on("message", (msg: JobResult) => this.onResult(i, msg));
      w.on("error", (e) => {
        this.failure ??= e;
        this.notify();
      });
      // Idle workers must not keep the process alive; listings() refs them while it waits on them.
      w.unref();
      this.workers.push(w);
      this.outstanding.push(0);
    }
  }

  /** Queues trees (absolute or relative directories); a tree already queued is not hashed twice. */
  add(dirs: readonly string[]): void {
    for (const d of dirs) {
      const root = resolve(d);
      const known = this.byRoot.get(root);
      if (known !== undefined && !this.trees[known]!.dropped) continue;
      // A dropped tree asked for again starts over as a new tree; results still in flight for the old one
      // are ignored.
      const tree = this.trees.length;
      this.byRoot.set(root, tree);
      this.trees.push({ root, listing: { files: [], symlinks: [], others: [], errors: [] }, pending: 1, dropped: false, rootMissing: false });
      this.queue.push({ tree, stack: [""] });
    }
    this.pump();
  }

  /** Stops hashing every queued tree not in `keep` (resolved paths). */
  keepOnly(keep: readonly string[]): void {
    const wanted = new Set(keep.map((d) => resolve(d)));
    for (const t of this.trees) if (!wanted.has(t.root)) t.dropped = true;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const t = this.trees[this.queue[i]!.tree]!;
      if (t.dropped) {
        t.pending--;
        this.queue.splice(i, 1);
      }
    }
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  private onResult(worker: number, msg: JobResult): void {
    const slot = this.inflight.get(msg.id);
    if (!slot) return;
    this.inflight.delete(msg.id);
    this.outstanding[worker]!--;
    try {
      this.absorb(slot.job, msg);
    } catch (e) {
      this.failure ??= e;
    }
    this.pump();
    this.notify();
  }

  private absorb(job: Job, msg: JobResult): void {
    const tree = this.trees[job.tree]!;
    tree.pending--;
    if (tree.dropped) return;
    const listing = tree.listing;
    const files = split(msg.files);
    for (let i = 0; i < files.length; i++) {
      listing.files.push({ path: files[i]!, sha256: msg.hex.slice(i * 64, i * 64 + 64), executable: (msg.modes[i]! & 0o111) !== 0 });
    }
    for (const l of split(msg.symlinks)) listing.symlinks.push(l);
    for (const o of split(msg.others)) listing.others.push(o);
    for (const e of split(msg.errors)) {
      const tab = e.lastIndexOf("\t");
      const path = e.slice(0, tab);
      const code = e.slice(tab + 1);
      if (path === "" && code === "ENOENT") tree.rootMissing = true;
      listing.errors.push({ path, code });
    }
    // Split what is left in two so an idle thread can take half of a large tree.
    if (msg.rest.length > 1) {
      const half = msg.rest.length >> 1;
      tree.pending += 2;
      this.queue.push({ tree: job.tree, stack: msg.rest.slice(0, half) }, { tree: job.tree, stack: msg.rest.slice(half) });
    } else if (msg.rest.length === 1) {
      tree.pending++;
      this.queue.push({ tree: job.tree, stack: msg.rest });
    }
  }

  private pump(): void {
    // Two jobs in flight per worker hide the message round trip; more would defeat rebalancing.
    for (let i = 0; i < this.workers.length && this.queue.length; i++) {
      while (this.outstanding[i]! < 2 && this.queue.length) {
        const job = this.queue.shift()!;
        const id = this.nextId++;
        this.inflight.set(id, { job, worker: i });
        this.outstanding[i]!++;
        this.workers[i]!.postMessage({ id, root: this.trees[job.tree]!.root, stack: job.stack.join("\0") });
      }
    }
  }

  /** Hashes (with the main thread joining in) until every tree of `dirs` is complete; one listing per dir. */
  async listings(dirs: readonly string[]): Promise<TreeListing[]> {
    if (this.closed) throw new Error("TreeHasher used after close()");
    this.add(dirs);
    const ids = dirs.map((d) => this.byRoot.get(resolve(d))!);
    const local = localRunner();
    for (const w of this.workers) w.ref();
    try {
      for (;;) {
        if (this.failure) throw this.failure;
        this.pump();
        if (ids.every((t) => this.trees[t]!.pending === 0)) break;
        const job = this.queue.shift();
        if (job) {
          this.absorb(job, local({ id: -1, root: this.trees[job.tree]!.root, stack: job.stack.join("\0") }));
          // Let worker results in between local jobs.
          await new Promise((r) => setImmediate(r));
        } else await new Promise<void>((r) => (this.wake = r));
      }
    } finally {
      for (const w of this.workers) w.unref();
    }
    const missing = ids.findIndex((t) => this.trees[t]!.rootMissing);
    if (missing >= 0) throw new VendorError(`directory does not exist: ${dirs[missing]}`, { exitCode: 1, code: "tree-missing" });
    return ids.map((t) => {
      const l = this.trees[t]!.listing;
      l.errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      sortFiles(l.files);
      sortByBytes(l.symlinks);
      sortByBytes(l.others);
      return l;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
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
    digest: h1(l.files),
    files: l.files.length,
    executables: l.files.filter((f) => f.executable).map((f) => f.path),
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
