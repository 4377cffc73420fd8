// End-to-end rewrite throughput (read, scan, resolve, write) on a real corpus, next to es-module-lexer's raw
// scan throughput over the same files in the same run. Goal (issue 3): >= 50 MB/s end to end and >= 0.3x
// es-module-lexer.
//
// Corpus: this repository's installed node_modules (a few hundred real npm packages, offline and
// reproducible), copied into bench/.work/rewrite/vendor/ laid out exactly as vendor/ is (node_modules is
// already flat: node_modules/<name> == vendor/<name>), with a lock whose dependency edges are each package's
// package.json dependencies that are present. Each run re-copies the tree so every run rewrites from scratch.
// Measured is the path sync takes, rewriteVendoredPackages over all keys: serially (pool: false, the anchor
// the pool is judged against) and as sync calls it (the worker pool above POOL_MIN_BYTES). Packages that
// cannot be rewritten here (a declared dependency missing, an unexported subpath) would stop that call, so a
// first untimed pass finds them and the corpus leaves them out. Both calls run from a tsc build of src/ (as the
// CLI does from dist/): under tsx the pool's worker would compile its TypeScript at start-up (~280 ms of CPU
// measured, against ~70 ms from .js), which the shipped CLI never pays.
//
//   node --import tsx bench/rewrite.ts [runs=3]
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { init, parse } from "es-module-lexer";
import { VendorResolver } from "../src/vendor/rewrite/resolve.js";
import { rewritePackageWith } from "../src/vendor/rewrite/index.js";
import { isScannable, scan } from "../src/vendor/rewrite/scanner.js";
import type { Lock } from "../src/vendor/lock/types.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SOURCE = join(ROOT, "node_modules");
const WORK = join(ROOT, "bench", ".work", "rewrite");
const DIST = join(ROOT, "bench", ".work", "rewrite-dist");
const runs = Number(process.argv[2] ?? 3);

/** rewriteVendoredPackages from a fresh tsc build of src/ (the code the CLI runs). */
async function builtRewrite(): Promise<typeof import("../src/vendor/rewrite/index.js").rewriteVendoredPackages> {
  rmSync(DIST, { recursive: true, force: true });
  execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "tsconfig.build.json"), "--outDir", DIST], { stdio: "inherit" });
  const mod = (await import(pathToFileURL(join(DIST, "vendor", "rewrite", "index.js")).href)) as typeof import("../src/vendor/rewrite/index.js");
  return mod.rewriteVendoredPackages;
}

function packageDirs(): string[] {
  const out: string[] = [];
  for (const e of readdirSync(SOURCE, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith(".")) continue;
    if (e.name.startsWith("@")) {
      for (const s of readdirSync(join(SOURCE, e.name), { withFileTypes: true })) if (s.isDirectory()) out.push(`${e.name}/${s.name}`);
    } else out.push(e.name);
  }
  return out.filter((k) => existsSync(join(SOURCE, k, "package.json"))).sort();
}

function buildLock(keys: string[]): Lock {
  const present = new Set(keys);
  const packages: Lock["packages"] = {};
  for (const key of keys) {
    const pj = JSON.parse(readFileSync(join(SOURCE, key, "package.json"), "utf8")) as Record<string, Record<string, string> | string | undefined>;
    const deps: Record<string, string> = {};
    for (const field of ["dependencies", "optionalDependencies", "peerDependencies"]) {
      const d = pj[field];
      if (d && typeof d === "object") for (const n of Object.keys(d)) if (present.has(n)) deps[n] = n;
    }
    packages[key] = { name: key, version: String(pj.version ?? "0.0.0"), source: "registry", dependencies: deps };
  }
  return { lockfileVersion: 1, roots: {}, packages };
}

function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "node_modules") yield* walk(p);
    } else if (e.isFile() && isScannable(e.name)) yield p;
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** This process's CPU time (user + system) in ms: steadier than wall time on a loaded 2-core machine. */
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** A fresh copy of the corpus at WORK/vendor, its writeback flushed. */
function freshCopy(): string {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const vendor = join(WORK, "vendor");
  // Source maps and docs are left out to keep the copy short; the rewrite never reads them.
  cpSync(SOURCE, vendor, {
    recursive: true,
    filter: (src) => !src.endsWith("/.bin") && !src.includes("/.cache") && !/\.(?:map|md|markdown|txt)$/i.test(src),
  });
  // Flush the copy's dirty pages first, so its writeback does not throttle the measured writes.
  execFileSync("sync");
  return vendor;
}

