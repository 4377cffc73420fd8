// Lock entry (git, mode tarball) -> the commit's files in a staging directory: fetched into a scratch
// repository (shallow where the server allows), exported with git's checkout code, include/exclude applied,
// no `.git`, and nothing of the package ever run. Submodules of the vendored repository are followed only
// when asked (recurseSubmodules), and then every .gitmodules entry is validated first.
import { chmodSync, lstatSync, readdirSync } from "node:fs";
import { readdir, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { VendorError } from "../errors.js";
import { manifestDependency } from "../git/manifest-dep.js";
import type { Filter } from "../git/objects.js";
import { ensureCommit, exportTree, listTree, readGitmodules } from "../git/objects.js";
import { assertCommit, assertSafePath } from "../git/ref.js";
import type { GitRemote } from "../git/url.js";
import { resolveSubmoduleUrl, stripCredentials, validateGitUrl } from "../git/url.js";
import type { LockEntry } from "../lock/types.js";
import { resolveGit } from "../resolve/git.js";
import type { Source, SourceContext } from "../source.js";

export interface GitFetchOptions extends Filter {
  /** Follow the vendored repository's own submodules (off by default). */
  recurseSubmodules?: boolean;
  /** The URL as written in the spec, credentials included; used when it is the entry's URL once stripped. */
  url?: string;
}

const MAX_SUBMODULE_DEPTH = 8;

function remoteFor(entry: LockEntry, url?: string): GitRemote {
  const field = `packages.${entry.name}.resolved`;
  if (!entry.resolved) {
    throw new VendorError(`git entry "${entry.name}" has no resolved URL`, {
      exitCode: 2,
      code: "lock-invalid",
      field,
      fix: "run `tonic-vendor sync` to re-lock it",
    });
  }
  const locked = validateGitUrl(entry.resolved, field);
  if (url && stripCredentials(url) === locked.display) return validateGitUrl(url, field);
  return locked;
}

export async function fetchGit(entry: LockEntry, dest: string, ctx: SourceContext, opts: GitFetchOptions = {}): Promise<void> {
  if (entry.source !== "git") throw new VendorError(`entry "${entry.name}" is not a git entry`, { exitCode: 2, code: "lock-invalid" });
  if (entry.mode === "submodule") {
    throw new VendorError(`"${entry.name}" is vendored as a submodule and is never staged`, {
      exitCode: 2,
      code: "git-submodule-staged",
      fix: "materialise it with materialiseSubmodule after the swap",
    });
  }
  const commit = assertCommit(entry.commit, `packages.${entry.name}.commit`);
  const remote = remoteFor(entry, opts.url);
  ctx.log(`git fetch ${remote.display} ${commit.slice(0, 12)}`);
  await exportCommit(remote, commit, dest, opts, ctx, 0);
  await normaliseModes(dest);
}

/**
 * git checkout-index creates files with 0666/0777 and directories with 0777, trimmed by the process umask, so
 * under umask 077 (or 002) vendor/ would differ from a sync run under 022 (found by
 * test/integration/repro-sync.test.ts). Modes are set the way extraction sets them: 0755 for directories and
 * files with any executable bit, 0644 for other files. Symlinks are left alone (they have no mode on Linux).
 */
async function normaliseModes(dir: string): Promise<void> {
  // Under the usual umask 022 checkout-index already wrote exactly these modes: skip a walk that costs ~0.1 s on
  // a 6,000-file tree. (process.umask() without an argument is only documentation-deprecated: it is racy
  // against a concurrent umask change, which tonic-vendor never makes.)
  if (process.umask() === 0o022) return;
  normaliseModesSync(dir);
}

// Synchronous on purpose: one stat per file, and sync fs calls measured several times faster than the
// promise API for many small operations (DESIGN's hashing notes).
function normaliseModesSync(dir: string): void {
  chmodSync(dir, 0o755);
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, ent.name);
    if (ent.isDirectory()) normaliseModesSync(abs);
    else if (ent.isFile()) {
      const mode = lstatSync(abs).mode & 0o7777;
      const want = mode & 0o111 ? 0o755 : 0o644;
      if (mode !== want) chmodSync(abs, want);
    }
  }
}

