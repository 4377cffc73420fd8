// Inherited listening sockets: systemd's socket activation (LISTEN_FDS, LISTEN_PID; the first fd is 3) and
// tonic's own restart hand-off, which uses the same variables so there is one code path for both.
export const SD_LISTEN_FDS_START = 3;
/** Set by the restarting parent: the pid to tell "ready" over IPC once the copy is listening. */
export const RESTART_ENV = "TONIC_RESTART_FROM";

/**
 * The fd of an inherited listening socket, or undefined. LISTEN_PID, when set, must be this process (systemd
 * sets it; a restarting parent cannot know the child's pid in advance, so it leaves it unset). The variables
 * are removed once read, so this process's own children do not try to take the socket.
 */
export function inheritedListenFd(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const count = env.LISTEN_FDS;
  if (count === undefined || count === "") return undefined;
  const pid = env.LISTEN_PID;
  if (pid !== undefined && pid !== "" && Number(pid) !== process.pid) return undefined;
  delete env.LISTEN_FDS;
  delete env.LISTEN_PID;
  delete env.LISTEN_FDNAMES;
  const n = Number(count);
  if (!Number.isInteger(n) || n < 1) return undefined;
  return SD_LISTEN_FDS_START;
}
