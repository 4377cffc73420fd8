// Shared setup of bench/check.ts and bench/check-staged.ts: a large real vendored tree (a copy of this repo's
// own node_modules, ~190 MB / ~16k files, so no network is needed), a manifest and a lock generated for it,
// the CLI compiled to plain JS (a cold `check` process must not pay for tsx), and timing helpers.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { digestTrees } from "../src/vendor/digest/index.js";
import { serializeLock } from "../src/vendor/lock/read.js";
import type { Lock } from "../src/vendor/lock/types.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const WORK = join(ROOT, "bench/.work/check");
export const PROJECT = join(WORK, "project");

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status})`);
}

/** Writes a lock the way sync does (canonical, sorted keys): check's parser has a fast path for exactly that. */
export function writeLock(path: string, lock: unknown): void {
  writeFileSync(path, serializeLock(lock as Lock));
}

/**
 * The project is its own git repository with vendor/ committed, as a real one is. (Left inside this
 * repository's ignored bench/.work, every vendored file would be "ignored by git", and check's ignored-file
 * check would list all 16k of them.)
 */
function commitProject(): void {
  if (existsSync(join(PROJECT, ".git"))) return;
  const env = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "b", GIT_AUTHOR_EMAIL: "b@b", GIT_COMMITTER_NAME: "b", GIT_COMMITTER_EMAIL: "b@b" };
  for (const args of [["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "vendor"]]) {
    const r = spawnSync("git", args, { cwd: PROJECT, env, stdio: ["ignore", "ignore", "inherit"] });
    if (r.status !== 0) throw new Error(`git ${args[0]} failed in ${PROJECT}`);
  }
}

export async function buildProject(): Promise<string> {
  const lockFile = join(PROJECT, "tonic-vendor.lock");
  if (existsSync(lockFile)) {
    // Trees built before the lock was written canonically get their lock rewritten (same content).
    const text = readFileSync(lockFile, "utf8");
    if (serializeLock(JSON.parse(text) as Lock) !== text) writeLock(lockFile, JSON.parse(text));
    commitProject();
    return PROJECT;
  }
  rmSync(PROJECT, { recursive: true, force: true });
  mkdirSync(PROJECT, { recursive: true });
  const vendor = join(PROJECT, "vendor");
  cpSync(join(ROOT, "node_modules"), vendor, { recursive: true, verbatimSymlinks: true });
  // node_modules' own bookkeeping and .bin symlinks are not packages; symlinks would be check failures.
  run("find", [vendor, "-type", "l", "-delete"], ROOT);
  const keys: string[] = [];
  for (const name of readdirSync(vendor)) {
    if (name.startsWith(".")) rmSync(join(vendor, name), { recursive: true, force: true });
    else if (name.startsWith("@")) for (const sub of readdirSync(join(vendor, name))) keys.push(`${name}/${sub}`);
    else keys.push(name);
  }
  keys.sort();
  const digests = await digestTrees(keys.map((k) => join(vendor, k)));
  const packages: Record<string, unknown> = {};
  const roots: Record<string, unknown> = {};
  const deps: Record<string, string> = {};
  keys.forEach((key, i) => {
    let version = "0.0.0";
    try {
      version = JSON.parse(readFileSync(join(vendor, key, "package.json"), "utf8")).version ?? version;
    } catch {
      // a package without package.json keeps 0.0.0
    }
    const d = digests[i]!;
    packages[key] = { name: key, version, source: "registry", integrity: `sha512-${Buffer.alloc(64, 1).toString("base64")}`, digest: d.digest, ...(d.executables.length ? { executables: d.executables } : {}) };
    roots[key] = { spec: version, key };
    deps[key] = version;
  });
  writeFileSync(join(PROJECT, "tonic-vendor.json"), JSON.stringify({ dependencies: deps }, null, 2) + "\n");
  writeLock(lockFile, { lockfileVersion: 1, roots, packages });
  commitProject();
  return PROJECT;
}

/**
 * Builds the CLI into bench/.work/tonic/dist (next to a copy of package.json, which the CLI reads for --version)
 * and writes a driver that runs what a user runs: bin/tonic-vendor.js (copied next to it, with its code cache)
 * with `check --json [--staged]`, without tsx.
 */
export function buildDriver(): string {
  const pkg = join(ROOT, "bench/.work/tonic");
  const dist = join(pkg, "dist");
  // The same build `npm run build` makes (scripts/build.mjs: the CLI as one esbuild bundle).
  spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs"), "--out", dist], { cwd: ROOT, stdio: "ignore" });
  if (!existsSync(join(dist, "cli/main.cjs"))) throw new Error("building the CLI into bench/.work/tonic/dist failed");
  cpSync(join(ROOT, "package.json"), join(pkg, "package.json"));
  // The real launcher (bin/: CommonJS, code cache), as a commit hook runs it.
  cpSync(join(ROOT, "bin"), join(pkg, "bin"), { recursive: true });
  const driver = join(ROOT, "bench/.work/check-driver.cjs");
  const cli = `process.argv.splice(2, 0, "check", "--json");\nrequire(${JSON.stringify(join(pkg, "bin/tonic-vendor.js"))});\n`;
  writeFileSync(driver, cli);
  return driver;
}

/** CPU time (user + system, ms) of all waited-for children of this process so far, from /proc (Linux). */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 16 and 17 of proc(5) (cutime, cstime) are at 13 and 14 after the ")"-terminated comm field.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/**
 * Wall time of one cold process, plus its CPU time (children's user + system). On a shared 2-core machine
 * the wall time swings with other load; the CPU time is the steadier figure.
 */
export function timeOnce(cmd: string, args: string[], cwd: string, shell = false): { ms: number; cpu: number; status: number | null; stdout: string } {
  const c = childrenCpuMs();
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", shell, stdio: ["ignore", "pipe", "inherit"] });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, cpu: childrenCpuMs() - c, status: r.status, stdout: r.stdout };
}

export function loadAverage(): string {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return "?";
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
