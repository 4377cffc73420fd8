// Builds the reference service in examples/service from this repository's built toolkit:
//   1. copies dist/tonic (emitted by the root `npm run build`) to examples/service/lib/tonic (build output,
//      gitignored: tonic comes from this repository, not from a registry),
//   2. points tonic's own imports of pino, prom-client, ... into the example's vendor/ (tonic-vendor's
//      rewriter, relative style; the example's src/ is rewritten by `tonic-vendor sync` and committed so),
//   3. compiles the example with the root's TypeScript (examples/service/dist).
// Used by scripts/start.mjs and by the end-to-end tests. Run alone: `node scripts/build-example.mjs`.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));
export const exampleDir = join(repoRoot, "examples", "service");

class BuildError extends Error {}

function step(log, text) {
  log(`build-example: ${text}`);
}

/** Copies the built toolkit's .js and .d.ts files (nothing else: no maps, no build info). */
function copyToolkit(from, to) {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  let n = 0;
  const walk = (dir) => {
    for (const ent of readdirSync(dir, { withFileTypes: true })) {
      const src = join(dir, ent.name);
      const dst = join(to, relative(from, src));
      if (ent.isDirectory()) {
        mkdirSync(dst, { recursive: true });
        walk(src);
      } else if (ent.isFile() && (ent.name.endsWith(".js") || ent.name.endsWith(".d.ts"))) {
        cpSync(src, dst);
        n++;
      }
    }
  };
  walk(from);
  return n;
}

/**
 * Points lib/tonic's imports of its runtime dependencies (pino, prom-client, yaml, ...) into the example's
 * vendor/, with tonic-vendor's own rewriter (the code `sync` runs), as plain relative paths.
 *
 * Why not list lib/** in the manifest's "sources": lib/ is build output, absent from a fresh clone and from
 * the git index, and the "imports" entries `sync`/`rewrite` generate in package.json follow the sources they
 * see. With lib/** as a source, package.json would need #vendor entries that no committed file uses, so
 * `tonic-vendor check` (and `check --staged` in the pre-commit hook) would report them as stale on every
 * fresh checkout. So the manifest covers src/** only, and this build step rewrites lib/** in "relative" style
 * and leaves package.json exactly as it was.
 */
async function rewriteToolkit(log) {
  if (!existsSync(join(exampleDir, "tonic-vendor.lock"))) {
    throw new BuildError(
      "examples/service/tonic-vendor.lock is missing: the example's dependencies are not vendored.\n" +
        "fix: node bin/tonic-vendor.js sync --cwd examples/service",
    );
  }
  const dist = join(repoRoot, "dist", "vendor");
  const mod = async (p) => import(pathToFileURL(join(dist, p)).href);
  const { readManifest } = await mod("manifest/read.js");
  const { readLock } = await mod("lock/read.js");
  const { rewriteProject } = await mod("rewrite/index.js");
  const manifest = await readManifest(exampleDir);
  const lock = await readLock(exampleDir);
  const pkgFile = join(exampleDir, "package.json");
  const pkg = readFileSync(pkgFile);
  let report;
  try {
    report = await rewriteProject({ projectDir: exampleDir, manifest: { ...manifest, sources: ["lib/**"], importStyle: "relative" }, lock });
  } finally {
    if (!readFileSync(pkgFile).equals(pkg)) writeFileSync(pkgFile, pkg);
  }
  const changed = report.filesChanged.filter((f) => f !== "package.json");
  step(log, `pointed the imports of ${changed.length} lib/tonic file(s) into vendor/`);
  for (const d of report.dynamic) log(`  note: dynamic import left as is: ${d.file}:${d.line}:${d.column} ${d.text}`);
  for (const u of report.unresolved ?? []) {
    throw new BuildError(`${u.file}:${u.line} imports "${u.specifier}", which the example does not vendor.\nfix: node bin/tonic-vendor.js add ${u.specifier} --cwd examples/service && node bin/tonic-vendor.js sync --cwd examples/service`);
  }
}

function tsc(log) {
  rmSync(join(exampleDir, "dist"), { recursive: true, force: true });
  const bin = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  const r = spawnSync(process.execPath, [bin, "-p", exampleDir], { cwd: repoRoot, encoding: "utf8" });
  if (r.status !== 0) throw new BuildError(`tsc -p examples/service failed:\n${r.stdout}${r.stderr}`);
  step(log, "compiled examples/service/src -> examples/service/dist");
}

export async function buildExample({ log = (line) => console.error(line) } = {}) {
  const toolkit = join(repoRoot, "dist", "tonic");
  if (!existsSync(join(toolkit, "index.js"))) {
    throw new BuildError("dist/tonic/index.js is missing: the toolkit is not built.\nfix: npm run build");
  }
  const n = copyToolkit(toolkit, join(exampleDir, "lib", "tonic"));
  step(log, `copied ${n} files of dist/tonic -> examples/service/lib/tonic`);
  await rewriteToolkit(log);
  tsc(log);
  return { exampleDir, main: join(exampleDir, "dist", "main.js"), builtAt: statSync(join(exampleDir, "dist", "main.js")).mtimeMs };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildExample();
  } catch (err) {
    console.error(err instanceof BuildError ? `build-example: ${err.message}` : err);
    process.exit(1);
  }
}
