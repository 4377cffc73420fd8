// Fault injection for the kill -9 tests: TONIC_VENDOR_CRASH_AT=<step> makes the process SIGKILL itself when it
// reaches that named step, so every step boundary of a sync can be proven recoverable. A no-op otherwise.
export const CRASH_POINTS = [
  "locked",
  "recovered",
  "resolved",
  "planned",
  "staging-created",
  "linked",
  "fetched-one",
  "fetched",
  "rewritten",
  "digested",
  "lock-tmp-written",
  "manifest-tmp-written",
  "journal-tmp-written",
  "journal-committed",
  "vendor-moved-aside",
  "staging-moved-in",
  "lock-renamed",
  "manifest-renamed",
  "journal-removed",
  "backup-removing",
  "backup-removed",
  "project-rewritten",
  "recover-started",
  "recover-rolled-forward",
] as const;

export type CrashPoint = (typeof CRASH_POINTS)[number];

export function crashPoint(step: CrashPoint): void {
  if (process.env.TONIC_VENDOR_CRASH_AT === step) process.kill(process.pid, "SIGKILL");
}
