// A private scratch repository per remote (per process) holding the commits we pinned: resolve reads a
// commit's package.json from it, fetch exports the commit's tree from it, so each commit crosses the network
// once. Nothing here ever checks out into the scratch repository itself or runs a hook.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve as resolvePath } from "node:path";
import picomatch from "picomatch";
import { VendorError } from "../errors.js";
import { gitlinksInIndex } from "./index-file.js";
import { assertCommit } from "./ref.js";
import { git, runGit } from "./run.js";
import type { GitRemote } from "./url.js";

let scratchRoot: string | undefined;
const repos = new Map<string, Promise<string>>();
/**
 * Objects known to be complete (with all they reach) in each scratch repository, so a commit resolve fetched
 * is not looked up again by fetch (each git process costs a few ms). Only ensureCommit and prefetchRef write
 * objects into these repositories, and both record here what they fetched.
 */
const known = new Map<string, Set<string>>();
function knownIn(dir: string): Set<string> {
  let have = known.get(dir);
  if (!have) known.set(dir, (have = new Set()));
  return have;
}

/** Scratch repositories that may hold commits nobody asked for by id (a full fetch, a fetch by ref name). */
const mayHoldOthers = new Set<string>();
const locks = new Map<string, Promise<unknown>>();
let counter = 0;
let exitHook = false;

function root(): string {
  if (!scratchRoot) {
    scratchRoot = mkdtempSync(join(tmpdir(), "tonic-git-"));
    if (!exitHook) process.once("exit", disposeScratch);
    exitHook = true;
  }
  return scratchRoot;
}

/** Removes every scratch repository (also done at process exit). */
export function disposeScratch(): void {
  if (scratchRoot) rmSync(scratchRoot, { recursive: true, force: true });
  scratchRoot = undefined;
  repos.clear();
  locks.clear();
  known.clear();
  mayHoldOthers.clear();
}

/** Runs `fn` with exclusive use of one scratch repository (git's own lock files would make parallel calls fail). */
function exclusive<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const prev = locks.get(dir) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  locks.set(dir, next.catch(() => undefined));
  return next;
}

async function scratchFor(remote: GitRemote, sha256: boolean): Promise<string> {
  const key = `${sha256 ? "sha256" : "sha1"} ${remote.url}`;
  let p = repos.get(key);
  if (!p) {
    const dir = join(root(), `r${++counter}`);
    // An empty --template skips copying the sample hooks and info/ files: nothing here uses them, and each
    // created file costs an inode allocation (slow on a busy file system).
    const args = ["init", "--quiet", "--template=", `--object-format=${sha256 ? "sha256" : "sha1"}`, "--", dir];
    p = git(args, { isolated: true, what: "git init" }).then(() => dir);
    repos.set(key, p);
    p.catch(() => repos.delete(key));
  }
  return p;
}

async function hasCommit(dir: string, commit: string): Promise<boolean> {
  const r = await runGit(["cat-file", "-e", `${commit}^{commit}`], { cwd: dir, isolated: true, allowFailure: true });
  return r.code === 0;
}

/**
 * Starts creating the scratch repository for `remote` (SHA-1, the common case) while the caller does something
 * else, e.g. ls-remote; ensureCommit then finds it ready. Failures surface in ensureCommit, not here.
 */
export function prepareScratch(remote: GitRemote): void {
  scratchFor(remote, false).catch(() => undefined);
}

// No automatic maintenance: it would spawn another git process for a repository that lives for one run.
const FETCH = ["-c", "maintenance.auto=false", "fetch", "--quiet", "--no-tags", "--no-recurse-submodules"];
const FSCK = ["-c", "transfer.fsckObjects=true"];

/**
 * Fetches what `ref` (HEAD, or a branch or tag name that passed assertRef) points at, at depth 1. Resolves to
 * the object id the server sent (FETCH_HEAD), or undefined when the fetch failed; never throws (ls-remote
 * then reports the real problem). For HEAD that id is the resolution itself; for a named ref the fetch only
 * overlaps the ls-remote that decides the commit, and saves the second round trip when both agree.
 */
export async function prefetchRef(remote: GitRemote, ref: string, signal?: AbortSignal): Promise<string | undefined> {
  // Only plain names: the ref is a positional refspec after `--`, and refspec syntax (`+`, `:`, `^`, globs)
  // has no business in it.
  if (!/^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(ref)) return undefined;
  try {
    const dir = await scratchFor(remote, false);
    return await exclusive(dir, async () => {
      const r = await runGit([...FSCK, ...FETCH, "--depth", "1", "--", remote.url, ref], { cwd: dir, remote, signal, allowFailure: true });
      mayHoldOthers.add(dir);
      if (r.code !== 0) return undefined;
      const oid = /^([0-9a-f]{40}|[0-9a-f]{64})\t/.exec(readFileSync(join(dir, ".git", "FETCH_HEAD"), "latin1"))?.[1];
      // Complete with everything it reaches (fetch's connectivity check), like a fetch by id.
      if (oid) knownIn(dir).add(oid);
      return oid;
    });
  } catch {
    return undefined;
  }
}

