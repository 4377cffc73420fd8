// A manifest dependency's include/exclude globs, applied to its fetched tree whatever its source kind, so the
// same entry digests the same in sync and in `check --upstream`. Only manifest roots carry globs; the
// packages they pull in are vendored whole.
import picomatch from "picomatch";
import { readdirSync, rmSync, rmdirSync } from "node:fs";
import { join } from "node:path";
import type { Lock } from "../lock/types.js";
import type { Manifest } from "../manifest/types.js";

export interface Globs {
  include?: string[];
  exclude?: string[];
}

/** The globs of the manifest dependency whose root entry is `key`, or undefined when it has none. */
export function globsFor(manifest: Manifest, lock: Lock, key: string): Globs | undefined {
  for (const dep of manifest.dependencies) {
    if (lock.roots[dep.name]?.key !== key) continue;
    if (dep.include?.length || dep.exclude?.length) return { include: dep.include, exclude: dep.exclude };
  }
  return undefined;
}

/**
 * Deletes every file under `dir` that `include` does not match (when given) or `exclude` matches, then the
 * directories left empty. Paths are matched "/"-separated relative to `dir`, dotfiles included. package.json
 * is always kept: the rewrite and the resolver need it. Returns how many files were removed.
 */
export function pruneTree(dir: string, globs: Globs): number {
  const inc = globs.include?.length ? picomatch(globs.include, { dot: true }) : undefined;
  const exc = globs.exclude?.length ? picomatch(globs.exclude, { dot: true }) : undefined;
  let removed = 0;
  const walk = (abs: string, rel: string): boolean => {
    let empty = true;
    for (const ent of readdirSync(abs, { withFileTypes: true })) {
      const childAbs = join(abs, ent.name);
      const childRel = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) {
        if (walk(childAbs, childRel)) rmdirSync(childAbs);
        else empty = false;
        continue;
      }
      const keep = childRel === "package.json" || ((!inc || inc(childRel)) && !(exc && exc(childRel)));
      if (keep) empty = false;
      else {
        rmSync(childAbs, { force: true });
        removed++;
      }
    }
    return empty;
  };
  walk(dir, "");
  return removed;
}
