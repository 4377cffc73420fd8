// Lays out a vendor tree from the real fixture tarballs (fixtures/registry-tarballs/), the way sync would
// stage it, plus the lock that describes it: for the rewrite tests that do not need sync or a registry.
import { mkdirSync, readdirSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { x as extract } from "tar";
import type { Lock, LockEntry } from "../../src/vendor/lock/types.js";
import type { Manifest } from "../../src/vendor/manifest/types.js";

export const TARBALLS = fileURLToPath(new URL("../../fixtures/registry-tarballs/", import.meta.url));

/** Every fixture package is a root of the test project. */
export const FIXTURE_ROOTS = ["debug", "ms", "@types/debug", "@types/ms", "dequal", "escape-string-regexp", "@sindresorhus/fnv1a"];

/** Extracts every fixture tarball into <vendorRoot>/<name>/ and returns the lock describing them. */
export function layoutVendor(vendorRoot: string): Lock {
  const packages: Record<string, LockEntry> = {};
  for (const f of readdirSync(TARBALLS).filter((n) => n.endsWith(".tgz")).sort()) {
    const tmp = join(vendorRoot, ".tmp-extract");
    mkdirSync(tmp, { recursive: true });
    extract({ file: join(TARBALLS, f), cwd: tmp, strip: 1, sync: true });
    const pj = JSON.parse(readFileSync(join(tmp, "package.json"), "utf8")) as { name: string; version: string; dependencies?: Record<string, string> };
    const dest = join(vendorRoot, ...pj.name.split("/"));
    mkdirSync(join(dest, ".."), { recursive: true });
    renameSync(tmp, dest);
    packages[pj.name] = { name: pj.name, version: pj.version, source: "registry", integrity: "sha512-fixture", dependencies: {} };
    for (const dep of Object.keys(pj.dependencies ?? {})) packages[pj.name]!.dependencies![dep] = dep;
  }
  const roots: Lock["roots"] = {};
  for (const name of FIXTURE_ROOTS) roots[name] = { spec: `^${packages[name]!.version}`, key: name };
  return { lockfileVersion: 1, roots, packages };
}

export function fixtureManifest(importStyle: Manifest["importStyle"] = "imports"): Manifest {
  return {
    vendorDir: "vendor",
    sources: ["src/**"],
    importStyle,
    dependencies: FIXTURE_ROOTS.map((name) => ({ name, spec: "*", mode: "tarball" as const })),
  };
}

/** The acceptance project's source: imports every fixture package; prints one line of JSON. */
export const MAIN_TS = `import createDebug from "debug";
import type { Debugger } from "debug";
import ms from "ms";
import { dequal } from "dequal";
import { dequal as dequalLite } from "dequal/lite";
import escapeStringRegexp from "escape-string-regexp";
import fnv1a from "@sindresorhus/fnv1a";

const log: Debugger = createDebug("app:main");
const twoHours: number = ms("2h");
const minute: string = ms(60000);
const out = {
  ms: twoHours,
  fmt: minute,
  eq: dequal({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }),
  lite: dequalLite([1, 2], [1, 3]),
  esc: escapeStringRegexp("a.b*c"),
  ns: log.namespace,
  hash: fnv1a("tonic").toString(),
};
console.log(JSON.stringify(out));
`;

export const EXPECTED_OUTPUT = {
  ms: 7200000,
  fmt: "1m",
  eq: true,
  lite: false,
  esc: "a\\.b\\*c",
  ns: "app:main",
};
