// A small JSON parser that remembers where every value and key starts, so manifest and lock errors can name
// a line and column for a field. JSON.parse only reports an offset for syntax errors and nothing at all for
// a valid document with a bad field; no installed library parses strict JSON with positions (yaml's parser
// accepts far more than JSON), so this is hand-written. It accepts exactly RFC 8259 JSON.
import { VendorError } from "../errors.js";

export interface Position {
  line: number;
  column: number;
}

export interface ParsedJson {
  value: unknown;
  /** JSON path ("a.b.0.c", "" for the root) -> position of the value. */
  valueAt: Map<string, Position>;
  /** JSON path -> position of the object key naming it. */
  keyAt: Map<string, Position>;
}

/** Joins a JSON path segment; keys containing dots are quoted so paths stay unambiguous. */
export function joinPath(base: string, key: string | number): string {
  const seg = typeof key === "number" || /^[A-Za-z0-9_$@/^~*<>=|:+#-]+$/.test(key) ? String(key) : JSON.stringify(key);
  return base === "" ? seg : `${base}.${seg}`;
}

export function parseJsonWithPositions(text: string, file: string, code: string): ParsedJson {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const valueAt = new Map<string, Position>();
  const keyAt = new Map<string, Position>();
  if (text.charCodeAt(0) === 0xfeff) {
    i = 1;
    lineStart = 1;
  }

  const pos = (): Position => ({ line, column: i - lineStart + 1 });
  const fail = (problem: string, at: Position = pos()): never => {
    throw new VendorError(`invalid JSON: ${problem}`, {
      exitCode: 2,
      code,
      file,
      line: at.line,
      column: at.column,
      fix: `correct the JSON syntax at line ${at.line}, column ${at.column}`,
    });
  };
  const describe = (): string => (i >= text.length ? "end of file" : `${JSON.stringify(text[i])}`);

  const ws = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
      else if (c === 0x0a) {
        i++;
        line++;
        lineStart = i;
      } else return;
    }
  };

  const parseString = (): string => {
    const start = pos();
    i++; // opening quote
    let out = "";
    let chunk = i;
    for (;;) {
      if (i >= text.length) fail("unterminated string", start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(chunk, i);
        i++;
        return out;
      }
      if (c < 0x20) fail("control character in string (escape it)");
      if (c === 0x5c) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === "u") {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("invalid \\u escape");
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          fail("invalid escape in string");
        }
        chunk = i;
        continue;
      }
      i++;
    }
  };

  const parseValue = (path: string, depth: number): unknown => {
    if (depth > 200) fail("nesting too deep");
    ws();
    valueAt.set(path, pos());
    const c = text[i];
    if (c === "{") {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === "}") {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe()}`);
        const keyPos = pos();
        const key = parseString();
        const childPath = joinPath(path, key);
        if (Object.prototype.hasOwnProperty.call(obj, key)) fail(`duplicate key ${JSON.stringify(key)}`, keyPos);
        keyAt.set(childPath, keyPos);
        ws();
        if (text[i] !== ":") fail(`expected ":" after property name, found ${describe()}`);
        i++;
        const v = parseValue(childPath, depth + 1);
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return obj;
        }
        fail(`expected "," or "}" after property value, found ${describe()}`);
      }
    }
    if (c === "[") {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue(joinPath(path, arr.length), depth + 1));
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return arr;
        }
        fail(`expected "," or "]" after array element, found ${describe()}`);
      }
    }
    if (c === '"') return parseString();
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (m && m[0] !== "" && m[0] !== "-") {
      i += m[0].length;
      return Number(m[0]);
    }
    for (const [word, v] of [["true", true], ["false", false], ["null", null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return fail(`unexpected ${describe()}`);
  };

  const value = parseValue("", 0);
  ws();
  if (i < text.length) fail(`unexpected ${describe()} after the end of the document`);
  return { value, valueAt, keyAt };
}

/**
 * parseJsonWithPositions, fast, for a document in a form JSON.parse + re-serialising reproduces byte for byte:
 * 2-space `JSON.stringify` output (what `init`, `add` and most editors write; with or without the final
 * newline), or `canonical` (the lock's sorted form). JSON.parse is ~10x faster than the positional parser, and
 * when re-serialising reproduces the text the document cannot hold a duplicate key (that would have dropped
 * one), so nothing the strict parser checks is lost. Positions are computed only when an error needs them;
 * any other text takes the positional parser.
 */
export function parseCanonicalJson(text: string, file: string, code: string, canonical?: (value: unknown) => string): ParsedJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseJsonWithPositions(text, file, code);
  }
  const plain = JSON.stringify(value, null, 2);
  const same = text.length - plain.length <= 1 && text.startsWith(plain) && (text.length === plain.length || text.endsWith("\n"));
  if (!same && (canonical === undefined || canonical(value) !== text)) return parseJsonWithPositions(text, file, code);
  let positions: ParsedJson | undefined;
  const slow = (): ParsedJson => (positions ??= parseJsonWithPositions(text, file, code));
  return {
    value,
    get valueAt() {
      return slow().valueAt;
    },
    get keyAt() {
      return slow().keyAt;
    },
  };
}