async function main(): Promise<void> {
  const rewriteVendoredPackages = await builtRewrite();
  const allKeys = packageDirs();
  const lock = buildLock(allKeys);
  const probe = freshCopy();
  const probeResolver = new VendorResolver(probe, lock);
  const refused = allKeys.filter((key) => {
    try {
      rewritePackageWith(probeResolver, key);
      return false;
    } catch {
      return true;
    }
  });
  const keys = allKeys.filter((k) => !refused.includes(k));
  console.log(`left out ${refused.length} packages the rewrite refuses here: ${refused.join(", ")}`);
  const files = keys.flatMap((k) => [...walk(join(SOURCE, k))]);
  const texts = files.map((f) => readFileSync(f, "utf8"));
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
  console.log(`corpus: ${keys.length} packages, ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB of JS/TS`);
  await init;

  const serial: number[] = [];
  const serialCpu: number[] = [];
  const e2e: number[] = [];
  const lexer: number[] = [];
  const scanner: number[] = [];
  const e2eCpu: number[] = [];
  const lexerCpu: number[] = [];
  const mbs = (ms: number): number => bytes / 1e6 / (ms / 1000);
  for (let r = 0; r < runs; r++) {
    // Serial anchor: the same call, one thread.
    let vendor = freshCopy();
    const c3 = cpu();
    const t3 = performance.now();
    const sReport = await rewriteVendoredPackages({ vendorRoot: vendor, keys, lock, pool: false });
    const tSerial = performance.now() - t3;
    const cSerial = cpu() - c3;

    // End to end as sync calls it: read, scan, resolve, write, over every package (pooled above the threshold).
    vendor = freshCopy();
    const c0 = cpu();
    const t0 = performance.now();
    const report = await rewriteVendoredPackages({ vendorRoot: vendor, keys, lock });
    const tE2e = performance.now() - t0;
    const cE2e = cpu() - c0;
    if (report.filesChanged.length !== sReport.filesChanged.length) throw new Error("pooled and serial reports differ");

    // Anchor: es-module-lexer's raw scan of the same texts already in memory.
    const c1 = cpu();
    const t1 = performance.now();
    for (let i = 0; i < texts.length; i++) {
      try {
        parse(texts[i]!, files[i]);
      } catch {
        // es-module-lexer rejects some TS/JSX; it still read them
      }
    }
    const tLexer = performance.now() - t1;
    const cLexer = cpu() - c1;

    // The scanner alone, on the same texts in memory (for the record).
    const t2 = performance.now();
    for (let i = 0; i < texts.length; i++) scan(texts[i]!, files[i]);
    const tScan = performance.now() - t2;

    serial.push(mbs(tSerial));
    serialCpu.push(mbs(cSerial));
    e2e.push(mbs(tE2e));
    lexer.push(mbs(tLexer));
    scanner.push(mbs(tScan));
    e2eCpu.push(mbs(cE2e));
    lexerCpu.push(mbs(cLexer));
    console.log(`run ${r + 1}: rewrite end-to-end ${mbs(tE2e).toFixed(1)} MB/s wall, ${mbs(cE2e).toFixed(1)} MB per CPU-s (${report.filesChanged.length} files changed) | serial ${mbs(tSerial).toFixed(1)} MB/s wall, ${mbs(cSerial).toFixed(1)} MB per CPU-s | scanner alone ${mbs(tScan).toFixed(1)} MB/s | es-module-lexer ${mbs(tLexer).toFixed(1)} MB/s wall, ${mbs(cLexer).toFixed(1)} MB per CPU-s | ratio e2e/lexer ${(tLexer / tE2e).toFixed(2)}x wall, ${(cLexer / cE2e).toFixed(2)}x CPU`);
  }
  rmSync(WORK, { recursive: true, force: true });
  rmSync(DIST, { recursive: true, force: true });
  const m = median(e2e);
  const l = median(lexer);
  const mc = median(e2eCpu);
  const lc = median(lexerCpu);
  console.log(`median of ${runs}: rewrite end-to-end ${m.toFixed(1)} MB/s wall (${mc.toFixed(1)} MB per CPU-s); serial ${median(serial).toFixed(1)} MB/s wall (${median(serialCpu).toFixed(1)} MB per CPU-s); scanner alone ${median(scanner).toFixed(1)} MB/s; es-module-lexer ${l.toFixed(1)} MB/s wall (${lc.toFixed(1)} MB per CPU-s); ratio ${(m / l).toFixed(2)}x wall, ${(mc / lc).toFixed(2)}x CPU (goal >= 50 MB/s and >= 0.3x wall); pool speed-up ${(m / median(serial)).toFixed(2)}x wall`);
}

await main();
