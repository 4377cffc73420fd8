// httpBasicAuth: RFC 7617 Basic authentication. Credentials are compared in constant time over SHA-256
// digests (so neither content nor length leaks through timing; Tiger Tonic compared with ==), and a
// verifier can refuse with 403 Forbidden (Tiger Tonic only knew 401).
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import basicAuth from "basic-auth";
import { Unauthorized, writeError } from "./errors.js";
import type { ErrorLogger, ErrorWriter } from "./errors.js";
import { requestState } from "./state.js";
import type { Handler } from "./types.js";
import { wrapped } from "./wrap.js";

/** Decides a user/password pair: true = let in; false = 401; throw Forbidden (or any HttpError) to refuse. */
export type BasicVerifier = (user: string, password: string, req: IncomingMessage) => boolean | Promise<boolean>;

export interface BasicAuthOptions {
  errorWriter?: ErrorWriter;
  onError?: ErrorLogger;
}

const digest = (s: string): Buffer => createHash("sha256").update(s, "utf8").digest();

/** Constant-time string equality (digests first, so differing lengths take the same time). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

function quote(s: string): string {
  return '"' + s.replace(/[\\"]/g, "\\$&").replace(/[\r\n]/g, " ") + '"';
}

function credentialsVerifier(creds: Record<string, string> | Map<string, string>): BasicVerifier {
  const map = creds instanceof Map ? new Map(creds) : new Map(Object.entries(creds));
  return (user, password) => {
    // Every user name is checked against every entry so the answer time does not tell which users exist.
    let ok = false;
    for (const [u, p] of map) {
      const userOk = safeEqual(user, u);
      const passOk = safeEqual(password, p);
      ok = ok || (userOk && passOk);
    }
    return ok;
  };
}

/**
 * Requires HTTP Basic credentials: a map of user -> password, or a verify function. Missing, malformed or
 * wrong credentials get 401 with `WWW-Authenticate: Basic realm="<realm>", charset="UTF-8"`; the verified
 * user name goes to `requestState(req).user` (access logs show it).
 */
export function httpBasicAuth(
  credentials: Record<string, string> | Map<string, string> | BasicVerifier,
  realm: string,
  handler: Handler,
  options: BasicAuthOptions = {},
): Handler {
  const verify = typeof credentials === "function" ? credentials : credentialsVerifier(credentials);
  const challenge = `Basic realm=${quote(realm)}, charset="UTF-8"`;
  const refuse = (why: string) => new Unauthorized(why, { headers: { "WWW-Authenticate": challenge } });
  return wrapped(handler, async (req, res) => {
    try {
      const header = req.headers.authorization;
      if (header === undefined) throw refuse("authentication required");
      // basic-auth matches the scheme case-insensitively and splits user:password at the first ':'.
      const creds = basicAuth.parse(header);
      if (creds === undefined) throw refuse("malformed Basic credentials");
      if (!(await verify(creds.name, creds.pass, req))) throw refuse("wrong user name or password");
      requestState(req).user = creds.name;
    } catch (err) {
      writeError(req, res, err, options);
      return;
    }
    await handler(req, res);
  });
}
