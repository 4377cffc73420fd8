// check's stat memo: for each vendored entry, the stat signature of its tree (every file's path, type+mode,
// size, mtime, ctime and inode; digest/worker-source.ts computes it) and the digest its bytes had. When a later
// check finds the same signature, the tree's files are not read again: a stat pass costs ~a quarter of
// hashing, which is what lets a repeated check beat `sha256sum` over the tree (issue 2).
//
// It trusts stat data exactly as git's index does for `git status`, with the same defences: ctime (which no
// unprivileged process can set back) and the inode are part of the signature, and a tree is recorded only when
// every mtime/ctime in it is older than this run's start by more than any file system's timestamp granularity,
// so a file rewritten within one tick of being hashed is never taken for unchanged. CI on a fresh clone has no
// memo and hashes everything; `check --rehash` ignores the memo. The file lives in the git directory
// (<git dir>/tonic-vendor/tree-memo), is never committed, and losing it only costs speed.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gitOnDisk } from "./git-objects.js";

const HEADER = "tonic-vendor tree-memo v1";
/** FAT's 2 s mtime granularity is the coarsest in use; anything newer than start - MARGIN is not recorded. */
const MARGIN_MS = 2000;

export class TreeMemo {
  /** Absolute tree root -> [signature, digest]. */
  private readonly known = new Map<string, [string, string]>();
  private readonly seen = new Map<string, [string, string]>();
  private changed = false;
  private readonly started = Date.now();

  constructor(private readonly file: string) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      return; // no memo yet
    }
    const lines = text.split("\n");
    if (lines[0] !== HEADER) return; // another format: start over
    for (const line of lines.slice(1)) {
      const tab = line.indexOf("\t");
      const [signature, digest] = line.slice(0, tab).split(" ");
      if (tab > 0 && signature?.length === 64 && digest) this.known.set(line.slice(tab + 1), [signature, digest]);
    }
  }

  /**
   * The memo of the repository holding `projectDir`; undefined when there is none, or when git's environment
   * variables decide where it is (this runs before any git process could answer).
   */
  static open(projectDir: string): TreeMemo | undefined {
    const git = gitOnDisk(projectDir);
    return git ? new TreeMemo(join(git.gitDir, "tonic-vendor", "tree-memo")) : undefined;
  }

  /** The signature recorded for a tree (absolute root), if any. */
  expected(root: string): string | undefined {
    return this.known.get(root)?.[0];
  }

  /** The digest recorded with `signature` for `root`, if it is that signature. */
  digest(root: string, signature: string): string | undefined {
    const r = this.known.get(root);
    return r && r[0] === signature ? r[1] : undefined;
  }

  /** Records what this run found for a tree, unless the tree changed too recently to be trusted later. */
  record(root: string, signature: string, newest: number, digest: string): void {
    if (/[\t\n]/.test(root) || newest >= this.started - MARGIN_MS) return;
    this.seen.set(root, [signature, digest]);
    const before = this.known.get(root);
    if (!before || before[0] !== signature || before[1] !== digest) this.changed = true;
  }

  /** Writes the trees recorded in this run (so the file stays as small as the lock). Never fails. */
  save(): void {
    if (!this.changed && this.seen.size === this.known.size) return;
    let text = `${HEADER}\n`;
    for (const [root, [signature, digest]] of this.seen) text += `${signature} ${digest}\t${root}\n`;
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
