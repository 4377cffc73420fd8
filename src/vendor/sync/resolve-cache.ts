// Lets a no-op sync skip the registry: after a successful sync, a fingerprint of (manifest, lock) is kept in
// the user's cache folder (not in the project, so nothing new to commit or ignore). When the next sync sees
// the same manifest and lock, resolution would keep every locked version and return the same lock, so the
// lock is used as the resolution. A fresh machine (CI) has no fingerprint and resolves normally.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

const FORMAT = "tonic-vendor-resolve-1";

function file(projectDir: string): string {
  const base = process.env.TONIC_VENDOR_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "tonic-vendor");
  return join(base, "resolved", createHash("sha256").update(projectDir).digest("hex").slice(0, 32));
}

export function fingerprint(manifestCanonical: string, lockText: string): string {
  return createHash("sha256").update(FORMAT).update("\0").update(manifestCanonical).update("\0").update(lockText).digest("hex");
}

export function isKnownResolution(projectDir: string, fp: string): boolean {
  try {
    return readFileSync(file(projectDir), "utf8") === fp;
  } catch {
    return false;
  }
}

export function rememberResolution(projectDir: string, fp: string): void {
  try {
    const f = file(projectDir);
    mkdirSync(join(f, ".."), { recursive: true });
    writeFileSync(f, fp);
  } catch {
    /* a cache only: a read-only home just means the next sync resolves */
  }
}
