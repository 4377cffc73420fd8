// GitHub Actions workflow commands for check problems: with GITHUB_ACTIONS=true the CLI prints these next to
// its normal output, and GitHub shows each problem on the file (and line) it concerns in the pull request.
import type { Problem } from "./types.js";

/** Escaping rules of GitHub's workflow-command format (toolkit's command.ts): data vs property values. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** One `::error ...::message` line per problem (no trailing newline). `root` prefixes file paths, e.g. for --cwd. */
export function formatAnnotation(p: Problem, root = ""): string {
  const props: string[] = [];
  if (p.file) props.push(`file=${escapeProperty(root ? `${root.replace(/\/+$/, "")}/${p.file}` : p.file)}`);
  if (p.line !== undefined) props.push(`line=${p.line}`);
  props.push(`title=${escapeProperty(`tonic-vendor ${p.code}`)}`);
  return `::error ${props.join(",")}::${escapeData(`${p.message}\nfix: ${p.fix}`)}`;
}

export function formatAnnotations(problems: readonly Problem[], root = ""): string[] {
  return problems.map((p) => formatAnnotation(p, root));
}

export function annotationsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GITHUB_ACTIONS === "true";
}
