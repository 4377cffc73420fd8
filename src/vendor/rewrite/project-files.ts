// Which files of a project (and of a vendored package) rewrite and check scan. Kept apart from rewrite/index.ts
// so plain `check` can list a project's sources without loading the rewrite engine and its worker pool (~16 ms
// of a cold check's main thread, measured), and loads picomatch only when there is a file to match.
import { readdirSync } from "node:fs";
import { join, resolve as resolvePath, sep } from "node:path";
import type { Manifest } from "../manifest/types.js";
import { posixRelative } from "./resolve.js";
import { isScannable } from "./scanner.js";

/**
 * Scannable files under dir (absolute, sorted by name per directory), skipping node_modules (bundled
 * dependencies resolve themselves), .git and whatever `skip` says.
 */
export function walkFiles(dir: string, skip: (abs: string) => boolean, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === "node_modules" || e.name === ".git" || skip(abs)) continue;
      walkFiles(abs, skip, out);
    } else if (e.isFile() && isScannable(e.name)) {
      out.push(abs);
    }
  }
  return out;
}

/** The project's source files selected by manifest.sources (absolute paths, sorted), never inside vendorDir. */
export async function projectSourceFiles(projectDir: string, manifest: Manifest): Promise<string[]> {
  const root = resolvePath(projectDir);
  const vendor = resolvePath(projectDir, manifest.vendorDir);
  const files = walkFiles(root, (abs) => abs === vendor || abs.startsWith(vendor + sep));
  if (files.length === 0) return files;
  const { default: picomatch } = await import("picomatch");
  const match = picomatch(manifest.sources.length ? manifest.sources : ["src/**"], { dot: false });
  return files.filter((f) => match(posixRelative(root, f)));
}
