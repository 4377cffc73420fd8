// `tonic-vendor hook install|uninstall`: runs `check --staged` before every commit. Joins the hook manager
// the repository already uses (lefthook, the pre-commit framework, husky), else writes git's own
// pre-commit hook (honouring core.hooksPath). A user's existing hook is never overwritten: our lines go in
// a marked block that uninstall removes again, and a hook we cannot safely extend is refused with a message.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative } from "node:path";
import { isMap, isSeq, parseDocument, type Document } from "yaml";
import { VendorError } from "../errors.js";

export type HookKind = "git" | "husky" | "lefthook" | "pre-commit";

export interface HookOptions {
  projectDir: string;
  /** Override the detected hook manager. */
  kind?: HookKind;
  /**
   * The command the hook runs; default `node_modules/.bin/tonic-vendor check --staged` when the project has
   * tonic-vendor installed, else `npx --no -- tonic-vendor check --staged` (plus --cwd for a subdirectory).
   */
  command?: string;
}

export interface HookResult {
  kind: HookKind;
  /** The file written or inspected, relative to the project directory. */
  file: string;
  action: "created" | "added" | "updated" | "unchanged" | "removed" | "absent";
}

export const BEGIN = "# >>> tonic-vendor >>>";
export const END = "# <<< tonic-vendor <<<";
export const HOOK_ID = "tonic-vendor-check";
const LEFTHOOK_FILES = ["lefthook.yml", ".lefthook.yml", "lefthook.yaml", ".lefthook.yaml"];
const PRE_COMMIT_FILE = ".pre-commit-config.yaml";

// The user's own git config matters here (core.hooksPath), so this is not git/run.ts's hardened runner,
// which pins core.hooksPath to /dev/null. Fixed arguments only; nothing from input reaches argv.
function gitLine(cwd: string, args: string[]): string {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    throw new VendorError("the project is not inside a git repository", {
      exitCode: 2,
      code: "not-a-git-repository",
      fix: "run `git init` first (hooks live in a git repository)",
    });
  }
}

