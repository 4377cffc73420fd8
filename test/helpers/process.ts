// Waits for a spawned child and collects what it printed: the one way tests run a subprocess to completion.
import type { ChildProcess } from "node:child_process";

export interface Collected {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function collect(child: ChildProcess): Promise<Collected> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => (stdout += d));
  child.stderr?.on("data", (d) => (stderr += d));
  // "close", not "exit": "exit" can come before the last of stdout has been read from the pipe (a CLI that
  // writes its report and exits at once lost it now and then).
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
}
