// Read-only access to what git has recorded for the project: the index, HEAD's tree and blob contents, for
// `check --staged` and for naming the files behind a digest mismatch. Every call goes through the hardened
// environment of git/run.ts, keeps GIT_INDEX_FILE (a pre-commit hook may run on a temporary index), and
// takes no option from input: paths are passed after `--` as literal pathspecs.
import { spawn } from "node:child_process";
import { appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve as resolvePath, sep } from "node:path";
import { VendorError } from "../errors.js";
import { gitBinary, gitEnv, hardeningConfig } from "../git/run.js";

// node:crypto loads on first use: check --staged starts git first and loads it (~2 ms) while git lists.
const crypto = () => process.getBuiltinModule("node:crypto");

export interface GitInfo {
  /** Absolute path of the work tree's top. */
  toplevel: string;
  /** The project directory relative to the top, "" or ending in "/". */
  prefix: string;
  /** Absolute path of the git dir (for our cache). */
  gitDir: string;
}

export interface GitPath {
  mode: string;
  oid: string;
  /** 0 unless the path is unmerged. */
  stage: number;
  /** Relative to the project directory, "/"-separated. */
  path: string;
}

/**
 * git's environment with GIT_INDEX_FILE kept: a pre-commit hook of `git commit -a` or `git commit <paths>`
 * checks a temporary index. Some git versions hand hooks a path relative to the top of the work tree (the
 * hook's cwd); resolved here, since our git calls run in the project directory, which may be below it.
 */
function env(): NodeJS.ProcessEnv {
  const e = gitEnv({ keepIndexEnv: true });
  if (e.GIT_INDEX_FILE && !isAbsolute(e.GIT_INDEX_FILE)) e.GIT_INDEX_FILE = resolvePath(process.cwd(), e.GIT_INDEX_FILE);
  return e;
}

/**
 * An anonymous temporary file for a child's stdout, or undefined when none can be made (the caller then uses a
 * pipe). Unlinked at once where the platform allows it, so nothing is left behind, even after a kill.
 */
