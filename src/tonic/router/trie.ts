// The route trie behind TrieServeMux.
//
// Hand-written rather than built on find-my-way because the semantics differ where it matters: segments are
// split on the RAW path and decoded one by one (so %2F stays inside a segment), literals beat wildcards with
// backtracking when a literal branch dead-ends, and every method of a path lives on one leaf so a single
// lookup tells 404 from 405 and yields the Allow list. Speed choices, measured in bench/router.ts against
// find-my-way on the GitHub API table: a hash map for fully static paths (one Map.get, no walk); no split()
// and no substring for static segments (startsWith at an offset); decoding only for segments holding '%';
// params gathered in a reused scratch array and turned into one object only on a match.
import type { Handler } from "../types.js";

export class Leaf {
  // One field per common method (a fixed object shape) instead of a dictionary: the method check is on the
  // hot path and a switch over these beats a hash lookup.
  GET: Handler | undefined = undefined;
  HEAD: Handler | undefined = undefined;
  POST: Handler | undefined = undefined;
  PUT: Handler | undefined = undefined;
  PATCH: Handler | undefined = undefined;
  DELETE: Handler | undefined = undefined;
  OPTIONS: Handler | undefined = undefined;
  other: Map<string, Handler> | null = null;
  /** Methods for which nothing else in the trie serves this (static) path: a 405 here without a walk.
   * Valid while `only405Gen` equals the trie's generation (any route or namespace added resets it). */
  only405: string[] = [];
  only405Gen = -1;
  methods: string[] = [];
  allow: string[] = ["OPTIONS"];
  allowHeader = "OPTIONS";
  /** Builds the params object from the captured values (an object literal with this route's keys). */
  readonly makeParams: (values: readonly string[]) => Record<string, string>;

  constructor(
    readonly pattern: string,
    readonly paramNames: readonly string[],
  ) {
    this.makeParams = paramsFactory(paramNames);
  }

  add(method: string, handler: Handler): void {
    if (this.methods.includes(method)) throw new Error(`route ${method} ${this.pattern} is already registered`);
    switch (method) {
      case "GET":
      case "HEAD":
      case "POST":
      case "PUT":
      case "PATCH":
      case "DELETE":
      case "OPTIONS":
        this[method] = handler;
        break;
      default:
        (this.other ??= new Map()).set(method, handler);
    }
    this.methods.push(method);
    const set = new Set(this.methods);
    set.add("OPTIONS");
    if (set.has("GET")) set.add("HEAD");
    this.allow = [...set].sort();
    this.allowHeader = this.allow.join(", ");
  }

  /** The handler serving `method` here; HEAD falls back to GET (Node drops the body of a HEAD answer). */
  handlerFor(method: string): Handler | undefined {
    switch (method) {
      case "GET":
        return this.GET;
      case "POST":
        return this.POST;
      case "PUT":
        return this.PUT;
      case "PATCH":
        return this.PATCH;
      case "DELETE":
        return this.DELETE;
      case "HEAD":
        return this.HEAD ?? this.GET;
      case "OPTIONS":
        return this.OPTIONS;
      default:
        return this.other === null ? undefined : this.other.get(method);
    }
  }

  /** OPTIONS always "matches": without its own handler the mux answers it. */
  serves(method: string): boolean {
    return method === "OPTIONS" || this.handlerFor(method) !== undefined;
  }
}

// Param names are validated identifiers (parsePattern), so generating an object literal is safe; V8 then
// gives every params object of a route one fixed shape instead of growing a dictionary key by key.
function paramsFactory(names: readonly string[]): (values: readonly string[]) => Record<string, string> {
  if (names.length === 0) return () => ({});
  const body = `return {${names.map((nm, i) => `${JSON.stringify(nm)}: v[${i}]`).join(", ")}};`;
  return new Function("v", body) as (values: readonly string[]) => Record<string, string>;
}

export class Namespace {
  constructor(
    readonly prefixPattern: string,
    readonly paramNames: readonly string[],
    readonly handler: Handler,
  ) {}
}

