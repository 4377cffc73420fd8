// `check --upstream` (network): proves the vendored bytes are upstream's plus the deterministic rewrite. Every
// staged entry is re-fetched with its own Source (registry integrity verified by the fetch; git commits
// re-fetched) into a fresh temp tree laid out like vendor/, rewritten and digested exactly as sync does, then
// compared with both the lock's digest and vendor/ itself. The steps come from sync's own SyncDeps so the two
// can never drift apart. Only the temp tree is ever written; it is removed whatever happens.
import { lstatSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve as resolvePath } from "node:path";
import { digestOfListing, hashTrees, h1, type FileHash, type TreeListing } from "../digest/index.js";
import { VendorError, isVendorError } from "../errors.js";
import { LOCK_FILE, readLock } from "../lock/read.js";
import type { LockEntry } from "../lock/types.js";
import { compareBytes, readManifest } from "../manifest/read.js";
import type { SourceContext } from "../source.js";
import { loadRealDeps, type SyncDeps } from "../sync/deps.js";
import { fetchEntry } from "../sync/stage.js";
import type { CheckReport, Problem } from "./types.js";

export interface UpstreamOptions {
  log?: (line: string) => void;
}

/** Same width as sync's fetch pool: the registry and git see the same load from both. */
const FETCH_CONCURRENCY = 8;

const isSubmodule = (e: LockEntry): boolean => e.source === "git" && e.mode === "submodule";

function label(e: LockEntry): string {
  return `${e.name}${e.version ? `@${e.version}` : e.commit ? ` ${e.commit.slice(0, 12)}` : ""}`;
}

/** The one command that re-vendors an entry from upstream: sync re-fetches any locked directory that is gone. */
function refetchFix(dir: string): string {
  return `rm -rf -- ${dir} && tonic-vendor sync (re-fetches it from upstream and re-records its digest; review the diff of ${dir} and ${LOCK_FILE})`;
}

async function pool<T>(items: T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const runners = Array.from({ length: Math.min(n, items.length) }, async () => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  });
  const results = await Promise.allSettled(runners);
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (rejected) throw rejected.reason;
}

function fetchFailure(key: string, entry: LockEntry, e: unknown): VendorError {
  if (isVendorError(e)) return e;
  return new VendorError(`${key}: re-fetching ${label(entry)} from upstream failed: ${(e as Error)?.message ?? String(e)}`, {
    exitCode: 3,
    code: "upstream-fetch-failed",
    field: `packages.${key}`,
    fix: "check the network and the registry or git remote, then run `tonic-vendor check --upstream` again",
    cause: e,
  });
}

