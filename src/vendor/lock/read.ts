// tonic-vendor.lock: parse + validate (refuses a newer lockfileVersion, unsafe keys, malformed pins) and a
// deterministic serializer: every object's keys sorted by bytes, 2-space JSON, trailing newline.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { VendorError } from "../errors.js";
import { LOCK_FILE } from "../file-names.js";
import { parseCanonicalJson, joinPath, type ParsedJson } from "../manifest/json.js";
import { compareBytes, isSafeRelativePath } from "../manifest/read.js";
import { isExactVersion } from "../plain-semver.js";
import { LOCKFILE_VERSION, type Lock, type LockEntry } from "./types.js";

export { LOCK_FILE };

const ENTRY_KEYS = ["name", "version", "source", "resolved", "integrity", "ref", "commit", "mode", "digest", "executables", "dependencies", "optional", "include", "exclude"] as const;
const SOURCES = ["registry", "git", "tarball", "file"];
const COMMIT_RE = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const DIGEST_RE = /^h1:[A-Za-z0-9+/]{43}=$/;
const REGEN_FIX = "restore it from version control (git checkout -- tonic-vendor.lock) or delete it and run `tonic-vendor sync`";

// sha1 is allowed because the registry only has sha1 shasums for some old packages.
const SRI_LENGTH: Record<string, number> = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 };
export function isSri(s: string): boolean {
  const m = /^(sha1|sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})$/.exec(s);
  if (!m) return false;
  const buf = Buffer.from(m[2]!, "base64");
  return buf.length === SRI_LENGTH[m[1]!] && buf.toString("base64") === m[2];
}

/** A lock key: the entry's folder under vendorDir, e.g. "semver", "@scope/name", "ms@2.0.0". */
export function isSafeLockKey(key: string): boolean {
  if (!isSafeRelativePath(key)) return false;
  const parts = key.split("/");
  if (parts.length === 1) return !parts[0]!.startsWith("@") && !parts[0]!.startsWith(".");
  return parts.length === 2 && parts[0]!.startsWith("@") && parts[0]!.length > 1 && !parts[1]!.startsWith(".");
}

