// `tonic-vendor --version` (the built CLI, a cold process) vs `node -e 0`, same run. Goal: ratio <= 2.5.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
if (!existsSync(`${root}dist/cli/main.cjs`)) spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });

function time(args: string[]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const runs = Number(process.env.BENCH_RUNS ?? 21);
const anchor: number[] = [];
const ours: number[] = [];
time(["-e", "0"]);
time(["bin/tonic-vendor.js", "--version"]);
for (let i = 0; i < runs; i++) {
  anchor.push(time(["-e", "0"]));
  ours.push(time(["bin/tonic-vendor.js", "--version"]));
}
const a = median(anchor);
const o = median(ours);
console.log(`node -e 0:              median ${a.toFixed(1)} ms (${runs} runs)`);
console.log(`tonic-vendor --version: median ${o.toFixed(1)} ms (${runs} runs)`);
console.log(`ratio: ${(o / a).toFixed(2)}x (goal <= 2.5x)`);
