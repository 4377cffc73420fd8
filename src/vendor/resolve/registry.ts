// npm registry resolution: packuments through pacote (npm's cache, auth, retries), version choice with
// semver. The closure (closure.ts) picks versions itself for dedupe; Source.resolve picks one for one spec.
import semver from "semver";
import { VendorError } from "../errors.js";
import { registryFor, registryHost } from "../npm-config.js";
import type { ResolvedPackage, SourceContext } from "../source.js";
import { withRetries } from "../fetch/retry.js";

export interface PackumentVersion {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  os?: string[];
  cpu?: string[];
  libc?: string[] | string;
  deprecated?: string;
  dist?: { tarball?: string; integrity?: string; shasum?: string };
}

export interface Packument {
  name: string;
  "dist-tags"?: Record<string, string>;
  versions: Record<string, PackumentVersion>;
}

// One packument request per name per sync run: keyed by the npmOptions object the run shares.
const caches = new WeakMap<object, { ours: Map<string, Promise<Packument>>; pacote: Map<string, unknown> }>();
export function packumentCaches(ctx: SourceContext): { ours: Map<string, Promise<Packument>>; pacote: Map<string, unknown> } {
  let c = caches.get(ctx.npmOptions);
  if (!c) {
    c = { ours: new Map(), pacote: new Map() };
    caches.set(ctx.npmOptions, c);
  }
  return c;
}

/** Maps a pacote / npm-registry-fetch failure to a VendorError naming the package and registry host. */
export function registryFailure(name: string, what: string, e: unknown, ctx: SourceContext): VendorError {
  if (e instanceof VendorError) return e;
  const err = e as { code?: string; statusCode?: number; message?: string };
  const host = registryHost(registryFor(name, ctx.npmOptions));
  if (err.code === "E404" || err.statusCode === 404) {
    return new VendorError(`package "${name}" does not exist on the registry ${host}`, {
      exitCode: 2,
      code: "package-not-found",
      field: `dependencies.${name}`,
      fix: `check the spelling of "${name}", or the registry configured in .npmrc`,
    });
  }
  if (err.code === "EINTEGRITY") {
    return new VendorError(`${what}: the tarball from ${host} does not match the integrity the registry/lock records`, {
      exitCode: 3,
      code: "integrity-mismatch",
      fix: "the registry (or a proxy/cache) served different bytes; nothing was written. Investigate before re-running",
    });
  }
  if (err.statusCode === 401 || err.statusCode === 403) {
    return new VendorError(`${what}: the registry ${host} refused access (HTTP ${err.statusCode})`, {
      exitCode: 3,
      code: "registry-auth",
      fix: `check the auth token for ${host} in your .npmrc (e.g. //${host}/:_authToken=\${NPM_TOKEN})`,
    });
  }
  const status = err.statusCode ? `HTTP ${err.statusCode}` : (err.code ?? "error");
  return new VendorError(`${what}: could not fetch from the registry ${host} (${status}) after retries`, {
    exitCode: 3,
    code: "registry-unavailable",
    fix: "check the network and the registry, then run the command again",
  });
}

/** The packument of `name`, corgi form, through pacote (npm's HTTP cache, auth, retries). */
export function fetchPackument(name: string, ctx: SourceContext): Promise<Packument> {
  const { ours, pacote: pacoteCache } = packumentCaches(ctx);
  let p = ours.get(name);
  if (!p) {
    p = withRetries(ctx, async () => {
      const { default: pacote } = await import("pacote");
      // pacote memoizes through packumentCache; a failed attempt must not stay cached.
      return (await pacote.packument(name, { ...ctx.npmOptions, signal: ctx.signal, packumentCache: pacoteCache } as any)) as unknown as Packument;
    }).catch((e: unknown) => {
      ours.delete(name);
      throw registryFailure(name, `package ${name}`, e, ctx);
    });
    ours.set(name, p);
  }
  return p;
}

/** Sorted newest first. */
export const versionsOf = (p: Packument): string[] => Object.keys(p.versions).filter((v) => semver.valid(v)).sort(semver.rcompare);

/**
 * The version of `packument` that `spec` (a range, exact version or dist-tag) picks: a preferred version
 * that satisfies it when there is one (locked versions, dedupe), else the highest satisfying version,
 * preferring non-prereleases as npm does for `*`. undefined when nothing satisfies.
 */
export function pickVersion(packument: Packument, spec: string, preferred: readonly string[] = []): string | undefined {
  const tag = packument["dist-tags"]?.[spec];
  if (tag !== undefined && !semver.validRange(spec)) return packument.versions[tag] ? tag : undefined;
  const range = spec.trim() === "" ? "*" : spec;
  if (!semver.validRange(range, { loose: true })) return undefined;
  for (const v of preferred) if (packument.versions[v] && semver.satisfies(v, range, { loose: true })) return v;
  const latest = packument["dist-tags"]?.["latest"];
  // npm prefers the `latest` tag when it satisfies the range.
  if (latest && packument.versions[latest] && semver.satisfies(latest, range, { loose: true })) return latest;
  return semver.maxSatisfying(versionsOf(packument), range, { loose: true }) ?? undefined;
}

export function versionNotFound(name: string, spec: string, packument: Packument, requiredBy?: string): VendorError {
  const existing = versionsOf(packument);
  const shown = existing.slice(0, 8).join(", ");
  return new VendorError(
    `no version of "${name}" matches "${spec}"${requiredBy ? ` (required by ${requiredBy})` : ""}; existing versions (newest first): ${shown || "none"}${existing.length > 8 ? `, ... (${existing.length} in all)` : ""}`,
    {
      exitCode: 2,
      code: "version-not-found",
      field: requiredBy ? undefined : `dependencies.${name}`,
      fix: `use a range that matches an existing version, e.g. "^${existing[0] ?? "1.0.0"}"`,
    },
  );
}

const asList = (v: string[] | string | undefined): string[] | undefined => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/** A packument version as the closure sees it. Registry entries carry no URL (a mirror serves the same lock). */
export function toResolvedPackage(pv: PackumentVersion): ResolvedPackage {
  const optional = pv.optionalDependencies ?? {};
  // Registry manifests list optional dependencies in `dependencies` too; optional wins, as in npm.
  const deps: Record<string, string> = {};
  for (const [k, v] of Object.entries(pv.dependencies ?? {})) if (!(k in optional)) deps[k] = v;
  const integrity = pv.dist?.integrity ?? (pv.dist?.shasum ? `sha1-${Buffer.from(pv.dist.shasum, "hex").toString("base64")}` : undefined);
  return {
    name: pv.name,
    version: pv.version,
    source: "registry",
    integrity,
    dependencies: deps,
    optionalDependencies: { ...optional },
    peerDependencies: { ...(pv.peerDependencies ?? {}) },
    peerDependenciesMeta: { ...(pv.peerDependenciesMeta ?? {}) },
    os: pv.os,
    cpu: pv.cpu,
    libc: asList(pv.libc),
  };
}

/** Resolves one registry spec (`realName` is the package name, `spec` its range/version/tag). */
export async function resolveRegistry(realName: string, spec: string, ctx: SourceContext, preferred: readonly string[] = []): Promise<ResolvedPackage> {
  const packument = await fetchPackument(realName, ctx);
  const v = pickVersion(packument, spec, preferred);
  if (!v) throw versionNotFound(realName, spec, packument);
  return toResolvedPackage(packument.versions[v]!);
}