export class Node {
  staticKeys: string[] = [];
  staticNodes: Node[] = [];
  /** Children by their exact (decoded) segment: for paths holding '%', and for building. */
  staticMap = new Map<string, Node>();
  /**
   * Children bucketed by the first char code of their segment (keys and nodes side by side), used on the
   * raw path when there are many children: compares in place (startsWith at an offset), so no substring
   * is made and no string hashed. Measured faster than slice() + Map.get.
   */
  bucketKeys: Array<string[] | undefined> | null = null;
  bucketNodes: Array<Node[] | undefined> | null = null;
  param: Node | null = null;
  catchAll: Leaf | null = null;
  leaf: Leaf | null = null;
  ns: Namespace | null = null;

  child(key: string): Node | undefined {
    return this.staticMap.get(key);
  }

  addChild(key: string): Node {
    const existing = this.staticMap.get(key);
    if (existing !== undefined) return existing;
    const n = new Node();
    this.staticKeys.push(key);
    this.staticNodes.push(n);
    this.staticMap.set(key, n);
    if (this.staticKeys.length > 4) {
      const bk: Array<string[] | undefined> = [];
      const bn: Array<Node[] | undefined> = [];
      for (let i = 0; i < this.staticKeys.length; i++) {
        const k = this.staticKeys[i]!;
        const c = k.length === 0 ? 0 : k.charCodeAt(0);
        (bk[c] ??= []).push(k);
        (bn[c] ??= []).push(this.staticNodes[i]!);
      }
      this.bucketKeys = bk;
      this.bucketNodes = bn;
    }
    return n;
  }
}

export type Segment = { kind: "static"; value: string } | { kind: "param"; name: string } | { kind: "rest"; name: string };

const PARAM = /^\{([A-Za-z_][A-Za-z0-9_]*)(\.\.\.)?\}$/;

/** Splits a route pattern into segments; throws on a malformed pattern (a programming error). */
export function parsePattern(pattern: string, allowRest = true): Segment[] {
  if (!pattern.startsWith("/")) throw new Error(`route pattern ${JSON.stringify(pattern)} must start with "/"`);
  const parts = pattern.slice(1).split("/");
  const segs: Segment[] = [];
  const names = new Set<string>();
  parts.forEach((p, i) => {
    if (p.includes("{") || p.includes("}")) {
      const m = PARAM.exec(p);
      if (m === null) throw new Error(`route pattern ${JSON.stringify(pattern)}: bad wildcard segment ${JSON.stringify(p)}`);
      const name = m[1]!;
      if (name === "__proto__" || name === "constructor" || name === "prototype") throw new Error(`route pattern ${JSON.stringify(pattern)}: reserved param name ${name}`);
      if (names.has(name)) throw new Error(`route pattern ${JSON.stringify(pattern)}: duplicate param {${name}}`);
      names.add(name);
      if (m[2] !== undefined) {
        if (!allowRest) throw new Error(`namespace prefix ${JSON.stringify(pattern)} cannot hold {${name}...}`);
        if (i !== parts.length - 1) throw new Error(`route pattern ${JSON.stringify(pattern)}: {${name}...} must be the last segment`);
        segs.push({ kind: "rest", name });
      } else segs.push({ kind: "param", name });
    } else segs.push({ kind: "static", value: p });
  });
  return segs;
}

