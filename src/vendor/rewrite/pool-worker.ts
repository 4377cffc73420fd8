// The pool's worker (pool.ts): rewrites the keys it claims with its own resolver and posts each result.
import { parentPort, workerData } from "node:worker_threads";
import { rewritePackageWith } from "./index.js";
import { claimLoop, WORKER_CLAIMING, WORKER_PENDING, type PoolJob } from "./pool.js";
import { VendorResolver } from "./resolve.js";

const job = workerData as PoolJob;
// The main thread may have finished every key while this thread booted; then it no longer waits for us.
if (Atomics.compareExchange(job.counter, 2, WORKER_PENDING, WORKER_CLAIMING) === WORKER_PENDING) {
  const resolver = new VendorResolver(job.vendorRoot, job.lock);
  claimLoop(job.keys, job.counter, (key) => rewritePackageWith(resolver, key), (r) => parentPort!.postMessage(r));
}
parentPort!.postMessage({ done: true });
