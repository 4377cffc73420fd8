// `check --upstream` against the real test Verdaccio (fixtures/packages + fixtures/registry-tarballs): an
// untouched project passes; a hand edit inside vendor/ whose lock digest was also edited passes plain `check`
// and is caught by `--upstream`, naming the file; the fix it prints restores the project; a fetch failure is
// exit 3 and leaves no temp tree.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { getTestRegistry, REPO_ROOT } from "../helpers/registry.js";
import { fileUrl, makeRepo, tag } from "../../fixtures/git/repos.js";
import { sync } from "../../src/vendor/sync.js";
import { runCheck } from "../../src/vendor/check/index.js";
import { checkUpstream } from "../../src/vendor/check/upstream.js";
import { digestTree } from "../../src/vendor/digest/index.js";
import { LOCK_FILE, parseLock, serializeLock } from "../../src/vendor/lock/read.js";
import { isVendorError } from "../../src/vendor/errors.js";
import type { CheckReport } from "../../src/vendor/check/types.js";
import { snapshot } from "./sync-snapshot.js";
import { collect } from "../helpers/process.js";

const TSX = pathToFileURL(join(REPO_ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
const MAIN = pathToFileURL(join(REPO_ROOT, "src", "cli", "main.ts")).href;

let url: string;
let root: string;
let base: string;
let n = 0;

/** The CLI from source (not dist/, which may be stale while parts are still landing), as a subprocess. */
function cli(cwd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // A script file, not `node -e`: worker threads inherit execArgv, and `--input-type=module` would break the
  // digest workers' CommonJS eval source.
  const runner = join(root, "cli-runner.mjs");
  writeFileSync(runner, `import { main } from ${JSON.stringify(MAIN)};\nprocess.exitCode = await main(process.argv);\n`);
  const child = spawn(process.execPath, ["--import", TSX, runner, "--cwd", cwd, ...args], {
    cwd,
    env: { ...process.env, CI: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return collect(child);
}

/** A fresh copy of the synced project (each test mutates its own). */
function copyProject(): string {
  const dir = join(root, `p${n++}`);
  cpSync(base, dir, { recursive: true });
  // The cache is per copy so one test's fetches never serve another's.
  writeFileSync(join(dir, ".npmrc"), `registry=${url}\ncache=${join(dir, ".npm-cache")}\nfetch-retries=0\n`);
  return dir;
}

function editLock(dir: string, edit: (lock: ReturnType<typeof parseLock>) => void): void {
  const lock = parseLock(readFileSync(join(dir, LOCK_FILE), "utf8"), LOCK_FILE);
  edit(lock);
  writeFileSync(join(dir, LOCK_FILE), serializeLock(lock));
}

/** Makes the lock agree with whatever vendor/<key> now holds, as a careful attacker would. */
async function relock(dir: string, key: string): Promise<void> {
  const d = await digestTree(join(dir, "vendor", key));
  editLock(dir, (lock) => {
    lock.packages[key]!.digest = d.digest;
    if (d.executables.length) lock.packages[key]!.executables = d.executables;
    else delete lock.packages[key]!.executables;
  });
}

const codes = (r: CheckReport): string[] => r.problems.map((p) => `${p.code} ${p.file ?? ""}`).sort();

before(async () => {
  ({ url } = await getTestRegistry());
  root = mkdtempSync(join(tmpdir(), "tonic-upstream-it-"));
  base = join(root, "base");
  mkdirSync(join(base, "src"), { recursive: true });
  writeFileSync(join(base, ".npmrc"), `registry=${url}\ncache=${join(root, "base-cache")}\n`);
  writeFileSync(join(base, "package.json"), `${JSON.stringify({ name: "app", private: true, type: "module" }, null, 2)}\n`);
  writeFileSync(join(base, "src", "main.js"), 'import { hello } from "tf-esm-lib";\nimport debug from "debug";\nconsole.log(hello("x"), debug);\n');
  // tf-esm-lib pulls a scoped package, a CJS package and a nested tf-leaf@1 (a second version of a name);
  // debug's require("ms") is rewritten, so the rewrite step really changes bytes.
  // A git entry too: its commit is re-fetched from the (file://) remote.
  const lib = join(root, "gitlib.git");
  makeRepo(lib, { "package.json": JSON.stringify({ name: "gitlib", version: "1.0.0", main: "index.js" }), "index.js": "module.exports = require('debug');\n" });
  tag(lib, "v1.0.0");
  const dependencies = { "tf-esm-lib": "^1.0.0", "tf-conflict": "^1.0.0", debug: "4.4.1", gitlib: `git+${fileUrl(lib)}#v1.0.0` };
  writeFileSync(join(base, "tonic-vendor.json"), `${JSON.stringify({ dependencies }, null, 2)}\n`);
  await sync({ projectDir: base, log: () => {} });
});

after(() => rmSync(root, { recursive: true, force: true }));

test("an untouched project passes check --upstream (library and CLI)", async () => {
  const dir = copyProject();
  const lock = parseLock(readFileSync(join(dir, LOCK_FILE), "utf8"), LOCK_FILE);
  // The rewrite did change vendored bytes, so this proves the rewrite is re-applied, not skipped.
  assert.match(readFileSync(join(dir, "vendor/debug/src/common.js"), "utf8"), /require\('\.\.\/\.\.\/ms\/index\.js'\)/);
  const before = snapshot(dir, true, (rel) => rel.startsWith(".npm-cache"));
  const report = await checkUpstream(dir);
  assert.deepEqual(snapshot(dir, true, (rel) => rel.startsWith(".npm-cache")), before, "check --upstream writes nothing in the project");
  assert.deepEqual(report.problems, []);
  assert.equal(report.ok, true);
  assert.equal(report.stats.entries, Object.keys(lock.packages).length);
  assert.ok(report.stats.files > 0);

  const r = await cli(dir, ["check", "--upstream"]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /upstream: \d+ entries re-fetched and rewritten match/);
});

test("a hand edit whose lock digest was also edited passes plain check and is caught by --upstream, naming the file", async () => {
  const dir = copyProject();
  const file = join(dir, "vendor/tf-leaf/index.js");
  writeFileSync(file, `${readFileSync(file, "utf8")}globalThis.backdoor = true;\n`);
  await relock(dir, "tf-leaf");

  const plain = await runCheck(dir);
  assert.deepEqual(plain.problems, [], "plain check cannot see it: the lock agrees with the tree");
  const plainCli = await cli(dir, ["check"]);
  assert.equal(plainCli.code, 0, plainCli.stdout + plainCli.stderr);

  const up = await checkUpstream(dir);
  assert.equal(up.ok, false);
  assert.deepEqual(codes(up), [`upstream-lock-mismatch ${LOCK_FILE}`, "upstream-mismatch vendor/tf-leaf/index.js"]);
  for (const p of up.problems) {
    assert.equal(p.item, "upstream");
    assert.equal(p.entry, "tf-leaf");
    assert.match(p.fix, /rm -rf -- vendor\/tf-leaf && tonic-vendor sync/);
  }

  const r = await cli(dir, ["check", "--upstream", "--json"]);
  assert.equal(r.code, 1, r.stderr);
  const doc = JSON.parse(r.stdout) as CheckReport;
  assert.equal(doc.ok, false);
  assert.ok(doc.problems.some((p) => p.code === "upstream-mismatch" && p.file === "vendor/tf-leaf/index.js"), r.stdout);
  const human = await cli(dir, ["check", "--upstream"]);
  assert.equal(human.code, 1);
  assert.match(human.stdout, /vendor\/tf-leaf\/index\.js \[tf-leaf\]: vendor\/tf-leaf\/index\.js differs from upstream/);

  // The printed fix works: sync re-fetches the deleted directory and re-records upstream's digest.
  rmSync(join(dir, "vendor/tf-leaf"), { recursive: true });
  await sync({ projectDir: dir, log: () => {} });
  assert.deepEqual((await checkUpstream(dir)).problems, []);
  assert.deepEqual((await runCheck(dir)).problems, []);
});

test("added, deleted and re-moded files are each named; a lock-only edit is named as the lock's", async () => {
  const dir = copyProject();
  const core = join(dir, "vendor/@tonic-fixture/scoped-core");
  writeFileSync(join(core, "extra.js"), "module.exports = 1;\n");
  unlinkSync(join(core, "cjs/index.cjs"));
  chmodSync(join(dir, "vendor/tf-conflict/index.js"), 0o755);
  writeFileSync(join(dir, "vendor/gitlib/index.js"), "module.exports = 'not upstream';\n");
  await relock(dir, "@tonic-fixture/scoped-core");
  await relock(dir, "tf-conflict");
  await relock(dir, "gitlib");
  assert.deepEqual((await runCheck(dir)).problems, []);

  const up = await checkUpstream(dir);
  assert.deepEqual(codes(up), [
    "upstream-extra-file vendor/@tonic-fixture/scoped-core/extra.js",
    `upstream-lock-mismatch ${LOCK_FILE}`,
    `upstream-lock-mismatch ${LOCK_FILE}`,
    `upstream-lock-mismatch ${LOCK_FILE}`,
    "upstream-mismatch vendor/gitlib/index.js",
    "upstream-missing-file vendor/@tonic-fixture/scoped-core/cjs/index.cjs",
    "upstream-mode-mismatch vendor/tf-conflict/index.js",
  ]);

  // Only the lock's digest edited: vendor/ is upstream's, the lock is not (plain check sees this one too).
  const dir2 = copyProject();
  editLock(dir2, (lock) => {
    lock.packages["tf-conflict"]!.digest = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  });
  const up2 = await checkUpstream(dir2);
  assert.deepEqual(codes(up2), [`upstream-lock-mismatch ${LOCK_FILE}`]);
  assert.equal(up2.problems[0]!.entry, "tf-conflict");
});

test("a fetch failure (integrity mismatch) is a VendorError with exit 3 and the temp tree is removed", async () => {
  const dir = copyProject();
  // Another valid sha512 SRI: the registry's tarball cannot match it.
  editLock(dir, (lock) => {
    lock.packages["tf-leaf"]!.integrity = `sha512-${Buffer.alloc(64, 7).toString("base64")}`;
  });
  const tmp = join(root, "tmp");
  mkdirSync(tmp);
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    const log: string[] = [];
    await assert.rejects(checkUpstream(dir, { log: (l) => log.push(l) }), (e: unknown) => {
      assert.ok(isVendorError(e), String(e));
      assert.equal(e.exitCode, 3);
      assert.equal(e.code, "integrity-mismatch");
      return true;
    });
    // (git's per-process scratch repositories live until exit and are not ours to count.)
    assert.ok(log.some((l) => l.startsWith("re-fetching tf-leaf@")), "the temp tree was made and fetched into");
    assert.deepEqual(readdirSync(tmp).filter((f) => f.startsWith("tonic-upstream-")), [], "no temp tree left behind");
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  const r = await cli(dir, ["check", "--upstream"]);
  assert.equal(r.code, 3, r.stdout + r.stderr);
  assert.match(r.stderr, /does not match the integrity/);
});

test("--upstream with --staged is a usage error (exit 2)", async () => {
  const r = await cli(copyProject(), ["check", "--upstream", "--staged"]);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /cannot be combined with --staged/);
});
