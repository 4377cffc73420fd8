// Router lookups on the GitHub REST API table: tonic's TrieServeMux vs find-my-way and @medley/router, in
// the same run, interleaved rounds, median ns per lookup. Goal (issue 5): tonic <= 0.6x find-my-way.
// Run: node --import tsx bench/router.ts
import FindMyWay from "find-my-way";
// @medley/router ships no types.
// @ts-expect-error -- untyped module
import Medley from "@medley/router";
import { TrieServeMux } from "../src/tonic/router/mux.js";
import type { Handler } from "../src/tonic/types.js";
import { githubLookups, githubRoutes } from "./_github-routes.js";

const noop: Handler = () => {};
const colon = (p: string) => p.replace(/\{(\w+)\.\.\.\}/g, "*").replace(/\{(\w+)\}/g, ":$1");

const mux = new TrieServeMux();
const fmw = FindMyWay();
const medley = new Medley();
for (const [method, pattern] of githubRoutes) {
  mux.handle(method, pattern, noop);
  fmw.on(method as "GET", colon(pattern), noop);
  const store = medley.register(colon(pattern)) as Record<string, unknown>;
  store[method] = noop;
}

// Sanity: the three agree on which lookups hit.
for (const [m, p] of githubLookups) {
  const a = mux.lookup(m, p) !== undefined;
  const b = fmw.find(m as "GET", p) !== null;
  const r = medley.find(p) as { store: Record<string, unknown> } | null;
  const c = r !== null && r.store[m] !== undefined;
  if (a !== b || a !== c) throw new Error(`routers disagree on ${m} ${p}: tonic ${a}, find-my-way ${b}, medley ${c}`);
}

const methods = githubLookups.map((l) => l[0]);
const paths = githubLookups.map((l) => l[1]);
const n = paths.length;
let sink = 0;

const candidates: Record<string, () => void> = {
  "find-my-way": () => {
    for (let i = 0; i < n; i++) if (fmw.find(methods[i] as "GET", paths[i]!) !== null) sink++;
  },
  "@medley/router": () => {
    for (let i = 0; i < n; i++) {
      const r = medley.find(paths[i]!) as { store: Record<string, unknown> } | null;
      if (r !== null && r.store[methods[i]!] !== undefined) sink++;
    }
  },
  "tonic TrieServeMux": () => {
    for (let i = 0; i < n; i++) if (mux.lookup(methods[i]!, paths[i]!) !== undefined) sink++;
  },
};

const ITER = Number(process.env.ITER ?? 20_000);
const ROUNDS = Number(process.env.ROUNDS ?? 9);
const results: Record<string, number[]> = {};
for (const name of Object.keys(candidates)) {
  results[name] = [];
  for (let w = 0; w < 3000; w++) candidates[name]!(); // warm up (JIT)
}
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, fn] of Object.entries(candidates)) {
    // CPU time of this thread, not wall time: the machine is shared (load generators, other tests), and
    // CPU time is the steadier figure when another process preempts us.
    const c0 = process.cpuUsage();
    for (let k = 0; k < ITER; k++) fn();
    const c = process.cpuUsage(c0);
    results[name]!.push(((c.user + c.system) * 1000) / (ITER * n));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const anchor = median(results["find-my-way"]!);
console.log(`${githubRoutes.length} routes, ${n} lookups per pass (static, parametric, 404, 405), ${ROUNDS} rounds x ${ITER} passes`);
for (const [name, xs] of Object.entries(results)) {
  const m = median(xs);
  console.log(`${name.padEnd(20)} ${m.toFixed(1).padStart(7)} ns/lookup  ${(m / anchor).toFixed(2)}x find-my-way`);
}
if (sink === 0) console.log("(no hits?)");
