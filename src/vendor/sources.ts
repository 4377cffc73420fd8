// Picks the Source module for a spec (by npm-package-arg's type) or a lock entry (by its `source`). sync.ts
// and the closure only ever talk to the Source interface.
import { relative, resolve as resolvePath, isAbsolute } from "node:path";
import npa from "npm-package-arg";
import { VendorError } from "./errors.js";
import type { LockEntry } from "./lock/types.js";
import type { SourceKind } from "./manifest/types.js";
import type { ResolvedPackage, Source, SourceContext } from "./source.js";
import { resolveRegistry } from "./resolve/registry.js";
import { fetchRegistryEntry } from "./fetch/registry.js";
import { fetchPacoteSpec, resolvePacoteSpec } from "./fetch/pacote-spec.js";
import { gitSource } from "./fetch/git.js";

/** What a spec is, by npm-package-arg's type; `realName`/`realSpec` see through `npm:` aliases. */
export interface ParsedSpec {
  kind: SourceKind;
  /** The name the package is imported by (manifest/dependency key). */
  name: string;
  /** The registry package name (differs from `name` for aliases). */
  realName: string;
  /** The registry range/version/tag, or the full spec for other kinds. */
  realSpec: string;
  npaType: string;
}

export function parseSpec(name: string, spec: string, projectDir: string): ParsedSpec {
  let parsed: npa.Result;
  try {
    parsed = npa.resolve(name, spec, projectDir);
  } catch (e) {
    throw new VendorError(`"${name}": cannot parse the spec "${spec}": ${(e as Error).message}`, {
      exitCode: 2,
      code: "spec-invalid",
      field: `dependencies.${name}`,
      fix: "use npm's spec grammar: a semver range, npm:name@range, a git URL, a tarball URL or file:path",
      cause: e,
    });
  }
  switch (parsed.type) {
    case "version":
    case "range":
    case "tag":
      return { kind: "registry", name, realName: parsed.name ?? name, realSpec: parsed.fetchSpec ?? spec, npaType: parsed.type };
    case "alias": {
      const sub = (parsed as npa.Result & { subSpec?: npa.Result }).subSpec;
      if (!sub || !sub.name || !["version", "range", "tag"].includes(sub.type)) {
        throw new VendorError(`"${name}": alias "${spec}" must point at a registry package`, { exitCode: 2, code: "spec-invalid", field: `dependencies.${name}`, fix: 'write it as "npm:<name>@<range>"' });
      }
      return { kind: "registry", name, realName: sub.name, realSpec: sub.fetchSpec ?? "*", npaType: "alias" };
    }
    case "git":
      return { kind: "git", name, realName: name, realSpec: spec, npaType: parsed.type };
    case "remote":
      return { kind: "tarball", name, realName: name, realSpec: spec, npaType: parsed.type };
    case "file":
    case "directory":
      return { kind: "file", name, realName: name, realSpec: spec, npaType: parsed.type };
    default:
      throw new VendorError(`"${name}": unsupported spec "${spec}" (${parsed.type})`, { exitCode: 2, code: "spec-invalid", field: `dependencies.${name}`, fix: "use a registry range, a git URL, a tarball URL or file:path" });
  }
}

export const registrySource: Source = {
  kind: "registry",
  async resolve(name, spec, ctx, locked) {
    const p = parseSpec(name, spec, ctx.projectDir);
    return resolveRegistry(p.realName, p.realSpec, ctx, locked?.version && locked.name === p.realName ? [locked.version] : []);
  },
  fetch: (entry, dest, ctx) => fetchRegistryEntry(entry, dest, ctx),
};

/** Credentials never reach the lock or the terminal. */
export function stripCredentials(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return url;
  }
}

export const tarballSource: Source = {
  kind: "tarball",
  async resolve(name, spec, ctx): Promise<ResolvedPackage> {
    const r = await resolvePacoteSpec(name, spec, ctx);
    return { ...r, source: "tarball", resolved: stripCredentials(spec) };
  },
  fetch: (entry, dest, ctx) => fetchPacoteSpec(entry, entry.resolved ?? "", dest, ctx),
};

/** `file:` specs are stored relative to the project root so the lock is the same on every machine. */
function fileSpecFor(spec: string, projectDir: string): string {
  const parsed = npa.resolve("x", spec, projectDir);
  const abs = parsed.fetchSpec ?? "";
  const rel = relative(projectDir, abs).split("\\").join("/");
  return `file:${rel === "" ? "." : rel}`;
}

export const fileSource: Source = {
  kind: "file",
  async resolve(name, spec, ctx): Promise<ResolvedPackage> {
    const r = await resolvePacoteSpec(name, spec, ctx);
    // integrity is absent for file sources: the bytes are the project's own.
    return { ...r, source: "file", integrity: undefined, resolved: fileSpecFor(spec, ctx.projectDir) };
  },
  fetch(entry, dest, ctx) {
    const rel = (entry.resolved ?? "").replace(/^file:/, "");
    const abs = isAbsolute(rel) ? rel : resolvePath(ctx.projectDir, rel);
    return fetchPacoteSpec({ ...entry, integrity: undefined }, `file:${abs}`, dest, ctx);
  },
};

// The git Source is the GIT part's (fetch/git.ts).
const SOURCES: Record<SourceKind, Source> = {
  registry: registrySource,
  tarball: tarballSource,
  file: fileSource,
  git: gitSource,
};

export function sourceForKind(kind: SourceKind): Source {
  return SOURCES[kind];
}

export function sourceForSpec(name: string, spec: string, projectDir: string): Source {
  return SOURCES[parseSpec(name, spec, projectDir).kind];
}

export function sourceForEntry(entry: LockEntry): Source {
  const s = SOURCES[entry.source];
  if (!s) throw new VendorError(`lock entry ${entry.name}: unknown source "${String(entry.source)}"`, { exitCode: 2, code: "lock-invalid", fix: "run `tonic-vendor sync` to rewrite the lock" });
  return s;
}

export type { Source, SourceContext };
