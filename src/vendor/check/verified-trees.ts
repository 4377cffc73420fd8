// check --staged's memo of lock entries already verified against exactly these index records. A key is the
// sha256 of everything the tree verdict depends on: the lock entry's digest and executables and the entry's
// raw `git ls-files --stage` records (mode, blob id, stage and path of every file). Blob ids name content, so
// an unchanged package costs one hash of its records instead of a digest of its files; no stat data is
// trusted, so the memo can never hide a change. Only entries with no problem are recorded.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { LockEntry } from "../lock/types.js";

// Bump when what checkStagedTree verifies per entry changes: older records then simply miss.
const VERSION = "tonic-vendor staged-tree v1";

export class VerifiedTrees {
  /** key -> regular files counted in the entry (for the report's stats). */
  private readonly known = new Map<string, number>();
  private readonly used = new Set<string>();
  private dirty = false;
  private readonly file: string;

  constructor(gitDir: string) {
    this.file = join(gitDir, "tonic-vendor", "verified-trees");
    try {
      const text = readFileSync(this.file, "latin1");
      for (const line of text.split("\n")) {
        const sp = line.indexOf(" ");
        if (sp === 64) this.known.set(line.slice(0, 64), Number(line.slice(65)) || 0);
      }
    } catch {
      // no memo yet
    }
  }

  /** The memo key of one entry whose records are `records` (a slice of the ls-files output). */
  static key(lockKey: string, entry: LockEntry, dir: string, records: string): string {
    const head = [VERSION, lockKey, dir, entry.digest ?? "", ...(entry.executables ?? [])].join("\0");
    return process.getBuiltinModule("node:crypto").hash("sha256", `${head}\0\0${records}`, "hex");
  }

  /** Files of a verified entry, or undefined when this exact entry + records was never verified. */
  get(key: string): number | undefined {
    const n = this.known.get(key);
    if (n !== undefined) this.used.add(key);
    return n;
  }

  add(key: string, files: number): void {
    this.used.add(key);
    if (!this.known.has(key)) {
      this.known.set(key, files);
      this.dirty = true;
    }
  }

  /** Keeps only this run's keys (one per entry, so the file stays as small as the lock). Never fails. */
  save(): void {
    if (!this.dirty && this.used.size === this.known.size) return;
    let text = "";
    for (const key of this.used) text += `${key} ${this.known.get(key) ?? 0}\n`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, text);
      renameSync(tmp, this.file);
    } catch {
      // a read-only .git only costs speed
    }
  }
}
