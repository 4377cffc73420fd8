// DESIGN check item 4, "imports": no project source still imports a vendored package by its bare name; every
// `#vendor/` specifier has its generated package.json "imports" entry, equal to what the lock implies, and
// every target (entry files, relative paths into vendor/) exists. With `staged`, the sources, package.json and
// the set of vendored files come from the git index; the expected entries are resolved on the work tree.
// This file gathers the inputs; imports-scan.ts, loaded only when there is something to scan, judges them.
import { existsSync, readFileSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { isScannable } from "../rewrite/scanner.js";
import { VENDOR_PREFIX } from "../rewrite/vendor-prefix.js";
import { endOfRun, gitInfo, indexText, readStagedFiles } from "./git-objects.js";
import type { Checker, CheckContext } from "./types.js";

export interface ImportInputs {
  sources: { file: string; text: string }[];
  packageJson: string | undefined;
  /** Whether a project-relative path ("/"-separated) exists. */
  exists: (rel: string) => boolean;
}

async function workTreeInputs(ctx: CheckContext): Promise<ImportInputs> {
  const { projectSourceFiles } = await import("../rewrite/project-files.js");
  const { posixRelative } = await import("../rewrite/resolve.js");
  const root = resolvePath(ctx.projectDir);
  const sources = (await projectSourceFiles(root, ctx.manifest)).map((abs) => ({ file: posixRelative(root, abs), text: readFileSync(abs, "utf8") }));
  let packageJson: string | undefined;
  try {
    packageJson = readFileSync(resolvePath(ctx.projectDir, "package.json"), "utf8");
  } catch {
    packageJson = undefined;
  }
  return { sources, packageJson, exists: (rel) => existsSync(resolvePath(ctx.projectDir, rel)) };
}

/** Every path of a raw `git ls-files --stage -z` listing, in order; with `skip`, none under that directory. */
function* indexPaths(text: string, skip?: string): Generator<string> {
  for (let i = 0; i < text.length; ) {
    let nul = text.indexOf("\0", i);
    if (nul < 0) nul = text.length;
    const tab = text.indexOf("\t", i);
    if (tab > i && tab < nul) {
      if (skip && text.startsWith(skip, tab + 1)) {
        // The vendored tree is most of the listing and one sorted run: jump over it.
        const end = endOfRun(text, tab, skip);
        if (end !== undefined) {
          i = end;
          continue;
        }
      } else yield text.slice(tab + 1, nul);
    }
    i = nul + 1;
  }
}

async function stagedInputs(ctx: CheckContext): Promise<ImportInputs> {
  const git = await gitInfo(ctx.projectDir);
  if (!git) return workTreeInputs(ctx);
  // The session's raw listing, walked without building a record per file: the vendored tree is most of it.
  const text = await indexText(ctx.projectDir);
  const vendorPrefix = ctx.manifest.vendorDir.replace(/\/+$/, "") + "/";
  const candidates: string[] = [];
  for (const p of indexPaths(text, vendorPrefix)) if (!p.startsWith(vendorPrefix) && isScannable(p) && !p.split("/").includes("node_modules")) candidates.push(p);
  let wanted: string[] = [];
  if (candidates.length) {
    const { default: picomatch } = await import("picomatch");
    const match = picomatch(ctx.manifest.sources.length ? ctx.manifest.sources : ["src/**"]);
    wanted = candidates.filter((p) => match(p)).sort();
  }
  const blobs = await readStagedFiles(ctx.projectDir, [...wanted, "package.json"]);
  const sources = wanted.map((file, i) => ({ file, text: blobs[i]?.toString("utf8") ?? "" }));
  let paths: Set<string> | undefined;
  return { sources, packageJson: blobs[wanted.length]?.toString("utf8"), exists: (rel) => (paths ??= new Set(indexPaths(text))).has(rel) };
}

/** Whether package.json could hold something the checker reports on: #vendor/ entries, or broken JSON. */
function hasVendorImports(packageJson: string | undefined): boolean {
  if (packageJson === undefined) return false;
  try {
    const imports = (JSON.parse(packageJson) as { imports?: unknown }).imports;
    return !!imports && typeof imports === "object" && Object.keys(imports).some((k) => k.startsWith(VENDOR_PREFIX));
  } catch {
    return true;
  }
}

export const checkImports: Checker = async (ctx) => {
  const inputs = ctx.staged ? await stagedInputs(ctx) : await workTreeInputs(ctx);
  // No source and no #vendor/ entry: every rule below has nothing to apply to.
  if (inputs.sources.length === 0 && !hasVendorImports(inputs.packageJson)) return [];
  const { checkImportInputs } = await import("./imports-scan.js");
  return checkImportInputs(ctx, inputs);
};
