// Fetch of a registry entry: the tarball bytes through pacote (npm's cache, auth, retries, integrity
// verified against the lock's integrity), then our own safe extraction into the staging directory. The
// registry URL comes from the user's config at fetch time, never from the lock.
import { VendorError } from "../errors.js";
import type { LockEntry } from "../lock/types.js";
import type { SourceContext } from "../source.js";
import { packumentCaches, registryFailure } from "../resolve/registry.js";
import { extractTarball, type ExtractLimits } from "./extract.js";
import { withRetries } from "./retry.js";

/** The verified tarball bytes of `name@version`. Throws VendorError exit 3 on integrity mismatch or network failure. */
export async function fetchRegistryTarball(name: string, version: string, integrity: string | undefined, ctx: SourceContext): Promise<Buffer> {
  const { pacote: packumentCache } = packumentCaches(ctx);
  try {
    return await withRetries(ctx, async () => {
      const { default: pacote } = await import("pacote");
      const opts: Record<string, unknown> = { ...ctx.npmOptions, signal: ctx.signal, packumentCache, ignoreScripts: true };
      if (integrity) opts["integrity"] = integrity;
      return (await pacote.tarball(`${name}@${version}`, opts as any)) as Buffer;
    });
  } catch (e) {
    throw registryFailure(name, `${name}@${version}`, e, ctx);
  }
}

export async function fetchRegistryEntry(entry: LockEntry, dest: string, ctx: SourceContext, limits?: Partial<ExtractLimits>): Promise<void> {
  if (!entry.version) {
    throw new VendorError(`lock entry for ${entry.name} has no version`, { exitCode: 2, code: "lock-invalid", fix: "run `tonic-vendor sync` to rewrite the lock" });
  }
  if (!entry.integrity) {
    // Without integrity nothing proves the bytes are the ones that were reviewed.
    throw new VendorError(`lock entry for ${entry.name}@${entry.version} has no integrity`, {
      exitCode: 2,
      code: "lock-invalid",
      fix: "run `tonic-vendor update " + entry.name + "` to re-resolve it",
    });
  }
  const bytes = await fetchRegistryTarball(entry.name, entry.version, entry.integrity, ctx);
  extractTarball(bytes, dest, { label: `${entry.name}@${entry.version}`, limits });
}
