// Safe extraction of an npm tarball into an empty staging directory. Hostile input is normal input here:
// every entry is vetted before node-tar writes it, and one bad entry refuses the whole archive (the partial
// tree is removed), so a dependency is never vendored with files silently skipped.
import { gunzipSync } from "node:zlib";
import { chmodSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join, relative, resolve as resolvePath, sep } from "node:path";
import { UnpackSync } from "tar";
import { VendorError } from "../errors.js";

export interface ExtractLimits {
  /** Sum of the sizes of all file entries (bytes). */
  maxBytes: number;
  maxFiles: number;
  /** Path components below the stripped `package/` folder. */
  maxDepth: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = { maxBytes: 1024 * 1024 * 1024, maxFiles: 100_000, maxDepth: 64 };

/** TONIC_VENDOR_MAX_BYTES / _MAX_FILES / _MAX_DEPTH raise (or lower) the limits for one run. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<ExtractLimits> {
  const out: Partial<ExtractLimits> = {};
  const read = (k: string): number | undefined => {
    const v = env[k];
    const n = v === undefined ? Number.NaN : Number(v);
    return Number.isSafeInteger(n) && n > 0 ? n : undefined;
  };
  const b = read("TONIC_VENDOR_MAX_BYTES");
  const f = read("TONIC_VENDOR_MAX_FILES");
  const d = read("TONIC_VENDOR_MAX_DEPTH");
  if (b !== undefined) out.maxBytes = b;
  if (f !== undefined) out.maxFiles = f;
  if (d !== undefined) out.maxDepth = d;
  return out;
}

/** npm's own fixed tarball mtime; every vendored file gets it so vendor/ is identical on every machine. */
export const NORMALISED_MTIME = new Date("1985-10-26T08:15:00.000Z");

export interface ExtractResult {
  files: number;
  bytes: number;
}

export interface ExtractOptions {
  /** Named in errors, e.g. "semver@7.6.0". */
  label: string;
  limits?: Partial<ExtractLimits>;
}

const FILE_TYPES = new Set(["File", "OldFile", "ContiguousFile"]);
const DIR_TYPES = new Set(["Directory", "GNUDumpDir"]);

function refuse(label: string, problem: string, cause?: unknown): VendorError {
  return new VendorError(`${label}: tarball refused: ${problem}`, {
    exitCode: 3,
    code: "tarball-unsafe",
    fix: "the package archive is unsafe or corrupt; do not vendor it (pin another version or report it upstream)",
    cause,
  });
}

/** Why an entry path is refused, or undefined when it is fine. `path` is the raw tar path. */
function pathProblem(raw: string): string | undefined {
  if (raw.includes("\0")) return "contains a NUL byte";
  const p = raw.replaceAll("\\", "/");
  if (p.startsWith("/") || /^[a-zA-Z]:/.test(p)) return "is absolute";
  if (p.split("/").includes("..")) return "contains '..'";
  return undefined;
}

/**
 * Extracts `tarball` (gzipped or plain tar bytes) into `dest`, stripping the first path component
 * (`package/`). `dest` must be empty or absent. Throws VendorError (exit 3) and leaves `dest` empty when any
 * entry is unsafe or a limit is exceeded.
 */
export function extractTarball(tarball: Uint8Array, dest: string, opts: ExtractOptions): ExtractResult {
  const limits = { ...DEFAULT_EXTRACT_LIMITS, ...limitsFromEnv(), ...opts.limits };
  const label = opts.label;
  const cwd = resolvePath(dest);
  mkdirSync(cwd, { recursive: true, mode: 0o755 });
  if (readdirSync(cwd).length > 0) {
    throw new VendorError(`${label}: staging directory ${dest} is not empty`, { exitCode: 3, code: "staging-not-empty" });
  }

  let raw: Buffer;
  const isGzip = tarball[0] === 0x1f && tarball[1] === 0x8b;
  try {
    // Bounding the decompressed size here stops a gzip bomb before a byte is written. 1 MiB of slack covers
    // tar headers and padding.
    raw = isGzip ? gunzipSync(tarball, { maxOutputLength: limits.maxBytes + 1024 * 1024 + limits.maxFiles * 1024 }) : Buffer.from(tarball);
  } catch (e) {
    const tooBig = e instanceof RangeError || (e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE";
    throw refuse(label, tooBig ? `decompressed size exceeds the limit of ${limits.maxBytes} bytes` : "not a valid gzip stream", e);
  }

  const modes = new Map<string, number>();
  let problem: string | undefined;
  let files = 0;
  let bytes = 0;
  const fail = (p: string): false => {
    problem ??= p;
    return false;
  };

  const unpack = new UnpackSync({
    cwd,
    strict: true,
    strip: 1,
    // Refusal happens in our filter; these are node-tar's own belt and braces.
    preservePaths: false,
    preserveOwner: false,
    maxDepth: limits.maxDepth + 1,
    umask: 0,
    chmod: true,
    dmode: 0o755,
    fmode: 0o644,
    filter: (path: string, entry: any): boolean => {
      if (problem) return false;
      const type = String(entry.type);
      const bad = pathProblem(path);
      if (bad) return fail(`entry ${JSON.stringify(path)} ${bad}`);
      if (type === "SymbolicLink" || type === "Link") return fail(`entry ${JSON.stringify(path)} is a ${type === "Link" ? "hard link" : "symlink"}`);
      const isFile = FILE_TYPES.has(type);
      if (!isFile && !DIR_TYPES.has(type)) return fail(`entry ${JSON.stringify(path)} has unsupported type ${type}`);
      const parts = path.replaceAll("\\", "/").split("/").filter((s) => s !== "" && s !== ".");
      if (parts.length - 1 > limits.maxDepth) return fail(`entry ${JSON.stringify(path)} is deeper than ${limits.maxDepth} levels`);
      if (isFile) {
        files += 1;
        bytes += Number(entry.size) || 0;
        if (files > limits.maxFiles) return fail(`more than ${limits.maxFiles} files`);
        if (bytes > limits.maxBytes) return fail(`total size exceeds the limit of ${limits.maxBytes} bytes`);
        entry.mode = (Number(entry.mode) & 0o111) !== 0 ? 0o755 : 0o644;
        modes.set(parts.slice(1).join("/"), entry.mode as number);
      } else {
        entry.mode = 0o755;
      }
      entry.mtime = NORMALISED_MTIME;
      entry.atime = NORMALISED_MTIME;
      // Entries directly at the top level (no `package/` folder around them) would be dropped by strip:1.
      return parts.length > 1 || (parts.length === 1 && !isFile);
    },
  } as any);

  let tarError: unknown;
  unpack.on("error", (e: unknown) => {
    tarError ??= e;
  });
  unpack.on("warn", (code: string, message: unknown) => {
    // In strict mode node-tar raises recoverable problems as errors; the rest (e.g. TAR_ENTRY_INFO) are
    // informational. A bad archive ends the extraction.
    if (code === "TAR_BAD_ARCHIVE" || code === "TAR_ENTRY_INVALID" || code === "TAR_ENTRY_ERROR") tarError ??= new Error(`${code}: ${String(message)}`);
  });
  try {
    unpack.end(raw);
  } catch (e) {
    tarError ??= e;
  }

  if (problem || tarError) {
    rmSync(cwd, { recursive: true, force: true });
    mkdirSync(cwd, { recursive: true, mode: 0o755 });
    throw refuse(label, problem ?? `corrupt archive (${tarError instanceof Error ? tarError.message : String(tarError)})`, tarError);
  }
  fixModesUnderUmask(cwd, modes);
  return { files, bytes };
}

/**
 * node-tar creates files with open(mode), which the process umask trims, and only chmods what it reuses.
 * Under the usual umask (022) 0644/0755 survive untouched; under a stricter one (077) this pass restores
 * them, so vendor/ does not depend on who ran sync. Measured cost is nil in the common case: no extra stat.
 */
function fixModesUnderUmask(root: string, modes: Map<string, number>): void {
  const um = currentUmask();
  if ((um & 0o755) === 0) return;
  chmodSync(root, 0o755);
  for (const ent of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const abs = join(ent.parentPath, ent.name);
    if (ent.isDirectory()) chmodSync(abs, 0o755);
    else if (ent.isFile()) chmodSync(abs, modes.get(relative(root, abs).split(sep).join("/")) ?? 0o644);
  }
}

function currentUmask(): number {
  // process.umask() without an argument reads the mask (a documentation-only deprecation, DEP0139).
  return process.umask();
}