async function exportCommit(
  remote: GitRemote,
  commit: string,
  dest: string,
  opts: GitFetchOptions,
  ctx: SourceContext,
  depth: number,
): Promise<void> {
  const repo = await ensureCommit(remote, commit, ctx.signal);
  // With recursion, every .gitmodules entry is validated before a single file is written: one hostile
  // entry refuses the whole dependency.
  const subs = opts.recurseSubmodules ? await checkedSubmodules(repo, commit, remote, depth) : [];
  const gitlinks = await exportTree(repo, commit, dest, depth === 0 ? opts : {});
  if (!opts.recurseSubmodules) {
    // checkout-index leaves an empty directory for a gitlink; without recursion it has no business in vendor/.
    for (const g of gitlinks) await rmdir(join(dest, g.path)).catch(() => undefined);
    return;
  }
  for (const s of subs) {
    ctx.log(`git submodule ${s.path} ${s.remote.display} ${s.commit.slice(0, 12)}`);
    await exportCommit(s.remote, s.commit, join(dest, s.path), opts, ctx, depth + 1);
  }
}

async function checkedSubmodules(
  repo: string,
  commit: string,
  remote: GitRemote,
  depth: number,
): Promise<{ path: string; remote: GitRemote; commit: string }[]> {
  const gitlinks = (await listTree(repo, commit)).filter((e) => e.type === "commit");
  const modules = await readGitmodules(repo, commit);
  if (gitlinks.length === 0 && modules.length === 0) return [];
  if (depth >= MAX_SUBMODULE_DEPTH) {
    throw new VendorError(`submodules of ${remote.display} nest deeper than ${MAX_SUBMODULE_DEPTH}`, {
      exitCode: 2,
      code: "git-submodule-refused",
      fix: "vendor without --recurse-submodules",
    });
  }
  const checked = modules.map((m) => {
    const field = `${remote.display}:.gitmodules submodule "${m.name}"`;
    assertSafePath(m.name, "submodule name", field);
    assertSafePath(m.path ?? "", "submodule path", field);
    if (!m.url) throw new VendorError(`submodule "${m.name}" has no url`, { exitCode: 2, code: "git-submodule-refused", field });
    return { path: m.path ?? "", remote: resolveSubmoduleUrl(remote, m.url, field) };
  });
  return gitlinks.map((g) => {
    const m = checked.find((c) => c.path === g.path);
    if (!m) {
      throw new VendorError(`${remote.display} has a submodule at "${g.path}" that .gitmodules does not describe`, {
        exitCode: 2,
        code: "git-submodule-refused",
        fix: "vendor without --recurse-submodules",
      });
    }
    return { path: g.path, remote: m.remote, commit: assertCommit(g.sha, g.path) };
  });
}

/** The git Source. `spec` (the manifest's, possibly with credentials) lets fetch authenticate. */
export function createGitSource(opts: { spec?: string; recurseSubmodules?: boolean } = {}): Source {
  return {
    kind: "git",
    resolve: (name, spec, ctx, locked) => resolveGit(name, spec, ctx, locked),
    async fetch(entry, dest, ctx) {
      // The globs come with the entry (sync records the manifest root's globs in it), so the export never
      // writes an excluded file; the manifest is read only for a spec whose URL carries credentials, which
      // the lock never stores.
      const url = opts.spec ?? (await manifestDependency(ctx.projectDir, entry.name))?.spec;
      const fo: GitFetchOptions = { recurseSubmodules: opts.recurseSubmodules ?? process.env.TONIC_GIT_RECURSE_SUBMODULES === "1" };
      if (entry.include) fo.include = entry.include;
      if (entry.exclude) fo.exclude = entry.exclude;
      if (url) {
        const m = /^(?:git\+)?([^#]*)/.exec(url);
        if (m?.[1] && m[1].includes("://")) fo.url = m[1];
      }
      await fetchGit(entry, dest, ctx, fo);
    },
  };
}

export const gitSource: Source = createGitSource();

/** Lists what a staging directory holds (tests and diagnostics). */
export async function listFiles(dir: string, base = ""): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out.sort();
}
