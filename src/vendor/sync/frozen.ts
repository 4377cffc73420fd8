// sync --frozen: the manifest must be satisfied by the lock as it is; every disagreement is named.
import npa from "npm-package-arg";
import semver from "semver";
import type { Lock } from "../lock/types.js";
import type { Manifest } from "../manifest/types.js";

export function frozenDisagreements(manifest: Manifest, lock: Lock): string[] {
  const out: string[] = [];
  const wanted = new Set(manifest.dependencies.map((d) => d.name));
  for (const dep of manifest.dependencies) {
    const root = lock.roots[dep.name];
    if (!root) {
      out.push(`${dep.name}@${dep.spec} is in tonic-vendor.json but not in tonic-vendor.lock`);
      continue;
    }
    const entry = lock.packages[root.key];
    if (!entry) {
      out.push(`${dep.name}: the lock root points at a missing entry ${root.key}`);
      continue;
    }
    const lockedMode = entry.mode ?? "tarball";
    if (entry.source === "git" && lockedMode !== dep.mode) out.push(`${dep.name}: mode is "${dep.mode}" in the manifest but "${lockedMode}" in the lock`);
    for (const g of ["include", "exclude"] as const) {
      const want = JSON.stringify(dep[g]?.length ? dep[g] : []);
      const have = JSON.stringify(entry[g] ?? []);
      if (want !== have) out.push(`${dep.name}: "${g}" is ${want} in the manifest but ${have} in the lock`);
    }
    if (root.spec === dep.spec) continue;
    let ok = false;
    try {
      const parsed = npa.resolve(dep.name, dep.spec);
      const target = parsed.type === "alias" ? parsed.subSpec : parsed;
      if (target && (target.type === "range" || target.type === "version") && entry.source === "registry" && entry.version) {
        const realName = parsed.type === "alias" ? target.name : dep.name;
        ok = entry.name === realName && semver.satisfies(entry.version, target.fetchSpec ?? "*");
      }
    } catch {
      ok = false;
    }
    if (!ok) out.push(`${dep.name}: the manifest asks for ${JSON.stringify(dep.spec)} but the lock has ${JSON.stringify(root.spec)} (${entry.name}${entry.version ? `@${entry.version}` : ""}${entry.commit ? ` at ${entry.commit.slice(0, 12)}` : ""})`);
  }
  for (const name of Object.keys(lock.roots)) {
    if (!wanted.has(name)) out.push(`${name} is in tonic-vendor.lock but no longer in tonic-vendor.json`);
  }
  return out;
}
