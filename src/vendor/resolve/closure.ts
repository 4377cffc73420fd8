// The transitive closure of the manifest: every package vendor/ needs, one version per name where one
// satisfies every range, several where not (the version the project imports directly keeps the plain key).
//
// Algorithm: walk the graph from the manifest roots (sorted, breadth first) resolving each edge to the
// current "primary" version of its name when that satisfies it, else to another already-chosen version that
// does, else to the preferred (locked) or newest satisfying version. After the walk, recompute each name's
// primary from all ranges seen (a version satisfying all of them if one exists, the root's own choice for
// names the project imports directly) and walk again until the primaries stop moving. Every choice is made
// in sorted order from the same inputs, so the same manifest + lock + registry state gives the same lock.
import semver from "semver";
import { VendorError } from "../errors.js";
import type { Lock, LockEntry } from "../lock/types.js";
import { LOCKFILE_VERSION } from "../lock/types.js";
import type { Manifest, Platform, SourceKind } from "../manifest/types.js";
import type { ResolvedPackage, SourceContext } from "../source.js";
import { parseSpec, sourceForKind } from "../sources.js";
import { fetchPackument, pickVersion, toResolvedPackage, versionNotFound, type Packument } from "./registry.js";

export interface ClosureOptions {
  manifest: Manifest;
  lock?: Lock;
  ctx: SourceContext;
  frozen?: boolean;
  /** Names allowed to move to their newest matching version; [] or undefined = none. */
  update?: string[];
}

type EdgeType = "prod" | "optional" | "peer" | "peerOptional";
const ROOT = "<root>";
const MAX_ROUNDS = 12;

interface Node {
  id: string;
  importName: string;
  kind: SourceKind;
  pkg: ResolvedPackage;
}

interface EdgeUse {
  from: string;
  importName: string;
  realName: string;
  range: string;
  type: EdgeType;
  target: string;
}

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sortedEntries = (o: Record<string, string> | undefined): [string, string][] => Object.entries(o ?? {}).sort((a, b) => cmpStr(a[0], b[0]));
const satisfies = (v: string | undefined, range: string): boolean => {
  if (!v) return false;
  const r = range.trim() === "" ? "*" : range;
  return semver.validRange(r, { loose: true }) !== null && semver.satisfies(v, r, { loose: true });
};

/** npm's os/cpu/libc list check: plain entries allow, `!x` entries forbid, a list of only negations allows the rest. */
function checkList(value: string, list: string[] | undefined): boolean {
  if (!list || list.length === 0) return true;
  if (list.length === 1 && list[0] === "any") return true;
  let negated = 0;
  let match = false;
  for (const entry of list) {
    const negate = entry.startsWith("!");
    const test = negate ? entry.slice(1) : entry;
    if (negate) {
      negated += 1;
      if (value === test) return false;
    } else if (value === test) match = true;
  }
  return match || negated === list.length;
}

/** True when the package can run on at least one of `platforms` (undefined = every platform). */
export function fitsPlatforms(pkg: Pick<ResolvedPackage, "os" | "cpu" | "libc">, platforms: Platform[] | undefined): boolean {
  if (platforms === undefined) return true;
  return platforms.some(
    (p) =>
      checkList(p.os, pkg.os) &&
      checkList(p.cpu, pkg.cpu) &&
      (p.os !== "linux" || p.libc === undefined || !pkg.libc || pkg.libc.length === 0 || checkList(p.libc, pkg.libc)),
  );
}

const label = (n: Node | undefined): string => (n ? `${n.pkg.name}${n.pkg.version ? `@${n.pkg.version}` : ""}` : "the manifest");

