// DESIGN check item 1: the manifest against the lock. Every manifest dependency is locked for the spec it has
// now, at a version/commit that satisfies that spec; nothing in the lock is unreachable from the manifest.
import type npaType from "npm-package-arg";
import type semverType from "semver";
import { npa, plainSatisfies, plainSpecType, semver } from "../plain-semver.js";
import type { LockEntry } from "../lock/types.js";
import type { CheckContext, Problem } from "./types.js";

import { LOCK_FILE as LOCK, MANIFEST_FILE as MANIFEST } from "../file-names.js";

const SYNC_FIX = "run `tonic-vendor sync` to re-resolve the lock from the manifest";

function registryCheck(entry: LockEntry, realName: string, range: string, parsed?: semverType.Range): string | undefined {
  if (entry.source !== "registry") return `it is locked as a ${entry.source} source, but the spec asks for the registry`;
  if (entry.name !== realName) return `the lock has package "${entry.name}", the spec asks for "${realName}"`;
  // Range.test is what semver.satisfies runs after parsing the range; reusing the parsed one saves a parse.
  const ok = entry.version !== undefined && entry.version !== "" && (parsed ? parsed.test(entry.version) : (plainSatisfies(entry.version, range) ?? semver().satisfies(entry.version, range)));
  if (!ok) return `locked version ${entry.version ?? "(none)"} does not satisfy "${range}"`;
  return undefined;
}

/** The parsed range, or undefined where semver.validRange would say null. */
function parseRange(spec: string): semverType.Range | undefined {
  try {
    return new (semver().Range)(spec);
  } catch {
    return undefined;
  }
}

/** Why `entry` does not satisfy `spec`, or undefined when it does (or cannot be decided offline). */
export function unsatisfied(name: string, spec: string, entry: LockEntry, projectDir: string): string | undefined {
  // Most specs are plain semver ranges of the registry package itself: npm-package-arg would say so too, but
  // at ~0.2 ms a call it was a visible share of `check` on a 500-entry lock.
  if (plainSpecType(name, spec) !== undefined && entry.version !== undefined && plainSatisfies(entry.version, spec) !== undefined) return registryCheck(entry, name, spec);
  const range = /^[\w.^~<>=|* -]+$/.test(spec) && !spec.includes("/") ? parseRange(spec) : undefined;
  if (range) return registryCheck(entry, name, spec, range);
  let parsed: npaType.Result;
  try {
    parsed = npa().resolve(name, spec, projectDir);
  } catch (e) {
    return `the manifest spec "${spec}" cannot be parsed: ${(e as Error).message}`;
  }
  const registry = (realName: string, range: string, type: string): string | undefined => {
    // A dist-tag ("latest") moves on the registry; offline there is nothing to compare it with, but the
    // source and name still must match.
    if (type === "tag") {
      if (entry.source !== "registry") return `it is locked as a ${entry.source} source, but the spec asks for the registry`;
      return entry.name === realName ? undefined : `the lock has package "${entry.name}", the spec asks for "${realName}"`;
    }
    return registryCheck(entry, realName, range);
  };
  switch (parsed.type) {
    case "version":
    case "range":
    case "tag":
      return registry(parsed.name ?? name, parsed.fetchSpec ?? "*", parsed.type);
    case "alias": {
      const sub = (parsed as npaType.Result & { subSpec?: npaType.Result }).subSpec;
      if (!sub?.name) return `the alias "${spec}" names no package`;
      return registry(sub.name, sub.fetchSpec ?? "*", sub.type);
    }
    case "git": {
      if (entry.source !== "git") return `it is locked as a ${entry.source} source, but the spec is a git URL`;
      const range = parsed.gitRange ?? undefined;
      const committish = parsed.gitCommittish ?? undefined;
      const ref = range !== undefined ? `semver:${range}` : (committish ?? "HEAD");
      if (entry.ref !== undefined && entry.ref.toLowerCase() !== ref.toLowerCase()) return `the lock pins ref "${entry.ref}", the spec asks for "${ref}"`;
      if (committish && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(committish) && entry.commit?.toLowerCase() !== committish.toLowerCase()) {
        return `the lock pins commit ${entry.commit ?? "(none)"}, the spec asks for ${committish}`;
      }
      if (range !== undefined && entry.version !== undefined && !semver().satisfies(entry.version, range)) {
        return `locked version ${entry.version} does not satisfy "semver:${range}"`;
      }
      return undefined;
    }
    case "remote":
      return entry.source === "tarball" ? undefined : `it is locked as a ${entry.source} source, but the spec is a tarball URL`;
    case "file":
    case "directory":
      return entry.source === "file" ? undefined : `it is locked as a ${entry.source} source, but the spec is a local path`;
    default:
      return `the spec type "${parsed.type}" is not supported`;
  }
}

