// `check` as a cold process on a large vendored tree vs `find | xargs -P2 sha256sum` over the same files,
// warm page cache, median of 5, alternating. Goal (issue 2): ratio <= 0.8.
import { buildDriver, buildProject, loadAverage, median, timeOnce } from "./_check-tree.js";

const RUNS = 5;
const project = await buildProject();
const driver = buildDriver();
const anchor = "find vendor -type f -print0 | xargs -0 -P2 -n1000 sha256sum > /dev/null";
const first = timeOnce(process.execPath, [driver], project);
if (first.status !== 0) throw new Error(`check failed on the bench tree: ${first.stdout}`);
timeOnce(anchor, [], project, true);
const ours: number[] = [];
const theirs: number[] = [];
const oursCpu: number[] = [];
const theirsCpu: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const x = timeOnce(process.execPath, [driver], project);
  const y = timeOnce(anchor, [], project, true);
  ours.push(x.ms);
  oursCpu.push(x.cpu);
  theirs.push(y.ms);
  theirsCpu.push(y.cpu);
}
const stats = JSON.parse(first.stdout).stats as { entries: number; files: number };
const o = median(ours);
const a = median(theirs);
console.log(`tree: ${stats.entries} entries, ${stats.files} files`);
console.log(`check (cold process):        median ${o.toFixed(0)} ms  [${ours.map((x) => x.toFixed(0)).join(", ")}]`);
console.log(`sha256sum -P2 (anchor):      median ${a.toFixed(0)} ms  [${theirs.map((x) => x.toFixed(0)).join(", ")}]`);
console.log(`ratio check / sha256sum: ${(o / a).toFixed(2)}x wall (goal <= 0.80); CPU ${median(oursCpu).toFixed(0)} vs ${median(theirsCpu).toFixed(0)} ms = ${(median(oursCpu) / median(theirsCpu)).toFixed(2)}x; load average ${loadAverage()}`);
