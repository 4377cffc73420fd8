// Vendored files that git ignores never reach a commit, so a clean clone fails `check` while the author's tree
// passes it: a root `.gitignore` line such as `dist/` silently drops every vendored package's dist folder
// (seen in this repository's own example). Plain check asks git once; --staged already reads the index.
import { gitRead } from "./git-objects.js";
import { MANIFEST_FILE } from "../file-names.js";
import type { CheckContext, Checker, Problem } from "./types.js";

/** At most this many file names are quoted per entry; the count is always exact. */
const QUOTED = 3;

type GitAnswer = ReturnType<typeof gitRead>;

/** The ignored-files query started before check has parsed the manifest (runCheck), for this vendorDir. */
export interface EarlyIgnored {
  vendorRel: string;
  answer: GitAnswer;
}

const relOf = (vendorDir: string) => vendorDir.replace(/\/+$/, "");

function ask(projectDir: string, vendorRel: string): GitAnswer {
  return gitRead(projectDir, ["ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--", MANIFEST_FILE, vendorRel]);
}

/** Starts the query now; check takes the answer if the manifest it parses names the same vendorDir. */
export function askIgnoredEarly(projectDir: string, vendorDir: string): EarlyIgnored {
  const answer = ask(projectDir, relOf(vendorDir));
  // Unused when check stops before the checkers run: no unhandled rejection then.
  answer.catch(() => undefined);
  return { vendorRel: relOf(vendorDir), answer };
}

const early = new WeakMap<CheckContext, EarlyIgnored>();

export function useIgnoredAnswer(ctx: CheckContext, ignored: EarlyIgnored): void {
  early.set(ctx, ignored);
}

export const checkIgnored: Checker = async (ctx) => {
  if (ctx.staged) return [];
  const vendorRel = relOf(ctx.manifest.vendorDir);
  const started = early.get(ctx);
  const r = await (started?.vendorRel === vendorRel ? started.answer : ask(ctx.projectDir, vendorRel));
  if (r.code !== 0) return []; // not a git work tree: nothing is committed from here
  const listed = r.stdout.toString("utf8").split("\0").filter(Boolean);
  // A project that git ignores as a whole (a scratch copy inside another repository) commits nothing there.
  if (listed.includes(MANIFEST_FILE)) return [];
  const files = listed.filter((f) => f !== MANIFEST_FILE);
  const keys = Object.keys(ctx.lock.packages);
  const byEntry = new Map<string, string[]>();
  for (const f of files) {
    const inVendor = f.slice(vendorRel.length + 1);
    const key = keys.find((k) => inVendor.startsWith(`${k}/`)) ?? inVendor.split("/")[0]!;
    const list = byEntry.get(key) ?? [];
    list.push(f);
    byEntry.set(key, list);
  }
  const problems: Problem[] = [];
  for (const [entry, list] of [...byEntry].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const quoted = list.slice(0, QUOTED).join(", ") + (list.length > QUOTED ? ", ..." : "");
    problems.push({
      item: "tree",
      code: "file-ignored-by-git",
      entry,
      file: list[0],
      message: `${list.length} vendored file(s) of ${entry} are ignored by git and would be missing from a clone (${quoted})`,
      fix: `add "!${vendorRel}/**" at the end of .gitignore (see \`git check-ignore -v ${list[0]}\`), then \`git add ${vendorRel}\``,
    });
  }
  return problems;
};
