// Cold `tonic-vendor sync` vs cold `npm install --ignore-scripts` of the same dependency set from the same
// local Verdaccio into an empty folder (each with an empty cache; goal <= 1.0x), then a no-op `sync` vs
// `check` on the result (goal <= 1.5x). The set is the closure of a few of this repo's own dependencies,
// published to a private Verdaccio from node_modules, so no network is needed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { seedRegistry, startVerdaccio } from "../test/helpers/registry.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WORK = join(ROOT, "bench/.work/sync");
const ROOTS = (process.env.BENCH_SYNC_ROOTS ?? "pacote,tar,semver,yaml,pino,commander,simple-git,prom-client,picomatch").split(",");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

if (!existsSync(join(ROOT, "dist/cli/main.cjs"))) spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });

interface LockPkg {
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  dev?: boolean;
}
/** The node_modules folders (as package-lock paths) that the roots need, found the way Node resolves. */
function closure(): string[] {
  const pl = JSON.parse(readFileSync(join(ROOT, "node_modules/.package-lock.json"), "utf8")) as { packages: Record<string, LockPkg> };
  const seen = new Set<string>();
  const find = (from: string, name: string): string | undefined => {
    let base = from;
    for (;;) {
      const p = `${base ? `${base}/` : ""}node_modules/${name}`;
      if (pl.packages[p]) return p;
      if (!base) return undefined;
      const i = base.lastIndexOf("/node_modules/");
      base = i < 0 ? "" : base.slice(0, i);
    }
  };
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const pkg = pl.packages[path]!;
    for (const d of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      const p = find(path, d);
      if (p) visit(p);
    }
  };
  for (const r of ROOTS) visit(`node_modules/${r}`);
  return [...seen];
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const t = process.hrtime.bigint();
  const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  return new Promise((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - t) / 1e6) : reject(new Error(`${cmd} ${args.join(" ")}: exit ${code}\n${err}`)))),
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const folders = closure();
const reg = await startVerdaccio();
try {
  const byId = new Map<string, { name: string; version: string; path: string }>();
  for (const f of folders) {
    const pj = JSON.parse(readFileSync(join(ROOT, f, "package.json"), "utf8")) as { name: string; version: string };
    byId.set(`${pj.name}@${pj.version}`, { name: pj.name, version: pj.version, path: join(ROOT, f) });
  }
  const items = [...byId.values()];
  const t0 = Date.now();
  await seedRegistry(reg.url, items, 8);
  console.log(`published ${items.length} package versions (closure of ${ROOTS.join(", ")}) in ${Date.now() - t0} ms`);
  const deps: Record<string, string> = {};
  for (const r of ROOTS) deps[r] = `^${(JSON.parse(readFileSync(join(ROOT, "node_modules", r, "package.json"), "utf8")) as { version: string }).version}`;

  const tonic: number[] = [];
  const npm: number[] = [];
  let last = "";
  for (let i = 0; i < RUNS; i++) {
    rmSync(WORK, { recursive: true, force: true });
    const tp = join(WORK, `tonic-${i}`);
    const np = join(WORK, `npm-${i}`);
    mkdirSync(tp, { recursive: true });
    mkdirSync(np, { recursive: true });
    writeFileSync(join(tp, ".npmrc"), `registry=${reg.url}\ncache=${join(WORK, `tonic-cache-${i}`)}\n`);
    writeFileSync(join(tp, "tonic-vendor.json"), JSON.stringify({ dependencies: deps }));
    writeFileSync(join(np, "package.json"), JSON.stringify({ name: "bench", version: "1.0.0", private: true, dependencies: deps }));
    const env = { ...process.env, CI: "1" };
    tonic.push(await run(process.execPath, [join(ROOT, "bin/tonic-vendor.js"), "sync"], tp, env));
    npm.push(await run("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--registry", reg.url, "--cache", join(WORK, `npm-cache-${i}`)], np, env));
    last = tp;
  }
  const entries = Object.keys((JSON.parse(readFileSync(join(last, "tonic-vendor.lock"), "utf8")) as { packages: object }).packages).length;
  console.log(`cold sync (${entries} entries):   median ${median(tonic).toFixed(0)} ms  [${tonic.map((x) => x.toFixed(0)).join(", ")}]`);
  console.log(`cold npm install --ignore-scripts: median ${median(npm).toFixed(0)} ms  [${npm.map((x) => x.toFixed(0)).join(", ")}]`);
  console.log(`ratio sync/npm: ${(median(tonic) / median(npm)).toFixed(2)}x (goal <= 1.0x)`);

  const noop: number[] = [];
  const check: number[] = [];
  for (let i = 0; i < 5; i++) {
    noop.push(await run(process.execPath, [join(ROOT, "bin/tonic-vendor.js"), "sync"], last));
    check.push(await run(process.execPath, [join(ROOT, "bin/tonic-vendor.js"), "check"], last));
  }
  console.log(`no-op sync: median ${median(noop).toFixed(0)} ms; check: median ${median(check).toFixed(0)} ms`);
  console.log(`ratio no-op sync/check: ${(median(noop) / median(check)).toFixed(2)}x (goal <= 1.5x)`);
} finally {
  await reg.close();
  rmSync(WORK, { recursive: true, force: true });
}
process.exit(0);
