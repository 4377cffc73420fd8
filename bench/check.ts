// `check` as a cold process on a large vendored tree vs `find | xargs -P2 sha256sum` over the same files,
// warm page cache, median of 5, interleaved. Goal (issue 2): ratio <= 0.8. Measured twice: a repeated check
// (the stat memo of check/tree-memo.ts is warm: the first, untimed run records it) and `check --rehash`, which
// reads and hashes every byte as the first check after a clone (CI) does.
import { buildDriver, buildProject, loadAverage, median, timeOnce } from "./_check-tree.js";

const RUNS = Number(process.env.BENCH_CHECK_RUNS ?? 5);
const project = await buildProject();
const driver = buildDriver();
const anchor = "find vendor -type f -print0 | xargs -0 -P2 -n1000 sha256sum > /dev/null";
const first = timeOnce(process.execPath, [driver], project);
if (first.status !== 0) throw new Error(`check failed on the bench tree: ${first.stdout}`);
timeOnce(anchor, [], project, true);

const runs = {
  memo: { ms: [] as number[], cpu: [] as number[], run: () => timeOnce(process.execPath, [driver], project) },
  rehash: { ms: [] as number[], cpu: [] as number[], run: () => timeOnce(process.execPath, [driver, "--rehash"], project) },
  anchor: { ms: [] as number[], cpu: [] as number[], run: () => timeOnce(anchor, [], project, true) },
};
for (let i = 0; i < RUNS; i++) {
  for (const r of Object.values(runs)) {
    const x = r.run();
    if (x.status !== 0) throw new Error(`a timed run failed (${x.status}): ${x.stdout.slice(0, 500)}`);
    r.ms.push(x.ms);
    r.cpu.push(x.cpu);
  }
}
const stats = JSON.parse(first.stdout).stats as { entries: number; files: number };
const a = median(runs.anchor.ms);
const line = (label: string, r: { ms: number[] }) => `${label.padEnd(36)} median ${median(r.ms).toFixed(0)} ms  [${r.ms.map((x) => x.toFixed(0)).join(", ")}]`;
const ratio = (r: { ms: number[]; cpu: number[] }) =>
  `${(median(r.ms) / a).toFixed(2)}x wall; CPU ${median(r.cpu).toFixed(0)} vs ${median(runs.anchor.cpu).toFixed(0)} ms = ${(median(r.cpu) / median(runs.anchor.cpu)).toFixed(2)}x`;
console.log(`tree: ${stats.entries} entries, ${stats.files} files`);
console.log(line("check, repeated (stat memo warm):", runs.memo));
console.log(line("check --rehash (as after a clone):", runs.rehash));
console.log(line("sha256sum -P2 (anchor):", runs.anchor));
console.log(`ratio repeated check / sha256sum: ${ratio(runs.memo)} (goal <= 0.80)`);
console.log(`ratio check --rehash / sha256sum: ${ratio(runs.rehash)}; load average ${loadAverage()}`);
