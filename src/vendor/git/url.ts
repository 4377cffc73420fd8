// Git remote URLs as the user typed them -> a validated remote. Only https, ssh (ssh:// and scp-like
// git@host:path) and file are accepted; transport helpers (`ext::`, `fd::`, any `<helper>::`) never are,
// because git would run them as programs. Plain http:// and git:// exist only for tests and only to a
// loopback address behind TONIC_GIT_ALLOW_LOOPBACK=1.
import { VendorError } from "../errors.js";

export type GitProtocol = "https" | "ssh" | "file" | "http" | "git";

export interface GitRemote {
  /** What git is given: may carry credentials, never printed or locked. */
  url: string;
  /** Credentials stripped: what the lock stores and messages print. */
  display: string;
  protocol: GitProtocol;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export function loopbackAllowed(): boolean {
  return process.env.TONIC_GIT_ALLOW_LOOPBACK === "1";
}

function refuse(raw: string, problem: string, field?: string): never {
  throw new VendorError(`git URL "${redactCredentials(raw)}" refused: ${problem}`, {
    exitCode: 2,
    code: "git-url-refused",
    field,
    fix: "use an https://, ssh:// (or git@host:path) or file:// URL whose host and path do not start with '-'",
  });
}

/** scp-like syntax `[user@]host:path` (no scheme, the colon before any slash). */
const SCP = /^(?:([^@/:]+)@)?([^/:]+):(.*)$/s;

export function validateGitUrl(raw: string, field?: string): GitRemote {
  if (raw.length === 0) refuse(raw, "empty", field);
  if (raw.startsWith("-")) refuse(raw, "starts with '-' (it would be read as an option)", field);
  if (/[\u0000-\u001f\u007f]/.test(raw)) refuse(raw, "contains control characters", field);
  // `<helper>::<address>` makes git run git-remote-<helper>; ext:: runs an arbitrary command.
  const helper = /^([A-Za-z0-9+.-]*)::/.exec(raw);
  if (helper) refuse(raw, `transport helper "${helper[1]}::" is not allowed`, field);
  if (!raw.includes("://")) {
    const m = SCP.exec(raw);
    // A Windows-like "C:..." or a bare path is not scp-like; git would take it as a local path.
    if (!m || (m[2] ?? "").length < 2) refuse(raw, "not a URL (use file:// for local repositories)", field);
    const [, user = "", host = "", path = ""] = m;
    if (user.startsWith("-") || host.startsWith("-")) refuse(raw, "ssh user or host starts with '-'", field);
    if (path.startsWith("-")) refuse(raw, "path starts with '-'", field);
    if (path.length === 0) refuse(raw, "empty path", field);
    checkPathSegments(raw, path, field);
    return { url: raw, display: raw, protocol: "ssh" };
  }
  // On the raw text: URL parsing would silently normalise "a/../b" away.
  checkPathSegments(raw, decodeURIComponentSafe(raw.slice(raw.indexOf("://") + 3).split(/[?#]/)[0] ?? ""), field);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    refuse(raw, "not a valid URL", field);
  }
  const scheme = u.protocol.slice(0, -1).toLowerCase();
  if (u.username.startsWith("-") || u.hostname.startsWith("-")) refuse(raw, "user or host starts with '-'", field);
  const path = decodeURIComponentSafe(u.pathname);
  if (path.replace(/^\/+/, "").startsWith("-")) refuse(raw, "path starts with '-'", field);
  checkPathSegments(raw, path, field);
  let protocol: GitProtocol;
  switch (scheme) {
    case "https":
    case "ssh":
      protocol = scheme;
      if (!u.hostname) refuse(raw, "no host", field);
      break;
    case "file":
      protocol = "file";
      if (u.hostname && u.hostname !== "localhost") refuse(raw, "file URLs must not name a host", field);
      break;
    case "http":
    case "git":
      if (!loopbackAllowed() || !LOOPBACK.has(u.hostname)) {
        refuse(raw, `transport "${scheme}" is not allowed (only https, ssh and file)`, field);
      }
      protocol = scheme;
      break;
    default:
      refuse(raw, `transport "${scheme}" is not allowed (only https, ssh and file)`, field);
  }
  return { url: raw, display: stripCredentials(raw), protocol };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function checkPathSegments(raw: string, path: string, field?: string): void {
  if (path.split(/[/\\]/).some((seg) => seg === ".." || seg === "%2e%2e")) refuse(raw, "path contains '..'", field);
}

/** `https://user:tok@host/x` -> `https://host/x`; ssh keeps its user name (not a secret) but drops a password. */
export function stripCredentials(url: string): string {
  if (!url.includes("://")) return url;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return redactCredentials(url);
  }
  if (!u.username && !u.password) return url;
  const scheme = u.protocol.slice(0, -1).toLowerCase();
  const keepUser = scheme === "ssh" ? u.username : "";
  // Rebuild by hand: URL.toString() would re-encode and normalise the rest of the address.
  const at = url.indexOf("@", url.indexOf("://") + 3);
  const rest = url.slice(at + 1);
  return `${url.slice(0, url.indexOf("://") + 3)}${keepUser ? `${keepUser}@` : ""}${rest}`;
}

/** Removes `user:password@` from every URL-looking piece of a message (git's stderr echoes URLs). */
export function redactCredentials(text: string): string {
  return text.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/\s@]*)@/g, (_m, scheme: string, userinfo: string) => {
    if (/^ssh:\/\/$/i.test(scheme) && !userinfo.includes(":")) return `${scheme}${userinfo}@`;
    return scheme;
  });
}

/**
 * Resolves a submodule URL relative to its superproject's URL, as git does for `../x.git`, then validates it.
 * Only used when a vendored repository's submodules are followed (recurse-submodules).
 */
export function resolveSubmoduleUrl(parent: GitRemote, raw: string, field?: string): GitRemote {
  if (!raw.startsWith("./") && !raw.startsWith("../")) return validateGitUrl(raw, field);
  let base = parent.url.replace(/\/+$/, "");
  let rel = raw;
  for (;;) {
    if (rel.startsWith("./")) rel = rel.slice(2);
    else if (rel.startsWith("../")) {
      rel = rel.slice(3);
      const cut = Math.max(base.lastIndexOf("/"), base.includes("://") ? -1 : base.lastIndexOf(":"));
      if (cut < 0 || (base.includes("://") && cut < base.indexOf("://") + 3)) {
        refuse(raw, "relative submodule URL climbs above its superproject's host", field);
      }
      base = base.slice(0, cut);
    } else break;
  }
  const sep = base.includes("://") || base.endsWith(":") ? (base.endsWith(":") ? "" : "/") : "/";
  return validateGitUrl(`${base}${sep}${rel}`, field);
}
