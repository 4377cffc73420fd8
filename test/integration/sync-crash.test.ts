// kill -9 of sync at every named step (TONIC_VENDOR_CRASH_AT makes the child SIGKILL itself there): afterwards
// vendor/, the lock and the manifest are wholly the old state or wholly the new one (or a committed journal
// says the next run rolls forward), the lock tells the truth about the tree, and the next sync recovers
// and leaves no leftovers.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CRASH_POINTS } from "../../src/vendor/sync/crash.js";
import { syncWith } from "../../src/vendor/sync.js";
import { pendingCommit } from "../../src/vendor/sync/swap.js";
import { parseLock } from "../../src/vendor/lock/read.js";
import { digestTrees } from "../../src/vendor/digest/index.js";
import { runCheck } from "../../src/vendor/check/index.js";
import { UNIVERSE, fakeDeps } from "./sync-fakes.js";

const cacheDir = mkdtempSync(join(tmpdir(), "tonic-cache-"));
process.env.TONIC_VENDOR_CACHE = cacheDir;
after(() => rmSync(cacheDir, { recursive: true, force: true }));
import { snapshot } from "./sync-snapshot.js";

const driver = fileURLToPath(new URL("./sync-driver.ts", import.meta.url));
const NEW_MANIFEST = JSON.stringify({ dependencies: { a: "^2.0.0", b: "^1.0.0" } });

function runDriver(dir: string, crashAt?: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const env = { ...process.env };
  if (crashAt) env.TONIC_VENDOR_CRASH_AT = crashAt;
  else delete env.TONIC_VENDOR_CRASH_AT;
  const child = spawn(process.execPath, ["--import", "tsx", driver, dir, NEW_MANIFEST], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stderr })));
}

const state = (dir: string) => snapshot(dir, false, (r) => r.startsWith(".") || r.endsWith(".tonic-new"));

async function lockMatchesTree(dir: string): Promise<void> {
  const lock = parseLock(readFileSync(join(dir, "tonic-vendor.lock"), "utf8"), "lock");
  const keys = Object.keys(lock.packages);
  const ds = await digestTrees(keys.map((k) => join(dir, "vendor", k)));
  assert.deepEqual(ds.map((d) => d.digest), keys.map((k) => lock.packages[k]!.digest));
  assert.deepEqual(readdirSync(join(dir, "vendor")).sort(), keys.sort());
}

test("kill -9 at every step of sync leaves old-or-new, and the next sync recovers", async (t) => {
  const root = mkdtempSync(join(tmpdir(), "tonic-crash-"));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const base = join(root, "base");
  mkdirSync(base);
  writeFileSync(join(base, "tonic-vendor.json"), `${JSON.stringify({ dependencies: { a: "^1.0.0" } })}\n`);
  await syncWith(fakeDeps(UNIVERSE), { projectDir: base });
  const oldState = state(base);
  const expectedNew = join(root, "expected");
  cpSync(base, expectedNew, { recursive: true });
  const done = await runDriver(expectedNew);
  assert.equal(done.code, 0, done.stderr);
  const newState = state(expectedNew);
  assert.notDeepEqual(newState, oldState);

  const steps = CRASH_POINTS.filter((s) => !s.startsWith("recover-"));
  let index = 0;
  const killedAt: string[] = [];
  const worker = async () => {
    while (index < steps.length) {
      const step = steps[index++]!;
      const dir = join(root, `case-${step}`);
      cpSync(base, dir, { recursive: true });
      const r = await runDriver(dir, step);
      if (r.signal === "SIGKILL") killedAt.push(step);
      else assert.equal(r.code, 0, `${step}: ${r.stderr}`);
      const now = state(dir);
      if (pendingCommit(dir)) {
        // Only possible after the commit point: the next run must roll forward.
        assert.ok(steps.indexOf(step) >= steps.indexOf("journal-committed"), `${step}: journal before commit`);
      } else {
        assert.ok(JSON.stringify(now) === JSON.stringify(oldState) || JSON.stringify(now) === JSON.stringify(newState), `${step}: neither old nor new`);
        await lockMatchesTree(dir);
        const report = await runCheck(dir);
        assert.deepEqual(report.problems, [], `${step}: check must pass on a whole state`);
      }
      const wasNew = pendingCommit(dir) || JSON.stringify(now) === JSON.stringify(newState);
      // recover; a run after an old-state crash is a plain sync of the old manifest (no-op)
      await syncWith(fakeDeps(UNIVERSE), { projectDir: dir });
      assert.deepEqual(state(dir), wasNew ? newState : oldState, `${step}: recovered state`);
      await lockMatchesTree(dir);
      assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith(".") || n.endsWith(".tonic-new")), [], `${step}: leftovers`);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  assert.ok(killedAt.length >= 20, `killed at ${killedAt.length} steps: ${killedAt.join(", ")}`);
});

test("kill -9 during recovery itself is recoverable too", async (t) => {
  const root = mkdtempSync(join(tmpdir(), "tonic-crash-rec-"));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const base = join(root, "base");
  mkdirSync(base);
  writeFileSync(join(base, "tonic-vendor.json"), `${JSON.stringify({ dependencies: { a: "^1.0.0" } })}\n`);
  await syncWith(fakeDeps(UNIVERSE), { projectDir: base });
  const expected = join(root, "expected");
  cpSync(base, expected, { recursive: true });
  assert.equal((await runDriver(expected)).code, 0);
  for (const second of ["recover-started", "staging-moved-in", "lock-renamed", "recover-rolled-forward"]) {
    const dir = join(root, `case-${second}`);
    cpSync(base, dir, { recursive: true });
    assert.equal((await runDriver(dir, "vendor-moved-aside")).signal, "SIGKILL");
    assert.ok(pendingCommit(dir) && !existsSync(join(dir, "vendor")));
    assert.equal((await runDriver(dir, second)).signal, "SIGKILL", second);
    await syncWith(fakeDeps(UNIVERSE), { projectDir: dir });
    assert.deepEqual(state(dir), state(expected), second);
    await lockMatchesTree(dir);
  }
});