export const Kind = { Route: 0, MethodNotAllowed: 1, Namespace: 2 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export interface Found {
  kind: Kind;
  leaf: Leaf | null;
  /** The handler to run; undefined for an OPTIONS the mux answers itself. */
  handler: Handler | undefined;
  params: Record<string, string>;
  /** The leaf's (or namespace's) pattern. */
  pattern: string;
  ns: Namespace | null;
  /** For a namespace: where the rest of the path starts (a '/' or the end). */
  nsPos: number;
}

function buildParams(names: readonly string[], values: readonly string[]): Record<string, string> {
  const p: Record<string, string> = {};
  for (let i = 0; i < names.length; i++) p[names[i]!] = values[i]!;
  return p;
}

/** The trie plus its static fast path. `find` is the hot path: keep it allocation-free until a match. */
// Kept as builtins: hand-written charCodeAt loops measured slower in bench/router.ts on Node 20.
function sameAt(path: string, start: number, key: string): boolean {
  return path.startsWith(key, start);
}

function segmentEnd(path: string, start: number, len: number): number {
  const i = path.indexOf("/", start);
  return i === -1 ? len : i;
}

const STANDARD_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"]);

export class RouteTrie {
  readonly root = new Node();
  readonly statics = new Map<string, Leaf>();
  readonly leaves: Leaf[] = [];
  readonly namespaces: Namespace[] = [];
  hasNamespaces = false;
  /** Bumped by every addRoute/addNamespace: invalidates the leaves' 405 memos. */
  private generation = 0;

  // Scratch state of one find(); lookups are synchronous, so one set per trie is safe.
  private scratch: string[] = [];
  private stackNode: Node[] = [];
  private stackPos: number[] = [];
  private stackN: number[] = [];
  private stackStage: number[] = [];
  private stackEnd: number[] = [];
  private missLeaf: Leaf | null = null;
  private missParams: string[] | null = null;
  private nsBest: Namespace | null = null;
  private nsPos = -1;
  private nsParams: string[] | null = null;

  private nodeFor(segs: Segment[], upTo: number): Node {
    let node = this.root;
    for (let i = 0; i < upTo; i++) {
      const s = segs[i]!;
      if (s.kind === "static") node = node.addChild(s.value);
      else if (s.kind === "param") node = node.param ??= new Node();
    }
    return node;
  }

  addRoute(method: string, pattern: string, handler: Handler): Leaf {
    const segs = parsePattern(pattern);
    this.generation++;
    const names = segs.filter((s) => s.kind !== "static").map((s) => (s as { name: string }).name);
    const last = segs[segs.length - 1]!;
    const isRest = last.kind === "rest";
    const node = this.nodeFor(segs, isRest ? segs.length - 1 : segs.length);
    let leaf = isRest ? node.catchAll : node.leaf;
    if (leaf === null) {
      leaf = new Leaf(pattern, names);
      if (isRest) node.catchAll = leaf;
      else node.leaf = leaf;
      this.leaves.push(leaf);
      if (names.length === 0 && !pattern.includes("%")) this.statics.set(pattern, leaf);
    } else if (leaf.paramNames.join("\0") !== names.join("\0")) {
      throw new Error(`route pattern ${pattern} conflicts with ${leaf.pattern} (same shape, different param names)`);
    }
    leaf.add(method, handler);
    return leaf;
  }

  addNamespace(prefix: string, handler: Handler): Namespace {
    const p = prefix.length > 1 && prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
    const segs = p === "/" ? [] : parsePattern(p, false);
    const names = segs.filter((s) => s.kind === "param").map((s) => (s as { name: string }).name);
    const node = this.nodeFor(segs, segs.length);
    this.generation++;
    if (node.ns !== null) throw new Error(`namespace ${prefix} conflicts with ${node.ns.prefixPattern}`);
    node.ns = new Namespace(p === "/" ? "" : p, names, handler);
    this.namespaces.push(node.ns);
    this.hasNamespaces = true;
    return node.ns;
  }

  /**
   * Finds what serves `method` on the raw (still percent-encoded) `path`, which starts with '/'.
   * null = 404. Throws URIError on a malformed percent-escape.
   */
  find(method: string, path: string): Found | null {
    const st = this.statics.get(path);
    if (st !== undefined) {
      if (st.serves(method)) return { kind: Kind.Route, leaf: st, handler: st.handlerFor(method), params: {}, pattern: st.pattern, ns: null, nsPos: 0 };
      // A 405 on a static path otherwise walks the whole trie looking for a wildcard route that serves the
      // method (backtracking); once a walk found none, the answer is remembered until the routes change.
      if (st.only405Gen === this.generation && st.only405.includes(method)) {
        return { kind: Kind.MethodNotAllowed, leaf: st, handler: undefined, params: {}, pattern: st.pattern, ns: null, nsPos: 0 };
      }
    }
    this.missLeaf = null;
    this.nsBest = null;
    this.nsPos = -1;
    const leaf = this.walk(this.root, path, method, path.indexOf("%") !== -1);
    if (leaf !== null) {
      return { kind: Kind.Route, leaf, handler: leaf.handlerFor(method), params: leaf.makeParams(this.scratch), pattern: leaf.pattern, ns: null, nsPos: 0 };
    }
    const ns = this.nsBest as Namespace | null;
    if (ns !== null) {
      return { kind: Kind.Namespace, leaf: null, handler: ns.handler, params: buildParams(ns.paramNames, this.nsParams!), pattern: ns.prefixPattern, ns, nsPos: this.nsPos };
    }
    const miss = this.missLeaf as Leaf | null;
    if (miss !== null) {
      // Remembered only for the standard methods, so client-chosen method names cannot grow the memo.
      if (miss === st && STANDARD_METHODS.has(method)) {
        if (st.only405Gen !== this.generation) {
          st.only405 = [];
          st.only405Gen = this.generation;
        }
        st.only405.push(method);
      }
      return { kind: Kind.MethodNotAllowed, leaf: miss, handler: undefined, params: miss.makeParams(this.missParams!), pattern: miss.pattern, ns: null, nsPos: 0 };
    }
    return null;
  }

  // Iterative depth-first walk with an explicit backtrack stack (parallel arrays reused across lookups):
  // measured faster than the recursive version. `pos` is where the unconsumed path starts ('/' or the end);
  // `n` = params captured so far; `stage` = which branch to try next at a node (0 literal, 1 param, 2 rest).
  private walk(root: Node, path: string, method: string, pct: boolean): Leaf | null {
    const len = path.length;
    const sNode = this.stackNode;
    const sPos = this.stackPos;
    const sN = this.stackN;
    const sStage = this.stackStage;
    const sEnd = this.stackEnd;
    const scratch = this.scratch;
    let sp = 0;
    let node = root;
    let pos = 0;
    let n = 0;
    let stage = 0;
    let end = 0; // end of the segment after `pos`; valid in stages 1 and 2
    for (;;) {
      if (stage === 0) {
        if (node.ns !== null && pos > this.nsPos) {
          this.nsBest = node.ns;
          this.nsPos = pos;
          this.nsParams = scratch.slice(0, n);
        }
        if (pos === len) {
          const leaf = node.leaf;
          if (leaf !== null) {
            if (leaf.serves(method)) return leaf;
            this.noteMiss(leaf, n);
          }
          // fall through to backtrack
        } else {
          const start = pos + 1;
          end = segmentEnd(path, start, len);
          let child: Node | undefined;
          if (pct) {
            let seg = path.slice(start, end);
            if (seg.indexOf("%") !== -1) seg = decodeURIComponent(seg);
            child = node.staticMap.get(seg);
          } else {
            let keys: string[] | undefined;
            let nodes: Node[] | undefined;
            if (node.bucketKeys !== null) {
              const c = end === start ? 0 : path.charCodeAt(start);
              keys = node.bucketKeys[c];
              nodes = node.bucketNodes![c];
            } else {
              keys = node.staticKeys;
              nodes = node.staticNodes;
            }
            if (keys !== undefined) {
              const slen = end - start;
              for (let i = 0; i < keys.length; i++) {
                const k = keys[i]!;
                if (k.length === slen && sameAt(path, start, k)) {
                  child = nodes![i];
                  break;
                }
              }
            }
          }
          if (child !== undefined) {
            if (node.param !== null || node.catchAll !== null) {
              sNode[sp] = node;
              sPos[sp] = pos;
              sN[sp] = n;
              sEnd[sp] = end;
              sStage[sp] = 1;
              sp++;
            }
            node = child;
            pos = end;
            continue;
          }
          stage = 1;
        }
      }
      if (stage === 1) {
        const start = pos + 1;
        if (node.param !== null && end > start) {
          let seg = path.slice(start, end);
          if (pct && seg.indexOf("%") !== -1) seg = decodeURIComponent(seg);
          scratch[n] = seg;
          if (node.catchAll !== null) {
            sNode[sp] = node;
            sPos[sp] = pos;
            sN[sp] = n;
            sEnd[sp] = end;
            sStage[sp] = 2;
            sp++;
          }
          node = node.param;
          pos = end;
          n++;
          stage = 0;
          continue;
        }
        stage = 2;
      }
      if (stage === 2) {
        const ca = node.catchAll;
        if (ca !== null && pos < len) {
          const rest = path.slice(pos + 1);
          scratch[n] = pct ? decodeURIComponent(rest) : rest;
          if (ca.serves(method)) return ca;
          this.noteMiss(ca, n + 1);
        }
      }
      // backtrack
      if (sp === 0) return null;
      sp--;
      node = sNode[sp]!;
      pos = sPos[sp]!;
      n = sN[sp]!;
      end = sEnd[sp]!;
      stage = sStage[sp]!;
    }
  }

  private noteMiss(leaf: Leaf, n: number): void {
    if (this.missLeaf === null) {
      this.missLeaf = leaf;
      this.missParams = this.scratch.slice(0, n);
    }
  }
}
