// The commands: each one calls src/vendor and turns its result into output and an exit code. No logic here.
import { join, resolve } from "node:path";
import { VendorError } from "../vendor/errors.js";
import { LOCK_FILE, readLock } from "../vendor/lock/read.js";
import { lockTree, renderTree, whyPaths, label, type TreeNode } from "../vendor/lock/graph.js";
import { MANIFEST_FILE, readManifest } from "../vendor/manifest/read.js";
import { planInit, specFromArg, withDependencies, withoutDependencies } from "../vendor/manifest/edit.js";
import type { Manifest, ManifestDependency } from "../vendor/manifest/types.js";
import type { SourceContext } from "../vendor/source.js";
import { sync, type SyncResult } from "../vendor/sync.js";
import { writeAtomic } from "../vendor/sync/fs-tree.js";
import type { GlobalOptions } from "./main.js";
import type { Output } from "./output.js";

const dirOf = (g: GlobalOptions) => resolve(g.cwd ?? process.cwd());

async function sourceContext(g: GlobalOptions, out: Output): Promise<SourceContext> {
  const { loadNpmOptions } = await import("../vendor/npm-config.js");
  const projectDir = dirOf(g);
  return { projectDir, npmOptions: await loadNpmOptions(projectDir), log: out.progress };
}

function reportSync(out: Output, r: SyncResult, what: string): number {
  if (!r.changed) out.info("vendor/ and tonic-vendor.lock are up to date; nothing written");
  else {
    const n = Object.keys(r.lock.packages).length;
    out.info(`${what}: ${n} entr${n === 1 ? "y" : "ies"} vendored (${r.fetched.length} fetched, ${r.reused.length} unchanged${r.removed.length ? `, ${r.removed.length} removed` : ""})`);
    for (const k of r.fetched) out.info(`  + ${label(k, r.lock.packages[k]!)}`);
    for (const k of r.removed) out.info(`  - ${k}`);
    for (const s of r.strays) out.info(`  removed stray ${s}`);
  }
  if (r.recovered !== "none") out.info(r.recovered === "rolled-forward" ? "finished an interrupted sync" : "cleaned up after an interrupted sync");
  for (const d of r.dynamic) out.important(`warning: ${d.file}:${d.line}:${d.column}: cannot rewrite ${d.text} statically`);
  out.json({ ok: true, changed: r.changed, fetched: r.fetched, reused: r.reused, removed: r.removed, strays: r.strays, recovered: r.recovered, dynamic: r.dynamic, lock: r.lock });
  return 0;
}

export async function init(g: GlobalOptions, out: Output, opts: { fromPackageJson?: boolean; allPlatforms?: boolean }): Promise<number> {
  const dir = dirOf(g);
  const plan = planInit(dir, opts);
  if (plan.packageJsonText !== undefined) writeAtomic(join(dir, "package.json"), plan.packageJsonText);
  writeAtomic(join(dir, MANIFEST_FILE), plan.manifestText);
  out.info(`wrote ${MANIFEST_FILE}${plan.moved.length ? ` with ${plan.moved.length} dependenc${plan.moved.length === 1 ? "y" : "ies"} moved from package.json (${plan.moved.join(", ")})` : ""}`);
  if (plan.moved.length) out.info("next: run `tonic-vendor sync`");
  out.json({ ok: true, file: MANIFEST_FILE, moved: plan.moved, manifest: JSON.parse(plan.manifestText) as unknown });
  return 0;
}

export async function add(g: GlobalOptions, out: Output, specs: string[]): Promise<number> {
  await readManifest(dirOf(g)); // fail fast (exit 2) before any registry look-up
  const ctx = await sourceContext(g, out);
  const deps: ManifestDependency[] = [];
  for (const s of specs) deps.push(await specFromArg(s, ctx));
  for (const d of deps) out.info(`${d.name}: ${d.spec}`);
  return reportSync(out, await sync({ projectDir: ctx.projectDir, editManifest: (m) => withDependencies(m, deps), log: out.progress }), "add");
}

export async function remove(g: GlobalOptions, out: Output, names: string[]): Promise<number> {
  const dir = dirOf(g);
  withoutDependencies(await readManifest(dir), names); // names every unknown name before anything else
  return reportSync(out, await sync({ projectDir: dir, editManifest: (m) => withoutDependencies(m, names), log: out.progress }), "remove");
}

export async function syncCommand(g: GlobalOptions, out: Output, opts: { frozen?: boolean; recurseSubmodules?: boolean }): Promise<number> {
  // The git source reads this switch (src/vendor/fetch/git.ts); it is off unless asked for.
  if (opts.recurseSubmodules) process.env.TONIC_GIT_RECURSE_SUBMODULES = "1";
  return reportSync(out, await sync({ projectDir: dirOf(g), frozen: opts.frozen, log: out.progress }), "sync");
}

export async function rewriteCommand(g: GlobalOptions, out: Output, opts: { undo?: boolean }): Promise<number> {
  const { runRewrite } = await import("../vendor/rewrite/index.js");
  const r = await runRewrite({ projectDir: dirOf(g), undo: opts.undo });
  const verb = opts.undo ? "restored bare imports in" : "rewrote imports in";
  out.info(r.filesChanged.length ? `${verb} ${r.filesChanged.length} file(s)` : "imports already up to date; nothing written");
  for (const f of r.filesChanged) out.info(`  ${f}`);
  for (const d of r.dynamic) out.important(`warning: ${d.file}:${d.line}:${d.column}: cannot rewrite ${d.text} statically`);
  out.json({ ok: true, undo: Boolean(opts.undo), filesChanged: r.filesChanged, dynamic: r.dynamic });
  return 0;
}

