// A private scratch repository per remote (per process) holding the commits we pinned: resolve reads a
// commit's package.json from it, fetch exports the commit's tree from it, so each commit crosses the network
// once. Nothing here ever checks out into the scratch repository itself or runs a hook.
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import picomatch from "picomatch";
import { VendorError } from "../errors.js";
import { assertCommit } from "./ref.js";
import { git, runGit } from "./run.js";
import type { GitRemote } from "./url.js";

let scratchRoot: string | undefined;
const repos = new Map<string, Promise<string>>();
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
    p = git(["init", "--quiet", `--object-format=${sha256 ? "sha256" : "sha1"}`, "--", dir], { isolated: true, what: "git init" }).then(
      () => dir,
    );
    repos.set(key, p);
    p.catch(() => repos.delete(key));
  }
  return p;
}

async function hasCommit(dir: string, commit: string): Promise<boolean> {
  const r = await runGit(["cat-file", "-e", `${commit}^{commit}`], { cwd: dir, isolated: true, allowFailure: true });
  return r.code === 0;
}

/** Makes sure `commit` (and its tree) is in the scratch repository for `remote`; returns the repository. */
export async function ensureCommit(remote: GitRemote, commit: string, signal?: AbortSignal): Promise<string> {
  assertCommit(commit, "commit");
  const dir = await scratchFor(remote, commit.length === 64);
  return exclusive(dir, async () => {
    if (await hasCommit(dir, commit)) return dir;
    const fetch = ["fetch", "--quiet", "--no-tags", "--no-recurse-submodules", "--no-write-fetch-head"];
    const fsck = ["-c", "transfer.fsckObjects=true"];
    // Most servers (protocol v2, GitHub, GitLab) serve a single commit by id: the cheapest fetch there is.
    const shallow = await runGit([...fsck, ...fetch, "--depth", "1", "--", remote.url, commit], {
      cwd: dir,
      remote,
      signal,
      allowFailure: true,
    });
    if (shallow.code === 0 && (await hasCommit(dir, commit))) return dir;
    // Servers that refuse unadvertised objects: fetch every branch and tag, then look for the commit.
    const full = [...fsck, ...fetch, "--", remote.url, "+refs/heads/*:refs/tonic/heads/*", "+refs/tags/*:refs/tonic/tags/*"];
    const isShallow = (await git(["rev-parse", "--is-shallow-repository"], { cwd: dir, isolated: true })).trim() === "true";
    if (isShallow) full.splice(fsck.length + fetch.length, 0, "--unshallow");
    await runGit(full, { cwd: dir, remote, signal, what: `fetching ${remote.display}` });
    if (!(await hasCommit(dir, commit))) {
      throw new VendorError(`commit ${commit} is not on any branch or tag of ${remote.display}`, {
        exitCode: 3,
        code: "git-commit-missing",
        fix: "check the commit id, or run `tonic-vendor update <name>` to re-resolve the ref",
      });
    }
    return dir;
  });
}

/** A file of the commit, or undefined when it has none. */
export async function readBlob(repo: string, commit: string, path: string): Promise<Buffer | undefined> {
  const r = await runGit(["cat-file", "blob", `${commit}:${path}`], { cwd: repo, isolated: true, allowFailure: true });
  return r.code === 0 ? r.stdout : undefined;
}

export interface TreeEntry {
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
  path: string;
}

export async function listTree(repo: string, commit: string): Promise<TreeEntry[]> {
  const r = await runGit(["ls-tree", "-r", "-z", "--full-tree", commit], { cwd: repo, isolated: true });
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
 * Writes the commit's files into `dest` with git's own checkout code (read-tree + checkout-index --prefix),
 * which refuses `.git` and `..` paths like a clone does; no work tree, no hooks, no filters from the user's
 * config. Returns the gitlinks (submodules) of the tree, which are never written here.
 */
export async function exportTree(repo: string, commit: string, dest: string, filter: Filter = {}): Promise<TreeEntry[]> {
  assertCommit(commit, "commit");
  await mkdir(dest, { recursive: true });
  const prefix = `${dest.replace(/\/+$/, "")}/`;
  // Byte-stable output whatever the user's config says.
  const cfg = ["-c", "core.autocrlf=false", "-c", "core.eol=lf", "-c", "core.symlinks=true"];
  return exclusive(repo, async () => {
    await runGit(["read-tree", commit], { cwd: repo, isolated: true, exitCode: 3, what: "git read-tree" });
    const entries = await listTree(repo, commit);
    const gitlinks = entries.filter((e) => e.type === "commit");
    const keep = pathFilter(filter);
    if (!keep) {
      await runGit([...cfg, "checkout-index", "-a", "-f", `--prefix=${prefix}`], { cwd: repo, isolated: true, what: "git checkout-index" });
    } else {
      const paths = entries.filter((e) => e.type === "blob" && keep(e.path)).map((e) => e.path);
      if (paths.length > 0) {
        await runGit([...cfg, "checkout-index", "-f", "-z", "--stdin", `--prefix=${prefix}`], {
          cwd: repo,
          isolated: true,
          input: `${paths.join("\0")}\0`,
          what: "git checkout-index",
        });
      }
    }
    return gitlinks;
  });
}

/** `.gitmodules` of a commit as {name, path, url} records (read from the blob, never from a work tree). */
export async function readGitmodules(repo: string, commit: string): Promise<{ name: string; path?: string; url?: string }[]> {
  const r = await runGit(["config", "--blob", `${commit}:.gitmodules`, "-z", "--list"], {
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
