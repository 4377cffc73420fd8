// sync: resolve -> fetch new/changed entries into a staging tree (unchanged ones hard-linked from vendor/) ->
// rewrite -> digest -> journaled swap of vendor/ + lock (+ manifest for add/remove) -> rewrite the project.
// Nothing under vendor/ or the lock changes before the commit point; a run with nothing to do writes nothing.
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative, resolve as resolvePath } from "node:path";
import { VendorError } from "./errors.js";
import { LOCK_FILE, serializeLock } from "./lock/read.js";
import { LOCKFILE_VERSION, type Lock, type LockEntry } from "./lock/types.js";
import { MANIFEST_FILE, compareBytes, parseManifest, serializeManifest } from "./manifest/read.js";
import type { Manifest } from "./manifest/types.js";
import { parseLock } from "./lock/read.js";
import type { SourceContext } from "./source.js";
import { crashPoint } from "./sync/crash.js";
import { loadRealDeps, type RewriteReportLike, type SyncDeps } from "./sync/deps.js";
import { frozenDisagreements } from "./sync/frozen.js";
import { linkTree, listStrays, makeEntryDir, mkdirNormal, writeDurable } from "./sync/fs-tree.js";
import { NEW_SUFFIX, commit, recover, stagingPaths } from "./sync/swap.js";
import { acquireProjectLock } from "./sync/txn-lock.js";
import { fingerprint, isKnownResolution, rememberResolution } from "./sync/resolve-cache.js";
import { fetchEntry } from "./sync/stage.js";
import { globsFor } from "./fetch/filter.js";

export interface SyncOptions {
  projectDir: string;
  frozen?: boolean;
  /** Names allowed to move to their newest matching version. */
  update?: string[];
  latest?: boolean;
  log?: (line: string) => void;
  /** add/remove: the edited manifest, written in the same commit as vendor/ and the lock (only if sync succeeds). */
  manifest?: Manifest;
  /**
   * Like `manifest`, but applied to the manifest as read under the project lock, so two concurrent
   * `add`s both land. Takes precedence over `manifest`.
   */
  editManifest?: (current: Manifest) => Manifest;
}

export interface SyncResult {
  /** False when vendor/ and the lock were already what the manifest asks for: nothing was written. */
  changed: boolean;
  lock: Lock;
  /** Lock keys fetched from their sources in this run. */
  fetched: string[];
  /** Lock keys kept from the previous vendor/ (hard-linked). */
  reused: string[];
  /** Lock keys that were in the old lock and are gone. */
  removed: string[];
  /** Things in vendor/ that no entry owned (removed by this run). */
  strays: string[];
  /** Imports that could not be rewritten statically (from the rewrite step). */
  dynamic: RewriteReportLike["dynamic"];
  /** What a previous, killed run left and this run finished or cleaned. */
  recovered: "none" | "rolled-forward" | "cleaned";
}

const FETCH_CONCURRENCY = 8;

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** What makes an entry's vendored bytes what they are, besides the bytes themselves. */
function identity(e: LockEntry): string {
  const { digest: _d, executables: _x, ...rest } = e;
  return serializeLock({ lockfileVersion: 0, roots: {}, packages: { x: rest } });
}

const isSubmodule = (e: LockEntry): boolean => e.source === "git" && e.mode === "submodule";

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
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

export function sync(opts: SyncOptions): Promise<SyncResult> {
  return loadRealDeps().then((deps) => syncWith(deps, opts));
}