/** Per-file differences between vendor/<key> and the re-fetched, rewritten upstream tree. */
function diffAgainstUpstream(key: string, dir: string, vendored: readonly FileHash[], upstream: readonly FileHash[]): Problem[] {
  const up = new Map(upstream.map((f) => [f.path, f]));
  const problems: Problem[] = [];
  const fix = refetchFix(dir);
  const base = { item: "upstream" as const, entry: key, fix };
  for (const f of vendored) {
    const u = up.get(f.path);
    up.delete(f.path);
    const file = `${dir}/${f.path}`;
    if (!u) problems.push({ ...base, code: "upstream-extra-file", file, message: `${file} is not in upstream's ${key} (re-fetched and rewritten)` });
    else if (u.sha256 !== f.sha256) problems.push({ ...base, code: "upstream-mismatch", file, message: `${file} differs from upstream's bytes plus the rewrite` });
    else if (u.executable !== f.executable) {
      problems.push({ ...base, code: "upstream-mode-mismatch", file, message: `${file} is ${f.executable ? "" : "not "}executable, upstream's is ${u.executable ? "" : "not "}executable` });
    }
  }
  for (const u of up.values()) {
    const file = `${dir}/${u.path}`;
    problems.push({ ...base, code: "upstream-missing-file", file, message: `${file} is in upstream's ${key} but not in ${dir}` });
  }
  return problems;
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean => {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** Whether <vendorDir>/<key> is a real directory (anything else is runCheck's to report). */
function isRealDir(path: string): boolean {
  try {
    const st = lstatSync(path);
    return st.isDirectory() && !st.isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Re-fetches every non-submodule lock entry and compares upstream's bytes (plus the rewrite) with the lock's
 * digest and with vendor/. Network. Throws VendorError (exit 3) when a fetch fails, including an integrity
 * mismatch. What plain `check` already reports (no lock, a missing or unreadable vendor directory, a missing
 * digest) is not repeated here. Submodule entries are pinned by their commit, which plain `check` verifies.
 */
export async function checkUpstream(projectDir: string, opts: UpstreamOptions = {}): Promise<CheckReport> {
  return checkUpstreamWith(await loadRealDeps(), projectDir, opts);
}

export async function checkUpstreamWith(deps: SyncDeps, projectDirIn: string, opts: UpstreamOptions = {}): Promise<CheckReport> {
  const projectDir = resolvePath(projectDirIn);
  const log = opts.log ?? (() => {});
  const manifest = await readManifest(projectDir);
  const lock = await readLock(projectDir);
  const stats = { entries: 0, files: 0 };
  if (!lock) return { ok: true, problems: [], stats };
  const vendorRel = manifest.vendorDir.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, "");
  const vendorDir = join(projectDir, manifest.vendorDir);
  const keys = Object.keys(lock.packages)
    .filter((k) => !isSubmodule(lock.packages[k]!))
    .sort(compareBytes);
  if (keys.length === 0) return { ok: true, problems: [], stats };

  const ctx: SourceContext = { projectDir, npmOptions: await deps.loadNpmOptions(projectDir), log };
  const tmp = mkdtempSync(join(tmpdir(), "tonic-upstream-"));
  try {
    // Laid out like vendor/ so the rewrite resolves dependencies exactly as it did in sync's staging tree.
    const root = join(tmp, "vendor");
    mkdirSync(root, { recursive: true });
    await pool(keys, FETCH_CONCURRENCY, async (k) => {
      const entry = lock.packages[k]!;
      log(`re-fetching ${label(entry)}`);
      const dest = join(root, k);
      mkdirSync(dest, { recursive: true });
      try {
        await fetchEntry(deps, manifest, lock, k, dest, ctx);
      } catch (e) {
        throw fetchFailure(k, entry, e);
      }
    });
    // sync rewrites every entry it fetches, in key order, against the whole staging tree; so does this.
    if (deps.rewriteVendoredPackages) await deps.rewriteVendoredPackages({ vendorRoot: root, keys, lock });

    const present = keys.filter((k) => isRealDir(join(vendorDir, k)));
    const listings = await hashTrees([...keys.map((k) => join(root, k)), ...present.map((k) => join(vendorDir, k))]);
    const upstream = new Map<string, TreeListing>(keys.map((k, i) => [k, listings[i]!]));
    const vendored = new Map<string, TreeListing>(present.map((k, i) => [k, listings[keys.length + i]!]));

    const problems: Problem[] = [];
    for (const k of keys) {
      const entry = lock.packages[k]!;
      const dir = `${vendorRel}/${k}`;
      const up = upstream.get(k)!;
      stats.entries++;
      stats.files += up.files.length;
      const bad = [...up.symlinks, ...up.others];
      if (bad.length) {
        // sync refuses such a tree (entry-has-links), so vendor/ cannot legitimately hold this entry.
        problems.push({ item: "upstream", code: "upstream-has-links", file: dir, entry: k, message: `upstream's ${k} contains symlinks or special files (${bad.slice(0, 5).join(", ")}), which sync refuses`, fix: `remove ${entry.name} from tonic-vendor.json, or exclude those paths with "exclude"` });
        continue;
      }
      const upDigest = digestOfListing(up, join(root, k));
      if (entry.digest && (entry.digest !== upDigest.digest || !sameList(entry.executables, upDigest.executables))) {
        const what = entry.digest !== upDigest.digest ? `digests to ${upDigest.digest}, but the lock says ${entry.digest}` : `has executables [${upDigest.executables.join(", ")}], but the lock says [${(entry.executables ?? []).join(", ")}]`;
        problems.push({
          item: "upstream",
          code: "upstream-lock-mismatch",
          file: LOCK_FILE,
          entry: k,
          message: `${label(entry)} re-fetched from upstream and rewritten ${what}: the lock does not record upstream's bytes`,
          fix: `if ${LOCK_FILE} was edited by hand, restore it from version control; otherwise ${refetchFix(dir)}`,
        });
      }
      const mine = vendored.get(k);
      // Missing or unreadable directories are plain check's findings (entry-missing, file-unreadable).
      if (!mine || mine.errors.length) continue;
      let mineDigest: string;
      try {
        mineDigest = mine.digest ?? h1(mine.files);
      } catch {
        continue; // an unhashable name: plain check reports it
      }
      const sameExec = sameList(mine.files.filter((f) => f.executable).map((f) => f.path), upDigest.executables);
      if (mineDigest !== upDigest.digest || !sameExec) problems.push(...diffAgainstUpstream(k, dir, mine.files, up.files));
    }
    log(`compared ${stats.entries} entr${stats.entries === 1 ? "y" : "ies"} with upstream`);
    return { ok: problems.length === 0, problems, stats };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
