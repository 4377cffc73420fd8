// A git dependency spec in npm's grammar (parsed by npm-package-arg) -> validated remote + what to pin.
import npa from "npm-package-arg";
import { VendorError } from "../errors.js";
import { assertRef, isFullCommit } from "./ref.js";
import type { GitRemote } from "./url.js";
import { redactCredentials, validateGitUrl } from "./url.js";

export interface GitSpec {
  remote: GitRemote;
  /** A tag, branch or full commit id; undefined = the remote's HEAD. */
  committish?: string;
  /** `#semver:<range>` over the remote's tags. */
  range?: string;
  /** What the lock's `ref` records: the committish, "semver:<range>", or "HEAD". */
  ref: string;
}

export function isGitSpec(name: string, spec: string): boolean {
  try {
    return npa.resolve(name, spec).type === "git";
  } catch {
    return false;
  }
}

export function parseGitSpec(name: string, spec: string, field = `dependencies.${name}`): GitSpec {
  // Checked before npm-package-arg sees it so the refusal names the real problem.
  const bare = spec.replace(/^git\+/, "");
  const urlPart = bare.split("#")[0] ?? "";
  // npm-package-arg normalises "a/../b" away and would hide it: the raw text decides.
  if (/^[A-Za-z0-9+.-]*::/.test(bare) || bare.startsWith("-") || /(^|[/:\\])\.\.([/\\]|$)/.test(urlPart)) {
    validateGitUrl(urlPart, field);
  }
  let parsed: npa.Result;
  try {
    parsed = npa.resolve(name, spec);
  } catch (e) {
    throw new VendorError(`"${redactCredentials(spec)}" is not a valid git spec: ${redactCredentials((e as Error).message)}`, {
      exitCode: 2,
      code: "git-spec-invalid",
      field,
      fix: "use github:owner/repo#ref, git+https://host/repo.git#ref, git+ssh://git@host/repo.git#ref or git+file:///path#ref",
    });
  }
  if (parsed.type !== "git") {
    throw new VendorError(`"${redactCredentials(spec)}" is not a git spec`, { exitCode: 2, code: "git-spec-invalid", field });
  }
  // npm-package-arg keeps what the user typed in fetchSpec; hosted shortcuts (github:o/r) have none.
  // (@types/npm-package-arg lags hosted-git-info: https() exists at runtime.)
  const hosted = parsed.hosted as unknown as { https?: (o: { noCommittish: boolean }) => string } | undefined;
  const url = parsed.fetchSpec ?? hosted?.https?.({ noCommittish: true }) ?? "";
  const remote = validateGitUrl(url, field);
  const range = parsed.gitRange ?? undefined;
  const committish = parsed.gitCommittish ?? undefined;
  if (committish !== undefined && !isFullCommit(committish.toLowerCase())) assertRef(committish, field);
  if (range !== undefined && (range.startsWith("-") || /[\u0000-\u001f]/.test(range))) assertRef(range, field);
  return {
    remote,
    committish: committish && isFullCommit(committish.toLowerCase()) ? committish.toLowerCase() : committish,
    range,
    ref: range !== undefined ? `semver:${range}` : (committish ?? "HEAD"),
  };
}

/** The spec for a lock entry (frozen/fetch path): its locked URL and ref. */
export function specFromEntry(resolved: string, ref: string | undefined): string {
  return `git+${resolved}${ref && ref !== "HEAD" ? `#${ref}` : ""}`;
}
