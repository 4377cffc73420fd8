// Filesystem helpers for staging: hard-link an unchanged tree into the staging dir (copy when links are
// impossible), durable small-file writes, and listing what in vendor/ no lock entry owns.
import { chmodSync, readdirSync, mkdirSync, linkSync, copyFileSync, readlinkSync, symlinkSync, openSync, writeSync, fsyncSync, closeSync, renameSync, existsSync, lstatSync } from "node:fs";
import { join, dirname } from "node:path";

/** Mirrors src into dst (dst must not exist) with hard links; sync fs calls measured faster than the async API for many small files (DESIGN). */
export function linkTree(src: string, dst: string): void {
  mkdirSync(dst, { recursive: true });
  // mkdir's mode is cut by the umask; the copy keeps the source folder's mode so trees stay byte-identical.
  chmodSync(dst, lstatSync(src).mode & 0o777);
  for (const ent of readdirSync(src, { withFileTypes: true })) {
    const s = join(src, ent.name);
    const d = join(dst, ent.name);
    if (ent.isDirectory()) linkTree(s, d);
    else if (ent.isSymbolicLink()) symlinkSync(readlinkSync(s), d);
    else if (ent.isFile()) {
      try {
        linkSync(s, d);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EXDEV" || code === "EPERM" || code === "EMLINK" || code === "ENOTSUP") copyFileSync(s, d);
        else throw e;
      }
    }
    // anything else (fifo, device) is not reproduced: the digest step refuses such trees anyway
  }
}

export function fsyncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    fsyncSync(fd);
  } catch {
    /* directories cannot be fsynced on every platform; best effort */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes tmp, fsyncs it; the caller renames it into place as part of the journal. */
export function writeDurable(path: string, text: string): void {
  const fd = openSync(path, "w", 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Atomic replace of a small file: tmp + fsync + rename + fsync of the folder. */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tonic-tmp-${process.pid}`;
  writeDurable(tmp, text);
  renameSync(tmp, path);
  fsyncPath(dirname(path));
}

/**
 * Paths (relative to vendorDir, "/"-separated) in vendorDir that no key owns: top-level names, and inside an
 * "@scope" folder the names under it. Hidden files count: nothing unowned may hide in vendor/.
 */
export function listStrays(vendorDir: string, keys: Iterable<string>): string[] {
  if (!existsSync(vendorDir)) return [];
  const owned = new Set(keys);
  const scopes = new Set([...owned].filter((k) => k.includes("/")).map((k) => k.split("/")[0]!));
  const out: string[] = [];
  for (const ent of readdirSync(vendorDir, { withFileTypes: true })) {
    if (owned.has(ent.name)) continue;
    if (scopes.has(ent.name) && ent.isDirectory() && !lstatSync(join(vendorDir, ent.name)).isSymbolicLink()) {
      for (const sub of readdirSync(join(vendorDir, ent.name))) if (!owned.has(`${ent.name}/${sub}`)) out.push(`${ent.name}/${sub}`);
      continue;
    }
    out.push(ent.name);
  }
  return out.sort();
}

/**
 * Creates a folder sync owns (the staging root that becomes vendor/, an "@scope" folder, an entry's root) as
 * 0755 whatever the umask, so vendor/ is the same on every machine.
 */
export function mkdirNormal(dir: string): void {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
}

/** The staging folder for a lock key, with its "@scope" parent, created 0755. */
export function makeEntryDir(root: string, key: string): string {
  const slash = key.indexOf("/");
  if (slash > 0) mkdirNormal(join(root, key.slice(0, slash)));
  const dir = join(root, key);
  mkdirNormal(dir);
  return dir;
}
