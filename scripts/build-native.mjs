#!/usr/bin/env node
// Builds native/tree_hash.node (check's native tree hasher) with node-gyp against the headers of the Node that
// runs this script, and copies it to <out>/native/tree_hash.node.
//   node scripts/build-native.mjs [--out <dir>]      (default: dist)
// TONIC_NATIVE_BUILD=0 skips it. There is no network here: node-gyp is always given --nodedir, so it never
// tries to download headers. Any failure (no compiler, no headers, no python, another OS) prints one warning
// and exits 0: tonic builds and runs without the addon, check uses its JS hasher.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const nativeDir = join(repo, "native");

function parseOut(argv) {
  let out = "dist";
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out" && argv[i + 1] !== undefined) out = argv[++i];
    else if (argv[i].startsWith("--out=")) out = argv[i].slice("--out=".length);
  }
  return resolve(repo, out);
}

const target = join(parseOut(process.argv.slice(2)), "native", "tree_hash.node");

function fallBack(reason) {
  // A stale addon from an earlier build must not outlive a failed one.
  rmSync(target, { force: true });
  console.warn(`warning: native tree hasher not built (${reason}); tonic-vendor check falls back to the JS hasher`);
  process.exit(0);
}

/** A directory whose include/node has node_api.h: the running node's own prefix first, then npm's nodedir. */
function findNodedir() {
  const candidates = [
    dirname(dirname(process.execPath)), // <prefix>/bin/node -> <prefix>
    process.env.npm_config_nodedir,
    // Headers node-gyp itself unpacked earlier, for this exact version.
    join(homedir(), ".cache", "node-gyp", process.versions.node),
  ];
  return candidates.find((d) => d && existsSync(join(d, "include", "node", "node_api.h")) && existsSync(join(d, "include", "node", "uv.h")));
}

if (process.env.TONIC_NATIVE_BUILD === "0") {
  console.log("native tree hasher: skipped (TONIC_NATIVE_BUILD=0)");
  process.exit(0);
}
if (process.platform === "win32") fallBack("the native hasher is POSIX-only");

const nodedir = findNodedir();
if (!nodedir) fallBack(`no Node headers (include/node/node_api.h) next to ${process.execPath} or in npm_config_nodedir`);

let gyp;
try {
  gyp = createRequire(import.meta.url).resolve("node-gyp/bin/node-gyp.js");
} catch {
  fallBack("node-gyp is not installed");
}

const run = spawnSync(process.execPath, [gyp, "rebuild", "--directory", nativeDir, `--nodedir=${nodedir}`, "--release"], {
  cwd: repo,
  encoding: "utf8",
  // Bounded: a node-gyp that still reached for the network must not hang the build.
  timeout: 180_000,
  env: { ...process.env, npm_config_nodedir: nodedir },
});
if (run.error || run.status !== 0) {
  const lines = `${run.stderr ?? ""}\n${run.stdout ?? ""}`.split("\n").filter((l) => /error/i.test(l) && !/^gyp info/.test(l));
  // The most telling line: a compiler's "error:", else node-gyp's own "stack Error:", else any error line.
  const best = lines.find((l) => /\berror:/.test(l)) ?? lines.find((l) => /stack Error:/.test(l)) ?? lines[0];
  const why = run.error ? run.error.message : (best?.replace(/^gyp ERR! (stack )?/, "").trim() ?? `node-gyp exited with ${run.status}`);
  fallBack(why.slice(0, 200));
}

const built = join(nativeDir, "build", "Release", "tree_hash.node");
if (!existsSync(built)) fallBack(`node-gyp produced no ${built}`);

// Refuse an addon that does not load here (a missing OpenSSL or libuv symbol in this node binary, say).
const probe = spawnSync(process.execPath, ["-e", `const m = require(${JSON.stringify(built)}); if (typeof m.hashTrees !== "function") process.exit(1);`], {
  encoding: "utf8",
});
if (probe.status !== 0) fallBack(`the built addon does not load: ${(probe.stderr || "").split("\n")[0]}`);

// Copy then rename: a running tonic may have the old file mapped, and overwriting a mapped library in place
// can crash it.
mkdirSync(dirname(target), { recursive: true });
const tmp = `${target}.${process.pid}.tmp`;
copyFileSync(built, tmp);
renameSync(tmp, target);
console.log(`native tree hasher: ${target}`);
