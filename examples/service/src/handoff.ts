// Zero-downtime restart for a process with two listening sockets (HTTP and TLS). tonic's Server.restart()
// hands over one socket (its SIGUSR2 owner's); this service must hand over both, so it does the same dance
// for all of them: spawn a copy of itself with the sockets as fds 3.. (systemd's LISTEN_FDS convention, names
// in LISTEN_FDNAMES), wait for the copy to say it listens, then close its own servers gracefully (in-flight
// requests finish, answered with Connection: close) and exit. The copy listens on the inherited sockets
// through tonic's Server `fd` option, so no connection is refused at any point.
import { spawn } from "node:child_process";
import type { Server } from "#tonic";

const FROM = "EXAMPLE_RESTART_FROM";
const FIRST_FD = 3;

export interface Listeners {
  /** name -> Server, in a stable order ("http", "https"). */
  [name: string]: Server;
}

/**
 * The fds this process inherited, by name (from a restart or systemd socket activation), or {}. Without
 * LISTEN_FDNAMES the order is `order` (systemd passes sockets in the order the .socket unit lists them).
 */
export function inheritedFds(env: NodeJS.ProcessEnv = process.env, order: readonly string[] = ["http", "https"]): Record<string, number> {
  const count = Number(env.LISTEN_FDS ?? "");
  const pid = env.LISTEN_PID;
  if (!Number.isInteger(count) || count < 1 || (pid !== undefined && pid !== "" && Number(pid) !== process.pid)) return {};
  const names = (env.LISTEN_FDNAMES ?? "").split(":");
  const out: Record<string, number> = {};
  for (let i = 0; i < count; i++) out[names[i] || order[i] || `fd${i}`] = FIRST_FD + i;
  // Our own children must not take them again.
  delete env.LISTEN_FDS;
  delete env.LISTEN_PID;
  delete env.LISTEN_FDNAMES;
  return out;
}

/** Tells the process that started this one (if a restart did) that it may drain. */
export function announceReady(env: NodeJS.ProcessEnv = process.env): void {
  if (env[FROM] === undefined) return;
  delete env[FROM];
  if (typeof process.send === "function") {
    process.send({ example: "ready", pid: process.pid }, () => process.disconnect?.());
  }
}

/**
 * Starts a successor holding the same listening sockets; resolves with its pid once it listens, or undefined
 * (and this process keeps serving) when it fails to start within `readyTimeout` ms.
 */
export async function spawnSuccessor(listeners: Listeners, readyTimeout = 30_000): Promise<number | undefined> {
  const names = Object.keys(listeners);
  const fds = names.map((n) => {
    // The listening handle's fd, as tonic's own restart reads it: Node has no public accessor.
    const fd = (listeners[n]!.server as unknown as { _handle?: { fd?: number } })._handle?.fd;
    if (typeof fd !== "number" || fd < 0) throw new Error(`the ${n} listener has no fd to hand over`);
    return fd;
  });
  const env: NodeJS.ProcessEnv = { ...process.env, LISTEN_FDS: String(fds.length), LISTEN_FDNAMES: names.join(":"), [FROM]: String(process.pid) };
  delete env.LISTEN_PID;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: ["inherit", "inherit", "inherit", ...fds, "ipc"],
    env,
  });
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), readyTimeout);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      resolve(ok);
    };
    child.on("message", (m: unknown) => {
      if (typeof m === "object" && m !== null && (m as { example?: unknown }).example === "ready") done(true);
    });
    child.once("exit", () => done(false));
    child.once("error", () => done(false));
  });
  if (!ready) {
    if (child.exitCode === null) child.kill("SIGTERM");
    return undefined;
  }
  // The successor outlives us: nothing of it may keep this process alive.
  child.removeAllListeners();
  if (child.connected) child.disconnect();
  child.unref();
  return child.pid;
}
