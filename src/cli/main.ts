// tonic-vendor's entry point: argument parsing and exit codes only. Every command's work happens in
// src/vendor, loaded lazily (commands.ts) so `--version` and `--help` never load pacote and friends.
import { readFileSync } from "node:fs";
import type { Output } from "./output.js";
import { write } from "./write.js";

export interface GlobalOptions {
  cwd?: string;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

function version(): string {
  // src/cli and dist/cli are both two levels below the package root.
  return (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EINTEGRITY", "E404", "E500", "E502", "E503", "E504", "ERR_SOCKET_TIMEOUT", "FETCH_ERROR"]);

export interface CheckArgs {
  g: GlobalOptions;
  opts: { staged: boolean; requireSubmodules: boolean; upstream: boolean };
}

/**
 * `check` with nothing but its own flags and the global ones, each as a separate word (what the pre-commit
 * hook and CI run), parsed without commander: loading commander was ~12 ms of `check --staged`'s ~130 ms
 * budget (issue 7: at most 2x `git status`). Anything else (help, --opt=value, unknown flags, operands) returns
 * undefined and goes through commander, which owns usage errors and help.
 */
export function plainCheckArgs(args: readonly string[]): CheckArgs | undefined {
  if (args[0] !== "check") return undefined;
  const g: GlobalOptions = { json: false, quiet: false, verbose: false };
  const opts = { staged: false, requireSubmodules: false, upstream: false };
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--staged") opts.staged = true;
    else if (a === "--require-submodules") opts.requireSubmodules = true;
    else if (a === "--upstream") opts.upstream = true;
    else if (a === "--json") g.json = true;
    else if (a === "-q" || a === "--quiet") g.quiet = true;
    else if (a === "-v" || a === "--verbose") g.verbose = true;
    else if (a === "--cwd" && i + 1 < args.length && !args[i + 1]!.startsWith("-")) g.cwd = args[++i]!;
    else return undefined;
  }
  return { g, opts };
}

export async function main(argv: string[]): Promise<number> {
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
    write(1, `${version()}\n`);
    return 0;
  }
  const plain = plainCheckArgs(args);
  if (plain) {
    const state: RunState = {};
    try {
      return await execute(plain.g, state, async (out) => (await import("./check-command.js")).check(plain.g, out, plain.opts));
    } catch (e) {
      return failure(e, state.output, plain.g);
    }
  }
  return withCommander(argv);
}

interface RunState {
  /** The command's output, once made: failure() reports through it. */
  output?: Output;
}

/** Runs one command with its Output; the exit code is the command's. */
async function execute(g: GlobalOptions, state: RunState, fn: (out: Output) => Promise<number>): Promise<number> {
  const { Output } = await import("./output.js");
  state.output = new Output(g);
  const code = await fn(state.output);
  state.output.done();
  return code;
}

async function withCommander(argv: string[]): Promise<number> {
  const { Command, CommanderError, Option } = await import("@commander-js/extra-typings");
  let exitCode = 0;
  const state: RunState = {};
  const program = new Command()
    .name("tonic-vendor")
    .description("Vendor npm and git dependencies into vendor/ under a lockfile, and check the tree offline.")
    .version(version(), "-V, --version")
    .option("--cwd <dir>", "run in this project folder (default: the current folder)")
    .option("--json", "print machine-readable JSON on stdout", false)
    .option("-q, --quiet", "print only problems", false)
    .option("-v, --verbose", "print every progress step as a plain line", false)
    .showHelpAfterError("(run tonic-vendor --help for usage)")
    .exitOverride();

  const run =
    <A extends unknown[]>(fn: (g: GlobalOptions, out: Output, ...a: A) => Promise<number>) =>
    async (...a: A): Promise<void> => {
      const g = program.opts() as GlobalOptions;
      exitCode = await execute(g, state, (out) => fn(g, out, ...a));
    };

  const cmd = () => import("./commands.js");

  program
    .command("init")
    .description("write tonic-vendor.json for this project")
    .option("--from-package-json", "move package.json dependencies into the manifest (and out of package.json)", false)
    .option("--all-platforms", "vendor optional dependencies for every platform (omit the platforms list)", false)
    .action(run(async (g, out, opts) => (await cmd()).init(g, out, opts)));
  program
    .command("add")
    .description("add dependencies (npm grammar: semver@^7, @scope/x@1, alias@npm:real@1, github:o/r#v1), then sync")
    .argument("<spec...>")
    .action(run(async (g, out, specs: string[]) => (await cmd()).add(g, out, specs)));
  program
    .command("remove")
    .alias("rm")
    .description("remove dependencies from the manifest, then sync")
    .argument("<name...>")
    .action(run(async (g, out, names: string[]) => (await cmd()).remove(g, out, names)));
  program
    .command("sync")
    .description("resolve, fetch, rewrite, digest and swap vendor/ + the lock atomically")
    .option("--frozen", "never resolve: materialise exactly the lock; exit 1 if the manifest disagrees with it", false)
    .option("--recurse-submodules", "also vendor the git submodules of git dependencies (their .gitmodules are validated first)", false)
    .action(run(async (g, out, opts) => (await cmd()).syncCommand(g, out, opts)));
  program
    .command("rewrite")
    .description("rewrite the project's imports of vendored packages again (sync does this), or --undo them")
    .option("--undo", "turn #vendor/ and relative vendor/ imports back into bare specifiers and drop the generated package.json imports", false)
    .action(run(async (g, out, opts) => (await cmd()).rewriteCommand(g, out, opts)));
  program
    .command("check")
    .description("verify offline that vendor/ is exactly what the lock says (exit 1 on any problem)")
    .option("--staged", "check what is about to be committed (the git index)", false)
    .option("--require-submodules", "fail when a submodule entry is not checked out", false)
    .option("--upstream", "also re-fetch every entry and prove vendor/ is upstream's bytes plus the rewrite (network)", false)
    .action(run(async (g, out, opts) => (await import("./check-command.js")).check(g, out, opts)));
  program
    .command("list")
    .alias("ls")
    .description("show what is vendored, as a tree from the manifest's dependencies")
    .action(run(async (g, out) => (await cmd()).list(g, out)));
  program
    .command("why")
    .description("show the dependency paths that pull a package into vendor/")
    .argument("<name>")
    .action(run(async (g, out, name: string) => (await cmd()).why(g, out, name)));
  program
    .command("update")
    .description("move dependencies to their newest version within the manifest's ranges (all when no name is given)")
    .argument("[name...]")
    .option("--latest", "also move the manifest ranges to ^<latest> for registry dependencies", false)
    .action(run(async (g, out, names: string[], opts) => (await cmd()).update(g, out, names, opts)));
  program
    .command("outdated")
    .description("show manifest dependencies that have newer versions (exit 1 when any)")
    .action(run(async (g, out) => (await cmd()).outdated(g, out)));
  const hook = program.command("hook").description("manage the pre-commit hook that runs `check --staged`");
  const kindOption = () =>
    new Option("--kind <kind>", "hook manager (default: detected: lefthook, pre-commit, husky, else git's own hook)").choices(["git", "husky", "lefthook", "pre-commit"] as const);
  hook
    .command("install")
    .description("run `tonic-vendor check --staged` before every commit")
    .addOption(kindOption())
    .option("--command <command>", "the command the hook runs (default: npx --no -- tonic-vendor check --staged)")
    .action(run(async (g, out, opts) => (await cmd()).hookCommand(g, out, "install", opts)));
  hook
    .command("uninstall")
    .description("remove the hook lines tonic-vendor added")
    .addOption(kindOption())
    .action(run(async (g, out, opts) => (await cmd()).hookCommand(g, out, "uninstall", opts)));
  program.addOption(new Option("--no-color", "disable colours").hideHelp());

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.help" || e.code === "commander.version") return 0;
      if (e.code === "commander.executeSubCommandAsync") return 2;
      return 2; // usage error: commander already printed it
    }
    return failure(e, state.output, program.opts() as GlobalOptions);
  }
}

/** A command's failure as the user sees it: a VendorError (network errors become one) printed, its exit code. */
async function failure(e: unknown, output: Output | undefined, g: GlobalOptions): Promise<number> {
  const { VendorError, isVendorError } = await import("../vendor/errors.js");
  let ve: InstanceType<typeof VendorError>;
  if (isVendorError(e)) ve = e;
  else {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) {
      ve = new VendorError((e as Error).message, { exitCode: 3, code: "network", fix: "check the registry in .npmrc and your network, then run the command again", cause: e });
    } else throw e;
  }
  if (!output) {
    const { Output } = await import("./output.js");
    output = new Output(g);
  }
  output.error(ve);
  return ve.exitCode;
}