export async function resolveClosure(opts: ClosureOptions): Promise<Lock> {
  if (opts.frozen) return validateFrozen(opts.manifest, opts.lock);
  const { manifest } = opts;
  // Each round re-walks the graph; say each thing once.
  const said = new Set<string>();
  const ctx: SourceContext = {
    ...opts.ctx,
    log: (line: string) => {
      if (said.has(line)) return;
      said.add(line);
      opts.ctx.log(line);
    },
  };
  const lock = opts.lock;
  const update = new Set(opts.update ?? []);

  // Locked versions per registry package name: kept when they still satisfy (unless named in `update`).
  const lockedByReal = new Map<string, string[]>();
  const lockedPrimary = new Map<string, string>();
  if (lock) {
    for (const [key, e] of Object.entries(lock.packages).sort((a, b) => cmpStr(a[0], b[0]))) {
      if (e.source !== "registry" || !e.version || update.has(e.name)) continue;
      const list = lockedByReal.get(e.name) ?? [];
      list.push(e.version);
      lockedByReal.set(e.name, list);
      if (!key.includes("@", 1)) lockedPrimary.set(key, e.version);
    }
  }
  const preferredFor = (importName: string, realName: string): string[] => {
    if (update.has(importName) || update.has(realName)) return [];
    const p = lockedPrimary.get(importName);
    const rest = (lockedByReal.get(realName) ?? []).slice().sort(semver.rcompare);
    return p ? [p, ...rest.filter((v) => v !== p)] : rest;
  };

  const nodes = new Map<string, Node>();
  const packuments = new Map<string, Packument>();
  const getPackument = async (realName: string): Promise<Packument> => {
    let p = packuments.get(realName);
    if (!p) {
      p = await fetchPackument(realName, ctx);
      packuments.set(realName, p);
    }
    return p;
  };
  const prefetch = (realName: string): void => {
    if (!packuments.has(realName)) fetchPackument(realName, ctx).catch(() => undefined);
  };
  const registryNode = (importName: string, pkg: Packument, version: string): Node => {
    const id = `registry:${importName}:${pkg.name}@${version}`;
    let n = nodes.get(id);
    if (!n) {
      n = { id, importName, kind: "registry", pkg: toResolvedPackage(pkg.versions[version]!) };
      nodes.set(id, n);
    }
    return n;
  };
  const otherNodes = new Map<string, Promise<Node>>();
  const otherNode = (importName: string, kind: SourceKind, spec: string, from: string): Promise<Node> => {
    const memo = `${kind}:${importName}:${spec}`;
    let p = otherNodes.get(memo);
    if (!p) {
      const lockedEntry = lock?.packages[importName];
      const locked =
        lockedEntry && lockedEntry.source === kind && !update.has(importName) && (from !== ROOT || lock?.roots[importName]?.spec === spec) ? lockedEntry : undefined;
      p = sourceForKind(kind)
        .resolve(importName, spec, ctx, locked)
        .then((pkg) => {
          const root = from === ROOT ? manifest.dependencies.find((d) => d.name === importName) : undefined;
          if (kind === "git" && pkg.mode === undefined) pkg = { ...pkg, mode: root?.mode ?? "tarball" };
          const n: Node = { id: memo, importName, kind, pkg };
          nodes.set(memo, n);
          return n;
        });
      otherNodes.set(memo, p);
    }
    return p;
  };

  let primary = new Map<string, string>();

  interface Walk {
    order: string[];
    targets: Map<string, Map<string, string>>;
    uses: Map<string, EdgeUse[]>;
    peerOptional: { from: string; importName: string; range: string }[];
  }

  const walk = async (): Promise<Walk> => {
    const uses = new Map<string, EdgeUse[]>();
    const chosen = new Map<string, Set<string>>();
    const targets = new Map<string, Map<string, string>>();
    const order: string[] = [];
    const seen = new Set<string>();
    const queue: string[] = [];
    const peerOptional: Walk["peerOptional"] = [];
    const enqueue = (id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      queue.push(id);
      order.push(id);
      const n = nodes.get(id)!;
      for (const deps of [n.pkg.dependencies, n.pkg.optionalDependencies, n.pkg.peerDependencies]) {
        for (const [name, spec] of Object.entries(deps)) {
          try {
            const ps = parseSpec(name, spec, ctx.projectDir);
            if (ps.kind === "registry") prefetch(ps.realName);
          } catch {
            // reported when the edge is resolved
          }
        }
      }
    };

    const resolveEdge = async (fromId: string, importName: string, spec: string, type: EdgeType): Promise<string | undefined> => {
      const from = fromId === ROOT ? undefined : nodes.get(fromId);
      let ps: ReturnType<typeof parseSpec>;
      try {
        ps = parseSpec(importName, spec, ctx.projectDir);
      } catch (e) {
        if (!from || !(e instanceof VendorError)) throw e;
        if (type === "optional") {
          ctx.log(`skipping optional dependency ${importName}@${spec} of ${label(from)}: ${e.message}`);
          return undefined;
        }
        throw new VendorError(`${e.message} (required by ${label(from)})`, { exitCode: 2, code: e.code, fix: `${label(from)} cannot be vendored as published; pick another version of it` });
      }
      if (ps.kind !== "registry") {
        const n = await otherNode(importName, ps.kind, spec, fromId);
        if (type === "optional" && !fitsPlatforms(n.pkg, manifest.platforms)) return undefined;
        return n.id;
      }
      let packument: Packument;
      try {
        packument = await getPackument(ps.realName);
      } catch (e) {
        if (type === "optional" && e instanceof VendorError && e.exitCode === 2) {
          ctx.log(`skipping optional dependency ${importName}@${spec} of ${label(from)}: ${e.message}`);
          return undefined;
        }
        if (e instanceof VendorError && e.code === "package-not-found" && from) {
          throw new VendorError(`${e.message} (required by ${label(from)})`, { exitCode: 2, code: e.code, fix: e.fix });
        }
        throw e;
      }
      const candidates: string[] = [];
      const prim = primary.get(importName);
      if (prim) candidates.push(prim);
      for (const id of [...(chosen.get(importName) ?? [])].sort()) if (id !== prim) candidates.push(id);
      let target: string | undefined;
      for (const id of candidates) {
        const n = nodes.get(id);
        if (n && n.kind === "registry" && n.pkg.name === ps.realName && (ps.npaType === "tag" ? n.pkg.version === pickVersion(packument, ps.realSpec) : satisfies(n.pkg.version, ps.realSpec))) {
          target = id;
          break;
        }
      }
      if (!target) {
        const v = pickVersion(packument, ps.realSpec, preferredFor(importName, ps.realName));
        if (!v) {
          if (type === "optional") {
            ctx.log(`skipping optional dependency ${importName}@${spec} of ${label(from)}: no matching version`);
            return undefined;
          }
          throw versionNotFound(ps.realName, ps.realSpec, packument, from ? label(from) : undefined);
        }
        target = registryNode(importName, packument, v).id;
      }
      const tn = nodes.get(target)!;
      if (type === "optional" && !fitsPlatforms(tn.pkg, manifest.platforms)) return undefined;
      const set = chosen.get(importName) ?? new Set<string>();
      set.add(target);
      chosen.set(importName, set);
      const list = uses.get(importName) ?? [];
      list.push({ from: fromId, importName, realName: ps.realName, range: ps.realSpec, type, target });
      uses.set(importName, list);
      return target;
    };

    const rootTargets = new Map<string, string>();
    for (const dep of manifest.dependencies) {
      try {
        const ps = parseSpec(dep.name, dep.spec, ctx.projectDir);
        if (ps.kind === "registry") prefetch(ps.realName);
      } catch {
        // reported when the edge is resolved
      }
    }
    for (const dep of [...manifest.dependencies].sort((a, b) => cmpStr(a.name, b.name))) {
      const id = (await resolveEdge(ROOT, dep.name, dep.spec, "prod"))!;
      rootTargets.set(dep.name, id);
      enqueue(id);
    }
    targets.set(ROOT, rootTargets);
    while (queue.length > 0) {
      const id = queue.shift()!;
      const n = nodes.get(id)!;
      const t = new Map<string, string>();
      const edges: [string, string, EdgeType][] = [
        ...sortedEntries(n.pkg.dependencies).map(([k, v]): [string, string, EdgeType] => [k, v, "prod"]),
        ...sortedEntries(n.pkg.optionalDependencies).map(([k, v]): [string, string, EdgeType] => [k, v, "optional"]),
        ...sortedEntries(n.pkg.peerDependencies)
          .filter(([k]) => !(k in n.pkg.dependencies) && !(k in n.pkg.optionalDependencies))
          .map(([k, v]): [string, string, EdgeType] => [k, v, n.pkg.peerDependenciesMeta[k]?.optional ? "peerOptional" : "peer"]),
      ];
      for (const [name, spec, type] of edges) {
        if (type === "peerOptional") {
          peerOptional.push({ from: id, importName: name, range: spec });
          continue;
        }
        const target = await resolveEdge(id, name, spec, type);
        if (target === undefined) continue;
        t.set(name, target);
        enqueue(target);
      }
      targets.set(id, t);
    }
    return { order, targets, uses, peerOptional };
  };

  const computePrimaries = async (w: Walk): Promise<Map<string, string>> => {
    const next = new Map<string, string>();
    for (const importName of [...w.uses.keys()].sort()) {
      const all = w.uses.get(importName)!;
      const rootUse = all.find((u) => u.from === ROOT);
      const rootNode = rootUse ? nodes.get(rootUse.target) : undefined;
      if (rootNode && rootNode.kind !== "registry") {
        next.set(importName, rootNode.id);
        continue;
      }
      const realName = rootUse?.realName ?? mostCommon(all.map((u) => u.realName));
      const useList = all.filter((u) => u.realName === realName);
      const packument = await getPackument(realName);
      const preferred = preferredFor(importName, realName);
      const okForAll = (v: string): boolean => useList.every((u) => satisfies(v, u.range) || (!semver.validRange(u.range) && nodes.get(u.target)?.pkg.version === v));
      let version: string | undefined = preferred.find((v) => packument.versions[v] && okForAll(v));
      if (!version) {
        const latest = packument["dist-tags"]?.["latest"];
        if (latest && packument.versions[latest] && okForAll(latest)) version = latest;
      }
      if (!version) version = Object.keys(packument.versions).filter((v) => semver.valid(v) && okForAll(v)).sort(semver.rcompare)[0];
      if (!version && rootUse) version = nodes.get(rootUse.target)?.pkg.version;
      if (!version) {
        // No single version fits every range: keep the one the most dependents can share (the current
        // primary on a tie, then the newest), the rest get their own keys.
        // Peers must see the primary, so versions that satisfy every peer range come first.
        const current = primary.get(importName);
        const peers = useList.filter((u) => u.type === "peer");
        const counts = new Map<string, number>();
        for (const u of useList) {
          const v = nodes.get(u.target)!.pkg.version!;
          const peerBonus = peers.length > 0 && peers.every((x) => satisfies(v, x.range)) ? useList.length + 1 : 0;
          counts.set(v, peerBonus + useList.filter((x) => satisfies(v, x.range)).length);
        }
        const curV = current ? nodes.get(current)?.pkg.version : undefined;
        version = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] === curV ? -1 : b[0] === curV ? 1 : semver.rcompare(a[0], b[0])))[0]![0];
      }
      next.set(importName, registryNode(importName, packument, version).id);
    }
    return next;
  };

  let w = await walk();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = await computePrimaries(w);
    const same = next.size === primary.size && [...next].every(([k, v]) => primary.get(k) === v);
    primary = next;
    if (same) break;
    w = await walk();
  }

  // Peers are shared with the package's parent, which in a flat vendor/ is the primary version of the name.
  for (const [importName, list] of w.uses) {
    for (const u of list) {
      if (u.type !== "peer") continue;
      const prim = primary.get(importName);
      if (u.target === prim) continue;
      const pn = prim ? nodes.get(prim) : undefined;
      const requesters = (w.uses.get(importName) ?? []).filter((x) => x.target === prim && x.type !== "peer").map((x) => (x.from === ROOT ? "the manifest" : label(nodes.get(x.from))));
      throw new VendorError(
        `${label(nodes.get(u.from))} needs peer ${importName}@"${u.range}", but ${importName} resolves to ${pn?.pkg.version ?? "?"} (required by ${[...new Set(requesters)].join(", ") || "other packages"})`,
        {
          exitCode: 2,
          code: "peer-conflict",
          field: requesters.includes("the manifest") ? `dependencies.${importName}` : undefined,
          fix: `change the range of ${importName} so that one version satisfies both, or pick a version of ${nodes.get(u.from)?.pkg.name ?? "the dependent"} whose peer range accepts ${pn?.pkg.version ?? "it"}`,
        },
      );
    }
  }
  const inWalk = new Set(w.order);
  for (const po of w.peerOptional) {
    const prim = primary.get(po.importName);
    const pn = prim && inWalk.has(prim) ? nodes.get(prim) : undefined;
    if (!pn) continue;
    if (pn.kind === "registry" && !satisfies(pn.pkg.version, po.range)) {
      ctx.log(`${label(nodes.get(po.from))}: optional peer ${po.importName}@"${po.range}" is not satisfied by ${pn.pkg.version}; not linked`);
      continue;
    }
    w.targets.get(po.from)!.set(po.importName, prim!);
  }

  return buildLock(manifest, w, primary, nodes);

  function buildLock(m: Manifest, walkResult: Walk, prim: Map<string, string>, all: Map<string, Node>): Lock {
    const keyOf = new Map<string, string>();
    const taken = new Set<string>();
    // Primaries first so they always get the plain key.
    const ids = [...walkResult.order].sort((a, b) => {
      const pa = prim.get(all.get(a)!.importName) === a ? 0 : 1;
      const pb = prim.get(all.get(b)!.importName) === b ? 0 : 1;
      return pa - pb || cmpStr(a, b);
    });
    for (const id of ids) {
      const n = all.get(id)!;
      let key = prim.get(n.importName) === id || !taken.has(n.importName) ? n.importName : `${n.importName}@${n.pkg.version ?? n.pkg.commit?.slice(0, 12) ?? "other"}`;
      for (let i = 2; taken.has(key); i++) key = `${n.importName}@${n.pkg.version ?? "other"}-${i}`;
      taken.add(key);
      keyOf.set(id, key);
    }
    // optional: reachable only through optionalDependencies.
    const required = new Set<string>();
    const stack = [...walkResult.targets.get(ROOT)!.values()];
    while (stack.length) {
      const id = stack.pop()!;
      if (required.has(id)) continue;
      required.add(id);
      const n = all.get(id)!;
      for (const [dep, t] of walkResult.targets.get(id) ?? []) if (!(dep in n.pkg.optionalDependencies)) stack.push(t);
    }
    const packages: Record<string, LockEntry> = {};
    for (const id of walkResult.order) {
      const n = all.get(id)!;
      const p = n.pkg;
      const e: LockEntry = { name: p.name, source: p.source };
      if (p.version !== undefined) e.version = p.version;
      if (p.source !== "registry" && p.resolved !== undefined) e.resolved = p.resolved;
      if (p.integrity !== undefined) e.integrity = p.integrity;
      if (p.ref !== undefined) e.ref = p.ref;
      if (p.commit !== undefined) e.commit = p.commit;
      if (p.source === "git" && p.mode !== undefined) e.mode = p.mode;
      const deps: Record<string, string> = {};
      for (const [dep, t] of [...(walkResult.targets.get(id) ?? [])].sort((a, b) => cmpStr(a[0], b[0]))) deps[dep] = keyOf.get(t)!;
      if (Object.keys(deps).length > 0) e.dependencies = deps;
      if (!required.has(id)) e.optional = true;
      packages[keyOf.get(id)!] = e;
    }
    const roots: Lock["roots"] = {};
    for (const d of [...m.dependencies].sort((a, b) => cmpStr(a.name, b.name))) {
      roots[d.name] = { spec: d.spec, key: keyOf.get(walkResult.targets.get(ROOT)!.get(d.name)!)! };
    }
    return { lockfileVersion: LOCKFILE_VERSION, roots, packages: sortKeys(packages) };
  }
}

