// Project-level mutual exclusion for sync: <project>/.tonic-vendor.pid created with O_EXCL holds the owner's
// pid and host. A lock whose pid no longer runs on this host is stale and taken over; a live one is waited on
// briefly, then the second sync stops with a clear message (exit 1: nothing was changed, retry later).
import { openSync, writeSync, closeSync, readFileSync, renameSync, unlinkSync, linkSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { VendorError } from "../errors.js";

export const TXN_LOCK_FILE = ".tonic-vendor.pid";

interface Owner {
  pid: number;
  host: string;
}

function readOwner(path: string): Owner | undefined {
  try {
    const o = JSON.parse(readFileSync(path, "utf8")) as Partial<Owner>;
    return typeof o.pid === "number" && typeof o.host === "string" ? { pid: o.pid, host: o.host } : undefined;
  } catch {
    return undefined;
  }
}

function alive(o: Owner): boolean {
  if (o.host !== hostname()) return true; // cannot tell for another machine (shared folder): assume it runs
  try {
    process.kill(o.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, "wx", 0o644);
    try {
      writeSync(fd, `${JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() })}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
}

/** Moves a stale lock aside atomically (only one contender wins the rename), puts it back if it was live. */
function takeOverStale(path: string): void {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else took it over or released it
  }
  const o = readOwner(aside);
  if (o && alive(o)) {
    try {
      linkSync(aside, path);
    } catch {
      /* a newer owner already holds it; theirs stands */
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    /* already gone */
  }
}

export interface HeldLock {
  release(): void;
}

export async function acquireProjectLock(projectDir: string, waitMs = Number(process.env.TONIC_VENDOR_LOCK_WAIT_MS ?? 3000)): Promise<HeldLock> {
  const path = join(projectDir, TXN_LOCK_FILE);
  const deadline = Date.now() + waitMs;
  let owner: Owner | undefined;
  for (;;) {
    if (tryCreate(path)) {
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          const o = readOwner(path);
          if (o && o.pid === process.pid && o.host === hostname()) {
            try {
              unlinkSync(path);
            } catch {
              /* already gone */
            }
          }
        },
      };
    }
    owner = readOwner(path);
    if (owner === undefined || !alive(owner)) {
      // Unreadable (a writer killed between create and write) or dead owner: stale. A just-created file is
      // briefly empty, so give an unreadable one a moment before taking it over.
      if (owner === undefined) await sleep(50);
      if (readOwner(path) === undefined || !alive(readOwner(path)!)) takeOverStale(path);
      continue;
    }
    if (Date.now() >= deadline) break;
    await sleep(100);
  }
  throw new VendorError(`another tonic-vendor sync (pid ${owner.pid} on ${owner.host}) is working on this project`, {
    exitCode: 1,
    code: "sync-locked",
    file: TXN_LOCK_FILE,
    fix: `wait for it to finish and run the command again; if no such process exists, delete ${TXN_LOCK_FILE}`,
  });
}
