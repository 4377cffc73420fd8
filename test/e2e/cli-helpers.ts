// Runs the built CLI (node bin/tonic-vendor.js, after `npm run build`) as a subprocess in a temp project that
// points at the test registry through its .npmrc.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/registry.js";
import { collect } from "../helpers/process.js";

export const BIN = join(REPO_ROOT, "bin", "tonic-vendor.js");

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function assertBuilt(): void {
  if (!existsSync(join(REPO_ROOT, "dist", "cli", "main.cjs"))) throw new Error("dist/cli/main.cjs is missing: run `npm run build` first");
}

export function cli(cwd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<RunResult> {
  const fullEnv: Record<string, string | undefined> = { ...process.env, CI: "1", ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete fullEnv[k];
  // keep npm's cache per project so tests never share or pollute the user's cache
  fullEnv.npm_config_cache = join(cwd, ".npm-cache");
  fullEnv.TONIC_VENDOR_CACHE ??= join(cwd, ".tonic-cache");
  const child = spawn(process.execPath, [BIN, "--cwd", cwd, ...args], { env: fullEnv as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  return collect(child);
}

export function tempProject(registryUrl: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tonic-cli-"));
  writeFileSync(join(dir, ".npmrc"), `registry=${registryUrl}\n`);
  return dir;
}

/** vendor/, the lock and the manifest, byte for byte, with modes and mtimes. */
export { snapshot } from "../integration/sync-snapshot.js";
