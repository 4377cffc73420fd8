// `list` and `why`: the lock as a graph from the manifest roots.
import { compareBytes } from "../manifest/read.js";
import type { Lock, LockEntry } from "./types.js";

export interface TreeNode {
  key: string;
  label: string;
  /** Already shown above: its subtree is not repeated. */
  deduped: boolean;
  children: TreeNode[];
}

export function label(key: string, e: LockEntry): string {
  // An alias (manifest name differs from the package's own name) shows both.
  const dirName = /^(@[^/]+\/)?[^@]+/.exec(key)?.[0] ?? key;
  const alias = dirName !== e.name ? `${dirName} -> ` : "";
  const pin = e.version ?? (e.commit ? e.commit.slice(0, 12) : "");
  return `${alias}${e.name}${pin ? `@${pin}` : ""}${e.source !== "registry" ? ` (${e.source}${e.mode === "submodule" ? ", submodule" : ""})` : ""}${e.optional ? " (optional)" : ""}`;
}

export function lockTree(lock: Lock): TreeNode[] {
  const seen = new Set<string>();
  const build = (key: string): TreeNode => {
    const e = lock.packages[key]!;
    const deduped = seen.has(key);
    seen.add(key);
    const children = deduped ? [] : Object.keys(e.dependencies ?? {}).sort(compareBytes).map((d) => build(e.dependencies![d]!));
    return { key, label: label(key, e), deduped, children };
  };
  return Object.keys(lock.roots)
    .sort(compareBytes)
    .map((name) => build(lock.roots[name]!.key));
}

export function renderTree(nodes: TreeNode[], prefix = ""): string[] {
  const out: string[] = [];
  nodes.forEach((n, i) => {
    const last = i === nodes.length - 1;
    out.push(`${prefix}${last ? "└── " : "├── "}${n.label}${n.deduped ? " (deduped)" : ""}`);
    out.push(...renderTree(n.children, prefix + (last ? "    " : "│   ")));
  });
  return out;
}

/** Every dependency path (lists of lock keys) from a manifest root to an entry named `name` (or with that key). */
export function whyPaths(lock: Lock, name: string, limit = 100): string[][] {
  const targets = new Set(Object.entries(lock.packages).filter(([k, e]) => e.name === name || k === name).map(([k]) => k));
  const paths: string[][] = [];
  const walk = (key: string, path: string[]) => {
    if (paths.length >= limit || path.includes(key)) return;
    const next = [...path, key];
    if (targets.has(key)) paths.push(next);
    for (const d of Object.keys(lock.packages[key]?.dependencies ?? {}).sort(compareBytes)) walk(lock.packages[key]!.dependencies![d]!, next);
  };
  for (const root of Object.keys(lock.roots).sort(compareBytes)) walk(lock.roots[root]!.key, []);
  return paths;
}
