// Test doubles for sync's steps: a tiny in-memory "registry" (the universe) with a resolver and a source, and
// the real digest. Used by test/integration/sync-*.test.ts in-process and through sync-driver.ts as a child.
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import semver from "semver";
import { digestTrees } from "../../src/vendor/digest/index.js";
import { VendorError } from "../../src/vendor/errors.js";
import type { Lock, LockEntry } from "../../src/vendor/lock/types.js";
import type { SyncDeps } from "../../src/vendor/sync/deps.js";

export interface FakeVersion {
  files: Record<string, string>;
  deps?: Record<string, string>;
  exec?: string[];
  /** The bytes served do not match the integrity the registry advertises. */
  corrupt?: boolean;
}
export type Universe = Record<string, Record<string, FakeVersion>>;

const integrityOf = (v: FakeVersion): string => `sha512-${createHash("sha512").update(JSON.stringify(v.files)).digest("base64")}`;

export function fakeDeps(universe: Universe, calls: { fetched: string[] } = { fetched: [] }): SyncDeps {
  const pick = (name: string, range: string, locked?: LockEntry): string => {
    const versions = Object.keys(universe[name] ?? {});
    if (locked?.version && versions.includes(locked.version) && semver.satisfies(locked.version, range)) return locked.version;
    const v = semver.maxSatisfying(versions, range);
    if (!v) throw new VendorError(`no version of ${name} matches ${range}; available: ${versions.join(", ")}`, { exitCode: 2, code: "no-matching-version" });
    return v;
  };
  return {
    loadNpmOptions: async () => ({}),
    async resolveClosure({ manifest, lock }) {
      const out: Lock = { lockfileVersion: 1, roots: {}, packages: {} };
      const visit = (name: string, range: string): string => {
        const version = pick(name, range, lock?.packages[name]);
        const existing = out.packages[name];
        if (existing) {
          if (existing.version !== version) throw new Error("fake resolver has no multi-version support");
          return name;
        }
        const v = universe[name]![version]!;
        const entry: LockEntry = { name, version, source: "registry", integrity: integrityOf({ ...v, corrupt: false, files: v.files }) };
        out.packages[name] = entry;
        const deps: Record<string, string> = {};
        for (const [dn, dr] of Object.entries(v.deps ?? {})) deps[dn] = visit(dn, dr);
        if (Object.keys(deps).length) entry.dependencies = deps;
        return name;
      };
      for (const d of manifest.dependencies) out.roots[d.name] = { spec: d.spec, key: visit(d.name, d.spec) };
      return out;
    },
    sourceForEntry() {
      return {
        kind: "registry",
        resolve: async () => {
          throw new Error("not used");
        },
        async fetch(entry, dest) {
          const v = universe[entry.name]![entry.version!]!;
          if (v.corrupt) {
            throw new VendorError(`integrity mismatch for ${entry.name}@${entry.version}`, { exitCode: 3, code: "integrity-mismatch" });
          }
          calls.fetched.push(`${entry.name}@${entry.version}`);
          for (const [p, text] of Object.entries(v.files)) {
            mkdirSync(dirname(join(dest, p)), { recursive: true });
            writeFileSync(join(dest, p), text);
            if (v.exec?.includes(p)) chmodSync(join(dest, p), 0o755);
          }
        },
      };
    },
    digestTrees,
  };
}

export const UNIVERSE: Universe = {
  a: {
    "1.0.0": { files: { "package.json": '{"name":"a","version":"1.0.0"}', "index.js": "module.exports = 1;\n" }, deps: { c: "^1.0.0" } },
    "2.0.0": { files: { "package.json": '{"name":"a","version":"2.0.0"}', "index.js": "module.exports = 2;\n", "bin/a": "#!/bin/sh\n" }, exec: ["bin/a"], deps: { c: "^1.0.0" } },
  },
  b: { "1.0.0": { files: { "package.json": '{"name":"b","version":"1.0.0"}', "lib/b.js": "export default 'b';\n" } } },
  c: { "1.0.0": { files: { "package.json": '{"name":"c","version":"1.0.0"}', "c.js": "c\n" } } },
  "@s/d": { "1.0.0": { files: { "package.json": '{"name":"@s/d","version":"1.0.0"}', "d.js": "d\n" } } },
  bad: { "1.0.0": { files: { "package.json": "{}" }, corrupt: true } },
};