/** Makes sure `commit` (and its tree) is in the scratch repository for `remote`; returns the repository. */
export async function ensureCommit(remote: GitRemote, commit: string, signal?: AbortSignal): Promise<string> {
  assertCommit(commit, "commit");
  const dir = await scratchFor(remote, commit.length === 64);
  return exclusive(dir, async () => {
    const have = knownIn(dir);
    if (have.has(commit)) return dir;
    // Only a fetch by ref name can have brought in a commit nobody asked for; otherwise the lookup cannot succeed.
    if (mayHoldOthers.has(dir) && (await hasCommit(dir, commit))) return (have.add(commit), dir);
    const fetch = [...FETCH, "--no-write-fetch-head"];
    const fsck = FSCK;
    // Most servers (protocol v2, GitHub, GitLab) serve a single commit by id: the cheapest fetch there is.
    const shallow = await runGit([...fsck, ...fetch, "--depth", "1", "--", remote.url, commit], {
      cwd: dir,
      remote,
      signal,
      allowFailure: true,
    });
    // A fetch that names an object id exits 0 only once that object and everything it reaches are in the
    // repository (git's own connectivity check after the pack), so no second lookup is needed; the id naming
    // a commit rather than another object is checked by every reader (`<id>^{commit}`).
    if (shallow.code === 0) return (have.add(commit), dir);
    // Servers that refuse unadvertised objects: fetch every branch and tag, then look for the commit.
    const full = [...fsck, ...fetch, "--", remote.url, "+refs/heads/*:refs/tonic/heads/*", "+refs/tags/*:refs/tonic/tags/*"];
    const isShallow = (await git(["rev-parse", "--is-shallow-repository"], { cwd: dir, isolated: true })).trim() === "true";
    if (isShallow) full.splice(fsck.length + fetch.length, 0, "--unshallow");
    await runGit(full, { cwd: dir, remote, signal, what: `fetching ${remote.display}` });
    mayHoldOthers.add(dir);
    if (!(await hasCommit(dir, commit))) {
      throw new VendorError(`commit ${commit} is not on any branch or tag of ${remote.display}`, {
        exitCode: 3,
        code: "git-commit-missing",
        fix: "check the commit id, or run `tonic-vendor update <name>` to re-resolve the ref",
      });
    }
    have.add(commit);
    return dir;
  });
}

/**
 * A file of the commit, or undefined when the commit has no such file. One `cat-file --batch` process both
 * proves `commit` names a commit in `repo` (a VendorError otherwise) and reads the file.
 */
export async function readBlob(repo: string, commit: string, path: string): Promise<Buffer | undefined> {
  assertCommit(commit, "commit");
  if (/[\n\r\0]/.test(path) || path.startsWith("/")) throw new Error(`readBlob: unusable path ${JSON.stringify(path)}`);
  const r = await runGit(["cat-file", "--batch"], {
    cwd: repo,
    isolated: true,
    input: `${commit}^{commit}\n${commit}^{commit}:${path}\n`,
    what: "git cat-file",
  });
  const [first, rest] = batchRecord(r.stdout, 0);
  if (first?.type !== "commit") {
    throw new VendorError(`${commit} is not a commit of the fetched repository`, {
      exitCode: 3,
      code: "git-commit-missing",
      fix: "check the commit id, or run `tonic-vendor update <name>` to re-resolve the ref",
    });
  }
  const [file] = batchRecord(r.stdout, rest);
  return file?.type === "blob" ? file.body : undefined;
}

/** One record of `git cat-file --batch` output at `at`: [object, offset of the next record]; undefined = missing. */
function batchRecord(out: Buffer, at: number): [{ type: string; body: Buffer } | undefined, number] {
  const nl = out.indexOf(10, at);
  if (nl < 0) return [undefined, out.length];
  const head = out.toString("latin1", at, nl).split(" ");
  // "<oid> <type> <size>" for a found object; "<name> missing" (or "ambiguous") otherwise.
  if (head.length !== 3 || !/^\d+$/.test(head[2] ?? "")) return [undefined, nl + 1];
  const size = Number(head[2]);
  return [{ type: head[1] ?? "", body: out.subarray(nl + 1, nl + 1 + size) }, nl + 1 + size + 1];
}

export interface TreeEntry {
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
  path: string;
}

