// DESIGN check item 3: submodule-mode git entries. Offline and read-only: .gitmodules and the index's
// gitlink must match the lock; a checked-out submodule must be at that commit and clean; one that is not
// checked out is a problem only with --require-submodules. With --staged only what is about to be
// committed is looked at (.gitmodules and gitlinks from the index).
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { runGit } from "../git/run.js";
import { stripCredentials } from "../git/url.js";
import { gitInfo, indexText } from "./git-objects.js";
import type { Checker, CheckContext, Problem } from "./types.js";

/** Whether the repository holding `dir` (the nearest folder up with a .git) has a .gitmodules file. */
function gitmodulesAbove(dir: string): boolean {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, ".git"))) return existsSync(join(d, ".gitmodules"));
    if (dirname(d) === d) return false;
  }
}

/**
 * Whether the index may hold a .gitmodules: false only when the project is the top of its repository and the
 * index listing check already has (the session's) has no .gitmodules record. True means "look properly".
 */
async function gitmodulesStaged(projectDir: string): Promise<boolean> {
  const git = await gitInfo(projectDir);
  if (!git || git.prefix !== "") return true;
  // The listing is sorted by path bytes, so a top-level .gitmodules is among the first records: stop at the
  // first path that sorts after it instead of searching the whole (mostly vendored) listing.
  const text = await indexText(projectDir);
  for (let i = 0; i < text.length; ) {
    let nul = text.indexOf("\0", i);
    if (nul < 0) nul = text.length;
    const path = text.slice(text.indexOf("\t", i) + 1, nul);
    if (path === ".gitmodules") return true;
    if (path > ".gitmodules") return false;
    i = nul + 1;
  }
  return false;
}

function problem(p: Omit<Problem, "item">): Problem {
  return { item: "submodules", ...p };
}

export const checkSubmodules: Checker = async (ctx: CheckContext): Promise<Problem[]> => {
  const entries = Object.entries(ctx.lock.packages).filter(([, e]) => e.source === "git" && e.mode === "submodule");
  // Most projects have no submodules at all: spare them the three git processes below (5-15 ms each) and
  // loading the submodule module (~15 ms).
  if (entries.length === 0 && (ctx.staged ? !(await gitmodulesStaged(ctx.projectDir)) : !gitmodulesAbove(ctx.projectDir))) return [];
  const { readWorkGitmodules } = await import("../submodule/index.js");
  const vendorAbs = resolve(ctx.projectDir, ctx.vendorDir);
  const top0 = await runGit(["rev-parse", "--show-toplevel"], { cwd: ctx.projectDir, allowFailure: true, keepIndexEnv: true });
  if (top0.code !== 0) {
    return entries.map(([key]) =>
      problem({
        code: "submodule-no-repository",
        entry: key,
        message: `"${key}" is locked as a submodule but ${ctx.projectDir} is not a git repository`,
        fix: "run `git init` and `tonic-vendor sync`, or change its mode to \"tarball\"",
      }),
    );
  }
  const top = top0.stdout.toString("utf8").trim();
  const toProject = (p: string) => relative(ctx.projectDir, join(top, p)).split(sep).join("/");
  const modules = await readWorkGitmodules(top, ctx.staged, { keepIndexEnv: true });
  const problems: Problem[] = [];
  const owned = new Set<string>();

  for (const [key, entry] of entries) {
    const rel = relative(top, join(vendorAbs, key));
    if (!rel || rel.startsWith("..") || isAbsolute(rel)) continue;
    const path = rel.split(sep).join("/");
    owned.add(path);
    // Optional chaining: the stats field is newer than some callers' contexts.
    if (ctx.stats) ctx.stats.entries++;
    const file = toProject(path);
    const sync = "run `tonic-vendor sync --frozen`";
    const mod = modules.find((m) => m.path === path);
    if (!mod) {
      problems.push(problem({ code: "submodule-not-registered", entry: key, file: toProject(".gitmodules"),
        message: `.gitmodules has no submodule at ${path}`, fix: sync }));
    } else if (stripCredentials(mod.url ?? "") !== entry.resolved) {
      problems.push(problem({ code: "submodule-url-mismatch", entry: key, file: toProject(".gitmodules"),
        message: `.gitmodules gives ${path} the URL ${stripCredentials(mod.url ?? "")} but the lock says ${entry.resolved}`, fix: sync }));
    }
    const ls = await runGit(["ls-files", "-s", "-z", "--", path], { cwd: top, keepIndexEnv: true });
    const rec = ls.stdout.toString("utf8").split("\0").find((r) => r.endsWith(`\t${path}`));
    const [mode, sha] = (rec ?? "").split(/[ \t]/);
    if (!rec) {
      problems.push(problem({ code: "gitlink-missing", entry: key, file, message: `the index has no gitlink at ${path}`, fix: sync }));
    } else if (mode !== "160000") {
      problems.push(problem({ code: "gitlink-not-submodule", entry: key, file,
        message: `${path} is tracked as ordinary files, not as a submodule`, fix: sync }));
    } else if (sha !== entry.commit) {
      problems.push(problem({ code: "gitlink-commit-mismatch", entry: key, file,
        message: `the index records ${path} at ${sha} but the lock says ${entry.commit}`,
        fix: `run \`tonic-vendor sync --frozen\` to move it to the locked commit (or \`tonic-vendor update ${entry.name}\`)` }));
    }
    if (ctx.staged) continue;
    const dir = join(top, path);
    if (!existsSync(join(dir, ".git"))) {
      if (ctx.requireSubmodules) {
        problems.push(problem({ code: "submodule-not-checked-out", entry: key, file,
          message: `submodule ${path} is not checked out`, fix: `run \`git submodule update --init -- ${path}\`` }));
      }
      continue;
    }
    const head = await runGit(["rev-parse", "HEAD"], { cwd: dir, allowFailure: true });
    const at = head.stdout.toString("utf8").trim();
    if (head.code !== 0 || at !== entry.commit) {
      problems.push(problem({ code: "submodule-wrong-commit", entry: key, file,
        message: `submodule ${path} is checked out at ${at || "nothing"} but the lock says ${entry.commit}`,
        fix: `run \`git submodule update -- ${path}\`` }));
    }
    const st = await runGit(["status", "--porcelain", "--ignore-submodules=none", "-z"], { cwd: dir, allowFailure: true });
    if (st.code === 0 && st.stdout.length > 0) {
      const first = st.stdout.toString("utf8").split("\0").filter(Boolean).slice(0, 3).map((s) => s.slice(3));
      problems.push(problem({ code: "submodule-dirty", entry: key, file,
        message: `submodule ${path} has local changes (${first.join(", ")}${first.length === 3 ? ", ..." : ""})`,
        fix: `commit them upstream, or discard them with \`git -C ${file} checkout -- . && git -C ${file} clean -fd\`` }));
    }
  }

  // A submodule under vendorDir that no submodule-mode entry owns.
  const vendorRel = relative(top, vendorAbs).split(sep).join("/");
  for (const m of modules) {
    if (!m.path || owned.has(m.path)) continue;
    if (vendorRel === "" || m.path.startsWith(`${vendorRel}/`)) {
      problems.push(problem({ code: "submodule-unowned", file: toProject(m.path),
        message: `.gitmodules has a submodule at ${m.path} that no lock entry owns`,
        fix: `run \`tonic-vendor sync\`, or remove it with \`git rm ${toProject(m.path)}\`` }));
    }
  }
  return problems;
};
