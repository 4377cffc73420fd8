// `tonic-vendor check`: offline and read-only; runs every checker and lists every problem with its fix.
// With `staged`, the manifest, the lock and vendor/ are read from the git index (what the next commit holds).
import { isAbsolute, join } from "node:path";
import { VendorError } from "../errors.js";
import { LOCK_FILE, parseLock, readLock } from "../lock/read.js";
import type { Lock } from "../lock/types.js";
import { MANIFEST_FILE, parseManifest, readManifest } from "../manifest/read.js";
import type { Manifest } from "../manifest/types.js";
import { CHECKERS } from "./checkers.js";
import { beginGitSession, endGitSession, gitInfo, readBlobs } from "./git-objects.js";
import type { CheckContext, CheckReport, Problem } from "./types.js";

export interface CheckOptions {
  /** Check the git index instead of the work tree (the pre-commit hook). */
  staged?: boolean;
  /** Fail when a submodule-mode entry is not checked out (CI); otherwise an uninitialised one is fine. */
  requireSubmodules?: boolean;
}

async function readStaged(projectDir: string): Promise<{ manifest: Manifest; lock: Lock | undefined }> {
  const git = await gitInfo(projectDir);
  if (!git) {
    throw new VendorError("check --staged needs a git repository, and this project is not inside one", {
      exitCode: 2,
      code: "not-a-git-repository",
      fix: "run plain `tonic-vendor check`, or run it inside the project's git work tree",
    });
  }
  const [m, l] = await readBlobs(projectDir, [`:${git.prefix}${MANIFEST_FILE}`, `:${git.prefix}${LOCK_FILE}`]);
  if (!m) {
    throw new VendorError(`${MANIFEST_FILE} is not in the git index`, { exitCode: 2, code: "manifest-not-staged", file: MANIFEST_FILE, fix: `git add -- ${MANIFEST_FILE}` });
  }
  return { manifest: parseManifest(m.toString("utf8"), MANIFEST_FILE), lock: l && parseLock(l.toString("utf8"), LOCK_FILE) };
}

export async function runCheck(projectDir: string, opts: CheckOptions = {}): Promise<CheckReport> {
  beginGitSession(projectDir);
  try {
    return await check(projectDir, opts);
  } finally {
    endGitSession(projectDir);
  }
}

async function check(projectDir: string, opts: CheckOptions): Promise<CheckReport> {
  const staged = opts.staged ?? false;
  const { manifest, lock } = staged ? await readStaged(projectDir) : { manifest: await readManifest(projectDir), lock: await readLock(projectDir) };
  if (!lock) {
    const problems: Problem[] =
      manifest.dependencies.length === 0
        ? []
        : [{ item: "manifest", code: "lock-missing", file: LOCK_FILE, message: `${MANIFEST_FILE} has dependencies but there is no ${LOCK_FILE}${staged ? " in the git index" : ""}`, fix: staged ? `run \`tonic-vendor sync\`, then git add -- ${LOCK_FILE} ${manifest.vendorDir}` : "run `tonic-vendor sync`" }];
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
  const found = await Promise.all(CHECKERS.map((c) => c(ctx)));
  const problems = found.flat();
  return { ok: problems.length === 0, problems, stats: ctx.stats };
}

export type { CheckReport, Problem } from "./types.js";