export async function syncWith(deps: SyncDeps, opts: SyncOptions): Promise<SyncResult> {
  const projectDir = resolvePath(opts.projectDir);
  const log = opts.log ?? (() => {});
  if (opts.latest) {
    throw new VendorError("--latest is not implemented yet", { exitCode: 2, code: "not-implemented", fix: "edit the range in tonic-vendor.json and run `tonic-vendor sync`" });
  }
  const held = await acquireProjectLock(projectDir);
  try {
    crashPoint("locked");
    const manifestPath = join(projectDir, MANIFEST_FILE);
    const lockPath = join(projectDir, LOCK_FILE);
    const currentManifestText = readText(manifestPath);
    // Recovery may finish a commit that changes the manifest, so the manifest is (re)read after it.
    let preManifest: Manifest | undefined = opts.manifest;
    if (!preManifest && currentManifestText !== undefined) {
      try {
        preManifest = parseManifest(currentManifestText, MANIFEST_FILE);
      } catch {
        preManifest = undefined;
      }
    }
    const recovered = recover(projectDir, preManifest?.vendorDir ?? "vendor", log);
    crashPoint("recovered");

    const manifestText = readText(manifestPath);
    let manifest: Manifest;
    if (opts.manifest && !opts.editManifest) manifest = opts.manifest;
    else if (manifestText === undefined) {
      throw new VendorError(`no ${MANIFEST_FILE} in ${projectDir}`, { exitCode: 2, code: "manifest-missing", file: MANIFEST_FILE, fix: "run `tonic-vendor init` (or pass --cwd <project>)" });
    } else manifest = parseManifest(manifestText, MANIFEST_FILE);
    if (opts.editManifest) manifest = opts.editManifest(manifest);
    const newManifestText = opts.manifest || opts.editManifest ? serializeManifest(manifest) : undefined;
    const oldLockText = readText(lockPath);
    const oldLock = oldLockText === undefined ? undefined : parseLock(oldLockText, LOCK_FILE);

    const { vendor, staging, backup } = stagingPaths(projectDir, manifest.vendorDir);
    const ctx: SourceContext = { projectDir, npmOptions: await deps.loadNpmOptions(projectDir), log };

    let resolved: Lock;
    if (opts.frozen) {
      if (!oldLock) {
        throw new VendorError(`--frozen needs ${LOCK_FILE}, and there is none`, { exitCode: 1, code: "frozen-no-lock", file: LOCK_FILE, fix: "run `tonic-vendor sync` (without --frozen) and commit the lock" });
      }
      const problems = frozenDisagreements(manifest, oldLock);
      if (problems.length) {
        throw new VendorError(`the lock does not satisfy the manifest:\n  - ${problems.join("\n  - ")}`, {
          exitCode: 1,
          code: "frozen-mismatch",
          file: LOCK_FILE,
          fix: "run `tonic-vendor sync` without --frozen and commit the updated lock",
        });
      }
      resolved = oldLock;
    } else if (oldLock && oldLockText !== undefined && !opts.update?.length && isKnownResolution(projectDir, fingerprint(serializeManifest(manifest), oldLockText))) {
      log("manifest and lock unchanged since the last sync: keeping the locked versions");
      resolved = oldLock;
    } else {
      log("resolving");
      resolved = await deps.resolveClosure({ manifest, lock: oldLock, ctx, update: opts.update ?? [] });
    }
    crashPoint("resolved");

    // Plan: an old entry is reused when its identity, its direct dependencies' identities (its rewritten
    // imports point into them) and its bytes on disk are unchanged.
    const newLock: Lock = { lockfileVersion: LOCKFILE_VERSION, roots: resolved.roots, packages: {} };
    const keys = Object.keys(resolved.packages).sort(compareBytes);
    // The globs are part of an entry's identity: changing them re-vendors it.
    for (const k of keys) {
      const e = resolved.packages[k]!;
      delete e.include;
      delete e.exclude;
      const g = globsFor(manifest, resolved, k);
      if (g?.include?.length) e.include = [...g.include];
      if (g?.exclude?.length) e.exclude = [...g.exclude];
    }
    const staged = keys.filter((k) => !isSubmodule(resolved.packages[k]!));
    const sameIdentity = new Set(keys.filter((k) => oldLock?.packages[k] && identity(oldLock.packages[k]) === identity(resolved.packages[k]!)));
    const candidates = staged.filter((k) => {
      if (!sameIdentity.has(k) || !oldLock!.packages[k]!.digest) return false;
      if (!Object.values(resolved.packages[k]!.dependencies ?? {}).every((d) => sameIdentity.has(d))) return false;
      const dir = join(vendor, k);
      try {
        return statSync(dir).isDirectory();
      } catch {
        return false;
      }
    });
    const digests = candidates.length ? await deps.digestTrees(candidates.map((k) => join(vendor, k))) : [];
    const reused = candidates.filter((k, i) => {
      const d = digests[i]!;
      const old = oldLock!.packages[k]!;
      return d.digest === old.digest && sameList(d.executables, old.executables) && d.symlinks.length === 0 && (d.others ?? []).length === 0;
    });
    const reusedSet = new Set(reused);
    const toFetch = staged.filter((k) => !reusedSet.has(k));
    for (const k of keys) {
      const e: LockEntry = { ...resolved.packages[k]! };
      delete e.digest;
      delete e.executables;
      if (reusedSet.has(k)) {
        const old = oldLock!.packages[k]!;
        e.digest = old.digest;
        if (old.executables?.length) e.executables = old.executables;
      }
      newLock.packages[k] = e;
    }
    const removed = Object.keys(oldLock?.packages ?? {}).filter((k) => !(k in newLock.packages));
    // Folders of entries this run removes are not strays; the swap drops them either way.
    const strays = listStrays(vendor, [...keys, ...removed]);
    const keptSubmodules = keys.filter((k) => isSubmodule(newLock.packages[k]!) && sameIdentity.has(k));
    crashPoint("planned");

    const manifestUnchanged = newManifestText === undefined || newManifestText === manifestText;
    if (toFetch.length === 0 && strays.length === 0 && manifestUnchanged && (existsSync(vendor) || staged.length === 0) && serializeLock(newLock) === oldLockText) {
      log("nothing to change: vendor/ and tonic-vendor.lock already match the manifest");
      if (!opts.frozen) rememberResolution(projectDir, fingerprint(serializeManifest(manifest), serializeLock(newLock)));
      // A sync killed between its swap and the submodule step leaves checkouts missing: restore those.
      await materialiseSubmodules(deps, projectDir, manifest, newLock, (k) => !existsSync(join(vendor, k, ".git")));
      const report = await rewriteProjectStep(deps, projectDir, manifest, newLock, log);
      crashPoint("project-rewritten");
      return { changed: false, lock: newLock, fetched: [], reused: [...reused, ...keptSubmodules], removed: [], strays: [], dynamic: report.dynamic, recovered };
    }

    // Stage. Any failure before the commit removes the staging tree and tmp files and leaves everything as it was.
    const lockTmp = lockPath + NEW_SUFFIX;
    const manifestTmp = manifestPath + NEW_SUFFIX;
    const dynamic: RewriteReportLike["dynamic"] = [];
    try {
      rmSync(staging, { recursive: true, force: true });
      mkdirNormal(staging);
      crashPoint("staging-created");
      for (const k of reused) {
        makeEntryDir(staging, k);
        linkTree(join(vendor, k), join(staging, k));
      }
      crashPoint("linked");
      let fetchedCount = 0;
      await pool(toFetch, FETCH_CONCURRENCY, async (k) => {
        const entry = newLock.packages[k]!;
        log(`fetching ${entry.name}${entry.version ? `@${entry.version}` : entry.commit ? ` ${entry.commit.slice(0, 12)}` : ""}`);
        const dest = makeEntryDir(staging, k);
        await fetchEntry(deps, manifest, newLock, k, dest, ctx);
        if (++fetchedCount === 1) crashPoint("fetched-one");
      });
      crashPoint("fetched");
      if (deps.rewriteVendoredPackages && toFetch.length) {
        const r = await deps.rewriteVendoredPackages({ vendorRoot: staging, keys: toFetch, lock: newLock });
        // the report names files as "<key>/<path>", relative to vendorRoot
        dynamic.push(...r.dynamic.map((d) => ({ ...d, file: `${manifest.vendorDir}/${d.file}` })));
      }
      crashPoint("rewritten");
      const fresh = toFetch.length ? await deps.digestTrees(toFetch.map((k) => join(staging, k))) : [];
      toFetch.forEach((k, i) => {
        const d = fresh[i]!;
        const bad = [...d.symlinks, ...(d.others ?? [])];
        if (bad.length) {
          throw new VendorError(`${k} contains symlinks or special files (${bad.slice(0, 5).join(", ")})`, {
            exitCode: 3,
            code: "entry-has-links",
            field: `packages.${k}`,
            fix: `remove ${k} from tonic-vendor.json or exclude those paths with "exclude"`,
          });
        }
        const e = newLock.packages[k]!;
        e.digest = d.digest;
        if (d.executables.length) e.executables = d.executables;
        // --frozen materialises exactly the lock: bytes that digest differently are an error, not a new lock.
        const locked = opts.frozen ? oldLock?.packages[k] : undefined;
        if (locked?.digest && (locked.digest !== d.digest || !sameList(locked.executables, d.executables))) {
          throw new VendorError(`${k}: the fetched and rewritten tree digests to ${d.digest}, but the lock says ${locked.digest}`, {
            exitCode: 1,
            code: "frozen-digest-mismatch",
            file: LOCK_FILE,
            field: `packages.${k}.digest`,
            fix: "run `tonic-vendor sync` without --frozen to re-record it (and review the diff), or restore the lock from version control",
          });
        }
      });
      crashPoint("digested");
      writeDurable(lockTmp, serializeLock(newLock));
      crashPoint("lock-tmp-written");
      if (newManifestText !== undefined && newManifestText !== manifestText) writeDurable(manifestTmp, newManifestText);
      crashPoint("manifest-tmp-written");
    } catch (e) {
      rmSync(staging, { recursive: true, force: true });
      rmSync(lockTmp, { force: true });
      rmSync(manifestTmp, { force: true });
      throw e;
    }

    const rel = (p: string) => relative(projectDir, p).split("\\").join("/");
    const files: { tmp: string; dest: string; step: "lock-renamed" | "manifest-renamed" }[] = [{ tmp: rel(lockTmp), dest: LOCK_FILE, step: "lock-renamed" }];
    if (existsSync(manifestTmp)) files.push({ tmp: rel(manifestTmp), dest: MANIFEST_FILE, step: "manifest-renamed" });
    // Submodule checkouts are never staged; the swap moves the old vendor/ (with them) aside, and the GIT call
    // site below re-materialises each one from .git/modules, which keeps their objects.
    commit(projectDir, { version: 1, vendor: rel(vendor), staging: rel(staging), backup: rel(backup), files });
    log(`vendored ${keys.length} entr${keys.length === 1 ? "y" : "ies"} (${toFetch.length} fetched, ${reused.length} unchanged${removed.length ? `, ${removed.length} removed` : ""})`);

    for (const k of removed) {
      const old = oldLock!.packages[k]!;
      if (isSubmodule(old) && deps.removeSubmodule) await deps.removeSubmodule({ projectDir, vendorDir: manifest.vendorDir, key: k });
    }
    await materialiseSubmodules(deps, projectDir, manifest, newLock, () => true);
    if (!opts.frozen) rememberResolution(projectDir, fingerprint(serializeManifest(manifest), serializeLock(newLock)));
    const report = await rewriteProjectStep(deps, projectDir, manifest, newLock, log);
    dynamic.push(...report.dynamic);
    crashPoint("project-rewritten");
    return { changed: true, lock: newLock, fetched: toFetch, reused: [...reused, ...keptSubmodules], removed, strays, dynamic, recovered };
  } finally {
    held.release();
  }
}

async function materialiseSubmodules(deps: SyncDeps, projectDir: string, manifest: Manifest, lock: Lock, which: (key: string) => boolean): Promise<void> {
  for (const k of Object.keys(lock.packages).sort(compareBytes)) {
    const e = lock.packages[k]!;
    if (!isSubmodule(e) || !which(k)) continue;
    if (!deps.materialiseSubmodule) {
      throw new VendorError(`${k} asks for mode "submodule", which this build of tonic-vendor cannot materialise`, { exitCode: 2, code: "submodule-unsupported", fix: 'use mode "tarball"' });
    }
    await deps.materialiseSubmodule({ projectDir, vendorDir: manifest.vendorDir, key: k, entry: e });
  }
}

async function rewriteProjectStep(deps: SyncDeps, projectDir: string, manifest: Manifest, lock: Lock, log: (l: string) => void): Promise<RewriteReportLike> {
  if (!deps.rewriteProject) return { filesChanged: [], dynamic: [] };
  const report = await deps.rewriteProject({ projectDir, manifest, lock });
  if (report.filesChanged.length) log(`rewrote imports in ${report.filesChanged.length} project file(s)`);
  return report;
}
