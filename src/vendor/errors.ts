// Every failure the user can act on is a VendorError: it names the file, the field or line, the problem and
// the fix, and carries the exit code the CLI returns (DESIGN: 1 drift/check failure, 2 bad usage or bad input
// files, 3 network or fetch failure).

export type ExitCode = 1 | 2 | 3;

export interface VendorErrorDetails {
  exitCode: ExitCode;
  /** Stable machine-readable code for --json, e.g. "manifest-invalid", "integrity-mismatch". */
  code: string;
  /** File the problem is in, relative to the project root when inside it. */
  file?: string;
  line?: number;
  column?: number;
  /** JSON path of the offending field, e.g. "dependencies.semver". */
  field?: string;
  /** What to do about it. */
  fix?: string;
  cause?: unknown;
}

/**
 * Marks every VendorError, so one made by another copy of this module (the CLI is bundled as separate files,
 * scripts/build.mjs) is recognised too.
 */
const BRAND = Symbol.for("tonic-vendor.VendorError");

export class VendorError extends Error {
  readonly exitCode: ExitCode;
  readonly code: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;
  readonly fix?: string;

  constructor(message: string, details: VendorErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "VendorError";
    Object.defineProperty(this, BRAND, { value: true });
    this.exitCode = details.exitCode;
    this.code = details.code;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.field = details.field;
    this.fix = details.fix;
  }

  /** "file:line:col: field: message\n  fix: ..." — the one human format every command prints. */
  format(): string {
    let where = this.file ?? "";
    if (where && this.line !== undefined) where += `:${this.line}${this.column !== undefined ? `:${this.column}` : ""}`;
    const head = [where, this.field].filter(Boolean).join(": ");
    return `${head ? `${head}: ` : ""}${this.message}${this.fix ? `\n  fix: ${this.fix}` : ""}`;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      file: this.file,
      line: this.line,
      column: this.column,
      field: this.field,
      fix: this.fix,
      exitCode: this.exitCode,
    };
  }
}

export const isVendorError = (e: unknown): e is VendorError => e instanceof VendorError || (typeof e === "object" && e !== null && (e as { [BRAND]?: unknown })[BRAND] === true);
