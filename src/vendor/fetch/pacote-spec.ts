// Tarball-URL and file: sources through pacote: manifest for resolution, tarball bytes for fetching (a
// directory is packed by pacote with npm-packlist and ignoreScripts, so no `prepare` ever runs), then our own
// safe extraction.
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { LockEntry } from "../lock/types.js";
import type { ResolvedPackage, SourceContext } from "../source.js";
import { registryFailure, toResolvedPackage, type PackumentVersion } from "../resolve/registry.js";
import { extractTarball } from "./extract.js";
import { withRetries } from "./retry.js";

export async function resolvePacoteSpec(name: string, spec: string, ctx: SourceContext): Promise<ResolvedPackage> {
  try {
    const mani = await withRetries(ctx, async () => {
      const { default: pacote } = await import("pacote");
      return (await pacote.manifest(`${name}@${spec}`, { ...ctx.npmOptions, signal: ctx.signal, ignoreScripts: true, where: ctx.projectDir } as any)) as unknown as PackumentVersion & {
        _integrity?: string;
      };
    });
    const r = toResolvedPackage(mani);
    return { ...r, integrity: mani._integrity ?? r.integrity };
  } catch (e) {
    throw registryFailure(name, `${name}@${spec}`, e, ctx);
  }
}

/**
 * pacote packs a directory with npm-packlist, which wants an Arborist tree; Arborist is heavy and not a
 * dependency, and a root node without bundled dependencies needs only these fields.
 */
export async function directoryTree(dir: string): Promise<Record<string, unknown>> {
  const pkg = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as Record<string, unknown>;
  // Bundled dependencies would be looked up in the tree's edges, which this stand-in does not have; they
  // live in node_modules/, which vendoring never takes from a directory anyway.
  const { bundleDependencies: _b, bundledDependencies: _bd, ...rest } = pkg;
  return { path: dir, realpath: dir, package: rest, isProjectRoot: true, edgesOut: new Map(), workspaces: undefined };
}

export async function fetchPacoteSpec(entry: LockEntry, spec: string, dest: string, ctx: SourceContext): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await withRetries(ctx, async () => {
      const { default: pacote } = await import("pacote");
      const opts: Record<string, unknown> = { ...ctx.npmOptions, signal: ctx.signal, ignoreScripts: true, where: ctx.projectDir };
      if (entry.integrity) opts["integrity"] = entry.integrity;
      if (spec.startsWith("file:")) {
        const dir = spec.slice("file:".length);
        if ((await stat(dir).catch(() => undefined))?.isDirectory()) opts["tree"] = await directoryTree(dir);
      }
      return (await pacote.tarball(spec, opts as any)) as Buffer;
    });
  } catch (e) {
    throw registryFailure(entry.name, `${entry.name}${entry.version ? `@${entry.version}` : ""}`, e, ctx);
  }
  extractTarball(bytes, dest, { label: `${entry.name}${entry.version ? `@${entry.version}` : ""}` });
}
