// Loads dist/cli/main.cjs with a V8 code cache, so a cold tonic-vendor skips most of compiling its bundle.
//
// Why: the pre-commit `check --staged` must stay within 2x `git status` (issue 7), and Node's own start-up is
// already half of that budget. Compiling the ~220 KB bundle and the functions a check runs is several ms of
// each run; a cache made after a run holds them all.
// - Node >= 22.1 has this built in: module.enableCompileCache() (content-checked, kept in the OS temp dir).
// - Node 20: the bundle is compiled as a vm.Script with V8's cachedData. V8 only checks the source's length,
//   so the cache file's name carries the bundle's size, mtime and inode, and Node's version and architecture:
//   a rebuilt or edited bundle, or another Node, never meets an old cache. `npm run build` empties dist/cli/.
//   Each command has its own cache (a check compiles other functions than a sync), written once, after the
//   first run of that command that had none (or had one V8 rejected), next to the bundle, atomically (temp
//   file + rename); where dist/ is read-only it is simply not written.
// TONIC_CODE_CACHE=0 turns both off.
"use strict";
const Module = require("node:module");
const { dirname, join } = require("node:path");

const MAIN = join(__dirname, "../dist/cli/main.cjs");

const COMMANDS = new Set(["init", "add", "remove", "sync", "check", "rewrite", "list", "why", "update", "outdated", "hook"]);

/** The command word of process.argv (after global options), for the cache's name. */
function commandOf(argv) {
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--cwd") i++;
    else if (!a.startsWith("-")) return COMMANDS.has(a) ? a : "other";
  }
  return "other";
}

/** The bundle as a plain require, with nothing to save. */
const uncached = () => ({ cli: require(MAIN), save() {} });

/** @param {string[]} argv process.argv */
function loadCli(argv) {
  if (process.env.TONIC_CODE_CACHE === "0") return uncached();
  if (typeof Module.enableCompileCache === "function") {
    try {
      Module.enableCompileCache();
    } catch {
      // no cache this run
    }
    return uncached();
  }
  const vm = require("node:vm");
  const dynamicImport = vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (!dynamicImport) return uncached();
  const fs = require("node:fs");
  let source, st;
  try {
    source = fs.readFileSync(MAIN, "utf8");
    st = fs.statSync(MAIN);
  } catch {
    return uncached();
  }
  const command = commandOf(argv);
  const cacheFile = `${MAIN}.${process.version}-${process.arch}-${st.size}-${Math.trunc(st.mtimeMs)}-${st.ino}.${command}.v8cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // first run: made below
  }
  const script = new vm.Script(Module.wrap(source), { filename: MAIN, cachedData, importModuleDynamically: dynamicImport });
  const mod = new Module(MAIN, module);
  mod.filename = MAIN;
  mod.paths = Module._nodeModulePaths(dirname(MAIN));
  mod.loaded = true;
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(MAIN), mod, MAIN, dirname(MAIN));
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  return {
    cli: mod.exports,
    save() {
      if (!stale) return;
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(tmp, script.createCachedData(), { flag: "wx", mode: 0o644 });
        fs.renameSync(tmp, cacheFile);
      } catch {
        try {
          fs.rmSync(tmp, { force: true });
        } catch {
          // nothing to clean
        }
      }
    },
  };
}

module.exports = { loadCli };
