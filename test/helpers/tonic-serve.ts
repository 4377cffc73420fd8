// Serves a handler on 127.0.0.1 for a test; close() ends keep-alive connections too.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Handler } from "../../src/tonic/types.js";

export interface Served {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function serve(handler: Handler): Promise<Served> {
  const server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Collects what a stream receives; `lines()` waits until at least `n` complete lines arrived. */
export class Collector {
  text = "";
  async lines(n: number): Promise<string[]> {
    for (let i = 0; i < 500; i++) {
      const ls = this.text.split("\n").slice(0, -1);
      if (ls.length >= n) return ls;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`expected ${n} lines, got: ${JSON.stringify(this.text)}`);
  }
}
