// configure(path, schema) (SPEC-http 8): loads a JSON or YAML config file and validates it with any Standard
// Schema (valibot, zod, arktype...). Every failure names the file, the field and the problem, with the line
// when the file has one, because "invalid config" alone sends an operator hunting.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { LineCounter, parseDocument } from "yaml";
import type { Document } from "yaml";

export interface ConfigIssue {
  /** Dotted path of the field (`server.tls.cert`, `hosts[2]`); empty for the whole document. */
  field: string;
  message: string;
  line?: number;
  column?: number;
}

export class ConfigError extends Error {
  readonly file: string;
  readonly issues: ConfigIssue[];
  constructor(file: string, issues: ConfigIssue[]) {
    super(issues.map((i) => formatIssue(file, i)).join("\n"));
    this.name = "ConfigError";
    this.file = file;
    this.issues = issues;
  }
  /** The first issue's field (what most callers show). */
  get field(): string {
    return this.issues[0]?.field ?? "";
  }
  get line(): number | undefined {
    return this.issues[0]?.line;
  }
}

function formatIssue(file: string, i: ConfigIssue): string {
  const where = i.line === undefined ? file : i.column === undefined ? `${file}:${i.line}` : `${file}:${i.line}:${i.column}`;
  return i.field === "" ? `${where}: ${i.message}` : `${where}: ${i.field}: ${i.message}`;
}

type PathKey = PropertyKey | StandardSchemaV1.PathSegment;

function fieldName(path: ReadonlyArray<PathKey> | undefined): { name: string; keys: (string | number)[] } {
  const keys: (string | number)[] = [];
  let name = "";
  for (const seg of path ?? []) {
    const k = typeof seg === "object" && seg !== null ? seg.key : seg;
    if (typeof k === "number") {
      keys.push(k);
      name += `[${k}]`;
    } else {
      const s = String(k);
      keys.push(s);
      name += /^[A-Za-z_$][\w$]*$/.test(s) ? (name === "" ? s : `.${s}`) : `[${JSON.stringify(s)}]`;
    }
  }
  return { name, keys };
}

/** Line/column (1-based) of the deepest existing node on `keys` (the field itself, or its parent when the
 * field is missing). */
function locate(doc: Document, counter: LineCounter, keys: (string | number)[]): { line: number; column: number } | undefined {
  for (let n = keys.length; n >= 0; n--) {
    const node = doc.getIn(keys.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range !== undefined) {
      const pos = counter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return undefined;
}

function jsonSyntaxIssue(text: string, err: Error): ConfigIssue {
  const m = /position (\d+)/.exec(err.message);
  if (m === null) return { field: "", message: `invalid JSON: ${err.message}` };
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split("\n").length;
  const column = pos - before.lastIndexOf("\n");
  return { field: "", message: `invalid JSON: ${err.message.replace(/ in JSON at position \d+.*$/, "")}`, line, column };
}

function isJson(path: string, text: string): boolean {
  const ext = extname(path).toLowerCase();
  if (ext === ".json") return true;
  if (ext === ".yaml" || ext === ".yml") return false;
  return /^\s*[{[]/.test(text);
}

/**
 * Reads `path` (JSON for `.json`, YAML for `.yaml`/`.yml`, sniffed otherwise), validates it with `schema`
 * and returns the schema's output type. Throws ConfigError naming the file, field, line and problem.
 */
export async function configure<S extends StandardSchemaV1>(path: string, schema: S): Promise<StandardSchemaV1.InferOutput<S>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(path, [{ field: "", message: code === "ENOENT" ? "file not found" : `cannot read: ${(err as Error).message}` }]);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const counter = new LineCounter();
  // JSON is parsed by JSON.parse (exact JSON semantics); the YAML document is still built for line numbers.
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  let value: unknown;
  if (isJson(path, text)) {
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new ConfigError(path, [jsonSyntaxIssue(text, err as Error)]);
    }
  } else {
    if (doc.errors.length > 0) {
      throw new ConfigError(
        path,
        doc.errors.map((e) => {
          const pos = counter.linePos(e.pos[0]);
          const message = `invalid YAML: ${e.message.split("\n")[0]!}`;
          return { field: "", message, line: pos.line, column: pos.col };
        }),
      );
    }
    value = doc.toJS();
  }

  let result = schema["~standard"].validate(value);
  if (result instanceof Promise) result = await result;
  if (result.issues !== undefined) {
    throw new ConfigError(
      path,
      result.issues.map((issue) => {
        const { name, keys } = fieldName(issue.path);
        const at = doc.errors.length === 0 ? locate(doc, counter, keys) : undefined;
        return at === undefined ? { field: name, message: issue.message } : { field: name, message: issue.message, ...at };
      }),
    );
  }
  return result.value as StandardSchemaV1.InferOutput<S>;
}
