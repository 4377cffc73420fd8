// A Store decorator that delays every call, to rehearse with the latency a real database would add (and to
// see graceful stop and restart finish requests that are still in flight). Off by default.
import type { Store } from "./store.js";

export function withLatency(store: Store, ms: number): Store {
  if (ms <= 0) return store;
  const wait = () => new Promise<void>((r) => setTimeout(r, ms));
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        await wait();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