// check lives in check-command.ts so a check does not load what the other commands need (see there).
export { check } from "./check-command.js";

async function lockOrEmpty(dir: string): Promise<{ manifest: Manifest; lock: Awaited<ReturnType<typeof readLock>> }> {
  const manifest = await readManifest(dir);
  return { manifest, lock: await readLock(dir) };
}

export async function list(g: GlobalOptions, out: Output): Promise<number> {
  const { manifest, lock } = await lockOrEmpty(dirOf(g));
  if (!lock) {
    out.info(`nothing is vendored yet (no ${LOCK_FILE}); run \`tonic-vendor sync\``);
    out.json({ ok: true, vendorDir: manifest.vendorDir, tree: [] });
    return 0;
  }
  const tree = lockTree(lock);
  out.info(manifest.vendorDir);
  for (const l of renderTree(tree)) out.info(l);
  const plain = (n: TreeNode): unknown => ({ key: n.key, ...lock.packages[n.key], deduped: n.deduped || undefined, dependencies: n.children.map(plain) });
  out.json({ ok: true, vendorDir: manifest.vendorDir, tree: tree.map(plain) });
  return 0;
}

export async function why(g: GlobalOptions, out: Output, name: string): Promise<number> {
  const { lock } = await lockOrEmpty(dirOf(g));
  const paths = lock ? whyPaths(lock, name) : [];
  if (!paths.length) {
    throw new VendorError(`${name} is not vendored`, { exitCode: 1, code: "not-vendored", file: LOCK_FILE, fix: `run \`tonic-vendor list\` to see what is; \`tonic-vendor add ${name}\` to vendor it` });
  }
  for (const p of paths) out.info(p.map((k) => label(k, lock!.packages[k]!)).join(" > "));
  out.json({ ok: true, name, paths });
  return 0;
}

export async function update(g: GlobalOptions, out: Output, names: string[], opts: { latest?: boolean }): Promise<number> {
  const dir = dirOf(g);
  const manifest = await readManifest(dir);
  const lock = await readLock(dir);
  let next: Manifest | undefined;
  if (opts.latest) {
    const ctx = await sourceContext(g, out);
    if (names.length) withoutDependencies(manifest, names); // throws, naming any unknown name
    const chosen = names.length ? manifest.dependencies.filter((d) => names.includes(d.name)) : manifest.dependencies;
    const { parseSpec } = await import("../vendor/sources.js");
    const deps = [];
    for (const d of chosen) {
      const p = parseSpec(d.name, d.spec, dir);
      if (p.kind !== "registry") continue;
      const arg = p.realName === d.name ? d.name : `${d.name}@npm:${p.realName}`;
      deps.push(await specFromArg(arg, ctx));
    }
    next = withDependencies(manifest, deps);
  }
  const allowed = names.length ? names : [...new Set([...Object.values(lock?.packages ?? {}).map((e) => e.name), ...Object.keys(lock?.roots ?? {})])];
  return reportSync(out, await sync({ projectDir: dir, manifest: next, update: allowed, log: out.progress }), "update");
}

export async function outdated(g: GlobalOptions, out: Output): Promise<number> {
  const dir = dirOf(g);
  const manifest = await readManifest(dir);
  const lock = await readLock(dir);
  const ctx = await sourceContext(g, out);
  const { parseSpec, sourceForSpec } = await import("../vendor/sources.js");
  const rows: { name: string; current?: string; wanted?: string; latest?: string }[] = [];
  for (const d of manifest.dependencies) {
    const p = parseSpec(d.name, d.spec, dir);
    if (p.kind !== "registry") continue;
    const src = sourceForSpec(d.name, d.spec, dir);
    const wanted = (await src.resolve(d.name, d.spec, ctx)).version;
    const latest = (await src.resolve(p.realName, "latest", ctx)).version;
    const key = lock?.roots[d.name]?.key;
    const current = key ? lock?.packages[key]?.version : undefined;
    if (current !== wanted || current !== latest) rows.push({ name: d.name, current, wanted, latest });
  }
  if (!rows.length) out.info("everything is at its newest version");
  else {
    const w = Math.max(7, ...rows.map((r) => r.name.length));
    out.info(`${"package".padEnd(w)}  ${"current".padEnd(10)}  ${"wanted".padEnd(10)}  latest`);
    for (const r of rows) out.info(`${r.name.padEnd(w)}  ${(r.current ?? "-").padEnd(10)}  ${(r.wanted ?? "-").padEnd(10)}  ${r.latest ?? "-"}`);
  }
  out.json({ ok: true, outdated: rows });
  return rows.length ? 1 : 0;
}

export async function hookCommand(g: GlobalOptions, out: Output, action: "install" | "uninstall", opts: { kind?: "git" | "husky" | "lefthook" | "pre-commit"; command?: string }): Promise<number> {
  const { installHook, uninstallHook } = await import("../vendor/hook/index.js");
  const projectDir = dirOf(g);
  const r = action === "install" ? await installHook({ projectDir, kind: opts.kind, command: opts.command }) : await uninstallHook({ projectDir, kind: opts.kind });
  out.info(`${r.kind} hook: ${r.action} ${r.file}`);
  out.json({ ok: true, ...r });
  return 0;
}
