// Content negotiation: a real parse of Accept (q-values, q=0 excludes, wildcards, +json suffixes) and of
// Content-Type. Tiger Tonic matched substrings ("application/json" anywhere in Accept), which let
// `application/json;q=0` through and refused `application/*`.

export interface MediaRange {
  type: string;
  subtype: string;
  q: number;
  params: Record<string, string>;
}

export interface ContentType {
  /** "application/json", lower-cased, without parameters. */
  mediaType: string;
  type: string;
  subtype: string;
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

// Splits on `sep` outside double-quoted strings (parameter values may be quoted and contain commas).
function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\" && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

function unquote(v: string): string {
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1).replace(/\\(.)/g, "$1");
  return v;
}

function parseMedia(s: string): { type: string; subtype: string; params: Record<string, string> } | undefined {
  const parts = splitOutsideQuotes(s, ";");
  const full = (parts[0] ?? "").trim().toLowerCase();
  const slash = full.indexOf("/");
  if (slash <= 0) return undefined;
  const type = full.slice(0, slash);
  const subtype = full.slice(slash + 1);
  if (!TOKEN.test(type) || !TOKEN.test(subtype)) return undefined;
  const params: Record<string, string> = Object.create(null);
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i] ?? "";
    const eq = p.indexOf("=");
    if (eq < 0) continue;
    const name = p.slice(0, eq).trim().toLowerCase();
    if (!TOKEN.test(name)) continue;
    params[name] = unquote(p.slice(eq + 1).trim());
  }
  return { type, subtype, params };
}

/** Parses an Accept header into media ranges, in header order. Malformed ranges are skipped. */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (header === undefined) return [];
  const out: MediaRange[] = [];
  for (const part of splitOutsideQuotes(header, ",")) {
    if (part.trim() === "") continue;
    const m = parseMedia(part);
    if (m === undefined) continue;
    let q = 1;
    const qs = m.params["q"];
    if (qs !== undefined) {
      const n = Number(qs);
      q = Number.isFinite(n) && /^\s*(0(\.\d{0,3})?|1(\.0{0,3})?)\s*$/.test(qs) ? n : 0;
      delete m.params["q"];
    }
    if (m.type === "*" && m.subtype !== "*") continue;
    out.push({ type: m.type, subtype: m.subtype, q, params: m.params });
  }
  return out;
}

// How specifically a range names a media type; -1 = it does not match it. Higher wins (RFC 9110 12.5.1).
function specificity(r: MediaRange, type: string, subtype: string): number {
  if (r.type === "*") return 0;
  if (r.type !== type) return -1;
  if (r.subtype === "*") return 1;
  if (r.subtype === subtype) return 3;
  // A client asking for a JSON-structured type (application/vnd.x+json) can read plain application/json.
  if (subtype === "json" && r.subtype.endsWith("+json")) return 2;
  return -1;
}

/** The q-value the Accept header gives `mediaType` (most specific matching range wins); 0 = not acceptable. */
export function qualityOf(accept: string | MediaRange[] | undefined, mediaType: string): number {
  if (accept === undefined) return 1;
  const ranges = typeof accept === "string" ? parseAccept(accept) : accept;
  // Nothing parseable (empty or garbage header) is treated like no header rather than "accepts nothing".
  if (ranges.length === 0) return 1;
  const m = parseMedia(mediaType);
  if (m === undefined) return 0;
  let best = -1;
  let q = 0;
  for (const r of ranges) {
    const s = specificity(r, m.type, m.subtype);
    if (s > best) {
      best = s;
      q = r.q;
    }
  }
  return best < 0 ? 0 : q;
}

/** True when the Accept header allows `mediaType`. An absent (or empty) Accept allows everything. */
export function accepts(accept: string | undefined, mediaType: string): boolean {
  return qualityOf(accept, mediaType) > 0;
}

/** True when the client can take a JSON answer. Absent Accept means JSON. */
export function acceptsJson(accept: string | undefined): boolean {
  // Fast path for the headers nearly every client sends.
  if (accept === undefined || accept === "*/*" || accept === "application/json") return true;
  return qualityOf(accept, "application/json") > 0;
}

/** Parses a Content-Type header; undefined when it is absent or malformed. */
export function parseContentType(header: string | undefined): ContentType | undefined {
  if (header === undefined) return undefined;
  const m = parseMedia(header);
  if (m === undefined) return undefined;
  return { mediaType: `${m.type}/${m.subtype}`, type: m.type, subtype: m.subtype, params: m.params };
}

/** `application/json` or any `<type>/<subtype>+json` structured-syntax type. */
export function isJsonMediaType(ct: ContentType | string | undefined): boolean {
  const c = typeof ct === "string" ? parseContentType(ct) : ct;
  if (c === undefined) return false;
  return (c.type === "application" && c.subtype === "json") || c.subtype.endsWith("+json");
}