function anonymousFile(): { fd: number; path?: string } | undefined {
  const path = join(tmpdir(), `tonic-vendor-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  let fd: number;
  try {
    // "wx+": O_CREAT|O_EXCL, so a planted file or symlink is refused, never followed.
    fd = openSync(path, "wx+", 0o600);
  } catch {
    return undefined;
  }
  if (process.platform === "win32") return { fd, path };
  try {
    unlinkSync(path);
  } catch {
    return { fd, path };
  }
  return { fd };
}

/**
 * Runs git; its stdout is collected whole. `toFile` sends a large output (the index listing) to a temporary
 * file instead of a pipe: git then never waits on a full pipe while this thread is busy, and this thread reads
 * one buffer instead of ~30 chunks. Measured on a 16k-entry listing: 6.5 instead of 10.5 ms of this thread's
 * CPU, in the same wall time, which leaves the wait free for parsing (check --staged, issue 7).
 */
function run(projectDir: string, args: string[], toFile = false): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  let file = toFile ? anonymousFile() : undefined;
  return new Promise((resolve, reject) => {
    // Once only: "error" can be followed by "close", and a second closeSync could close an fd reused meanwhile.
    const finish = (): Buffer | undefined => {
      const f = file;
      file = undefined;
      if (!f) return undefined;
      try {
        const size = fstatSync(f.fd).size;
        const buf = Buffer.allocUnsafe(size);
        let n = 0;
        while (n < size) {
          const r = readSync(f.fd, buf, n, size - n, n);
          if (r === 0) break;
          n += r;
        }
        return buf.subarray(0, n);
      } finally {
        closeSync(f.fd);
        if (f.path) rmSync(f.path, { force: true });
      }
    };
    const toChild = file?.fd;
    let child;
    try {
      // No stdin: one pipe fewer to set up (spawning is a visible share of check --staged's budget).
      child = spawn(gitBinary(), [...hardeningConfig({}), ...args], {
        cwd: projectDir,
        env: env(),
        stdio: ["ignore", toChild ?? "pipe", "pipe"],
        shell: false,
      });
    } catch (e) {
      finish();
      throw e;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (d: Buffer) => out.push(d));
    child.stderr!.on("data", (d: Buffer) => err.push(d));
    child.on("error", (e) => {
      finish();
      reject(new VendorError(`git could not start: ${e.message}`, { exitCode: 2, code: "git-missing", fix: "install git and put it on PATH", cause: e }));
    });
    child.on("close", (code) => {
      let stdout: Buffer;
      try {
        stdout = finish() ?? Buffer.concat(out);
      } catch (e) {
        reject(e);
        return;
      }
      resolve({ code: code ?? 128, stdout, stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

/**
 * A read-only git call in the project for another checker (the ignored-files check): check's own runner, so no
 * `git --version` round trip first (the commands check uses are far older than the version floor, and a
 * process spawn is a visible share of a check).
 */
export function gitRead(projectDir: string, args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return run(projectDir, args);
}

async function runOk(projectDir: string, args: string[], toFile = false): Promise<Buffer> {
  const r = await run(projectDir, args, toFile);
  if (r.code !== 0) {
    throw new VendorError(`git ${args[0]} failed: ${r.stderr.trim().split("\n").slice(-3).join(" ") || `exit code ${r.code}`}`, {
      exitCode: 2,
      code: "git-failed",
      fix: "check that the project is inside a healthy git repository",
    });
  }
  return r.stdout;
}

// While a check runs, several checkers ask git the same questions (where is the repository, what is in the
// index); one answer per run saves a git process each (~10-60 ms apiece on a 16k-file index). The memo lives
// only inside beginGitSession/endGitSession, so a later run always sees the current index.
interface Session {
  refs: number;
  info?: Promise<GitInfo | undefined>;
  indexText?: Promise<string>;
  index?: Promise<GitPath[]>;
  /** The session's one cat-file process, ended with the session. */
  cat?: CatFileBatch;
}
const sessions = new Map<string, Session>();

export function beginGitSession(projectDir: string): void {
  const s = sessions.get(projectDir) ?? { refs: 0 };
  s.refs++;
  sessions.set(projectDir, s);
}

export function endGitSession(projectDir: string): void {
  const s = sessions.get(projectDir);
  if (s && --s.refs <= 0) {
    sessions.delete(projectDir);
    s.cat?.end();
  }
}

/** undefined when the project is not inside a git work tree (or git is missing). */
export function gitInfo(projectDir: string): Promise<GitInfo | undefined> {
  const s = sessions.get(projectDir);
  if (!s) return readGitInfo(projectDir);
  return (s.info ??= readGitInfo(projectDir));
}

/** Environment variables that change where git looks for the repository: with any set, only git knows. */
const DISCOVERY_ENV = ["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM"];

/**
 * Where git would find the repository holding `dir`, worked out from the file system alone (the nearest `.git`
 * directory up, or the directory a `.git` file of a worktree or submodule points to), for the cases where
 * that is certain: none of git's discovery variables set, no file system boundary crossed on the way up
 * (git stops there). undefined means "ask git". Saves `check --staged` a git process (~5 ms of its budget).
 */
export function gitOnDisk(dir: string): GitInfo | undefined {
  if (DISCOVERY_ENV.some((v) => process.env[v] !== undefined)) return undefined;
  const start = resolvePath(dir);
  let dev: number | undefined;
  for (let d = start; ; d = dirname(d)) {
    let st;
    try {
      st = statSync(d);
    } catch {
      return undefined;
    }
    if (dev !== undefined && st.dev !== dev) return undefined;
    dev = st.dev;
    const dotGit = join(d, ".git");
    let gitDir: string | undefined;
    try {
      if (statSync(dotGit).isDirectory()) gitDir = dotGit;
      else {
        const m = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, "utf8"));
        if (!m) return undefined;
        gitDir = resolvePath(d, m[1]!.trim());
      }
    } catch {
      // no .git here
    }
    if (gitDir) {
      const rel = relative(d, start).split(sep).join("/");
      return { toplevel: d, prefix: rel ? `${rel}/` : "", gitDir };
    }
    if (dirname(d) === d) return undefined;
  }
}

async function readGitInfo(projectDir: string): Promise<GitInfo | undefined> {
  const known = gitOnDisk(projectDir);
  if (known) return known;
  let r;
  try {
    r = await run(projectDir, ["rev-parse", "--show-toplevel", "--show-prefix", "--git-dir"]);
  } catch {
    return undefined;
  }
  if (r.code !== 0) return undefined;
  const [toplevel, prefix, gitDir] = r.stdout.toString("utf8").split("\n");
  if (!toplevel || prefix === undefined || !gitDir) return undefined;
  return { toplevel, prefix, gitDir: isAbsolute(gitDir) ? gitDir : join(projectDir, gitDir) };
}

const literal = (p: string): string => `:(literal)${p}`;

/** Index entries under `dir` (relative to the project; "" for everything). */
export async function listIndex(projectDir: string, dir: string): Promise<GitPath[]> {
  const s = sessions.get(projectDir);
  if (!s) return parseIndex(await readIndexText(projectDir, dir));
  const all = await (s.index ??= indexText(projectDir).then(parseIndex));
  if (!dir || dir === ".") return all;
  const prefix = `${dir.replace(/\/+$/, "")}/`;
  return all.filter((r) => r.path.startsWith(prefix));
}

/**
 * The raw `git ls-files --stage -z` output for the whole project: records "<mode> <oid> <stage>\t<path>\0",
 * sorted by path bytes. check --staged reads it unparsed, so unchanged vendored trees cost no per-file objects.
 */
export function indexText(projectDir: string): Promise<string> {
  const s = sessions.get(projectDir);
  if (!s) return readIndexText(projectDir, "");
  return (s.indexText ??= readIndexText(projectDir, ""));
}

async function readIndexText(projectDir: string, dir: string): Promise<string> {
  return (await runOk(projectDir, ["ls-files", "--stage", "-z", "--", literal(dir || ".")], true)).toString("utf8");
}

/**
 * Whether the tab at `pos` of a raw `git ls-files --stage -z` listing ends a record's header ("<mode> <oid>
 * <stage>"), rather than sitting inside a file name: callers that jump through the sorted listing with
 * indexOf use it to be sure they landed on a record.
 */
export function isRecordTab(text: string, pos: number): boolean {
  if (text[pos] !== "\t" || text[pos - 2] !== " ") return false;
  for (const oidLength of [40, 64]) {
    const start = pos - 2 - oidLength - 7;
    if (start >= 0 && (start === 0 || text[start - 1] === "\0") && text[start + 6] === " ") return true;
  }
  return false;
}

/**
 * Offset just past the last record of the run of paths starting with `prefix` (which ends in "/"), when the
 * record at `recordTab` (a header's tab) starts that run; undefined when that cannot be established. The
 * listing is sorted by path bytes, so all paths under one directory form a single run.
 */
export function endOfRun(text: string, recordTab: number, prefix: string): number | undefined {
  const last = text.lastIndexOf(`\t${prefix}`);
  if (last < recordTab || !isRecordTab(text, last)) return undefined;
  const nul = text.indexOf("\0", last);
  return nul < 0 ? text.length : nul + 1;
}

/** The stage-0 record of `path` (relative to the project) in a raw listing, if the index has one. */
export function findRecord(text: string, path: string): GitPath | undefined {
  const needle = `\t${path}\0`;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (!isRecordTab(text, at)) continue;
    const start = text.lastIndexOf("\0", at) + 1;
    const [row] = parseIndex(text, start, at + needle.length);
    if (row && row.path === path && row.stage === 0) return row;
  }
  return undefined;
}

/**
 * A lookup of the stage-0 records of `paths`: a search of the listing per path for a few (the manifest and the
 * lock), one pass over it for many (a project's sources), where a search per path would scan 2 MB each time.
 */
function stageZeroRecords(text: string, paths: readonly string[]): (path: string) => GitPath | undefined {
  if (paths.length <= 8) return (p) => findRecord(text, p);
  const wanted = new Set(paths);
  const found = new Map<string, GitPath>();
  for (const r of parseIndex(text)) if (r.stage === 0 && wanted.has(r.path)) found.set(r.path, r);
  return (p) => found.get(p);
}

/** git's object id of `content` as a blob, in the repository's hash (sha1, or sha256 for 64-hex ids). */
export function blobId(content: Buffer, hexLength: number): string {
  return crypto().createHash(hexLength === 64 ? "sha256" : "sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}

/**
 * The staged content of a file, read from the work tree when the file there is byte for byte the staged blob
 * (its git object id matches, which is the usual case before a commit): no git process is started for it.
 * undefined when the work tree differs (a partly staged change) or has no readable file there.
 */
export function stagedFromWorkTree(projectDir: string, path: string, oid: string): Buffer | undefined {
  try {
    const content = readFileSync(join(projectDir, path));
    return blobId(content, oid.length) === oid ? content : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The staged contents of project files (undefined for each one the index does not have): from the work tree
 * where it holds the very blob, else from git. check --staged reads its manifest, lock, package.json and
 * sources this way; a cat-file process cost ~8 ms of its ~130 ms budget (issue 7).
 */
export async function readStagedFiles(projectDir: string, paths: string[]): Promise<(Buffer | undefined)[]> {
  const text = await indexText(projectDir);
  const records = stageZeroRecords(text, paths);
  const out: (Buffer | undefined)[] = [];
  const fromGit: number[] = [];
  paths.forEach((p, i) => {
    const row = records(p);
    out[i] = row && (row.mode === "100644" || row.mode === "100755") ? stagedFromWorkTree(projectDir, p, row.oid) : undefined;
    if (row && out[i] === undefined) fromGit.push(i);
  });
  if (fromGit.length) {
    const blobs = await readBlobs(projectDir, fromGit.map((i) => `:./${paths[i]}`));
    fromGit.forEach((i, k) => (out[i] = blobs[k]));
  }
  return out;
}

/** Parses `git ls-files --stage -z` records from `start` to `end` (offsets into `text`). */
export function parseIndex(text: string, start = 0, end = text.length): GitPath[] {
  const rows: GitPath[] = [];
  // Fixed layout (git prints the mode as %06o): slicing by offset instead of split() halved the parse of a
  // 16k-entry index.
  for (let i = start; i < end; ) {
    let nul = text.indexOf("\0", i);
    if (nul < 0 || nul > end) nul = end;
    const tab = text.indexOf("\t", i);
    if (tab > i && tab < nul) {
      rows.push({ mode: text.slice(i, i + 6), oid: text.slice(i + 7, tab - 2), stage: text.charCodeAt(tab - 1) - 48, path: text.slice(tab + 1, nul) });
    }
    i = nul + 1;
  }
  return rows;
}

/** HEAD's entries under `dir`; [] when there is no commit yet. */
export async function listHead(projectDir: string, dir: string): Promise<GitPath[]> {
  const r = await run(projectDir, ["ls-tree", "-r", "-z", "HEAD", "--", literal(dir || ".")]);
  if (r.code !== 0) return [];
  const rows: GitPath[] = [];
  for (const rec of r.stdout.toString("utf8").split("\0")) {
    if (!rec) continue;
    const tab = rec.indexOf("\t");
    const [mode, , oid] = rec.slice(0, tab).split(" ");
    rows.push({ mode: mode!, oid: oid!, stage: 0, path: rec.slice(tab + 1) });
  }
  return rows;
}

type OnBlob = (index: number, chunks: Buffer[] | undefined) => void;

/**
 * One `git cat-file --batch` process answering requests in order while it lives. Inside a check session every
 * blob read that the work tree cannot serve (a partly staged file, a digest mismatch to explain) goes to the
 * same process: each extra process cost ~5 ms of `check --staged`'s budget (issue 7).
 */
class CatFileBatch {
  private readonly child;
  private readonly pending: { revs: number; onBlob: OnBlob; done: () => void; fail: (e: Error) => void; index: number }[] = [];
  private header = Buffer.alloc(0);
  /** Bytes of content (+1 for the trailing LF) still to come; -1 while reading a header. */
  private remaining = -1;
  private chunks: Buffer[] = [];
  private stderr = "";
  private ended = false;

  constructor(projectDir: string) {
    this.child = spawn(gitBinary(), [...hardeningConfig({}), "cat-file", "--batch"], { cwd: projectDir, env: env(), stdio: ["pipe", "pipe", "pipe"], shell: false });
    this.child.stderr.on("data", (d: Buffer) => (this.stderr += d.toString("utf8")));
    this.child.stdin.on("error", () => {});
    this.child.stdout.on("data", (d: Buffer) => this.take(d));
    this.child.on("error", (e) => this.failAll(new VendorError(`git could not start: ${e.message}`, { exitCode: 2, code: "git-missing", fix: "install git", cause: e })));
    this.child.on("close", (code) => {
      this.failAll(new VendorError(`git cat-file failed: ${this.stderr.trim() || `exit code ${code}`}`, { exitCode: 2, code: "git-failed", fix: "check that the git repository is healthy (git fsck)" }));
    });
  }

  request(revs: string[], onBlob: OnBlob): Promise<void> {
    if (revs.length === 0) return Promise.resolve();
    for (const r of revs) if (r.includes("\n")) return Promise.reject(new VendorError(`path contains a newline: ${JSON.stringify(r)}`, { exitCode: 1, code: "filename-invalid", fix: "rename the file" }));
    if (this.ended) return Promise.reject(new Error("cat-file batch used after end()"));
    return new Promise((done, fail) => {
      this.pending.push({ revs: revs.length, onBlob, done, fail, index: 0 });
      this.child.stdin.write(revs.join("\n") + "\n");
    });
  }

  /** No more requests: git exits once it has answered the ones made. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.child.stdin.end();
  }

  private deliver(chunks: Buffer[] | undefined): void {
    const req = this.pending[0];
    if (!req) return;
    req.onBlob(req.index++, chunks);
    if (req.index === req.revs) {
      this.pending.shift();
      req.done();
    }
  }

  private failAll(e: Error): void {
    for (const req of this.pending.splice(0)) req.fail(e);
  }

  private take(d: Buffer): void {
    let buf = d;
    while (buf.length) {
      if (this.remaining < 0) {
        const nl = buf.indexOf(10);
        if (nl < 0) {
          this.header = Buffer.concat([this.header, buf]);
          return;
        }
        const line = Buffer.concat([this.header, buf.subarray(0, nl)]).toString("utf8");
        this.header = Buffer.alloc(0);
        buf = buf.subarray(nl + 1);
        if (line.endsWith(" missing") || line.endsWith(" ambiguous")) {
          this.deliver(undefined);
          continue;
        }
        this.remaining = Number(line.slice(line.lastIndexOf(" ") + 1)) + 1;
        this.chunks = [];
        if (this.remaining === 1 && buf.length === 0) continue;
      }
      const n = Math.min(this.remaining, buf.length);
      this.chunks.push(buf.subarray(0, n));
      buf = buf.subarray(n);
      this.remaining -= n;
      if (this.remaining === 0) {
        // Drop the LF git appends after each object.
        const last = this.chunks[this.chunks.length - 1]!;
        this.chunks[this.chunks.length - 1] = last.subarray(0, last.length - 1);
        this.remaining = -1;
        this.deliver(this.chunks);
      }
    }
  }
}

/**
 * Streams `git cat-file --batch` over `revs`, calling `onBlob` once per rev (data undefined when missing).
 * Streaming keeps memory flat when a first `check --staged` hashes a whole vendored tree.
 */
export function catFile(projectDir: string, revs: string[], onBlob: OnBlob): Promise<void> {
  // Nothing to ask: no cat-file process (a spawn is ~5 ms of a pre-commit check's main thread).
  if (revs.length === 0) return Promise.resolve();
  const s = sessions.get(projectDir);
  if (s) return (s.cat ??= new CatFileBatch(projectDir)).request(revs, onBlob);
  const once = new CatFileBatch(projectDir);
  const p = once.request(revs, onBlob);
  once.end();
  return p;
}

/** The contents of a few small blobs, e.g. ":./tonic-vendor.lock"; undefined for each one git does not have. */
async function readBlobs(projectDir: string, revs: string[]): Promise<(Buffer | undefined)[]> {
  const out: (Buffer | undefined)[] = revs.map(() => undefined);
  await catFile(projectDir, revs, (i, chunks) => (out[i] = chunks && Buffer.concat(chunks)));
  return out;
}

/**
 * sha256 of git blobs, memoised on disk by object id in <git dir>/tonic-vendor/sha256-cache. Safe as a cache
 * because a blob id names its content: no stat data is trusted, so it can never mask a change.
 */
export class BlobHashes {
  private readonly known = new Map<string, string>();
  private readonly used = new Set<string>();
  /** Ids hashed in this run, in order, for append(). */
  private readonly fresh: string[] = [];
  private dirty = false;
  private readonly file: string;

  /** `load: false` neither reads nor writes the cache: for a few blobs, reading git's copy is cheaper than
   * parsing a 16k-line cache (~20 ms), and the file cannot grow by unchecked appends. */
  constructor(
    private readonly projectDir: string,
    info: GitInfo,
    load = true,
  ) {
    this.file = join(info.gitDir, "tonic-vendor", "sha256-cache");
    this.loaded = load;
    if (load) this.load();
  }

  private readonly loaded: boolean;

  private load(): void {
    try {
      const text = readFileSync(this.file, "latin1");
      for (let i = 0; i < text.length; ) {
        let nl = text.indexOf("\n", i);
        if (nl < 0) nl = text.length;
        const sp = text.indexOf(" ", i);
        if (sp > i && sp < nl && nl - sp === 65) this.known.set(text.slice(i, sp), text.slice(sp + 1, nl));
        i = nl + 1;
      }
    } catch {
      // no cache yet
    }
  }

  /**
   * sha256 hex by blob id for every id in `oids` that git has (the returned map may hold more ids). With
   * `paths` (blob id -> a project-relative path staged with it), a blob the work tree holds byte for byte is
   * hashed from there, without asking git.
   */
  async hash(oids: string[], paths?: ReadonlyMap<string, string>): Promise<ReadonlyMap<string, string>> {
    const missing = new Set<string>();
    for (const oid of oids) {
      this.used.add(oid);
      if (!this.known.has(oid)) missing.add(oid);
    }
    if (paths) {
      for (const oid of missing) {
        const path = paths.get(oid);
        const content = path === undefined ? undefined : stagedFromWorkTree(this.projectDir, path, oid);
        if (content === undefined) continue;
        this.known.set(oid, crypto().hash("sha256", content, "hex"));
        this.fresh.push(oid);
        this.dirty = true;
        missing.delete(oid);
      }
    }
    const unique = [...missing];
    await catFile(this.projectDir, unique, (i, chunks) => {
      if (!chunks) return;
      const h = crypto().createHash("sha256");
      for (const c of chunks) h.update(c);
      this.known.set(unique[i]!, h.digest("hex"));
      this.fresh.push(unique[i]!);
      this.dirty = true;
    });
    return this.known;
  }

  /** How many blob hashes the cache holds. */
  get size(): number {
    return this.known.size;
  }

  /**
   * Appends only the hashes computed in this run: rewriting the whole cache (~1.4 MB for a 16k-file tree)
   * was half of check --staged's cost when one package changed. Failure to write is not an error.
   */
  append(): void {
    if (this.fresh.length === 0 || !this.loaded) return;
    let text = "";
    for (const oid of this.fresh) text += `${oid} ${this.known.get(oid)}\n`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, text);
      this.fresh.length = 0;
    } catch {
      // a read-only .git only costs speed
    }
  }

  /** Counts `oids` as in use without hashing them, so a pruning save keeps their hashes. */
  keep(oids: Iterable<string>): void {
    for (const oid of oids) this.used.add(oid);
  }

  /** Writes the cache; `prune` keeps only the ids used in this run. Failure to write is not an error. */
  save(prune: boolean): void {
    if (!this.loaded) return;
    if (!this.dirty && !(prune && this.used.size < this.known.size)) return;
    const lines: string[] = [];
    for (const [oid, h] of this.known) if (!prune || this.used.has(oid)) lines.push(`${oid} ${h}\n`);
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, lines.join(""));
      renameSync(tmp, this.file);
    } catch {
      // a read-only .git only costs speed
    }
  }
}
