// Finds every module specifier in a JS/TS source in one pass, with the exact offsets of the string literal's
// contents. Hand-written because DESIGN measured full parsers at 5-9 MB/s and es-module-lexer misses require(),
// type-position import() and declare module; this is a tokenizer (strings, comments, templates with ${}
// nesting, regex-vs-division by previous token, JSX text) plus a few token-level recognisers. No objects are
// allocated per token: token state lives in fields of the Scanner.

export type SpecifierKind =
  | "import" // import x from "s"; import "s"
  | "export-from" // export { x } from "s"; export * from "s"
  | "dynamic-import" // import("s"), also in type positions (typeof import("s"))
  | "require" // require("s")
  | "require-resolve" // require.resolve("s")
  | "import-equals" // import x = require("s")
  | "reference-types" // /// <reference types="s" />
  | "declare-module"; // declare module "s" { ... }

export interface Specifier {
  kind: SpecifierKind;
  /** Decoded value of the string literal. */
  value: string;
  /** Offsets (UTF-16 code units into the text as given, BOM included) of the literal's contents, quotes excluded. */
  start: number;
  end: number;
  /** The quote character used: ' " or ` . */
  quote: string;
  /** import type / export type / import() in a type position / reference types / declare module / any in .d.ts. */
  typeOnly: boolean;
}

export interface DynamicUse {
  kind: "require" | "dynamic-import" | "require-resolve";
  /** Offset of the `require`/`import` keyword. */
  start: number;
  line: number;
  column: number;
  /** The source line, trimmed (at most 200 characters). */
  text: string;
}

export interface ScanResult {
  specifiers: Specifier[];
  dynamic: DynamicUse[];
}

export interface ScanOptions {
  /** Enables JSX; default from the file name (.js .jsx .mjs .cjs .tsx: on; .ts .mts .cts: off). */
  jsx?: boolean;
  /** Every specifier is type-only (.d.ts files); default from the file name. */
  declaration?: boolean;
}

export const SCANNED_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"] as const;

export function isScannable(file: string): boolean {
  const dot = file.lastIndexOf(".");
  if (dot < 0) return false;
  const ext = file.slice(dot);
  return (SCANNED_EXTENSIONS as readonly string[]).includes(ext);
}

export function optionsForFile(file: string): ScanOptions {
  const declaration = /\.d\.[mc]?ts$/.test(file) || /\.d\.[^/]*\.ts$/.test(file);
  const jsx = /\.(?:jsx?|mjs|cjs|tsx)$/.test(file);
  return { jsx, declaration };
}

export function scan(text: string, fileOrOptions?: string | ScanOptions): ScanResult {
  const opts = typeof fileOrOptions === "string" ? optionsForFile(fileOrOptions) : (fileOrOptions ?? {});
  const s = new Scanner(text, opts.jsx ?? true, opts.declaration ?? false);
  s.run();
  return { specifiers: s.specifiers, dynamic: s.dynamic };
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  return lineIndex(text)(offset);
}

