// `tonic-vendor check`: offline and read-only; runs every checker and lists every problem with its fix.
// With `staged`, the manifest, the lock and vendor/ are read from the git index (what the next commit holds).
//
// Written for a cold process on 2 cores: plain check boots the hashing threads and queues vendor/'s
// directories before anything else, and only then loads the manifest/lock parsers and the checkers (npm-package-arg
// and semver alone cost ~30 ms to load), so loading and parsing overlap with hashing instead of preceding it.
import { isAbsolute, join } from "node:path";
import type { TreeHasher } from "../digest/index.js";
import { VendorError } from "../errors.js";
import { LOCK_FILE as LOCK, MANIFEST_FILE as MANIFEST } from "../file-names.js";
import type { Lock } from "../lock/types.js";
import type { Manifest } from "../manifest/types.js";
import { beginGitSession, endGitSession, gitInfo, readStagedFiles } from "./git-objects.js";
import { checkTree, startTreeHashing, useTreeHasher } from "./tree.js";
import type { CheckContext, CheckReport, Problem } from "./types.js";

export interface CheckOptions {
  /** Check the git index instead of the work tree (the pre-commit hook). */
  staged?: boolean;
  /** Fail when a submodule-mode entry is not checked out (CI); otherwise an uninitialised one is fine. */
  requireSubmodules?: boolean;
}

async function readStaged(projectDir: string): Promise<{ manifest: Manifest; lock: Lock | undefined }> {
  // git lists the index on the other core while this thread loads the parsers (the tree checker reads the
  // same listing from the session later); the staged manifest and lock are read as soon as it is there.
  // A failure here is reported by whoever awaits it.
  const info = gitInfo(projectDir);
  const files = readStagedFiles(projectDir, [MANIFEST, LOCK]);
  files.catch(() => undefined);
  const [{ parseManifest }, { parseLock }] = await Promise.all([import("../manifest/read.js"), import("../lock/read.js")]);
  const git = await info;
  if (!git) {
    throw new VendorError("check --staged needs a git repository, and this project is not inside one", {
      exitCode: 2,
      code: "not-a-git-repository",
      fix: "run plain `tonic-vendor check`, or run it inside the project's git work tree",
    });
  }
  const [m, l] = await files;
  if (!m) {
    throw new VendorError(`${MANIFEST} is not in the git index`, { exitCode: 2, code: "manifest-not-staged", file: MANIFEST, fix: `git add -- ${MANIFEST}` });
  }
  return { manifest: parseManifest(m.toString("utf8"), MANIFEST), lock: l && parseLock(l.toString("utf8"), LOCK) };
}

async function readWorkTree(projectDir: string): Promise<{ manifest: Manifest; lock: Lock | undefined }> {
  const [{ readManifest }, { readLock }] = await Promise.all([import("../manifest/read.js"), import("../lock/read.js")]);
  return { manifest: await readManifest(projectDir), lock: await readLock(projectDir) };
}

export async function runCheck(projectDir: string, opts: CheckOptions = {}): Promise<CheckReport> {
  const hasher = opts.staged ? undefined : startTreeHashing(projectDir);
  beginGitSession(projectDir);
  try {
    return await check(projectDir, opts, hasher);
  } finally {
    endGitSession(projectDir);
    await hasher?.close();
  }
}

async function check(projectDir: string, opts: CheckOptions, hasher: TreeHasher | undefined): Promise<CheckReport> {
  const staged = opts.staged ?? false;
  const checkers = import("./checkers.js");
  const { manifest, lock } = staged ? await readStaged(projectDir) : await readWorkTree(projectDir);
  if (!lock) {
    const problems: Problem[] =
      manifest.dependencies.length === 0
        ? []
        : [{ item: "manifest", code: "lock-missing", file: "tonic-vendor.lock", message: `tonic-vendor.json has dependencies but there is no tonic-vendor.lock${staged ? " in the git index" : ""}`, fix: staged ? `run \`tonic-vendor sync\`, then git add -- tonic-vendor.lock ${manifest.vendorDir}` : "run `tonic-vendor sync`" }];
    return { ok: problems.length === 0, problems, stats: { entries: 0, files: 0 } };
  }
  const ctx: CheckContext = {
    projectDir,
    manifest,
    lock,
    vendorDir: isAbsolute(manifest.vendorDir) ? manifest.vendorDir : join(projectDir, manifest.vendorDir),
    staged,
    requireSubmodules: opts.requireSubmodules ?? false,
    stats: { entries: 0, files: 0 },
  };
  if (hasher) useTreeHasher(ctx, hasher);
  const { CHECKERS } = await checkers;
  // The tree checker starts first so the hashing threads are fed before the other checkers take the main
  // thread; the report keeps CHECKERS' order.
  const runs: Promise<Problem[]>[] = [];
  const first = CHECKERS.indexOf(checkTree);
  if (first >= 0) runs[first] = checkTree(ctx);
  CHECKERS.forEach((c, i) => {
    if (i !== first) runs[i] = c(ctx);
  });
  const found = await Promise.all(runs);
  const problems = found.flat();
  return { ok: problems.length === 0, problems, stats: ctx.stats };
}

export type { CheckReport, Problem } from "./types.js";