function fail(parsed: ParsedJson, file: string, field: string, problem: string, fix = REGEN_FIX, onKey = false): VendorError {
  const at = (onKey ? parsed.keyAt.get(field) : undefined) ?? parsed.valueAt.get(field);
  return new VendorError(problem, { exitCode: 2, code: "lock-invalid", file, line: at?.line, column: at?.column, field: field || undefined, fix });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function parseLock(text: string, file: string): Lock {
  const parsed = parseCanonicalJson(text, file, "lock-invalid", (v) => `${stringifySorted(v, "")}\n`);
  const top = parsed.value;
  const err = (field: string, problem: string, fix?: string, onKey = false) => fail(parsed, file, field, problem, fix, onKey);
  if (!isObject(top)) throw err("", "the lock must be a JSON object");
  for (const k of Object.keys(top)) {
    if (k !== "lockfileVersion" && k !== "roots" && k !== "packages") throw err(k, `unknown key ${JSON.stringify(k)}`, REGEN_FIX, true);
  }
  const version = top.lockfileVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw err("lockfileVersion", "lockfileVersion must be a positive integer");
  }
  if (version > LOCKFILE_VERSION) {
    throw new VendorError(`lockfileVersion ${version} is newer than this tonic-vendor understands (${LOCKFILE_VERSION})`, {
      exitCode: 2,
      code: "lock-too-new",
      file,
      line: parsed.valueAt.get("lockfileVersion")?.line,
      column: parsed.valueAt.get("lockfileVersion")?.column,
      field: "lockfileVersion",
      fix: "upgrade tonic-vendor to the version that wrote this lock",
    });
  }
  if (!isObject(top.packages)) throw err("packages", '"packages" must be an object of lock entries');
  if (!isObject(top.roots)) throw err("roots", '"roots" must be an object');

  const packages: Record<string, LockEntry> = {};
  for (const [key, raw] of Object.entries(top.packages)) {
    const f = joinPath("packages", key);
    if (!isSafeLockKey(key)) throw err(f, `unsafe lock key ${JSON.stringify(key)}: keys are folders under vendorDir such as "name", "@scope/name" or "name@1.2.3"`, REGEN_FIX, true);
    if (!isObject(raw)) throw err(f, "a lock entry must be an object");
    for (const k of Object.keys(raw)) {
      if (!(ENTRY_KEYS as readonly string[]).includes(k)) throw err(joinPath(f, k), `unknown key ${JSON.stringify(k)}`, REGEN_FIX, true);
    }
    const str = (k: string): string | undefined => {
      const v = raw[k];
      if (v === undefined) return undefined;
      if (typeof v !== "string" || v === "") throw err(joinPath(f, k), `${k} must be a non-empty string`);
      return v;
    };
    const name = str("name");
    if (name === undefined) throw err(f, 'missing "name"');
    const source = str("source");
    if (source === undefined || !SOURCES.includes(source)) throw err(joinPath(f, "source"), `source must be one of ${SOURCES.join(", ")}`);
    const entry: LockEntry = { name, source: source as LockEntry["source"] };
    const ver = str("version");
    if (ver !== undefined) {
      if (!isExactVersion(ver)) throw err(joinPath(f, "version"), `version ${JSON.stringify(ver)} is not an exact semver version`);
      entry.version = ver;
    }
    const resolved = str("resolved");
    if (resolved !== undefined) {
      if (/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(resolved)) throw err(joinPath(f, "resolved"), "resolved URL carries credentials", "remove the user:password@ part; credentials belong in .npmrc");
      entry.resolved = resolved;
    }
    const integrity = str("integrity");
    if (integrity !== undefined) {
      if (!isSri(integrity)) {
        throw err(joinPath(f, "integrity"), `integrity ${JSON.stringify(integrity)} is not a single SRI hash such as "sha512-..."`);
      }
      entry.integrity = integrity;
    }
    const ref = str("ref");
    if (ref !== undefined) entry.ref = ref;
    const commit = str("commit");
    if (commit !== undefined) {
      if (!COMMIT_RE.test(commit)) throw err(joinPath(f, "commit"), "commit must be a full 40- or 64-character lowercase hex id");
      entry.commit = commit;
    }
    const mode = str("mode");
    if (mode !== undefined) {
      if (mode !== "tarball" && mode !== "submodule") throw err(joinPath(f, "mode"), 'mode must be "tarball" or "submodule"');
      entry.mode = mode;
    }
    const digest = str("digest");
    if (digest !== undefined) {
      if (!DIGEST_RE.test(digest)) throw err(joinPath(f, "digest"), 'digest must be an h1 tree digest ("h1:" + 44 base64 characters)');
      entry.digest = digest;
    }
    if (raw.executables !== undefined) {
      const ex = raw.executables;
      if (!Array.isArray(ex) || ex.some((x) => typeof x !== "string" || !isSafeRelativePath(x))) {
        throw err(joinPath(f, "executables"), "executables must be an array of relative file paths inside the entry");
      }
      entry.executables = ex as string[];
    }
    if (raw.dependencies !== undefined) {
      if (!isObject(raw.dependencies)) throw err(joinPath(f, "dependencies"), "dependencies must be an object of name -> lock key");
      const deps: Record<string, string> = {};
      for (const [dn, dk] of Object.entries(raw.dependencies)) {
        if (typeof dk !== "string") throw err(joinPath(joinPath(f, "dependencies"), dn), "must be a lock key string");
        deps[dn] = dk;
      }
      entry.dependencies = deps;
    }
    for (const g of ["include", "exclude"] as const) {
      const v = raw[g];
      if (v === undefined) continue;
      if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== "string" || x === "")) {
        throw err(joinPath(f, g), `${g} must be a non-empty array of glob strings (copied from the manifest by sync)`);
      }
      entry[g] = v as string[];
    }
    if (raw.optional !== undefined) {
      if (typeof raw.optional !== "boolean") throw err(joinPath(f, "optional"), "optional must be true or false");
      entry.optional = raw.optional;
    }
    if (entry.source === "git" && entry.commit === undefined) throw err(f, 'a git entry needs "commit"');
    if (entry.source === "registry" && (entry.version === undefined || entry.integrity === undefined)) {
      throw err(f, 'a registry entry needs "version" and "integrity"');
    }
    packages[key] = entry;
  }
  for (const [key, entry] of Object.entries(packages)) {
    for (const [dn, dk] of Object.entries(entry.dependencies ?? {})) {
      if (!(dk in packages)) throw err(joinPath(joinPath(joinPath("packages", key), "dependencies"), dn), `points at ${JSON.stringify(dk)}, which is not an entry of "packages"`);
    }
  }

  const roots: Lock["roots"] = {};
  for (const [name, raw] of Object.entries(top.roots)) {
    const f = joinPath("roots", name);
    if (!isObject(raw)) throw err(f, 'a root must be { "spec": ..., "key": ... }');
    for (const k of Object.keys(raw)) if (k !== "spec" && k !== "key") throw err(joinPath(f, k), `unknown key ${JSON.stringify(k)}`, REGEN_FIX, true);
    if (typeof raw.spec !== "string") throw err(joinPath(f, "spec"), "spec must be a string");
    if (typeof raw.key !== "string") throw err(joinPath(f, "key"), "key must be a string");
    if (!(raw.key in packages)) throw err(joinPath(f, "key"), `points at ${JSON.stringify(raw.key)}, which is not an entry of "packages"`);
    roots[name] = { spec: raw.spec, key: raw.key };
  }
  return { lockfileVersion: version, roots, packages };
}

export async function readLock(projectDir: string): Promise<Lock | undefined> {
  let text: string;
  try {
    // Synchronous: the CLI has nothing else to do meanwhile, and node:fs/promises costs ~1 ms to load.
    text = readFileSync(join(projectDir, LOCK_FILE), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new VendorError(`cannot read ${LOCK_FILE}: ${(e as Error).message}`, { exitCode: 2, code: "lock-unreadable", file: LOCK_FILE, cause: e });
  }
  return parseLock(text, LOCK_FILE);
}

// Hand-written rather than JSON.stringify over a sorted copy: JS objects always enumerate integer-like keys
// ("10", "9") first in numeric order, which would break byte order for such package names.
function stringifySorted(v: unknown, indent: string): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    const inner = indent + "  ";
    return `[\n${v.map((x) => inner + stringifySorted(x, inner)).join(",\n")}\n${indent}]`;
  }
  if (isObject(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort(compareBytes);
    if (keys.length === 0) return "{}";
    const inner = indent + "  ";
    return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${stringifySorted(v[k], inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(v);
}

export function serializeLock(lock: Lock): string {
  return `${stringifySorted(lock, "")}\n`;
}