/** A function from offset to 1-based line and column, by binary search over line starts computed once. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

// Token types.
const EOF: number = 0;
const IDENT: number = 1;
const STRING: number = 2;
const TEMPLATE: number = 3; // a template chunk: `...` or `...${ or }...${ or }...`
const NUMBER: number = 4;
const PUNCT: number = 5; // tokValue holds the first char code; tokEnd - tokStart its length
const REGEX: number = 6;
const JSX: number = 7; // a whole JSX element (its expression containers were scanned as they went)
const PRIVATE: number = 8;

// Brace kinds on the brace stack.
const B_BLOCK: number = 0;
const B_OBJECT: number = 1;
const B_TEMPLATE: number = 2;
const B_JSX: number = 3;

// Keywords after which an expression (so a regex) may start.
const EXPR_KEYWORDS = new Set([
  "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else",
  "yield", "await", "extends", "export", "default",
]);
const PAREN_KEYWORDS = new Set(["if", "while", "for", "with"]);
// Every word compared anywhere below, bucketed by first letter and length, so that an identifier is matched
// against constant strings without slicing it (slicing every identifier was a large share of GC time).
const KNOWN_WORDS = [...EXPR_KEYWORDS, ...PAREN_KEYWORDS, "import", "require", "declare", "type", "from", "as",
  "module", "resolve"];
const KEYWORDS_BY_SHAPE: (string[] | undefined)[] = [];
for (const w of new Set(KNOWN_WORDS)) {
  const i = (w.charCodeAt(0) - 97) * 11 + w.length;
  (KEYWORDS_BY_SHAPE[i] ??= []).push(w);
}

const CH_NL: number = 10, CH_CR: number = 13, CH_SLASH: number = 47, CH_STAR: number = 42, CH_BACKSLASH: number = 92;
const CH_DQ: number = 34, CH_SQ: number = 39, CH_BT: number = 96, CH_DOLLAR: number = 36, CH_LBRACE: number = 123, CH_RBRACE: number = 125;
const CH_LPAREN: number = 40, CH_RPAREN: number = 41, CH_LBRACK: number = 91, CH_RBRACK: number = 93, CH_DOT: number = 46, CH_LT: number = 60, CH_GT: number = 62;
const CH_COMMA: number = 44, CH_EQ: number = 61, CH_SEMI: number = 59, CH_HASH: number = 35, CH_AT: number = 64;

// 1 = identifier start, 2 = identifier part only (digits), 0 otherwise; ASCII only (non-ASCII handled apart).
const IDCHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95) IDCHAR[c] = 1;
  else if (c >= 48 && c <= 57) IDCHAR[c] = 2;
}

function isUnicodeSpace(c: number): boolean {
  return c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 ||
    c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

const REFERENCE_TYPES = /^\/\/\/[ \t]*<reference[ \t]+types[ \t]*=[ \t]*(["'])([^"'\n]*)\1/;

class Scanner {
  readonly specifiers: Specifier[] = [];
  readonly dynamic: DynamicUse[] = [];
  private pos = 0;
  private readonly len: number;
  // Current token.
  private tok = EOF;
  private tokStart = 0;
  private tokEnd = 0;
  private tokValue = 0;
  private tokIdent = "";
  // Whether a `/` (or `<` for JSX) at the current point starts a regex (JSX element): expression position.
  private exprAllowed = true;
  private prevWasDot = false;
  private readonly braces: number[] = [];
  // For each open paren: was it `if (`/`while (`/`for (`/`with (` (then `)` is followed by a statement).
  private readonly parens: boolean[] = [];
  private reuse = false;
  // Line number and start offset of the line of the last dynamic use reported.
  private lineNo = 1;
  private lineAt = 0;

  constructor(private readonly src: string, private readonly jsx: boolean, private readonly declaration: boolean) {
    this.len = src.length;
    if (src.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (src.charCodeAt(this.pos) === CH_HASH && src.charCodeAt(this.pos + 1) === 33) {
      const nl = src.indexOf("\n", this.pos);
      this.pos = nl === -1 ? this.len : nl;
    }
  }

  run(): void {
    this.loop(false);
  }

  /** Main loop; when `untilJsxBrace`, returns after the `}` closing a JSX expression container. */
  private loop(untilJsxBrace: boolean): void {
    for (;;) {
      if (this.reuse) this.reuse = false;
      else if (this.next(untilJsxBrace)) return;
      const t = this.tok;
      if (t === EOF) return;
      if (t !== IDENT || this.prevWasDot) continue;
      const id = this.tokIdent;
      switch (id) {
        case "import":
          this.importKeyword(untilJsxBrace);
          break;
        case "export":
          this.exportKeyword(untilJsxBrace);
          break;
        case "require":
          this.requireKeyword(untilJsxBrace);
          break;
        case "declare":
          this.declareKeyword(untilJsxBrace);
          break;
      }
    }
  }

  // ---- recognisers (each leaves `reuse` set when it stopped on a token it did not consume) ----

  private importKeyword(u: boolean): void {
    const kwStart = this.tokStart;
    if (this.next(u)) return this.stopJsx();
    if (this.tok === PUNCT && this.tokValue === CH_LPAREN) return this.callArgument("dynamic-import", kwStart, u, true);
    if (this.tok === PUNCT && this.tokValue === CH_DOT) { this.reuse = true; return; }
    if (this.tok === STRING) { this.add("import", false); return; }
    let typeOnly = false;
    if (this.isIdent("type")) {
      if (this.next(u)) return this.stopJsx();
      if (this.isIdent("from")) {
        // `import type from "x"` imports a default binding named `type`.
        if (this.next(u)) return this.stopJsx();
        if (this.tok === STRING) { this.add("import", false); return; }
        // `import type from from "x"`: `from` was a type-only binding; go on with the current token.
        typeOnly = true;
      } else if (this.tok === PUNCT && (this.tokValue === CH_COMMA || this.tokValue === CH_EQ)) {
        typeOnly = false; // `import type, { a } from` / `import type = require()`: `type` is a binding
      } else {
        typeOnly = true;
      }
    }
    this.importClause(u, typeOnly);
  }

  /** Parses the rest of an import clause; its first token is current. */
  private importClause(u: boolean, typeOnly: boolean): void {
    for (let guard = 0; guard < 64; guard++) {
      const t = this.tok;
      if (t === IDENT) {
        if (this.tokIdent === "from") {
          if (this.next(u)) return this.stopJsx();
          if (this.tok === STRING) { this.add("import", typeOnly); return; }
          // `from` was a binding name (`import from from "x"`): go on with the current token.
          continue;
        }
      } else if (t === PUNCT) {
        const c = this.tokValue;
        if (c === CH_LBRACE) {
          if (!this.skipNamedList(u)) return;
        } else if (c === CH_EQ && this.tokEnd - this.tokStart === 1) {
          return this.importEquals(u, typeOnly);
        } else if (c !== CH_COMMA && c !== CH_STAR) {
          this.reuse = true;
          return;
        }
      } else {
        this.reuse = true;
        return;
      }
      if (this.next(u)) return this.stopJsx();
    }
    this.reuse = true;
  }

  /** After `{` in an import/export clause: skips to the matching `}`; false if something else turned up. */
  private skipNamedList(u: boolean): boolean {
    for (;;) {
      if (this.next(u)) { this.stopJsx(); return false; }
      const t = this.tok;
      if (t === IDENT || t === STRING) continue;
      if (t === PUNCT && this.tokValue === CH_COMMA) continue;
      if (t === PUNCT && this.tokValue === CH_RBRACE) return true;
      this.reuse = true;
      return false;
    }
  }

  private importEquals(u: boolean, typeOnly: boolean): void {
    if (this.next(u)) return this.stopJsx();
    if (!this.isIdent("require")) { this.reuse = true; return; }
    if (this.next(u)) return this.stopJsx();
    if (this.tok !== PUNCT || this.tokValue !== CH_LPAREN) { this.reuse = true; return; }
    if (this.next(u)) return this.stopJsx();
    if (this.tok !== STRING) { this.reuse = true; return; }
    const start = this.tokStart, end = this.tokEnd;
    if (this.next(u)) return this.stopJsx();
    if (this.tok === PUNCT && this.tokValue === CH_RPAREN) this.addAt("import-equals", typeOnly, start, end);
    else this.reuse = true;
  }

  private exportKeyword(u: boolean): void {
    if (this.next(u)) return this.stopJsx();
    let typeOnly = false;
    if (this.isIdent("type")) {
      if (this.next(u)) return this.stopJsx();
      typeOnly = true;
    }
    if (this.tok !== PUNCT) { this.reuse = true; return; }
    if (this.tokValue === CH_STAR && this.tokEnd - this.tokStart === 1) {
      if (this.next(u)) return this.stopJsx();
      if (this.isIdent("as")) {
        if (this.next(u)) return this.stopJsx();
        if (this.tok !== IDENT && this.tok !== STRING) { this.reuse = true; return; }
        if (this.next(u)) return this.stopJsx();
      }
    } else if (this.tokValue === CH_LBRACE) {
      if (!this.skipNamedList(u)) return;
      if (this.next(u)) return this.stopJsx();
    } else {
      this.reuse = true;
      return;
    }
    if (!this.isIdent("from")) { this.reuse = true; return; }
    if (this.next(u)) return this.stopJsx();
    if (this.tok === STRING) this.add("export-from", typeOnly);
    else this.reuse = true;
  }

  private requireKeyword(u: boolean): void {
    const kwStart = this.tokStart;
    if (this.next(u)) return this.stopJsx();
    if (this.tok === PUNCT && this.tokValue === CH_LPAREN && this.tokEnd - this.tokStart === 1) {
      return this.callArgument("require", kwStart, u, false);
    }
    if (this.tok === PUNCT && this.tokValue === CH_DOT && this.tokEnd - this.tokStart === 1) {
      if (this.next(u)) return this.stopJsx();
      if (!this.isIdent("resolve")) { this.reuse = true; return; }
      if (this.next(u)) return this.stopJsx();
      if (this.tok === PUNCT && this.tokValue === CH_LPAREN) return this.callArgument("require-resolve", kwStart, u, true);
    }
    this.reuse = true;
  }

  /** After `(` of import(/require(/require.resolve(. */
  private callArgument(kind: "require" | "dynamic-import" | "require-resolve", kwStart: number, u: boolean, allowMore: boolean): void {
    const typeOnly = kind === "dynamic-import" && (this.declaration || this.lastIdentBefore(kwStart) === "typeof");
    if (this.next(u)) return this.stopJsx();
    if (this.tok === STRING) {
      const start = this.tokStart, end = this.tokEnd;
      if (this.next(u)) return this.stopJsx();
      if (this.tok === PUNCT && (this.tokValue === CH_RPAREN || (allowMore && this.tokValue === CH_COMMA))) {
        this.addAt(kind, typeOnly, start, end);
        return;
      }
      this.reuse = true;
      this.addDynamic(kind, kwStart);
      return;
    }
    this.reuse = true;
    if (this.tok === PUNCT && this.tokValue === CH_RPAREN) return; // require() with no argument
    this.addDynamic(kind, kwStart);
  }

  private declareKeyword(u: boolean): void {
    if (this.next(u)) return this.stopJsx();
    if (!this.isIdent("module")) { this.reuse = true; return; }
    if (this.next(u)) return this.stopJsx();
    if (this.tok === STRING) this.add("declare-module", true);
    else this.reuse = true;
  }

  private isIdent(name: string): boolean {
    return this.tok === IDENT && this.tokIdent === name;
  }

  private stopJsx(): void {
    // The `}` closing the JSX expression container was consumed by a recogniser: let loop() return.
    this.jsxClosed = true;
  }
  private jsxClosed = false;

  private lastIdentBefore(offset: number): string {
    // Only used for `typeof import(...)`: look back over whitespace for an identifier.
    let i = offset - 1;
    while (i >= 0 && this.src.charCodeAt(i) <= 32) i--;
    const end = i + 1;
    while (i >= 0) {
      const c = this.src.charCodeAt(i);
      if (c < 128 && IDCHAR[c] === 0) break;
      i--;
    }
    return this.src.slice(i + 1, end);
  }

  private add(kind: SpecifierKind, typeOnly: boolean): void {
    this.addAt(kind, typeOnly, this.tokStart, this.tokEnd);
  }

  private addAt(kind: SpecifierKind, typeOnly: boolean, tokStart: number, tokEnd: number): void {
    const start = tokStart + 1;
    const end = tokEnd - 1;
    const raw = this.src.slice(start, end);
    this.specifiers.push({
      kind,
      value: raw.includes("\\") ? decodeString(raw) : raw,
      start,
      end,
      quote: this.src[tokStart] ?? '"',
      typeOnly: typeOnly || this.declaration || kind === "declare-module" || kind === "reference-types",
    });
  }

  private addDynamic(kind: DynamicUse["kind"], start: number): void {
    // Dynamic uses come in increasing offset order (bar JSX nesting), so count newlines from the previous one
    // instead of indexing every line start of the file (that was ~4% of the scan on files with any).
    if (start < this.lineAt) { this.lineAt = 0; this.lineNo = 1; }
    for (let i = this.src.indexOf("\n", this.lineAt); i !== -1 && i < start; i = this.src.indexOf("\n", i + 1)) {
      this.lineNo++;
      this.lineAt = i + 1;
    }
    const line = this.lineNo;
    const column = start - this.lineAt + 1;
    let ls = this.src.lastIndexOf("\n", start - 1) + 1;
    let le = this.src.indexOf("\n", start);
    if (le === -1) le = this.len;
    if (le - ls > 200) { ls = start; le = Math.min(this.len, start + 200); }
    this.dynamic.push({ kind, start, line, column, text: this.src.slice(ls, le).trim() });
  }

  // ---- tokenizer ----

  /** Reads the next token into tok*; returns true when it was the `}` closing a JSX expression container. */
  private next(untilJsxBrace: boolean): boolean {
    if (this.jsxClosed) {
      this.jsxClosed = false;
      return true;
    }
    // Classify the token just finished for regex/JSX detection and the `.` rule.
    const src = this.src;
    const len = this.len;
    let pos = this.pos;
    // Skip whitespace and comments.
    for (;;) {
      if (pos >= len) break;
      const c = src.charCodeAt(pos);
      if (c <= 32) { pos++; continue; }
      if (c === CH_SLASH) {
        const d = src.charCodeAt(pos + 1);
        if (d === CH_SLASH) {
          let nl = src.indexOf("\n", pos + 2);
          if (nl === -1) nl = len;
          if (src.charCodeAt(pos + 2) === CH_SLASH) this.tripleSlash(pos, nl);
          pos = nl;
          continue;
        }
        if (d === CH_STAR) {
          const e = src.indexOf("*/", pos + 2);
          pos = e === -1 ? len : e + 2;
          continue;
        }
        break;
      }
      if (c > 127 && isUnicodeSpace(c)) { pos++; continue; }
      // HTML-like comments in scripts (`<!--` and `-->` at line start) are left to the punctuator path.
      break;
    }
    if (pos >= len) {
      this.pos = len;
      this.tok = EOF;
      this.tokStart = this.tokEnd = len;
      return false;
    }
    const c = src.charCodeAt(pos);
    const exprAllowed = this.exprAllowed;
    // What the previous token was decides `{` block-vs-object, `(` after if/while, and `.x` member names.
    const prevTok = this.tok;
    const prevValue = this.tokValue;
    const prevIdent = prevTok === IDENT ? this.tokIdent : "";
    const prevArrow = this.arrow;
    this.arrow = false;
    this.prevWasDot = this.lastPunctWasDot;
    this.lastPunctWasDot = false;
    this.tokStart = pos;

    if (c < 128 ? IDCHAR[c] === 1 : !isUnicodeSpace(c)) {
      let p = pos + 1;
      while (p < len) {
        const d = src.charCodeAt(p);
        if (d < 128 ? IDCHAR[d] !== 0 : !isUnicodeSpace(d)) p++;
        else if (d === CH_BACKSLASH) p += 6; // \uXXXX escapes in identifiers
        else break;
      }
      this.pos = this.tokEnd = p;
      this.tok = IDENT;
      // Only words the recognisers or the regex rule care about are materialised; most identifiers (and all
      // minified one-letter names) skip the slice.
      const n = p - pos;
      let id = "";
      if (n >= 2 && n <= 10 && c >= 97 && c <= 122) {
        const bucket = KEYWORDS_BY_SHAPE[(c - 97) * 11 + n];
        if (bucket) for (const w of bucket) if (src.startsWith(w, pos)) { id = w; break; }
      }
      this.tokIdent = id;
      this.exprAllowed = id !== "" && !this.prevWasDot && EXPR_KEYWORDS.has(id);
      return false;
    }
    if (c === CH_DQ || c === CH_SQ) {
      let p = pos + 1;
      for (;;) {
        if (p >= len) break;
        const d = src.charCodeAt(p);
        if (d === c) { p++; break; }
        if (d === CH_BACKSLASH) { p += 2; continue; }
        if (d === CH_NL || d === CH_CR) break; // unterminated: stop at the line end
        p++;
      }
      if (p > len) p = len;
      this.pos = this.tokEnd = p;
      this.tok = STRING;
      this.exprAllowed = false;
      return false;
    }
    if (c === CH_BT) {
      this.pos = pos + 1;
      this.templateChunk();
      return false;
    }
    if (c >= 48 && c <= 57) {
      let p = pos + 1;
      while (p < len) {
        const d = src.charCodeAt(p);
        if (d < 128 && (IDCHAR[d] !== 0 || d === CH_DOT)) {
          p++;
          if ((d === 101 || d === 69) && (src.charCodeAt(p) === 43 || src.charCodeAt(p) === 45) &&
            !(src.charCodeAt(pos + 1) === 120 || src.charCodeAt(pos + 1) === 88)) p++;
        } else break;
      }
      this.pos = this.tokEnd = p;
      this.tok = NUMBER;
      this.exprAllowed = false;
      return false;
    }
    if (c === CH_SLASH && exprAllowed) {
      if (this.regex(pos)) return false;
    }
    if (c === CH_LT && exprAllowed && this.jsx && this.looksLikeJsx(pos)) {
      this.jsxElement(pos);
      this.tok = JSX;
      this.tokEnd = this.pos;
      this.exprAllowed = false;
      return false;
    }
    if (c === CH_HASH) {
      let p = pos + 1;
      while (p < len) {
        const d = src.charCodeAt(p);
        if (d < 128 ? IDCHAR[d] !== 0 : !isUnicodeSpace(d)) p++;
        else break;
      }
      this.pos = this.tokEnd = p;
      this.tok = PRIVATE;
      this.exprAllowed = false;
      return false;
    }
    // Punctuators.
    this.tok = PUNCT;
    this.tokValue = c;
    let p = pos + 1;
    switch (c) {
      case CH_LBRACE: {
        // An object literal in expression position; a block after `=>`, `;`, `{`, `}`, else/do, or at the start.
        const object = exprAllowed && !prevArrow && prevTok !== EOF &&
          !(prevTok === PUNCT && (prevValue === CH_SEMI || prevValue === CH_LBRACE || prevValue === CH_RBRACE)) &&
          prevIdent !== "else" && prevIdent !== "do";
        this.braces.push(object ? B_OBJECT : B_BLOCK);
        this.exprAllowed = true;
        this.pos = this.tokEnd = p;
        return false;
      }
      case CH_RBRACE: {
        const kind = this.braces.pop();
        this.pos = this.tokEnd = p;
        if (kind === B_TEMPLATE) {
          this.templateChunk();
          return false;
        }
        if (kind === B_JSX) {
          this.exprAllowed = false;
          if (untilJsxBrace) return true;
          return false;
        }
        this.exprAllowed = kind !== B_OBJECT;
        return false;
      }
      case CH_LPAREN:
        this.parens.push(PAREN_KEYWORDS.has(prevIdent) && !this.prevWasDot);
        this.exprAllowed = true;
        break;
      case CH_RPAREN:
        this.exprAllowed = this.parens.pop() === true;
        break;
      case CH_RBRACK:
        this.exprAllowed = false;
        break;
      case CH_DOT:
        if (src.charCodeAt(p) >= 48 && src.charCodeAt(p) <= 57) {
          while (p < len && (IDCHAR[src.charCodeAt(p)] ?? 0) !== 0) p++;
          this.tok = NUMBER;
          this.exprAllowed = false;
          this.pos = this.tokEnd = p;
          return false;
        }
        if (src.charCodeAt(p) === CH_DOT && src.charCodeAt(p + 1) === CH_DOT) p += 2;
        else this.lastPunctWasDot = true;
        this.exprAllowed = true;
        break;
      case 63: // ?
        if (src.charCodeAt(p) === CH_DOT && !(src.charCodeAt(p + 1) >= 48 && src.charCodeAt(p + 1) <= 57)) {
          p++;
          this.lastPunctWasDot = true;
        } else if (src.charCodeAt(p) === 63) {
          p++;
          if (src.charCodeAt(p) === CH_EQ) p++;
        }
        this.exprAllowed = true;
        break;
      case 43: // +
      case 45: // -
        if (src.charCodeAt(p) === c) {
          p++;
          // Postfix ++/-- ends an expression; prefix is followed by one. Postfix is the common case after an
          // operand, which is exactly when exprAllowed was false.
          this.exprAllowed = exprAllowed;
        } else {
          if (src.charCodeAt(p) === CH_EQ) p++;
          this.exprAllowed = true;
        }
        break;
      case CH_EQ:
        if (src.charCodeAt(p) === CH_GT) {
          p++;
          this.arrow = true;
          this.exprAllowed = true;
          this.pos = this.tokEnd = p;
          return false;
        }
        while (src.charCodeAt(p) === CH_EQ && p - pos < 3) p++;
        this.exprAllowed = true;
        break;
      case CH_LT:
      case CH_GT:
      case 33: // !
      case CH_STAR:
      case CH_SLASH:
      case 37: // %
      case 38: // &
      case 124: // |
      case 94: // ^
        // Whole operators (`<<=`, `>>>`, `&&=`, `!==`...), so that the second `<` of `<<` is not a JSX start.
        while (src.charCodeAt(p) === c && c !== 33 && p - pos < 3) p++;
        while (src.charCodeAt(p) === CH_EQ && p - pos < 4) p++;
        this.exprAllowed = true;
        break;
      case CH_SEMI:
      case CH_COMMA:
      case CH_LBRACK:
      case 58: // :
      case 126: // ~
      case CH_AT:
        this.exprAllowed = true;
        break;
      default:
        this.exprAllowed = true;
    }
    this.pos = this.tokEnd = p;
    return false;
  }

  private arrow = false;
  private lastPunctWasDot = false;

  private tripleSlash(pos: number, nl: number): void {
    const line = this.src.slice(pos, nl);
    const m = REFERENCE_TYPES.exec(line);
    if (!m) return;
    const value = m[2] ?? "";
    const start = pos + line.indexOf(m[1] + value + m[1], 3) + 1;
    this.specifiers.push({ kind: "reference-types", value, start, end: start + value.length, quote: m[1] ?? '"', typeOnly: true });
  }

  /** At the char after ` or after the `}` closing a `${`: reads up to the next ` or `${`. */
  private templateChunk(): void {
    const src = this.src;
    const len = this.len;
    let p = this.pos;
    for (;;) {
      if (p >= len) break;
      const d = src.charCodeAt(p);
      if (d === CH_BT) { p++; this.exprAllowed = false; break; }
      if (d === CH_BACKSLASH) { p += 2; continue; }
      if (d === CH_DOLLAR && src.charCodeAt(p + 1) === CH_LBRACE) {
        p += 2;
        this.braces.push(B_TEMPLATE);
        this.exprAllowed = true;
        break;
      }
      p++;
    }
    if (p > len) p = len;
    this.pos = this.tokEnd = p;
    this.tok = TEMPLATE;
  }

  /** At `/` in expression position: reads a regex literal; false (nothing consumed) if it is not one. */
  private regex(pos: number): boolean {
    const src = this.src;
    const len = this.len;
    let p = pos + 1;
    let inClass = false;
    for (;;) {
      if (p >= len) return false;
      const d = src.charCodeAt(p);
      if (d === CH_NL || d === CH_CR) return false;
      if (d === CH_BACKSLASH) { p += 2; continue; }
      if (d === CH_LBRACK) inClass = true;
      else if (d === CH_RBRACK) inClass = false;
      else if (d === CH_SLASH && !inClass) break;
      p++;
    }
    p++;
    while (p < len) {
      const d = src.charCodeAt(p);
      if (d < 128 && IDCHAR[d] !== 0) p++;
      else break;
    }
    this.pos = this.tokEnd = p;
    this.tok = REGEX;
    this.exprAllowed = false;
    return true;
  }

  private looksLikeJsx(pos: number): boolean {
    // `<` then a name, `>` (fragment); not a TS generic arrow `<T,>(` / `<T extends X>(`.
    const src = this.src;
    let p = pos + 1;
    while (p < this.len && src.charCodeAt(p) <= 32) p++;
    const c = src.charCodeAt(p);
    if (c === CH_GT) return true;
    if (!(c < 128 ? IDCHAR[c] === 1 : c > 127)) return false;
    let q = p + 1;
    while (q < this.len) {
      const d = src.charCodeAt(q);
      if (d < 128 ? IDCHAR[d] !== 0 || d === 45 || d === CH_DOT || d === 58 : true) q++;
      else break;
    }
    let r = q;
    while (r < this.len && src.charCodeAt(r) <= 32) r++;
    if (src.charCodeAt(r) === CH_COMMA) return false;
    if (src.startsWith("extends ", r) && !src.startsWith("extends=", r)) {
      // <T extends X>(...) is a generic arrow; an attribute would be followed by `=`, `>` or another name.
      return false;
    }
    return true;
  }

  /** At `<` starting a JSX element or fragment; leaves pos after its end. */
  private jsxElement(pos: number): void {
    const src = this.src;
    const len = this.len;
    let p = pos + 1;
    // Opening tag: name and attributes.
    for (;;) {
      while (p < len && (src.charCodeAt(p) <= 32 || (src.charCodeAt(p) > 127 && isUnicodeSpace(src.charCodeAt(p))))) p++;
      if (p >= len) { this.pos = len; return; }
      const c = src.charCodeAt(p);
      if (c === CH_SLASH && src.charCodeAt(p + 1) === CH_SLASH) { const nl = src.indexOf("\n", p); p = nl === -1 ? len : nl; continue; }
      if (c === CH_SLASH && src.charCodeAt(p + 1) === CH_STAR) { const e = src.indexOf("*/", p + 2); p = e === -1 ? len : e + 2; continue; }
      if (c === CH_SLASH) {
        // Self-closing `/>`.
        p++;
        while (p < len && src.charCodeAt(p) !== CH_GT) p++;
        this.pos = Math.min(len, p + 1);
        return;
      }
      if (c === CH_GT) { p++; break; }
      if (c === CH_DQ || c === CH_SQ) {
        // JSX attribute strings have no escapes.
        const e = src.indexOf(String.fromCharCode(c), p + 1);
        p = e === -1 ? len : e + 1;
        continue;
      }
      if (c === CH_LBRACE) { p = this.jsxExpression(p); continue; }
      if (c === CH_LT) { this.jsxElement(p); p = this.pos; continue; }
      p++;
    }
    // Children.
    for (;;) {
      if (p >= len) { this.pos = len; return; }
      const c = src.charCodeAt(p);
      if (c === CH_LBRACE) { p = this.jsxExpression(p); continue; }
      if (c === CH_LT) {
        let q = p + 1;
        while (q < len && src.charCodeAt(q) <= 32) q++;
        if (src.charCodeAt(q) === CH_SLASH) {
          const e = src.indexOf(">", q);
          this.pos = e === -1 ? len : e + 1;
          return;
        }
        this.jsxElement(p);
        p = this.pos;
        continue;
      }
      p++;
    }
  }

  /** At `{` of a JSX expression container; scans its code; returns the offset after the closing `}`. */
  private jsxExpression(p: number): number {
    this.pos = p + 1;
    this.braces.push(B_JSX);
    const saved = { tok: this.tok, exprAllowed: this.exprAllowed, reuse: this.reuse };
    this.exprAllowed = true;
    this.tok = PUNCT;
    this.tokValue = CH_LBRACE;
    this.reuse = false;
    const depth = this.braces.length;
    this.loop(true);
    // Unbalanced input: drop anything left above our marker.
    if (this.braces.length >= depth) this.braces.length = depth - 1;
    this.tok = saved.tok;
    this.exprAllowed = saved.exprAllowed;
    this.reuse = false;
    return this.pos;
  }
}

function decodeString(raw: string): string {
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])/g, (_m, e: string) => {
    if (e[0] === "u" && e[1] === "{") return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (e[0] === "u" && e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === "x" && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    switch (e) {
      case "n": return "\n";
      case "t": return "\t";
      case "r": return "\r";
      case "b": return "\b";
      case "f": return "\f";
      case "v": return "\v";
      case "0": return "\0";
      case "\n": case "\r\n": case "\r": case "\u2028": case "\u2029": return "";
      default: return e;
    }
  });
}
