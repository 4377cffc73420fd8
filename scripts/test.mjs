// Test runner: node:test over every test/**/*.test.ts (Node 20's --test expands no globs, so the list is
// built here), with one Verdaccio registry started for the whole run and handed to the tests through
// TONIC_TEST_REGISTRY. Tests that need a registry and find no such variable start their own.
import { spawn } from "node:child_process";
import { readdirSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);

function collect(dir) {
  const out = [];
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, ent.name);
    if (ent.isDirectory()) out.push(...collect(p));
    else if (ent.name.endsWith(".test.ts")) out.push(relative(root, p));
  }
  return out;
}

const files = (args.length ? args : collect(join(root, "test"))).sort();
if (files.length === 0) {
  console.error("scripts/test.mjs: no test files found under test/");
  process.exit(1);
}

async function startRegistry() {
  const setup = join(root, "test/helpers/global-registry.ts");
  if (!existsSync(setup) || process.env.TONIC_TEST_REGISTRY) return null;
  const child = spawn(process.execPath, ["--import", "tsx", setup], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    let buf = "";
    child.stdout.on("data", (d) => {
      buf += d;
      const m = /^READY (\S+)$/m.exec(buf);
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`test registry exited early (code ${code})`)));
  });
  process.env.TONIC_TEST_REGISTRY = url;
  console.log(`# test registry: ${url}`);
  return child;
}

const registry = await startRegistry();
const concurrency = process.env.TONIC_TEST_CONCURRENCY ?? "2";
const test = spawn(process.execPath, ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, ...files], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
const code = await new Promise((resolve) => test.on("exit", (c, s) => resolve(c ?? (s ? 1 : 0))));
if (registry) registry.kill("SIGTERM");
process.exit(code);