export async function listTree(repo: string, commit: string): Promise<TreeEntry[]> {
  const r = await runGit(["ls-tree", "-r", "-z", "--full-tree", `${assertCommit(commit, "commit")}^{commit}`], { cwd: repo, isolated: true });
  const out: TreeEntry[] = [];
  for (const rec of r.stdout.toString("utf8").split("\0")) {
    if (!rec) continue;
    const tab = rec.indexOf("\t");
    const [mode = "", type = "", sha = ""] = rec.slice(0, tab).split(" ");
    out.push({ mode, type: type as TreeEntry["type"], sha, path: rec.slice(tab + 1) });
  }
  return out;
}

export interface Filter {
  include?: string[];
  exclude?: string[];
}

export function pathFilter(f: Filter): ((p: string) => boolean) | undefined {
  const inc = f.include?.length ? picomatch(f.include, { dot: true }) : undefined;
  const exc = f.exclude?.length ? picomatch(f.exclude, { dot: true }) : undefined;
  if (!inc && !exc) return undefined;
  return (p) => (!inc || inc(p)) && !(exc && exc(p));
}

/**
 * Writes the commit's files into `dest` with git's own checkout code, which refuses `.git` and `..` paths like a
 * clone does; no hooks, no filters from the user's config. Returns the gitlinks (submodules) of the tree, which
 * are never written here (git leaves an empty directory for each).
 */
export async function exportTree(repo: string, commit: string, dest: string, filter: Filter = {}): Promise<TreeEntry[]> {
  assertCommit(commit, "commit");
  const rev = `${commit}^{commit}`;
  // git runs in the scratch repository: a relative destination would land there.
  dest = resolvePath(dest);
  await mkdir(dest, { recursive: true });
  // Byte-stable output whatever the user's config says.
  const cfg = ["-c", "core.autocrlf=false", "-c", "core.eol=lf", "-c", "core.symlinks=true"];
  const keep = pathFilter(filter);
  return exclusive(repo, async () => {
    if (!keep) {
      // The whole tree: one `read-tree -m -u` into `dest` as the work tree, through a throwaway index, is one
      // process where read-tree + checkout-index are two (measured: same file-writing cost, one git start-up
      // less). The fresh index makes it a pure checkout: nothing of an earlier export is compared or removed.
      // Its gitlinks are then read from that index (index-file.ts) instead of another git process.
      const index = join(repo, ".git", "tonic-export-index");
      try {
        await runGit([...cfg, `--work-tree=${dest}`, "read-tree", "-m", "-u", rev], {
          cwd: repo,
          isolated: true,
          env: { GIT_INDEX_FILE: index, GIT_INDEX_VERSION: "2" },
          what: "git read-tree",
        });
        const links = gitlinksInIndex(readFileSync(index), commit.length === 64 ? 32 : 20);
        if (!links) return (await listTree(repo, commit)).filter((e) => e.type === "commit");
        return links.map((l) => ({ mode: "160000", type: "commit" as const, sha: l.sha, path: l.path }));
      } finally {
        rmSync(index, { force: true });
      }
    }
    const prefix = `${dest.replace(/\/+$/, "")}/`;
    await runGit(["read-tree", rev], { cwd: repo, isolated: true, exitCode: 3, what: "git read-tree" });
    const entries = await listTree(repo, commit);
    const paths = entries.filter((e) => e.type === "blob" && keep(e.path)).map((e) => e.path);
    if (paths.length > 0) {
      await runGit([...cfg, "checkout-index", "-f", "-z", "--stdin", `--prefix=${prefix}`], {
        cwd: repo,
        isolated: true,
        input: `${paths.join("\0")}\0`,
        what: "git checkout-index",
      });
    }
    return entries.filter((e) => e.type === "commit");
  });
}

/** `.gitmodules` of a commit as {name, path, url} records (read from the blob, never from a work tree). */
export async function readGitmodules(repo: string, commit: string): Promise<{ name: string; path?: string; url?: string }[]> {
  const r = await runGit(["config", "--blob", `${assertCommit(commit, "commit")}^{commit}:.gitmodules`, "-z", "--list"], {
    cwd: repo,
    isolated: true,
    allowFailure: true,
  });
  if (r.code !== 0) return [];
  return parseGitmodulesList(r.stdout.toString("utf8"));
}

/** Parses `git config -z --list` output of a .gitmodules file. */
export function parseGitmodulesList(text: string): { name: string; path?: string; url?: string }[] {
  const byName = new Map<string, { name: string; path?: string; url?: string }>();
  for (const rec of text.split("\0")) {
    const nl = rec.indexOf("\n");
    if (nl < 0) continue;
    const key = rec.slice(0, nl);
    const value = rec.slice(nl + 1);
    const m = /^submodule\.(.*)\.(path|url)$/s.exec(key);
    if (!m) continue;
    const name = m[1] ?? "";
    const e = byName.get(name) ?? { name };
    if (m[2] === "path") e.path = value;
    else e.url = value;
    byName.set(name, e);
  }
  return [...byName.values()];
}
