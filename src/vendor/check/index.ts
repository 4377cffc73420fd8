// `tonic-vendor check`: offline and read-only; runs every checker and lists every problem with its fix.
// With `staged`, the manifest, the lock and vendor/ are read from the git index (what the next commit holds).
//
// Written for a cold process on 2 cores: plain check boots the hashing threads and queues vendor/'s
// directories before anything else, and only then loads the manifest/lock parsers and the checkers (npm-package-arg
// and semver alone cost ~30 ms to load), so loading and parsing overlap with hashing instead of preceding it.
import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { TreeHasher } from "../digest/index.js";
import { VendorError } from "../errors.js";
import { LOCK_FILE as LOCK, MANIFEST_FILE as MANIFEST } from "../file-names.js";
import type { Lock } from "../lock/types.js";
import type { Manifest } from "../manifest/types.js";
import { beginGitSession, endGitSession, gitInfo, readStagedFiles } from "./git-objects.js";
import { askIgnoredEarly, useIgnoredAnswer, type EarlyIgnored } from "./ignored.js";
import { checkTree, plainVendorDir, startTreeHashing, useTreeHasher } from "./tree.js";
import type { CheckContext, CheckReport, Problem } from "./types.js";

export interface CheckOptions {
  /** Check the git index instead of the work tree (the pre-commit hook). */
  staged?: boolean;
  /** Fail when a submodule-mode entry is not checked out (CI); otherwise an uninitialised one is fine. */
  requireSubmodules?: boolean;
}

/** A work-tree file read and parsed before git has said what is staged; the staged copy is used only if it has these bytes. */
type Early<T> = { bytes: Buffer } & ({ ok: true; parsed: T } | { ok: false; error: unknown });

function early<T>(projectDir: string, file: string, parse: (text: string, file: string) => T): Early<T> | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(projectDir, file));
  } catch {
    return undefined;
  }
  try {
    return { bytes, ok: true, parsed: parse(bytes.toString("utf8"), file) };
  } catch (error) {
    return { bytes, ok: false, error };
  }
}

function fromStaged<T>(staged: Buffer, guess: Early<T> | undefined, parse: (text: string, file: string) => T, file: string): T {
  if (!guess || !guess.bytes.equals(staged)) return parse(staged.toString("utf8"), file);
  if (guess.ok) return guess.parsed;
  throw guess.error;
}

async function readStaged(projectDir: string): Promise<{ manifest: Manifest; lock: Lock | undefined }> {
  // git lists the index on the other core (into a file, so it never waits on this thread; the tree checker
  // reads the same listing from the session later). Meanwhile this thread parses the work tree's manifest and
  // lock, which are the staged ones in the usual commit: ~7 ms of a ~120 ms budget (issue 7) that would
  // otherwise wait. Whether they are is decided by their bytes once git has answered.
  // A failure here is reported by whoever awaits it.
  const info = gitInfo(projectDir);
  const files = readStagedFiles(projectDir, [MANIFEST, LOCK]);
  files.catch(() => undefined);
  const [{ parseManifest }, { parseLock }] = await Promise.all([import("../manifest/read.js"), import("../lock/read.js")]);
  const guessManifest = early(projectDir, MANIFEST, parseManifest);
  const guessLock = early(projectDir, LOCK, parseLock);
  // Every path after git's answer hashes (blob ids, memo keys): node:crypto loads here, while git still lists.
  process.getBuiltinModule("node:crypto");
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
  return { manifest: fromStaged(m, guessManifest, parseManifest, MANIFEST), lock: l && fromStaged(l, guessLock, parseLock, LOCK) };
}

async function readWorkTree(projectDir: string): Promise<{ manifest: Manifest; lock: Lock | undefined }> {
  const [{ readManifest }, { readLock }] = await Promise.all([import("../manifest/read.js"), import("../lock/read.js")]);
  return { manifest: await readManifest(projectDir), lock: await readLock(projectDir) };
}

export async function runCheck(projectDir: string, opts: CheckOptions = {}): Promise<CheckReport> {
  let hasher: TreeHasher | undefined;
  let ignored: EarlyIgnored | undefined;
  const vendorDir = opts.staged ? undefined : plainVendorDir(projectDir);
  if (vendorDir !== undefined) {
    // git's ignored-files query first: forked before the hashing threads start and the heap grows, a spawn
    // cost ~2 instead of ~8 ms of this thread (measured), and git answers while the threads hash.
    ignored = askIgnoredEarly(projectDir, vendorDir);
    hasher = startTreeHashing(projectDir, vendorDir);
  }
  beginGitSession(projectDir);
  try {
    return await check(projectDir, opts, hasher, ignored);
  } finally {
    endGitSession(projectDir);
    await hasher?.close();
  }
}

async function check(projectDir: string, opts: CheckOptions, hasher: TreeHasher | undefined, ignored: EarlyIgnored | undefined): Promise<CheckReport> {
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
  if (ignored) useIgnoredAnswer(ctx, ignored);
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
