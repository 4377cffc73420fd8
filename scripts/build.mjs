// `npm run build`: tsc emits src/ to dist/ (dist/tonic is the toolkit with its .d.ts; dist/vendor serves
// scripts/build-example.mjs), then the tonic-vendor CLI becomes CommonJS bundles: dist/cli/main.cjs (the CLI
// and `check`), commands.cjs (every other command) and upstream.cjs (`check --upstream`), required on use.
//
// Why CommonJS bundles: `check --staged` runs before every commit and must stay within 2x `git status`
// (issue 7), of which starting Node alone takes half. Measured on cold processes: tsc's ~30 ES modules cost
// ~12 ms more than an ES-module bundle split into chunks, which cost ~9 ms more than one CommonJS file (no
// asynchronous module pipeline; bin/ is CommonJS too, so no ES module loader starts at all). esbuild wraps
// every lazily imported module in a lazy initialiser, so `--version` and `check` still never load pacote.
// Dependencies stay external (node_modules), as npm installs them. Last, scripts/build-native.mjs builds the
// native tree hasher that check uses where it can (dist/native/tree_hash.node).
//   node scripts/build.mjs [--out <dir>]   (default: dist; the benches build their own copy)
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
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

const cli = join(out, "cli");
rmSync(cli, { recursive: true, force: true });
// CommonJS has no import.meta: the bundle's import.meta.url is its own file URL, as the sources expect.
const shim = join(out, "import-meta-url.mjs");
writeFileSync(shim, 'export const importMetaUrl = require("node:url").pathToFileURL(__filename).href;\n');
const common = { absWorkingDir: root, bundle: true, platform: "node", target: "node20", packages: "external", logLevel: "warning" };
try {
  const cjs = {
    ...common,
    format: "cjs",
    define: { "import.meta.url": "importMetaUrl" },
    inject: [shim],
    // import() of a dependency becomes require: every one the CLI loads lazily (pacote, picomatch, commander)
    // is CommonJS, and require starts no ES module loader. It also lets bin/load-cli.js run the bundle from a
    // V8 code cache: Node 20 loses a vm.Script's import() callback when the script comes from cached data.
    supported: { "dynamic-import": false },
    // rewrite/pool.ts calls import.meta.resolve only when it runs as .ts under tsx, never from this bundle.
    logOverride: { "empty-import-meta": "silent" },
  };
  // The commands other than check, and check --upstream, are bundles of their own that main.cjs requires when
  // they run: the pre-commit `check --staged` then compiles a third of the code (~4 ms of its budget).
  const split = {
    name: "split",
    setup(b) {
      b.onResolve({ filter: /^\.(\.\/vendor\/check)?\/(commands|upstream)\.js$/ }, (args) =>
        args.importer.endsWith("main.ts") || args.importer.endsWith("check-command.ts") ? { path: `./${args.path.match(/(commands|upstream)\.js$/)[1]}.cjs`, external: true } : undefined,
      );
    },
  };
  await build({ ...cjs, entryPoints: ["src/cli/main.ts"], outfile: join(cli, "main.cjs"), plugins: [split] });
  // Requires of the split bundles, not import() (which would start the ES module loader): "dynamic-import" is
  // unsupported above, so esbuild writes them as require.
  const mainText = readFileSync(join(cli, "main.cjs"), "utf8");
  for (const name of ["commands", "upstream"]) {
    if (!mainText.includes(`require("./${name}.cjs")`)) throw new Error(`scripts/build.mjs: expected require("./${name}.cjs") in dist/cli/main.cjs`);
  }
  await build({ ...cjs, entryPoints: ["src/cli/commands.ts"], outfile: join(cli, "commands.cjs") });
  await build({ ...cjs, entryPoints: ["src/vendor/check/upstream.ts"], outfile: join(cli, "upstream.cjs") });
  // The rewrite pool's worker, loaded by URL next to the code that starts it (rewrite/pool.ts): an ES module.
  await build({ ...common, entryPoints: ["src/vendor/rewrite/pool-worker.ts"], outfile: join(cli, "pool-worker.js"), format: "esm" });
} finally {
  rmSync(shim, { force: true });
}

// check's native tree hasher (native/tree-hash.c) into <out>/native; without a compiler this warns and check
// uses its JS hasher.
const native = spawnSync(process.execPath, [join(root, "scripts/build-native.mjs"), "--out", out], { cwd: root, stdio: "inherit" });
if (native.status !== 0) process.exit(native.status ?? 1);
