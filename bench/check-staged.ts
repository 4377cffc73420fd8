// `check --staged` (the pre-commit hook) on a large vendored tree committed to git, with one package changed
// and staged, vs `git status` on the same repository, both cold processes, median of 5. Goal (issue 7): <= 2x.
// Before each timed pair the package is edited again, its digest re-recorded and both staged (untimed), as
// before a real commit: every timed run sees an index it has not checked yet. The first --staged run fills
// the caches in .git (blob hashes, verified entries), as the first commit after `hook install` would.
import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { digestTree } from "../src/vendor/digest/index.js";
import { buildDriver, buildProject, loadAverage, median, timeOnce, WORK, writeLock } from "./_check-tree.js";

const RUNS = 5;
const source = await buildProject();
const driver = buildDriver();
const repo = join(WORK, "staged");
const env = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "b", GIT_AUTHOR_EMAIL: "b@b", GIT_COMMITTER_NAME: "b", GIT_COMMITTER_EMAIL: "b@b" };
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env, stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 28 }).toString();
if (!existsSync(join(repo, ".git"))) {
  cpSync(source, repo, { recursive: true });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "vendor");
} else {
  git("reset", "-q", "--hard", "HEAD");
}

// One package changes, as an update would: a file edited, its digest re-recorded, both staged.
const key = "semver";
let edits = 0;
async function changeOnePackage(): Promise<void> {
  appendFileSync(join(repo, "vendor", key, "index.js"), `\n// bench edit ${Date.now()} ${edits++}\n`);
  const lock = JSON.parse(readFileSync(join(repo, "tonic-vendor.lock"), "utf8"));
  lock.packages[key].digest = (await digestTree(join(repo, "vendor", key))).digest;
  writeLock(join(repo, "tonic-vendor.lock"), lock);
  git("add", "-A");
}

await changeOnePackage();
const first = timeOnce(process.execPath, [driver, "--staged"], repo);
if (first.status !== 0) throw new Error(`check --staged failed on the bench repository: ${first.stdout}`);
timeOnce("git", ["status"], repo);
const ours: number[] = [];
const theirs: number[] = [];
const oursCpu: number[] = [];
const theirsCpu: number[] = [];
for (let i = 0; i < RUNS; i++) {
  await changeOnePackage();
  const x = timeOnce(process.execPath, [driver, "--staged"], repo);
  if (x.status !== 0) throw new Error(`check --staged failed on the bench repository: ${x.stdout}`);
  const y = timeOnce("git", ["status"], repo);
  ours.push(x.ms);
  oursCpu.push(x.cpu);
  theirs.push(y.ms);
  theirsCpu.push(y.cpu);
}
const o = median(ours);
const a = median(theirs);
console.log(`repository: ${JSON.parse(first.stdout).stats.files} vendored files; first --staged run (fills the caches) ${first.ms.toFixed(0)} ms`);
console.log(`check --staged (cold process): median ${o.toFixed(0)} ms  [${ours.map((x) => x.toFixed(0)).join(", ")}]`);
console.log(`git status (anchor):           median ${a.toFixed(0)} ms  [${theirs.map((x) => x.toFixed(0)).join(", ")}]`);
console.log(`ratio check --staged / git status: ${(o / a).toFixed(2)}x wall (goal <= 2.00); CPU ${median(oursCpu).toFixed(0)} vs ${median(theirsCpu).toFixed(0)} ms = ${(median(oursCpu) / median(theirsCpu)).toFixed(2)}x; load average ${loadAverage()}`);
git("reset", "-q", "--hard", "HEAD");
