// Submodule-mode git entries: a real git submodule at vendor/<key>, recorded in .gitmodules and in the index
// as a gitlink at the locked commit. Called by sync after the swap (never staged), and by sync --frozen,
// where an already-registered submodule at the right gitlink only needs `git submodule update --init`.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { VendorError } from "../errors.js";
import { parseGitmodulesList } from "../git/objects.js";
import { assertCommit, assertSafePath } from "../git/ref.js";
import type { GitRunOptions } from "../git/run.js";
import { fileSubmodulesAllowed, git, runGit } from "../git/run.js";
import type { GitRemote } from "../git/url.js";
import { validateGitUrl } from "../git/url.js";
import type { LockEntry } from "../lock/types.js";

export interface SubmoduleTarget {
  projectDir: string;
  /** vendorDir, absolute or relative to projectDir. */
  vendorDir: string;
  key: string;
}

interface Located {
  top: string;
  /** Path of the submodule relative to the repository's top level, "/"-separated. */
  path: string;
}

async function locate(t: SubmoduleTarget): Promise<Located> {
  assertSafePath(t.key, "lock key", `packages.${t.key}`);
  const r = await runGit(["rev-parse", "--show-toplevel"], { cwd: t.projectDir, allowFailure: true });
  if (r.code !== 0) {
    throw new VendorError(`${t.projectDir} is not inside a git repository, so "${t.key}" cannot be a submodule`, {
      exitCode: 2,
      code: "git-not-a-repository",
      fix: "run `git init` in the project, or vendor it with mode \"tarball\"",
    });
  }
  const top = r.stdout.toString("utf8").trim();
  const abs = resolve(t.projectDir, t.vendorDir, t.key);
  const rel = relative(top, abs);
  if (!rel || rel.startsWith("..") || isAbsolute(rel)) {
    throw new VendorError(`vendor path ${abs} is outside the repository ${top}`, { exitCode: 2, code: "git-path-refused" });
  }
  const path = rel.split(sep).join("/");
  assertSafePath(path, "submodule path");
  return { top, path };
}

/** The .gitmodules entries of the work tree (or of the index with `staged`). */
export async function readWorkGitmodules(
  top: string,
  staged = false,
  opts: GitRunOptions = {},
): Promise<{ name: string; path?: string; url?: string }[]> {
  const src = staged ? ["--blob", ":.gitmodules"] : ["--file", join(top, ".gitmodules")];
  if (!staged && !existsSync(join(top, ".gitmodules"))) return [];
  const r = await runGit(["config", ...src, "-z", "--list"], { cwd: top, isolated: true, allowFailure: true, ...opts });
  return r.code === 0 ? parseGitmodulesList(r.stdout.toString("utf8")) : [];
}

/** Index entries at `path` (exactly, or below it). */
async function indexEntries(top: string, path: string, opts: GitRunOptions = {}): Promise<{ mode: string; sha: string; path: string }[]> {
  const out = await git(["ls-files", "-s", "-z", "--", path], { cwd: top, ...opts });
  return out
    .split("\0")
    .filter(Boolean)
    .map((rec) => {
      const tab = rec.indexOf("\t");
      const [mode = "", sha = ""] = rec.slice(0, tab).split(" ");
      return { mode, sha, path: rec.slice(tab + 1) };
    });
}

async function checkoutCommit(dir: string, remote: GitRemote, commit: string): Promise<void> {
  const has = await runGit(["cat-file", "-e", `${commit}^{commit}`], { cwd: dir, allowFailure: true });
  if (has.code !== 0) {
    await runGit(["fetch", "--quiet", "--no-recurse-submodules", "--", remote.url, commit], {
      cwd: dir,
      remote,
      submodule: true,
      allowFailure: true,
    });
    const again = await runGit(["cat-file", "-e", `${commit}^{commit}`], { cwd: dir, allowFailure: true });
    if (again.code !== 0) {
      await runGit(["fetch", "--quiet", "--no-recurse-submodules", "--tags", "--", remote.url, "+refs/heads/*:refs/remotes/origin/*"], {
        cwd: dir,
        remote,
        submodule: true,
        what: `fetching ${remote.display}`,
      });
    }
  }
  await runGit(["checkout", "--quiet", "--detach", commit, "--"], { cwd: dir, what: `checking out ${commit} in ${dir}` });
}

