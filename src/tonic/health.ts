// Dropwizard's habit that Tiger Tonic lacked (SPEC-http 8): a version endpoint and health checks that a load
// balancer or orchestrator can poll.
import { NotFound, writeError } from "./errors.js";
import type { Handler } from "./types.js";

/** Serves `text` (plus a newline) as text/plain; 404 when `text` is empty (no version was built in). */
export function version(text: string): Handler {
  const body = Buffer.from(text + "\n");
  return (req, res) => {
    if (text === "") {
      writeError(req, res, new NotFound("no version is configured"));
      return;
    }
    res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": body.length, "Cache-Control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}

/** A check passes when it returns (or resolves to) anything but `false`, and fails when it throws, rejects,
 * returns false or takes longer than the timeout. A returned string or object is reported as its detail. */
export type HealthCheck = () => unknown;

export interface HealthCheckResult {
  ok: boolean;
  /** What the check returned (when not a boolean), or the error message. */
  detail?: unknown;
  error?: string;
}

export interface HealthReport {
  status: "ok" | "fail";
  checks: Record<string, HealthCheckResult>;
}

export interface HealthOptions {
  /** Per-check deadline in ms (default 5000). */
  timeout?: number;
}

async function runCheck(check: HealthCheck, timeout: number): Promise<HealthCheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      Promise.resolve().then(check),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeout} ms`)), timeout);
      }),
    ]);
    if (value === false) return { ok: false, error: "check returned false" };
    return value === undefined || value === true ? { ok: true } : { ok: true, detail: value };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the checks (all of them, or only `names`) concurrently. */
export async function runHealthChecks(checks: Record<string, HealthCheck>, names?: string[], options: HealthOptions = {}): Promise<HealthReport> {
  const timeout = options.timeout ?? 5000;
  const selected = names ?? Object.keys(checks).sort();
  const results = await Promise.all(selected.map((n) => runCheck(checks[n]!, timeout)));
  const report: HealthReport = { status: "ok", checks: {} };
  selected.forEach((n, i) => {
    report.checks[n] = results[i]!;
    if (!results[i]!.ok) report.status = "fail";
  });
  return report;
}

/**
 * The `/healthz` handler: runs every named check and answers 200 (all pass) or 503 (any fails) with the JSON
 * report `{"status":"ok"|"fail","checks":{"<name>":{"ok":true},...}}`. `?check=a&check=b` runs only those
 * (404 for an unknown name). Mount it wherever the platform polls: `mux.handle("GET", "/healthz", healthz(c))`.
 */
export function healthz(checks: Record<string, HealthCheck>, options: HealthOptions = {}): Handler {
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const asked = url.searchParams.getAll("check");
    for (const n of asked) {
      if (!Object.hasOwn(checks, n)) {
        writeError(req, res, new NotFound(`no health check named "${n}"`));
        return;
      }
    }
    const report = await runHealthChecks(checks, asked.length > 0 ? [...new Set(asked)] : undefined, options);
    const body = JSON.stringify(report) + "\n";
    res.writeHead(report.status === "ok" ? 200 : 503, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(body),
      "Cache-Control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}
