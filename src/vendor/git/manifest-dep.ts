// The manifest entry a git dependency came from, for what Source's narrow interface does not carry
// (mode, include/exclude globs). Transitive git dependencies have none and get the defaults.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ManifestDependency } from "../manifest/types.js";
import { MANIFEST_FILE, readManifest } from "../manifest/read.js";

export async function manifestDependency(projectDir: string, name: string): Promise<ManifestDependency | undefined> {
  if (!projectDir || !existsSync(join(projectDir, MANIFEST_FILE))) return undefined;
  const m = await readManifest(projectDir);
  return m.dependencies.find((d) => d.name === name);
}
