// Safe extraction (fetch/extract.ts: gunzip with a size cap, node-tar sync with our vetting filter, mode and
// mtime normalisation) of every npm tarball in npm's cache (~/.npm/_cacache, or BENCH_TARBALLS=<dir of .tgz>)
// versus the anchor DESIGN names: GNU tar, one process per tarball, `xargs -P2`. Same tarballs, same run,
// median of several rounds. Not a test.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { extractTarball } from "../src/vendor/fetch/extract.js";

const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 5);
const work = join(process.cwd(), "bench", ".work", "extract");

function collect(): string[] {
  const explicit = process.env["BENCH_TARBALLS"];
  const dir = explicit ?? join(homedir(), ".npm", "_cacache", "content-v2");
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const head = Buffer.alloc(2);
        const b = readFileSync(p);
        b.copy(head, 0, 0, 2);
        if (head[0] === 0x1f && head[1] === 0x8b) out.push(p);
      }
    }
  };
  walk(dir);
  return out.sort();
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const files = collect();
if (files.length === 0) {
  console.log("no tarballs found (set BENCH_TARBALLS)");
  process.exit(0);
}
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
// The anchor reads plain .tgz files by name; copy once so both sides read the same bytes from page cache.
const srcDir = join(work, "src");
mkdirSync(srcDir);
let bytes = 0;
files.forEach((f, i) => {
  const b = readFileSync(f);
  bytes += b.length;
  writeFileSync(join(srcDir, `${String(i).padStart(5, "0")}.tgz`), b);
});
const tgzs = readdirSync(srcDir).sort();
const list = join(work, "list.txt");
writeFileSync(list, tgzs.join("\n") + "\n");

const oursTimes: number[] = [];
const tarTimes: number[] = [];
let refused = 0;
for (let r = 0; r < ROUNDS; r++) {
  const outOurs = join(work, `ours-${r}`);
  mkdirSync(outOurs);
  let t = performance.now();
  for (const f of tgzs) {
    try {
      extractTarball(readFileSync(join(srcDir, f)), join(outOurs, f), { label: f });
    } catch {
      if (r === 0) refused++;
    }
  }
  oursTimes.push(performance.now() - t);

  const outTar = join(work, `tar-${r}`);
  mkdirSync(outTar);
  t = performance.now();
  execFileSync("sh", ["-c", `xargs -P2 -I{} sh -c 'mkdir -p "$1/$2" && tar xzf "$0/$2" -C "$1/$2" --strip-components=1 2>/dev/null' "${srcDir}" "${outTar}" {} < "${list}"`]);
  tarTimes.push(performance.now() - t);
  rmSync(outOurs, { recursive: true, force: true });
  rmSync(outTar, { recursive: true, force: true });
}
rmSync(work, { recursive: true, force: true });
const o = median(oursTimes);
const a = median(tarTimes);
console.log(`tarballs: ${tgzs.length} (${(bytes / 1e6).toFixed(1)} MB compressed), refused by our checks: ${refused}, rounds: ${ROUNDS}`);
console.log(`ours (extractTarball, 1 thread, sync): median ${o.toFixed(0)} ms  [${oursTimes.map((x) => x.toFixed(0)).join(", ")}]`);
console.log(`anchor (GNU tar, xargs -P2):           median ${a.toFixed(0)} ms  [${tarTimes.map((x) => x.toFixed(0)).join(", ")}]`);
console.log(`ratio ours/anchor: ${(o / a).toFixed(2)}x`);

