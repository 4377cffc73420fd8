// Validation of everything else git is given that comes from input: refs (git check-ref-format rules,
// implemented here so a bad ref is refused before git runs), commit ids, and paths inside a repository.
import { VendorError } from "../errors.js";

/** Full commit ids only: 40 hex (SHA-1) or 64 hex (SHA-256). Abbreviations are ambiguous and refused. */
export const FULL_COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export function isFullCommit(s: string): boolean {
  return FULL_COMMIT.test(s);
}

export function assertCommit(s: string | undefined, field?: string): string {
  if (s === undefined || !FULL_COMMIT.test(s)) {
    throw new VendorError(`"${s ?? ""}" is not a full commit id`, {
      exitCode: 2,
      code: "git-commit-invalid",
      field,
      fix: "lock git dependencies at a full 40- or 64-hex commit id (run `tonic-vendor sync` to re-resolve)",
    });
  }
  return s;
}

/** Why `ref` breaks git check-ref-format (with --allow-onelevel), or undefined when it is fine. */
export function refProblem(ref: string): string | undefined {
  if (ref.length === 0) return "is empty";
  if (ref.startsWith("-")) return "starts with '-'";
  if (ref === "@") return "is '@'";
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(ref)) return "contains a space, control character or one of ~ ^ : ? * [ \\";
  if (ref.includes("..")) return "contains '..'";
  if (ref.includes("@{")) return "contains '@{'";
  if (ref.startsWith("/") || ref.endsWith("/") || ref.includes("//")) return "has an empty path component";
  if (ref.endsWith(".")) return "ends with '.'";
  for (const part of ref.split("/")) {
    if (part.startsWith(".")) return "has a component starting with '.'";
    if (part.endsWith(".lock")) return "has a component ending with '.lock'";
  }
  return undefined;
}

export function assertRef(ref: string, field?: string): string {
  const problem = refProblem(ref);
  if (problem) {
    throw new VendorError(`git ref "${ref}" refused: it ${problem}`, {
      exitCode: 2,
      code: "git-ref-refused",
      field,
      fix: "use a tag, a branch name or a full commit id that git check-ref-format accepts",
    });
  }
  return ref;
}

/** Why a repository-relative path (submodule path, lock key) is unsafe, or undefined. */
export function pathProblem(p: string): string | undefined {
  if (p.length === 0) return "is empty";
  if (p.startsWith("-")) return "starts with '-'";
  if (p.startsWith("/") || /^[A-Za-z]:/.test(p) || p.includes("\\")) return "is absolute or uses backslashes";
  if (/[\u0000-\u001f\u007f]/.test(p)) return "contains control characters";
  for (const seg of p.split("/")) {
    if (seg === "..") return "contains '..'";
    if (seg === "" || seg === ".") return "has an empty or '.' component";
    if (seg.toLowerCase() === ".git") return "contains '.git'";
    if (seg.startsWith("-")) return "has a component starting with '-'";
  }
  return undefined;
}

export function assertSafePath(p: string, what: string, field?: string): string {
  const problem = pathProblem(p);
  if (problem) {
    throw new VendorError(`${what} "${p}" refused: it ${problem}`, {
      exitCode: 2,
      code: "git-path-refused",
      field,
      fix: "use a relative path inside the project that has no '..' and does not start with '-'",
    });
  }
  return p;
}
