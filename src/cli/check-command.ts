// `tonic-vendor check`, kept apart from commands.ts so a check loads only what it needs: commands.ts pulls in
// sync, the manifest/lock parsers (npm-package-arg, semver) and more at load time, ~45 ms on this machine
// before runCheck could start its hashing threads (check boots them first and loads the parsers while they hash).
import { relative, resolve, sep } from "node:path";
import { VendorError } from "../vendor/errors.js";
import { JOURNAL_FILE, pendingCommit } from "../vendor/sync/swap.js";
import type { GlobalOptions } from "./main.js";
import type { Output } from "./output.js";
import { write } from "./write.js";

export async function check(g: GlobalOptions, out: Output, opts: { staged?: boolean; requireSubmodules?: boolean; upstream?: boolean }): Promise<number> {
  const dir = resolve(g.cwd ?? process.cwd());
  if (opts.staged && opts.upstream) {
    throw new VendorError("--upstream compares the work tree's vendor/ with upstream and cannot be combined with --staged", { exitCode: 2, code: "usage", fix: "run `tonic-vendor check --staged` and `tonic-vendor check --upstream` separately" });
  }
  const { runCheck } = await import("../vendor/check/index.js");
  const report = await runCheck(dir, { staged: opts.staged, requireSubmodules: opts.requireSubmodules });
  const { LOCK_FILE } = await import("../vendor/lock/read.js");
  if (opts.upstream) {
    const { checkUpstream } = await import("../vendor/check/upstream.js");
    const up = await checkUpstream(dir, { log: out.progress });
    report.problems.push(...up.problems);
    report.ok = report.ok && up.ok;
    if (up.ok) out.info(`upstream: ${up.stats.entries} entries re-fetched and rewritten match vendor/ and ${LOCK_FILE}`);
  }
  if (!opts.staged && pendingCommit(dir)) {
    report.problems.unshift({ item: "tree", code: "sync-interrupted", file: JOURNAL_FILE, message: "a sync was killed after it committed; vendor/ and the lock are being replaced", fix: "run `tonic-vendor sync` to finish it" });
    report.ok = false;
  }
  if (report.ok) out.info(`ok: ${report.stats.entries} entries, ${report.stats.files} files match ${LOCK_FILE}`);
  else {
    out.important(`${report.problems.length} problem${report.problems.length === 1 ? "" : "s"}:`);
    for (const p of report.problems) {
      const where = [p.file && `${p.file}${p.line ? `:${p.line}` : ""}`, p.entry && `[${p.entry}]`].filter(Boolean).join(" ");
      out.important(`  ${where ? `${where}: ` : ""}${p.message}\n    fix: ${p.fix}`);
    }
  }
  out.json({ ...report });
  const { annotationsEnabled, formatAnnotations } = await import("../vendor/check/annotations.js");
  if (!report.ok && annotationsEnabled()) {
    // GitHub Actions reads workflow commands from stdout; with --json stdout is the document, so use stderr.
    const lines = formatAnnotations(report.problems, relative(process.env.GITHUB_WORKSPACE ?? dir, dir).split(sep).join("/"));
    write(g.json ? 2 : 1, lines.map((l) => `${l}\n`).join(""));
  }
  return report.ok ? 0 : 1;
}
