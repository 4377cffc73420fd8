// The one way tonic runs git: an argv array through child_process.spawn (never a shell), in a hardened
// environment. simple-git is not used for these calls: they need per-call environments (GIT_ALLOW_PROTOCOL,
// GIT_CONFIG_GLOBAL, GIT_INDEX_FILE), binary stdout and exact argv control, which its builder obscures;
// what it would add over spawn here is option parsing we deliberately do not want.
import { spawn } from "node:child_process";
import { VendorError } from "../errors.js";
import type { GitRemote } from "./url.js";
import { redactCredentials } from "./url.js";

/** git 2.32 is the first with GIT_CONFIG_GLOBAL, which isolates exports from the user's global config. */
export const MIN_GIT_VERSION = "2.32.0";

export interface GitRunOptions {
  cwd?: string;
  /** The remote this call talks to: decides GIT_ALLOW_PROTOCOL. Calls without one may use https/ssh only. */
  remote?: GitRemote;
  /**
   * The call clones or fetches a submodule of the project: file:// is then allowed only behind
   * TONIC_GIT_ALLOW_FILE_SUBMODULES=1 (tests), as git itself refuses file submodules since CVE-2022-39253.
   */
  submodule?: boolean;
  /** Ignore the user's global config (autocrlf, filters, ...): used wherever bytes land on disk. */
  isolated?: boolean;
  /** Keep GIT_INDEX_FILE from the environment (check --staged inside a pre-commit hook). */
  keepIndexEnv?: boolean;
  env?: Record<string, string>;
  input?: string | Buffer;
  signal?: AbortSignal;
  /** Resolve with the exit code instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
  /** Exit code of the VendorError thrown on failure (default 3: network or fetch failure). */
  exitCode?: 1 | 2 | 3;
  /** What the call was doing, for the error message. */
  what?: string;
}

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export function gitBinary(): string {
  return process.env.TONIC_GIT || "git";
}

// Variables that would point git at another repository, index or object store than the one we name.
const REPO_ENV = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_COMMON_DIR",
  "GIT_NAMESPACE",
  "GIT_CONFIG",
  "GIT_CONFIG_PARAMETERS",
  "GIT_CONFIG_COUNT",
  "GIT_EXEC_PATH",
  "GIT_TEMPLATE_DIR",
  "GIT_PROXY_COMMAND",
  "GIT_EXTERNAL_DIFF",
];

export function fileSubmodulesAllowed(): boolean {
  return process.env.TONIC_GIT_ALLOW_FILE_SUBMODULES === "1";
}

export function gitEnv(opts: GitRunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of REPO_ENV) if (!(k === "GIT_INDEX_FILE" && opts.keepIndexEnv)) delete env[k];
  for (const k of Object.keys(env)) if (k.startsWith("GIT_CONFIG_KEY_") || k.startsWith("GIT_CONFIG_VALUE_")) delete env[k];
  env.GIT_TERMINAL_PROMPT = "0";
  env.GIT_CONFIG_NOSYSTEM = "1";
  env.GCM_INTERACTIVE = "never";
  env.LC_ALL = "C";
  const protocols = ["https", "ssh"];
  const p = opts.remote?.protocol;
  if (p === "http" || p === "git") protocols.push(p);
  if (p === "file" && (!opts.submodule || fileSubmodulesAllowed())) protocols.push(p);
  env.GIT_ALLOW_PROTOCOL = protocols.join(":");
  if (opts.isolated) env.GIT_CONFIG_GLOBAL = "/dev/null";
  return { ...env, ...opts.env };
}

/** `-c` settings on every call: no hooks, no ext transport, no fsmonitor daemon, no automatic recursion. */
export function hardeningConfig(opts: GitRunOptions): string[] {
  const c = [
    "core.hooksPath=/dev/null",
    "protocol.ext.allow=never",
    "core.fsmonitor=false",
    "submodule.recurse=false",
    "advice.detachedHead=false",
    "init.defaultBranch=main",
  ];
  // Tests serve submodules from file:// remotes, which git refuses by default (CVE-2022-39253); only an
  // explicit switch, set by the tests, turns that back on.
  if (opts.remote?.protocol === "file" && opts.submodule && fileSubmodulesAllowed()) {
    c.push("protocol.file.allow=always");
  }
  return c.flatMap((kv) => ["-c", kv]);
}

export async function runGit(args: string[], opts: GitRunOptions = {}): Promise<GitResult> {
  await ensureGitVersion();
  return spawnGit(args, opts);
}

function spawnGit(args: string[], opts: GitRunOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const argv = [...hardeningConfig(opts), ...args];
    const child = spawn(gitBinary(), argv, {
      cwd: opts.cwd,
      env: gitEnv(opts),
      stdio: ["pipe", "pipe", "pipe"],
      shell: false,
      signal: opts.signal,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.stdin.on("error", () => {});
    child.on("error", (e) => {
      const notFound = (e as NodeJS.ErrnoException).code === "ENOENT";
      reject(
        new VendorError(notFound ? `git was not found (looked for "${gitBinary()}")` : `git could not start: ${e.message}`, {
          exitCode: 3,
          code: notFound ? "git-missing" : "git-failed",
          fix: `install git ${MIN_GIT_VERSION} or newer and put it on PATH`,
          cause: e,
        }),
      );
    });
    child.on("close", (code, sig) => {
      const result: GitResult = { code: code ?? 128, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") };
      if (result.code === 0 || opts.allowFailure) return resolve(result);
      const detail = redactCredentials(result.stderr.trim().split("\n").slice(-4).join("\n"));
      reject(
        new VendorError(`${opts.what ?? `git ${redactCredentials(args.filter((a) => !a.startsWith("-")).slice(0, 1).join(" "))}`} failed${sig ? ` (${sig})` : ""}: ${detail || `exit code ${result.code}`}`, {
          exitCode: opts.exitCode ?? 3,
          code: "git-failed",
          fix: "check that the repository URL, ref and commit exist and that you can reach the server",
        }),
      );
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

export async function git(args: string[], opts: GitRunOptions = {}): Promise<string> {
  return (await runGit(args, opts)).stdout.toString("utf8");
}

/** "git version 2.39.5" / "git version 2.45.1.windows.1" -> [2, 39, 5]. */
export function parseGitVersion(text: string): [number, number, number] | undefined {
  const m = /git version (\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

export function assertGitVersion(text: string): void {
  const v = parseGitVersion(text);
  const min = parseGitVersion(`git version ${MIN_GIT_VERSION}`)!;
  const ok = v !== undefined && (v[0] !== min[0] ? v[0] > min[0] : v[1] !== min[1] ? v[1] > min[1] : v[2] >= min[2]);
  if (!ok) {
    throw new VendorError(
      `git ${v ? v.join(".") : `of unknown version ("${text.trim().slice(0, 60)}")`} is too old: tonic-vendor needs git ${MIN_GIT_VERSION} or newer`,
      { exitCode: 3, code: "git-too-old", fix: `install git ${MIN_GIT_VERSION} or newer (found "${gitBinary()}" on PATH)` },
    );
  }
}

const versionChecks = new Map<string, Promise<void>>();

/** Checked once per git binary per process, before the first real call. */
export function ensureGitVersion(): Promise<void> {
  const bin = gitBinary();
  let p = versionChecks.get(bin);
  if (!p) {
    p = spawnGit(["--version"], { exitCode: 3, what: "git --version" }).then((r) => assertGitVersion(r.stdout.toString("utf8")));
    versionChecks.set(bin, p);
    p.catch(() => versionChecks.delete(bin));
  }
  return p;
}