const shQuote = (s: string): string => (/^[A-Za-z0-9_./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

interface Where {
  top: string;
  prefix: string;
}

function where(projectDir: string): Where {
  const top = gitLine(projectDir, ["rev-parse", "--show-toplevel"]);
  const prefix = gitLine(projectDir, ["rev-parse", "--show-prefix"]).replace(/\/$/, "");
  return { top, prefix };
}

/**
 * The project's own tonic-vendor when it is installed there (node_modules/.bin, as npm links a devDependency),
 * run by path from the top of the work tree, where git runs hooks; else npx. npx costs ~300 ms of every
 * commit before the check starts (measured: `npx --no -- tonic-vendor --version` 366 ms against 65 ms by
 * path), about three times what `check --staged` itself takes on a 16k-file vendored tree (issue 7).
 */
function defaultCommand(projectDir: string, w: Where): string {
  const cwd = w.prefix ? ` --cwd ${shQuote(w.prefix)}` : "";
  if (existsSync(join(projectDir, "node_modules", ".bin", "tonic-vendor"))) {
    return `${w.prefix ? `${shQuote(w.prefix)}/` : ""}node_modules/.bin/tonic-vendor check --staged${cwd}`;
  }
  return `npx --no -- tonic-vendor check --staged${cwd}`;
}

export function detectHookKind(projectDir: string): HookKind {
  const { top } = where(projectDir);
  if (LEFTHOOK_FILES.some((f) => existsSync(join(top, f)))) return "lefthook";
  if (existsSync(join(top, PRE_COMMIT_FILE))) return "pre-commit";
  const hooksPath = (() => {
    try {
      return execFileSync("git", ["config", "--get", "core.hooksPath"], { cwd: top, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return "";
    }
  })();
  if (existsSync(join(top, ".husky")) && (hooksPath === "" || hooksPath.startsWith(".husky"))) return "husky";
  return "git";
}

function hookFile(projectDir: string, kind: "git" | "husky", top: string): string {
  if (kind === "husky") return join(top, ".husky", "pre-commit");
  const p = gitLine(projectDir, ["rev-parse", "--git-path", "hooks"]);
  return join(isAbsolute(p) ? p : join(projectDir, p), "pre-commit");
}

function block(command: string): string {
  return `${BEGIN}\n${command}\n${END}\n`;
}

function stripBlock(text: string): { text: string; found: boolean } {
  const start = text.indexOf(BEGIN);
  if (start < 0) return { text, found: false };
  const endAt = text.indexOf(END, start);
  if (endAt < 0) return { text, found: false };
  let after = endAt + END.length;
  if (text[after] === "\n") after++;
  return { text: text.slice(0, start) + text.slice(after), found: true };
}

const SHELLS = /^#!\s*(?:\/usr\/bin\/env\s+(?:-S\s+)?)?(?:\/(?:usr\/)?bin\/)?(?:sh|bash|dash|zsh|ksh)(?:\s|$)/;

function installShell(file: string, kind: "git" | "husky", command: string, rel: (p: string) => string): HookResult {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    // husky 9 runs hook files with sh itself and wants no shebang; git needs one.
    writeFileSync(file, `${kind === "git" ? "#!/bin/sh\n" : ""}${block(command)}`);
    chmodSync(file, 0o755);
    return { kind, file: rel(file), action: "created" };
  }
  if (!statSync(file).isFile()) {
    throw new VendorError(`${rel(file)} exists and is not a regular file`, { exitCode: 2, code: "hook-refused", file: rel(file), fix: `add \`${command}\` to your pre-commit hook yourself` });
  }
  const text = readFileSync(file, "utf8");
  const stripped = stripBlock(text);
  if (stripped.found) {
    if (text.includes(block(command))) return { kind, file: rel(file), action: "unchanged" };
    const start = text.indexOf(BEGIN);
    writeFileSync(file, stripped.text.slice(0, start) + block(command) + stripped.text.slice(start));
    return { kind, file: rel(file), action: "updated" };
  }
  const firstLine = text.split("\n", 1)[0] ?? "";
  const isShell = kind === "husky" ? !firstLine.startsWith("#!") || SHELLS.test(firstLine) : SHELLS.test(firstLine);
  if (!isShell) {
    throw new VendorError(`${rel(file)} is an existing pre-commit hook that is not a shell script; tonic-vendor will not change it`, {
      exitCode: 2,
      code: "hook-refused",
      file: rel(file),
      fix: `make it run \`${command}\` yourself`,
    });
  }
  // A hook that ends by exec'ing or exiting would never reach lines appended after it.
  if (/^\s*(?:exec|exit)\b/m.test(text)) {
    throw new VendorError(`${rel(file)} is an existing pre-commit hook that exits or execs another program, so appended lines would never run`, {
      exitCode: 2,
      code: "hook-refused",
      file: rel(file),
      fix: `add \`${command}\` before its exec/exit line yourself`,
    });
  }
  writeFileSync(file, `${text}${text.endsWith("\n") || text === "" ? "" : "\n"}${block(command)}`);
  return { kind, file: rel(file), action: "added" };
}

function uninstallShell(file: string, kind: "git" | "husky", rel: (p: string) => string): HookResult {
  if (!existsSync(file)) return { kind, file: rel(file), action: "absent" };
  const text = readFileSync(file, "utf8");
  const stripped = stripBlock(text);
  if (!stripped.found) return { kind, file: rel(file), action: "absent" };
  // Delete the file only when nothing but our block (and a shebang) was in it: that is the file we created.
  if (stripped.text.replace(/^#!.*\n?/, "").trim() === "") rmSync(file);
  else writeFileSync(file, stripped.text);
  return { kind, file: rel(file), action: "removed" };
}

function loadYaml(file: string, rel: string): Document {
  const doc = parseDocument(existsSync(file) ? readFileSync(file, "utf8") : "");
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new VendorError(`${rel} is not valid YAML: ${e.message.split("\n")[0]}`, { exitCode: 2, code: "hook-config-invalid", file: rel, line: e.linePos?.[0]?.line, fix: "fix the YAML, then run `tonic-vendor hook install` again" });
  }
  return doc;
}

function installLefthook(file: string, command: string, rel: string): HookResult {
  const doc = loadYaml(file, rel);
  const path = ["pre-commit", "commands", "tonic-vendor"];
  const existing = doc.getIn([...path, "run"]);
  if (existing === command) return { kind: "lefthook", file: rel, action: "unchanged" };
  doc.setIn(path, doc.createNode({ run: command }));
  writeFileSync(file, doc.toString());
  return { kind: "lefthook", file: rel, action: existing === undefined ? "added" : "updated" };
}

function uninstallLefthook(file: string, rel: string): HookResult {
  if (!existsSync(file)) return { kind: "lefthook", file: rel, action: "absent" };
  const doc = loadYaml(file, rel);
  if (!doc.hasIn(["pre-commit", "commands", "tonic-vendor"])) return { kind: "lefthook", file: rel, action: "absent" };
  doc.deleteIn(["pre-commit", "commands", "tonic-vendor"]);
  const commands = doc.getIn(["pre-commit", "commands"]);
  if (isMap(commands) && commands.items.length === 0) doc.deleteIn(["pre-commit", "commands"]);
  const pc = doc.getIn(["pre-commit"]);
  if (isMap(pc) && pc.items.length === 0) doc.deleteIn(["pre-commit"]);
  writeFileSync(file, doc.toString());
  return { kind: "lefthook", file: rel, action: "removed" };
}

function preCommitHook(command: string): Record<string, unknown> {
  return { id: HOOK_ID, name: "tonic-vendor check --staged", entry: command, language: "system", pass_filenames: false, always_run: true };
}

function installPreCommit(file: string, command: string, rel: string): HookResult {
  const doc = loadYaml(file, rel);
  let repos = doc.get("repos");
  if (repos === undefined) {
    doc.set("repos", doc.createNode([]));
    repos = doc.get("repos");
  }
  if (!isSeq(repos)) throw new VendorError(`${rel}: "repos" is not a list`, { exitCode: 2, code: "hook-config-invalid", file: rel, fix: "fix the file, then run `tonic-vendor hook install` again" });
  for (const repo of repos.items) {
    const hooks = isMap(repo) ? repo.get("hooks") : undefined;
    if (!isSeq(hooks)) continue;
    for (const h of hooks.items) {
      if (!isMap(h) || h.get("id") !== HOOK_ID) continue;
      // Ours (a local hook): its command is brought up to date; a hook of this id from a remote repo is left as is.
      if (!isMap(repo) || repo.get("repo") !== "local" || h.get("entry") === command) return { kind: "pre-commit", file: rel, action: "unchanged" };
      h.set("entry", command);
      writeFileSync(file, doc.toString());
      return { kind: "pre-commit", file: rel, action: "updated" };
    }
  }
  repos.items.push(doc.createNode({ repo: "local", hooks: [preCommitHook(command)] }));
  writeFileSync(file, doc.toString());
  return { kind: "pre-commit", file: rel, action: "added" };
}

function uninstallPreCommit(file: string, rel: string): HookResult {
  if (!existsSync(file)) return { kind: "pre-commit", file: rel, action: "absent" };
  const doc = loadYaml(file, rel);
  const repos = doc.get("repos");
  let removed = false;
  if (isSeq(repos)) {
    for (let i = repos.items.length - 1; i >= 0; i--) {
      const repo = repos.items[i];
      const hooks = isMap(repo) ? repo.get("hooks") : undefined;
      if (!isSeq(hooks)) continue;
      const before = hooks.items.length;
      hooks.items = hooks.items.filter((h) => !(isMap(h) && h.get("id") === HOOK_ID));
      if (hooks.items.length !== before) {
        removed = true;
        if (hooks.items.length === 0 && isMap(repo) && repo.get("repo") === "local") repos.items.splice(i, 1);
      }
    }
  }
  if (!removed) return { kind: "pre-commit", file: rel, action: "absent" };
  writeFileSync(file, doc.toString());
  return { kind: "pre-commit", file: rel, action: "removed" };
}

function lefthookFile(top: string): string {
  return join(top, LEFTHOOK_FILES.find((f) => existsSync(join(top, f))) ?? LEFTHOOK_FILES[0]!);
}

export async function installHook(opts: HookOptions): Promise<HookResult> {
  const w = where(opts.projectDir);
  const kind = opts.kind ?? detectHookKind(opts.projectDir);
  const command = opts.command ?? defaultCommand(opts.projectDir, w);
  const rel = (p: string) => relative(opts.projectDir, p).replace(/\\/g, "/");
  if (command.includes("\n")) throw new VendorError("the hook command must be one line", { exitCode: 2, code: "usage", fix: "pass a single-line command" });
  switch (kind) {
    case "lefthook": {
      const f = lefthookFile(w.top);
      return installLefthook(f, command, rel(f));
    }
    case "pre-commit": {
      const f = join(w.top, PRE_COMMIT_FILE);
      return installPreCommit(f, command, rel(f));
    }
    default:
      return installShell(hookFile(opts.projectDir, kind, w.top), kind, command, rel);
  }
}

export async function uninstallHook(opts: Omit<HookOptions, "command">): Promise<HookResult> {
  const w = where(opts.projectDir);
  const kind = opts.kind ?? detectHookKind(opts.projectDir);
  const rel = (p: string) => relative(opts.projectDir, p).replace(/\\/g, "/");
  switch (kind) {
    case "lefthook": {
      const f = lefthookFile(w.top);
      return uninstallLefthook(f, rel(f));
    }
    case "pre-commit": {
      const f = join(w.top, PRE_COMMIT_FILE);
      return uninstallPreCommit(f, rel(f));
    }
    default:
      return uninstallShell(hookFile(opts.projectDir, kind, w.top), kind, rel);
  }
}
