// The commit protocol. Staging tree, new lock and new manifest are complete on disk before the journal is
// renamed into place; the journal's existence is the commit point. Afterwards: vendor -> backup,
// staging -> vendor, tmp files -> their names, journal removed, backup removed. A run that finds a journal
// rolls forward (every step is idempotent); one that finds leftovers without a journal rolls back (deletes
// them). POSIX has no atomic exchange of two directories (renameat2 is not reachable from Node), so between the
// two renames vendor/ is briefly absent; the journal makes that state recoverable and `check` reports it.
import { existsSync, readFileSync, renameSync, rmSync, unlinkSync, readdirSync } from "node:fs";
import { join, resolve, relative, dirname, basename, isAbsolute } from "node:path";
import { VendorError } from "../errors.js";
import { crashPoint, type CrashPoint } from "./crash.js";
import { fsyncPath, writeDurable } from "./fs-tree.js";

export const JOURNAL_FILE = ".tonic-vendor.journal";
const JOURNAL_TMP = `${JOURNAL_FILE}.tmp`;
export const NEW_SUFFIX = ".tonic-new";

export interface Journal {
  version: 1;
  /** All paths relative to the project root. */
  vendor: string;
  staging: string;
  backup: string;
  files: { tmp: string; dest: string; step: CrashPoint }[];
}

export function stagingPaths(projectDir: string, vendorDir: string): { vendor: string; staging: string; backup: string } {
  const vendor = resolve(projectDir, vendorDir);
  const base = basename(vendor);
  return { vendor, staging: join(dirname(vendor), `.${base}.tonic-staging`), backup: join(dirname(vendor), `.${base}.tonic-old`) };
}

function abs(projectDir: string, rel: string): string {
  if (isAbsolute(rel) || rel.split(/[\\/]/).includes("..")) {
    throw new VendorError(`the sync journal names a path outside the project: ${rel}`, { exitCode: 2, code: "journal-invalid", file: JOURNAL_FILE, fix: `inspect and delete ${JOURNAL_FILE}, then run \`tonic-vendor sync\`` });
  }
  return join(projectDir, rel);
}

export function commit(projectDir: string, j: Journal): void {
  const tmp = join(projectDir, JOURNAL_TMP);
  writeDurable(tmp, `${JSON.stringify(j)}\n`);
  crashPoint("journal-tmp-written");
  renameSync(tmp, join(projectDir, JOURNAL_FILE));
  fsyncPath(projectDir);
  crashPoint("journal-committed");
  rollForward(projectDir, j);
}

function rollForward(projectDir: string, j: Journal): void {
  const vendor = abs(projectDir, j.vendor);
  const staging = abs(projectDir, j.staging);
  const backup = abs(projectDir, j.backup);
  if (existsSync(staging)) {
    if (existsSync(vendor)) {
      rmSync(backup, { recursive: true, force: true });
      renameSync(vendor, backup);
      crashPoint("vendor-moved-aside");
    }
    renameSync(staging, vendor);
    crashPoint("staging-moved-in");
  }
  for (const f of j.files) {
    const tmp = abs(projectDir, f.tmp);
    if (existsSync(tmp)) {
      renameSync(tmp, abs(projectDir, f.dest));
      crashPoint(f.step);
    }
  }
  fsyncPath(dirname(vendor));
  fsyncPath(projectDir);
  unlinkSync(join(projectDir, JOURNAL_FILE));
  crashPoint("journal-removed");
  removeTree(backup, true);
}

function removeTree(dir: string, crashing: boolean): void {
  if (!existsSync(dir)) return;
  let first = true;
  for (const name of readdirSync(dir)) {
    rmSync(join(dir, name), { recursive: true, force: true });
    if (first && crashing) crashPoint("backup-removing");
    first = false;
  }
  rmSync(dir, { recursive: true, force: true });
  if (crashing) crashPoint("backup-removed");
}

function readJournal(projectDir: string): Journal | undefined {
  const path = join(projectDir, JOURNAL_FILE);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  try {
    const j = JSON.parse(text) as Journal;
    if (j.version !== 1 || typeof j.vendor !== "string" || typeof j.staging !== "string" || typeof j.backup !== "string" || !Array.isArray(j.files)) throw new Error("bad shape");
    return j;
  } catch (e) {
    throw new VendorError(`the sync journal is unreadable: ${(e as Error).message}`, { exitCode: 2, code: "journal-invalid", file: JOURNAL_FILE, fix: `inspect and delete ${JOURNAL_FILE}, then run \`tonic-vendor sync\``, cause: e });
  }
}

/** True when a killed sync left a committed journal that the next sync will finish. */
export function pendingCommit(projectDir: string): boolean {
  return existsSync(join(projectDir, JOURNAL_FILE));
}

/**
 * Finishes or undoes whatever a killed run left. `vendorDir` (from the current manifest) locates the staging
 * and backup folders when there is no journal. Must be called with the project lock held.
 */
export function recover(projectDir: string, vendorDir: string, log: (line: string) => void): "none" | "rolled-forward" | "cleaned" {
  const j = readJournal(projectDir);
  if (j) {
    crashPoint("recover-started");
    log("finishing an interrupted sync (rolling forward its committed changes)");
    rollForward(projectDir, j);
    crashPoint("recover-rolled-forward");
    return "rolled-forward";
  }
  const { staging, backup } = stagingPaths(projectDir, vendorDir);
  const leftovers = [staging, backup, join(projectDir, JOURNAL_TMP), ...["tonic-vendor.lock", "tonic-vendor.json"].map((f) => join(projectDir, f + NEW_SUFFIX))].filter((p) => existsSync(p));
  if (leftovers.length === 0) return "none";
  log(`cleaning up after an interrupted sync: ${leftovers.map((p) => relative(projectDir, p)).join(", ")}`);
  for (const p of leftovers) rmSync(p, { recursive: true, force: true });
  return "cleaned";
}
