// DESIGN check item 2: the lock against vendor/. Every entry's directory exists and hashes to its locked
// digest, executable bits match, nothing h1 cannot see (symlinks, special files) is present, and nothing in
// vendor/ is unowned. A digest says only "something differs"; to name the files, the tree is compared with
// a copy git holds (index, then HEAD) whose digest equals the lock's, when there is one.
import { lstatSync, readdirSync, readFileSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { hashTrees, h1, sortByBytes, TreeHasher, type FileHash } from "../digest/index.js";
import { isVendorError } from "../errors.js";
import type { LockEntry } from "../lock/types.js";
import { BlobHashes, gitInfo, indexText, listHead, listIndex, parseIndex, type GitInfo, type GitPath } from "./git-objects.js";
import { VerifiedTrees } from "./verified-trees.js";
import type { CheckContext, Problem } from "./types.js";

const frozenFix = (dir: string): string => `run \`tonic-vendor sync --frozen\` to restore ${dir} from the lock`;

/** "vendor" from the manifest, "/"-separated, without "./" or a trailing "/". */
function vendorRelOf(ctx: CheckContext): string {
  return ctx.manifest.vendorDir.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, "");
}

/** The lock key a path under vendor/ belongs to: its first segment, or its first two for "@scope/name". */
export function keyOfPath(rel: string): string {
  const parts = rel.split("/");
  return parts[0]!.startsWith("@") && parts.length > 1 ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/**
 * Mode problems of one entry: files executable here but not in the lock, and locked executables present here
 * without the bit (a deleted one is the digest's to report). `files` is asked for only in that second case, so
 * a passing check never builds the whole file list.
 */
function executableProblems(key: string, entry: LockEntry, executables: readonly string[], files: () => readonly FileHash[], dir: string): Problem[] {
  const locked = new Set(entry.executables ?? []);
  const executable = new Set(executables);
  const now = new Map<string, boolean>();
  for (const p of executables) if (!locked.has(p)) now.set(p, true);
  const lost = [...locked].filter((p) => !executable.has(p));
  if (lost.length) {
    const present = new Set(files().map((f) => f.path));
    for (const p of lost) if (present.has(p)) now.set(p, false);
  }
  return sortByBytes([...now.keys()]).map((path) => ({
    item: "tree",
    code: "mode-changed",
    file: `${dir}/${path}`,
    entry: key,
    message: now.get(path) ? `${dir}/${path} is executable but the lock records it as not executable` : `${dir}/${path} is not executable but the lock records it as executable`,
    fix: `chmod ${now.get(path) ? "-x" : "+x"} ${dir}/${path}, or ${frozenFix(dir)}`,
  }));
}

function diffFiles(key: string, dir: string, actual: readonly FileHash[], reference: readonly FileHash[], skip: ReadonlySet<string>, where: string): Problem[] {
  const ref = new Map(reference.map((f) => [f.path, f]));
  const problems: Problem[] = [];
  const fix = frozenFix(dir);
  for (const f of actual) {
    const r = ref.get(f.path);
    ref.delete(f.path);
    if (!r) problems.push({ item: "tree", code: "file-added", file: `${dir}/${f.path}`, entry: key, message: `${dir}/${f.path} was added (it is not in the locked tree, as recorded in ${where})`, fix: `delete it, or ${fix}` });
    else if (r.sha256 !== f.sha256) problems.push({ item: "tree", code: "file-modified", file: `${dir}/${f.path}`, entry: key, message: `${dir}/${f.path} was modified (it differs from the locked tree, as recorded in ${where})`, fix });
  }
  for (const r of ref.values()) {
    if (skip.has(r.path)) continue;
    problems.push({ item: "tree", code: "file-deleted", file: `${dir}/${r.path}`, entry: key, message: `${dir}/${r.path} was deleted (it is in the locked tree, as recorded in ${where})`, fix });
  }
  return problems;
}

function regularFiles(rows: GitPath[], dir: string, hashes: ReadonlyMap<string, string>): FileHash[] {
  const out: FileHash[] = [];
  const cut = dir.length + 1;
  for (const r of rows) {
    if (r.stage !== 0 || (r.mode !== "100644" && r.mode !== "100755")) continue;
    const sha256 = hashes.get(r.oid);
    if (sha256 !== undefined) out.push({ path: r.path.slice(cut), sha256, executable: r.mode === "100755" });
  }
  return out;
}

/**
 * Names what changed in one entry whose digest does not match the lock, by finding a copy in git (index or
 * HEAD, in `sources` order) whose digest is the lock's; otherwise says honestly that only the digest differs.
 */
async function explainMismatch(
  ctx: CheckContext,
  git: GitInfo | undefined,
  blobs: BlobHashes | undefined,
  sources: ("index" | "HEAD")[],
  key: string,
  dir: string,
  actual: FileHash[],
  actualDigest: string,
  skip: ReadonlySet<string>,
): Promise<Problem[]> {
  const locked = ctx.lock.packages[key]!.digest!;
  let sameAs: string | undefined;
  if (git && blobs) {
    for (const source of sources) {
      const rows = (source === "index" ? await listIndex(ctx.projectDir, dir) : await listHead(ctx.projectDir, dir)).filter((r) => r.path.startsWith(`${dir}/`));
      if (rows.length === 0) continue;
      const hashes = await blobs.hash(rows.filter((r) => r.mode === "100644" || r.mode === "100755").map((r) => r.oid));
      const files = regularFiles(rows, dir, hashes);
      let digest: string;
      try {
        digest = h1(files);
      } catch {
        continue;
      }
      const where = source === "index" ? "the git index" : "HEAD";
      // An empty list here means every difference is a file replaced by a symlink, already reported.
      if (digest === locked) return diffFiles(key, dir, actual, files, skip, where);
      if (digest === actualDigest) sameAs ??= where;
    }
  }
  const base = { item: "tree" as const, code: "digest-mismatch", file: dir, entry: key };
  if (sameAs) {
    return [{ ...base, message: `${dir} hashes to ${actualDigest}, as its copy in ${sameAs} does, but the lock says ${locked}: the lock's digest was edited, or the tree was changed and committed without sync`, fix: `if tonic-vendor.lock was edited by hand, restore it from git; otherwise ${frozenFix(dir)}` }];
  }
  return [{ ...base, message: `${dir} hashes to ${actualDigest} but the lock says ${locked}${git ? "; no copy in git matches the lock, so the changed files cannot be named" : "; the project is not a git repository, so the changed files cannot be named"}`, fix: frozenFix(dir) }];
}

function strayProblem(dir: string, name: string): Problem {
  return { item: "tree", code: "stray", file: `${dir}/${name}`, message: `${dir}/${name} is in ${dir}/ but no lock entry owns it`, fix: `delete it, or add it to tonic-vendor.json and run \`tonic-vendor sync\`` };
}

const hashers = new WeakMap<CheckContext, TreeHasher>();

/** Lets checkTree take its listings from a pool started (and maybe already hashing) before ctx existed. */
export function useTreeHasher(ctx: CheckContext, hasher: TreeHasher): void {
  hashers.set(ctx, hasher);
}

// A vendorDir the speculative start below will follow: relative, plain names, no "..".
const PLAIN_DIR = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[\w@+.-]+(?:\/[\w@+.-]+)*\/?$/;

/**
 * The manifest's vendorDir when it can be known cheaply (the manifest parses as plain JSON and names a plain
 * relative vendorDir, or none); undefined otherwise. Read before the real parse, to start work early.
 */
export function plainVendorDir(projectDir: string): string | undefined {
  let vendorDir: unknown = "vendor";
  try {
    const m = JSON.parse(readFileSync(join(projectDir, "tonic-vendor.json"), "utf8")) as unknown;
    if (m && typeof m === "object" && "vendorDir" in m) vendorDir = m.vendorDir;
  } catch {
    return undefined;
  }
  return typeof vendorDir === "string" && PLAIN_DIR.test(vendorDir) ? vendorDir : undefined;
}

/**
 * Boots the hashing threads and queues every directory that looks like an entry (vendor/<name>,
 * vendor/@scope/<name>), before the manifest and the lock are parsed: in a healthy tree those are exactly
 * the locked entries. checkWorkTree later drops what the lock does not own and adds what was missed, so
 * the result is the same as without it. undefined when there is nothing to queue: check then hashes after
 * parsing, as before.
 */
export function startTreeHashing(projectDir: string, vendorDir: string): TreeHasher | undefined {
  const abs = join(projectDir, vendorDir);
  const dirs: string[] = [];
  try {
    for (const ent of readdirSync(abs, { withFileTypes: true })) {
      if (!ent.isDirectory()) continue;
      if (!ent.name.startsWith("@")) dirs.push(join(abs, ent.name));
      else for (const sub of readdirSync(join(abs, ent.name), { withFileTypes: true })) if (sub.isDirectory()) dirs.push(join(abs, ent.name, sub.name));
    }
  } catch {
    return undefined;
  }
  if (dirs.length === 0) return undefined;
  const hasher = new TreeHasher();
  hasher.add(dirs);
  return hasher;
}

/**
 * What vendor/<key> is (undefined: nothing there), from one readdir per directory instead of an lstat per
 * entry: 533 lstats were ~5 ms of a cold check, contending with the hashing threads for the same inodes. A
 * file system that reports no type (DT_UNKNOWN), or a key that is not <name> or @scope/<name>, gets an lstat.
 */
function entryType(vendorDir: string, key: string, cache: Map<string, Map<string, Dirent>>): { isSymbolicLink(): boolean; isDirectory(): boolean } | undefined {
  const slash = key.indexOf("/");
  const parent = slash < 0 ? "" : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (!name.includes("/") && (slash < 0 || parent.startsWith("@"))) {
    let ents = cache.get(parent);
    if (!ents) {
      ents = new Map();
      try {
        for (const e of readdirSync(parent ? join(vendorDir, parent) : vendorDir, { withFileTypes: true })) ents.set(e.name, e);
      } catch {
        // no such directory: every entry under it is missing
      }
      cache.set(parent, ents);
    }
    const ent = ents.get(name);
    if (!ent) return undefined;
    if (ent.isDirectory() || ent.isSymbolicLink() || ent.isFile() || ent.isFIFO() || ent.isSocket() || ent.isBlockDevice() || ent.isCharacterDevice()) return ent;
  }
  try {
    return lstatSync(join(vendorDir, key));
  } catch {
    return undefined;
  }
}

async function checkWorkTree(ctx: CheckContext): Promise<Problem[]> {
  const problems: Problem[] = [];
  const rel = vendorRelOf(ctx);
  const keys = Object.keys(ctx.lock.packages).sort();
  const present: string[] = [];
  const dirents = new Map<string, Map<string, Dirent>>();
  for (const key of keys) {
    const entry = ctx.lock.packages[key]!;
    if (entry.mode === "submodule") continue;
    const dir = `${rel}/${key}`;
    const st = entryType(ctx.vendorDir, key, dirents);
    if (!st) {
      problems.push({ item: "tree", code: "entry-missing", file: dir, entry: key, message: `${dir} is locked but does not exist`, fix: frozenFix(dir) });
      continue;
    }
    if (st.isSymbolicLink()) problems.push({ item: "tree", code: "symlink", file: dir, entry: key, message: `${dir} is a symlink; vendored entries must be real directories`, fix: `delete it and ${frozenFix(dir)}` });
    else if (!st.isDirectory()) problems.push({ item: "tree", code: "entry-not-directory", file: dir, entry: key, message: `${dir} is not a directory`, fix: `delete it and ${frozenFix(dir)}` });
    else present.push(key);
  }
  const dirs = present.map((k) => join(ctx.vendorDir, k));
  const hasher = hashers.get(ctx);
  hasher?.keepOnly(dirs);
  const listings = hasher ? await hasher.listings(dirs) : await hashTrees(dirs);
  ctx.stats.entries += present.length;
  const mismatched: { key: string; files: FileHash[]; digest: string; skip: Set<string> }[] = [];
  for (let i = 0; i < present.length; i++) {
    const key = present[i]!;
    const entry = ctx.lock.packages[key]!;
    const listing = listings[i]!;
    const dir = `${rel}/${key}`;
    ctx.stats.files += listing.fileCount;
    for (const s of listing.symlinks) {
      problems.push({ item: "tree", code: "symlink", file: `${dir}/${s}`, entry: key, message: `${dir}/${s} is a symlink; the lock allows none (the digest cannot see symlinks)`, fix: `delete it and ${frozenFix(dir)}` });
    }
    for (const o of listing.others) {
      problems.push({ item: "tree", code: "special-file", file: `${dir}/${o}`, entry: key, message: `${dir}/${o} is not a regular file (fifo, socket or device)`, fix: `delete it and ${frozenFix(dir)}` });
    }
    for (const e of listing.errors) {
      problems.push({ item: "tree", code: "file-unreadable", file: e.path ? `${dir}/${e.path}` : dir, entry: key, message: `${e.path ? `${dir}/${e.path}` : dir} cannot be read (${e.code})`, fix: "fix its permissions so check can hash it" });
    }
    problems.push(...executableProblems(key, entry, listing.executables, () => listing.files, dir));
    if (listing.errors.length) continue;
    let digest: string;
    try {
      digest = listing.digest ?? h1(listing.files);
    } catch (e) {
      if (!isVendorError(e)) throw e;
      problems.push({ item: "tree", code: e.code, file: dir, entry: key, message: `${dir}: ${e.message}`, fix: e.fix ?? frozenFix(dir) });
      continue;
    }
    if (!entry.digest) {
      problems.push({ item: "tree", code: "digest-missing", file: "tonic-vendor.lock", entry: key, message: `lock entry "${key}" has no digest`, fix: "run `tonic-vendor sync` to record it" });
    } else if (digest !== entry.digest) {
      mismatched.push({ key, files: listing.files, digest, skip: new Set(listing.symlinks) });
    }
  }
  if (mismatched.length) {
    const git = await gitInfo(ctx.projectDir);
    const blobs = git && new BlobHashes(ctx.projectDir, git);
    for (const m of mismatched) {
      problems.push(...(await explainMismatch(ctx, git, blobs, ["index", "HEAD"], m.key, `${rel}/${m.key}`, m.files, m.digest, m.skip)));
    }
    blobs?.save(false);
  }
  // Stray: anything in vendor/ no entry owns (submodule entries own their directories too).
  const owned = new Set(keys);
  let top: Dirent[] = [];
  try {
    top = readdirSync(ctx.vendorDir, { withFileTypes: true });
  } catch {
    // no vendor/ at all: each entry was reported missing above
  }
  for (const ent of top.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (owned.has(ent.name)) continue;
    if (ent.name.startsWith("@") && ent.isDirectory()) {
      const subs = readdirSync(join(ctx.vendorDir, ent.name)).sort();
      if (subs.length === 0) problems.push(strayProblem(rel, ent.name));
      for (const sub of subs) if (!owned.has(`${ent.name}/${sub}`)) problems.push(strayProblem(rel, `${ent.name}/${sub}`));
    } else problems.push(strayProblem(rel, ent.name));
  }
  return problems;
}

/** Offsets [start, end) of each lock key's records in the raw index listing, and the staged strays. */
function segmentIndex(ctx: CheckContext, rel: string, text: string): { segments: Map<string, [number, number][]>; strays: Set<string> } {
  const segments = new Map<string, [number, number][]>();
  const strays = new Set<string>();
  const relPrefix = `${rel}/`;
  // The index is sorted by path bytes, so every path under vendor/<key>/ sits in one run of records: only the
  // first record of a run is sliced and looked up, the rest cost a prefix comparison.
  let cur: { prefix: string; range: [number, number] } | undefined;
  for (let i = 0; i < text.length; ) {
    let nul = text.indexOf("\0", i);
    if (nul < 0) nul = text.length;
    const tab = text.indexOf("\t", i);
    const pathStart = tab + 1;
    if (tab < i || tab > nul) {
      i = nul + 1;
      continue;
    }
    if (cur && text.startsWith(cur.prefix, pathStart)) {
      cur.range[1] = nul + 1;
      i = nul + 1;
      continue;
    }
    cur = undefined;
    if (text.startsWith(relPrefix, pathStart)) {
      const inner = text.slice(pathStart + relPrefix.length, nul);
      const key = keyOfPath(inner);
      const entry = ctx.lock.packages[key];
      if (!entry || key === inner) {
        // A file directly at vendor/<name> (or vendor/@scope) is never an entry, even when the name matches.
        if (!(entry?.mode === "submodule" && text.startsWith("160000", i))) strays.add(key);
      } else {
        cur = { prefix: `${relPrefix}${key}/`, range: [i, nul + 1] };
        const list = segments.get(key) ?? [];
        list.push(cur.range);
        segments.set(key, list);
      }
    }
    i = nul + 1;
  }
  return { segments, strays };
}

/** Up to this many blobs to hash, check --staged reads them from git instead of loading the blob-hash cache. */
const FEW_BLOBS = 256;

async function checkStagedTree(ctx: CheckContext): Promise<Problem[]> {
  const problems: Problem[] = [];
  const rel = vendorRelOf(ctx);
  const git = await gitInfo(ctx.projectDir);
  if (!git) return problems; // runCheck refuses --staged outside git before getting here
  const text = await indexText(ctx.projectDir);
  const { segments, strays } = segmentIndex(ctx, rel, text);
  for (const s of [...strays].sort()) problems.push({ ...strayProblem(rel, s), message: `${rel}/${s} is staged in ${rel}/ but no lock entry owns it`, fix: `unstage and delete it (git rm -r --cached -- ${rel}/${s}), or add it to tonic-vendor.json and run \`tonic-vendor sync\`` });
  const verified = new VerifiedTrees(git.gitDir);
  const misses: { key: string; entry: LockEntry; dir: string; list: GitPath[]; memo: string }[] = [];
  for (const key of Object.keys(ctx.lock.packages).sort()) {
    const entry = ctx.lock.packages[key]!;
    if (entry.mode === "submodule") continue;
    const dir = `${rel}/${key}`;
    const ranges = segments.get(key);
    if (!ranges) {
      problems.push({ item: "tree", code: "entry-missing", file: dir, entry: key, message: `${dir} is locked but is not in the git index`, fix: `${frozenFix(dir)}, then \`git add -- ${dir}\`` });
      continue;
    }
    ctx.stats.entries++;
    const records = ranges.length === 1 ? text.slice(ranges[0]![0], ranges[0]![1]) : ranges.map(([a, b]) => text.slice(a, b)).join("");
    const memo = VerifiedTrees.key(key, entry, dir, records);
    const files = verified.get(memo);
    if (files !== undefined) ctx.stats.files += files;
    else misses.push({ key, entry, dir, list: parseIndex(records), memo });
  }
  let blobs: BlobHashes | undefined;
  if (misses.length) {
    const wanted: string[] = [];
    const paths = new Map<string, string>();
    for (const m of misses) {
      for (const r of m.list) {
        if (r.mode !== "100644" && r.mode !== "100755") continue;
        wanted.push(r.oid);
        paths.set(r.oid, r.path);
      }
    }
    // The cache is read (and written) on a first run, when nothing came from the memo, and for large changes.
    blobs = new BlobHashes(ctx.projectDir, git, wanted.length > FEW_BLOBS || misses.length === ctx.stats.entries);
    // Blobs the work tree holds byte for byte (the usual case before a commit) are hashed from there.
    const hashes = await blobs.hash(wanted, paths);
    for (const { key, entry, dir, list, memo } of misses) {
      const found = await checkStagedEntry(ctx, git, blobs, hashes, key, entry, dir, list);
      ctx.stats.files += found.files;
      if (found.problems.length) problems.push(...found.problems);
      else verified.add(memo, found.files);
    }
    // New hashes are appended; only once the cache holds far more than the index has is it rewritten with
    // the hashes of every staged vendored file (so the next change to one package re-reads only that one).
    if (blobs.size > 2 * ctx.stats.files + 1024) {
      const all: string[] = [];
      for (const ranges of segments.values()) for (const [a, b] of ranges) for (const r of parseIndex(text, a, b)) all.push(r.oid);
      blobs.keep(all);
      blobs.save(true);
    } else blobs.append();
  }
  verified.save();
  return problems;
}

/** Everything check --staged verifies for one entry not found in the memo: its problems and file count. */
async function checkStagedEntry(
  ctx: CheckContext,
  git: GitInfo,
  blobs: BlobHashes,
  hashes: ReadonlyMap<string, string>,
  key: string,
  entry: LockEntry,
  dir: string,
  list: GitPath[],
): Promise<{ problems: Problem[]; files: number }> {
  const problems: Problem[] = [];
  const skip = new Set<string>();
  for (const r of list) {
    const p = r.path.slice(dir.length + 1);
    if (r.stage !== 0) problems.push({ item: "tree", code: "unmerged", file: r.path, entry: key, message: `${r.path} has an unresolved merge conflict`, fix: frozenFix(dir) });
    else if (r.mode === "120000") {
      skip.add(p);
      problems.push({ item: "tree", code: "symlink", file: r.path, entry: key, message: `${r.path} is staged as a symlink; the lock allows none`, fix: `git rm --cached -- ${r.path}, then ${frozenFix(dir)}` });
    } else if (r.mode === "160000") problems.push({ item: "tree", code: "special-file", file: r.path, entry: key, message: `${r.path} is staged as a submodule inside a vendored tree`, fix: `git rm --cached -- ${r.path}, then ${frozenFix(dir)}` });
  }
  const files = regularFiles(list, dir, hashes);
  const executables = files.filter((f) => f.executable).map((f) => f.path);
  problems.push(...executableProblems(key, entry, executables, () => files, dir).map((p) => ({ ...p, fix: `${frozenFix(dir)}, then \`git add -- ${dir}\`` })));
  let digest: string;
  try {
    digest = h1(files);
  } catch (e) {
    if (!isVendorError(e)) throw e;
    problems.push({ item: "tree", code: e.code, file: dir, entry: key, message: `${dir}: ${e.message}`, fix: e.fix ?? frozenFix(dir) });
    return { problems, files: files.length };
  }
  if (!entry.digest) {
    problems.push({ item: "tree", code: "digest-missing", file: "tonic-vendor.lock", entry: key, message: `lock entry "${key}" has no digest`, fix: "run `tonic-vendor sync` to record it" });
  } else if (digest !== entry.digest) {
    const found = await explainMismatch(ctx, git, blobs, ["HEAD"], key, dir, files, digest, skip);
    problems.push(...found.map((p) => ({ ...p, message: p.message.replace(/^(\S+) (was|hashes)/, "$1 (staged) $2"), fix: `${p.fix}, then \`git add -- ${dir}\`` })));
  }
  return { problems, files: files.length };
}

const byFile = (a: Problem, b: Problem): number => {
  const fa = a.file ?? "";
  const fb = b.file ?? "";
  return fa < fb ? -1 : fa > fb ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
};

/** Problems come out ordered by path, so two runs over the same tree print the same report. */
export async function checkTree(ctx: CheckContext): Promise<Problem[]> {
  return (await (ctx.staged ? checkStagedTree(ctx) : checkWorkTree(ctx))).sort(byFile);
}
