// The common shapes of versions and ranges ("1.2.3", "^1.2.3", "~1.2.3", "*") decided without loading semver
// or npm-package-arg, which are then loaded on first need only. Measured on this machine: importing semver
// costs ~18 ms of CPU and npm-package-arg ~28 ms, a third of what `check --staged` may spend in all
// (issue 7: at most 2x `git status`); a manifest and lock of plain versions need neither. Anything this file
// does not recognise returns undefined and goes to the real library, so behaviour is semver's exactly
// (test/unit/plain-semver.test.ts compares both on generated inputs).
import { createRequire } from "node:module";
import type npaType from "npm-package-arg";
import type semverType from "semver";

let load: NodeJS.Require | undefined;
let semverModule: typeof semverType | undefined;
let npaModule: typeof npaType | undefined;

// createRequire itself is made on first need: resolving import.meta.url's file URL was ~4 ms of a cold check.
const requireLazily = (id: string): unknown => (load ??= createRequire(import.meta.url))(id);

/** semver, loaded on first use. */
export function semver(): typeof semverType {
  return (semverModule ??= requireLazily("semver") as typeof semverType);
}

/** npm-package-arg, loaded on first use. */
export function npa(): typeof npaType {
  return (npaModule ??= requireLazily("npm-package-arg") as typeof npaType);
}

// Numeric identifiers with no leading zero and at most 15 digits: far enough below Number.MAX_SAFE_INTEGER
// that semver's range desugaring (^1.2.3 := <2.0.0-0) cannot overflow. Longer ones go to semver.
const PLAIN = /^(0|[1-9]\d{0,14})\.(0|[1-9]\d{0,14})\.(0|[1-9]\d{0,14})$/;

/** [major, minor, patch] of a release version with no prerelease or build part, else undefined. */
function plainTriple(v: string): [number, number, number] | undefined {
  const m = PLAIN.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

// A plain version with an optional prerelease ("1.0.0-rc.1", "9.0.0-next-9.21"); no build metadata, which
// semver.valid drops. Numeric prerelease parts follow the same digit bound.
const PRERELEASE_ID = "(?:0|[1-9]\\d{0,14}|\\d*[A-Za-z-][0-9A-Za-z-]*)";
const EXACT = new RegExp(`^(?:0|[1-9]\\d{0,14})\\.(?:0|[1-9]\\d{0,14})\\.(?:0|[1-9]\\d{0,14})(?:-${PRERELEASE_ID}(?:\\.${PRERELEASE_ID})*)?$`);

function exact(v: string): boolean {
  return v.length <= 256 && EXACT.test(v);
}

/** semver.valid(v) === v, the check a lock's "version" field gets. */
export function isExactVersion(v: string): boolean {
  return exact(v) || semver().valid(v) === v;
}

const cmp = (a: readonly number[], b: readonly number[]): number => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;

/**
 * semver.satisfies(version, spec) for a plain version and a spec "1.2.3", "^1.2.3", "~1.2.3" or "*"; undefined
 * for anything else (prereleases, other range shapes), which the caller hands to semver.
 */
export function plainSatisfies(version: string, spec: string): boolean | undefined {
  // An exact prerelease spec is satisfied by that very version only.
  if (version === spec && exact(version)) return true;
  const v = plainTriple(version);
  if (!v) return undefined;
  if (spec === "*" || spec === "") return true;
  const op = spec[0] === "^" || spec[0] === "~" ? spec[0] : "";
  const r = plainTriple(op ? spec.slice(1) : spec);
  if (!r) return undefined;
  if (op === "") return cmp(v, r) === 0;
  if (cmp(v, r) < 0) return false;
  // ~1.2.3 := <1.3.0; ^1.2.3 := <2.0.0, ^0.2.3 := <0.3.0, ^0.0.3 := <0.0.4 (the first non-zero part is fixed).
  if (op === "~") return v[0] === r[0] && v[1] === r[1];
  if (r[0] !== 0) return v[0] === r[0];
  if (r[1] !== 0) return v[0] === 0 && v[1] === r[1];
  return v[0] === 0 && v[1] === 0 && v[2] === r[2];
}

// A package name npm-package-arg accepts (npm's rules for existing packages, which allow capitals: URL-safe,
// no leading ".", "_" or "-"); the blocked names are excluded below.
const PLAIN_NAME = /^(?:@[A-Za-z0-9~][A-Za-z0-9-._~]*\/)?[A-Za-z0-9~][A-Za-z0-9-._~]*$/;

/**
 * npm-package-arg's type for (name, spec) when both are in the common shapes above: "version" or "range";
 * undefined otherwise (ask npm-package-arg, which also produces the errors).
 */
export function plainSpecType(name: string, spec: string): "version" | "range" | undefined {
  if (name.length > 214 || !PLAIN_NAME.test(name) || name === "node_modules" || name === "favicon.ico") return undefined;
  if (exact(spec)) return "version";
  if (spec === "*" || spec === "") return "range";
  if ((spec[0] === "^" || spec[0] === "~") && plainTriple(spec.slice(1))) return "range";
  return undefined;
}
