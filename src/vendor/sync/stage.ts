// Fetching one lock entry into a staging tree, shared by sync and `check --upstream` so both lay out the
// same bytes: the Source's fetch, then the manifest's include/exclude globs.
import type { Lock } from "../lock/types.js";
import type { Manifest } from "../manifest/types.js";
import type { SourceContext } from "../source.js";
import { globsFor, pruneTree } from "../fetch/filter.js";
import type { SyncDeps } from "./deps.js";

export async function fetchEntry(deps: SyncDeps, manifest: Manifest, lock: Lock, key: string, dest: string, ctx: SourceContext): Promise<void> {
  const entry = lock.packages[key]!;
  await deps.sourceForEntry(entry).fetch(entry, dest, ctx);
  const globs = globsFor(manifest, lock, key);
  if (globs) pruneTree(dest, globs);
}
