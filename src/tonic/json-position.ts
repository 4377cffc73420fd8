// Where a JSON text goes wrong. V8's JSON.parse messages do not always carry a position ("Unexpected token
// '}', ... is not valid JSON"), and a 400 should say where. Only runs after JSON.parse has failed, so it is
// written for clarity, not speed.

export interface JsonSyntaxPosition {
  offset: number;
  line: number;
  column: number;
  problem: string;
}

export function jsonErrorPosition(text: string): JsonSyntaxPosition {
  let i = 0;
  let problem = "";
  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const fail = (p: string): false => {
    problem = p;
    return false;
  };
  const describe = () => (i >= text.length ? "unexpected end of input" : `unexpected ${JSON.stringify(text[i])}`);
  const lit = (word: string): boolean => {
    if (text.startsWith(word, i)) {
      i += word.length;
      return true;
    }
    return fail(describe());
  };
  const str = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 0x20) return fail("control character in string");
      if (c === 92) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i++;
            return fail("bad \\u escape");
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return fail("bad escape");
        }
      } else i++;
    }
    return fail("unterminated string");
  };
  const num = (): boolean => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (m === null || m[0] === "" || m[0] === "-") return fail(describe());
    i += m[0].length;
    return true;
  };
  const value = (depth: number): boolean => {
    if (depth > 10_000) return fail("nesting too deep");
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return true;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') return fail(`expected a property name, ${describe()}`);
        if (!str()) return false;
        ws();
        if (text[i] !== ":") return fail(`expected ':', ${describe()}`);
        i++;
        if (!value(depth + 1)) return false;
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return true;
        }
        return fail(`expected ',' or '}', ${describe()}`);
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return true;
      }
      for (;;) {
        if (!value(depth + 1)) return false;
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return true;
        }
        return fail(`expected ',' or ']', ${describe()}`);
      }
    }
    if (c === '"') return str();
    if (c === "t") return lit("true");
    if (c === "f") return lit("false");
    if (c === "n") return lit("null");
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return num();
    return fail(describe());
  };
  if (value(0)) {
    ws();
    if (i < text.length) problem = "unexpected data after the JSON value";
    else problem = "invalid JSON";
  }
  let line = 1;
  let col = 1;
  for (let k = 0; k < i && k < text.length; k++) {
    if (text[k] === "\n") {
      line++;
      col = 1;
    } else col++;
  }
  return { offset: i, line, column: col, problem };
}
