// What check reports. The shape of `check --json` is documented in docs/formats.md; keep them in step.
import type { Lock } from "../lock/types.js";
import type { Manifest } from "../manifest/types.js";

/** Which of DESIGN's four check items found it; "upstream" is `check --upstream` (check/upstream.ts). */
export type CheckItem = "manifest" | "tree" | "submodules" | "imports" | "upstream";

export interface Problem {
  item: CheckItem;
  /** Stable machine-readable code, e.g. "file-modified", "entry-unreachable", "range-unsatisfied". */
  code: string;
  /** File the problem is in or about, relative to the project root, "/"-separated, when there is one. */
  file?: string;
  /** 1-based line, when the problem is at a line of a file. */
  line?: number;
  /** Lock key the problem concerns, when there is one. */
  entry?: string;
  /** One sentence: what is wrong. */
  message: string;
  /** The command or action that fixes it. */
  fix: string;
}

export interface CheckContext {
  projectDir: string;
  manifest: Manifest;
  lock: Lock;
  /** Absolute path of vendorDir. */
  vendorDir: string;
  /** Check the git index instead of the work tree (check --staged). */
  staged: boolean;
  requireSubmodules: boolean;
  /** Filled in by the checkers as they verify: reported as CheckReport.stats. */
  stats: { entries: number; files: number };
}

/** One checker per DESIGN item; check/index.ts runs them all and concatenates what they find. */
export type Checker = (ctx: CheckContext) => Promise<Problem[]>;

export interface CheckReport {
  ok: boolean;
  problems: Problem[];
  /** How many lock entries / files were verified. */
  stats: { entries: number; files: number };
}