function mostCommon(xs: string[]): string {
  const c = new Map<string, number>();
  for (const x of xs) c.set(x, (c.get(x) ?? 0) + 1);
  return [...c.entries()].sort((a, b) => b[1] - a[1] || cmpStr(a[0], b[0]))[0]![0];
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(o).sort(cmpStr)) out[k] = o[k]!;
  return out;
}

/**
 * `sync --frozen`: never touches the network. The lock must already satisfy the manifest; every
 * disagreement is listed in one VendorError (exit 1).
 */
export function validateFrozen(manifest: Manifest, lock: Lock | undefined): Lock {
  const fix = "run `tonic-vendor sync` (without --frozen) to update the lock, and commit it";
  if (!lock) {
    throw new VendorError("--frozen: there is no tonic-vendor.lock to materialise", { exitCode: 1, code: "lock-missing", file: "tonic-vendor.lock", fix });
  }
  const problems: string[] = [];
  const names = new Set(manifest.dependencies.map((d) => d.name));
  for (const d of [...manifest.dependencies].sort((a, b) => cmpStr(a.name, b.name))) {
    const root = lock.roots[d.name];
    if (!root) {
      problems.push(`${d.name}: in the manifest (${d.spec}) but not in the lock`);
      continue;
    }
    const entry = lock.packages[root.key];
    if (!entry) {
      problems.push(`${d.name}: the lock's root points at "${root.key}", which has no entry`);
      continue;
    }
    if (root.spec === d.spec) continue;
    let kind: SourceKind | undefined;
    let realSpec = d.spec;
    let realName = d.name;
    try {
      const ps = parseSpec(d.name, d.spec, ".");
      kind = ps.kind;
      realSpec = ps.realSpec;
      realName = ps.realName;
    } catch (e) {
      problems.push(`${d.name}: ${(e as Error).message}`);
      continue;
    }
    const ok = kind === "registry" && entry.source === "registry" && entry.name === realName && satisfies(entry.version, realSpec);
    if (!ok) problems.push(`${d.name}: the manifest asks for "${d.spec}" but the lock has ${entry.name}@${entry.version ?? entry.commit ?? "?"} (locked for "${root.spec}")`);
  }
  for (const name of Object.keys(lock.roots).sort()) if (!names.has(name)) problems.push(`${name}: locked as a root but no longer in the manifest`);
  const reachable = new Set<string>();
  const stack = Object.entries(lock.roots)
    .filter(([n]) => names.has(n))
    .map(([, r]) => r.key);
  while (stack.length) {
    const k = stack.pop()!;
    if (reachable.has(k)) continue;
    reachable.add(k);
    for (const [dep, target] of Object.entries(lock.packages[k]?.dependencies ?? {}).sort((a, b) => cmpStr(a[0], b[0]))) {
      if (!lock.packages[target]) problems.push(`${k}: its dependency ${dep} points at "${target}", which has no entry`);
      else stack.push(target);
    }
  }
  for (const [k, e] of Object.entries(lock.packages).sort((a, b) => cmpStr(a[0], b[0]))) {
    if (!reachable.has(k)) problems.push(`${k}: locked but nothing in the manifest needs it`);
    if (e.source === "registry" && (!e.version || !e.integrity)) problems.push(`${k}: registry entry without ${e.version ? "integrity" : "version"}`);
  }
  if (problems.length > 0) {
    throw new VendorError(`--frozen: the lock does not match the manifest:\n  - ${[...new Set(problems)].join("\n  - ")}`, {
      exitCode: 1,
      code: "lock-out-of-date",
      file: "tonic-vendor.lock",
      fix,
    });
  }
  return lock;
}
