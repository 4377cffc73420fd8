// `npm run build`: tsc emits src/ to dist/ (dist/tonic is the toolkit with its .d.ts; dist/vendor serves
// scripts/build-example.mjs), then the tonic-vendor CLI (dist/cli) is replaced by one esbuild bundle. Why bundle the CLI: `check --staged` runs before every commit and must stay within 2x
// `git status` (issue 7); loading ~30 separate ES modules cost ~12 ms more than one bundle (measured, cold
// processes). Code splitting keeps every lazy import() lazy, so `--version` and `check` still never load pacote.
// Dependencies stay external (node_modules), as npm installs them.
//   node scripts/build.mjs [--out <dir>]   (default: dist; the benches build their own copy)
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const i = process.argv.indexOf("--out");
const out = resolve(root, i > 0 ? process.argv[i + 1] : "dist");

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", out], { cwd: root, stdio: "inherit" });
if (r.status !== 0) process.exit(r.status ?? 1);

rmSync(join(out, "cli"), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // The rewrite pool's worker is loaded by URL next to the code that starts it (rewrite/pool.ts).
  entryPoints: { main: "src/cli/main.ts", "pool-worker": "src/vendor/rewrite/pool-worker.ts" },
  outdir: join(out, "cli"),
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  // Chunks sit next to the entries: rewrite/pool.ts and cli/main.ts find files relative to their own module.
  chunkNames: "[name]-[hash]",
  logLevel: "warning",
});