function fileHint(remote: GitRemote): Partial<GitRunOptions> {
  return remote.protocol === "file" && !fileSubmodulesAllowed() ? { what: "git submodule (file:// submodules are refused by git)" } : {};
}

export async function materialiseSubmodule(opts: SubmoduleTarget & { entry: LockEntry }): Promise<void> {
  const { entry } = opts;
  const commit = assertCommit(entry.commit, `packages.${opts.key}.commit`);
  if (!entry.resolved) throw new VendorError(`"${opts.key}" has no resolved URL`, { exitCode: 2, code: "lock-invalid" });
  const remote = validateGitUrl(entry.resolved, `packages.${opts.key}.resolved`);
  const { top, path } = await locate(opts);
  const dir = join(top, path);
  const modules = await readWorkGitmodules(top);
  const existing = modules.find((m) => m.path === path);
  const run = (args: string[], extra: GitRunOptions = {}) =>
    runGit(args, { cwd: top, remote, submodule: true, ...fileHint(remote), ...extra });

  if (!existing) {
    // A tarball-mode copy (or stray files) in the index would make `submodule add` refuse the path.
    const tracked = await indexEntries(top, path);
    if (tracked.length > 0) await run(["rm", "-r", "-q", "--cached", "--", path]);
    if (existsSync(dir) && !existsSync(join(dir, ".git"))) await rm(dir, { recursive: true, force: true });
    const name = modules.some((m) => m.name === opts.key) ? path : opts.key;
    assertSafePath(name, "submodule name");
    await run(["submodule", "add", "--quiet", "--force", "--name", name, "--", remote.display, path]);
  } else {
    if (existing.url !== remote.display) {
      await run(["submodule", "set-url", "--", path, remote.display]);
      await run(["submodule", "sync", "--quiet", "--", path]);
    }
    // The frozen path: registered at the locked commit already, so git checks out exactly the gitlink.
    if (!existsSync(join(dir, ".git"))) await run(["submodule", "update", "--init", "--quiet", "--", path]);
  }
  const head = (await runGit(["rev-parse", "HEAD"], { cwd: dir, allowFailure: true })).stdout.toString("utf8").trim();
  if (head !== commit) await checkoutCommit(dir, remote, commit);
  await run(["add", "--", ".gitmodules", path]);
}

export async function removeSubmodule(opts: SubmoduleTarget): Promise<void> {
  const { top, path } = await locate(opts);
  const modules = await readWorkGitmodules(top);
  const existing = modules.find((m) => m.path === path);
  const gitlink = (await indexEntries(top, path)).some((e) => e.mode === "160000" && e.path === path);
  if (!existing && !gitlink) return;
  if (existsSync(join(top, path, ".git"))) {
    await runGit(["submodule", "deinit", "--quiet", "--force", "--", path], { cwd: top });
  }
  if (gitlink) {
    await runGit(["rm", "-q", "-f", "--", path], { cwd: top });
  }
  if (existing && (await readWorkGitmodules(top)).some((m) => m.name === existing.name)) {
    // `git rm` of a gitlink updates .gitmodules itself; this handles a .gitmodules entry without a gitlink.
    await runGit(["config", "--file", join(top, ".gitmodules"), "--remove-section", `submodule.${existing.name}`], {
      cwd: top,
      isolated: true,
      allowFailure: true,
    });
    await runGit(["add", "--", ".gitmodules"], { cwd: top });
  }
  await rm(join(top, path), { recursive: true, force: true });
}