export async function checkManifest(ctx: CheckContext): Promise<Problem[]> {
  const { manifest, lock } = ctx;
  const problems: Problem[] = [];
  const inManifest = new Set<string>();
  for (const dep of manifest.dependencies) {
    inManifest.add(dep.name);
    const root = lock.roots[dep.name];
    if (!root) {
      problems.push({ item: "manifest", code: "dependency-unlocked", file: LOCK, message: `"${dep.name}" is in ${MANIFEST} but not in the lock`, fix: SYNC_FIX });
      continue;
    }
    if (root.spec !== dep.spec) {
      problems.push({
        item: "manifest",
        code: "spec-changed",
        file: LOCK,
        entry: root.key,
        message: `"${dep.name}" is locked for "${root.spec}" but ${MANIFEST} asks for "${dep.spec}"`,
        fix: SYNC_FIX,
      });
    }
    const entry = lock.packages[root.key];
    if (!entry) {
      problems.push({ item: "manifest", code: "entry-missing-in-lock", file: LOCK, entry: root.key, message: `root "${dep.name}" points at "${root.key}", which the lock does not have`, fix: SYNC_FIX });
      continue;
    }
    const why = unsatisfied(dep.name, dep.spec, entry, ctx.projectDir);
    if (why) {
      problems.push({ item: "manifest", code: "range-unsatisfied", file: LOCK, entry: root.key, message: `"${dep.name}@${dep.spec}": ${why}`, fix: SYNC_FIX });
    }
    const lockedMode = entry.mode ?? "tarball";
    if (entry.source === "git" && lockedMode !== dep.mode) {
      problems.push({ item: "manifest", code: "git-mode-changed", file: LOCK, entry: root.key, message: `"${dep.name}" is locked in ${lockedMode} mode but ${MANIFEST} asks for ${dep.mode}`, fix: SYNC_FIX });
    }
  }
  for (const name of Object.keys(lock.roots).sort()) {
    if (!inManifest.has(name)) {
      problems.push({ item: "manifest", code: "root-removed", file: LOCK, entry: lock.roots[name]!.key, message: `"${name}" is locked as a direct dependency but is no longer in ${MANIFEST}`, fix: SYNC_FIX });
    }
  }
  // Reachability only through roots the manifest still has: an entry only a removed root needs is unreachable.
  const seen = new Set<string>();
  const stack = manifest.dependencies.map((d) => lock.roots[d.name]?.key).filter((k): k is string => k !== undefined);
  while (stack.length) {
    const key = stack.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = lock.packages[key];
    if (!entry) continue;
    for (const [dep, target] of Object.entries(entry.dependencies ?? {})) {
      if (!(target in lock.packages)) {
        problems.push({ item: "manifest", code: "dependency-dangling", file: LOCK, entry: key, message: `"${key}" depends on "${dep}" -> "${target}", which the lock does not have`, fix: SYNC_FIX });
      } else stack.push(target);
    }
  }
  for (const key of Object.keys(lock.packages).sort()) {
    if (!seen.has(key)) {
      problems.push({ item: "manifest", code: "entry-unreachable", file: LOCK, entry: key, message: `lock entry "${key}" is not needed by any dependency in ${MANIFEST}`, fix: "run `tonic-vendor sync` to prune it from the lock and vendor/" });
    }
  }
  return problems;
}
