// A development certificate made on first run so TLS works out of the box. openssl is called with execFile
// and a fixed argument list: nothing from the config or the environment becomes an option. Files are written
// to a temporary folder and renamed into place, so an interrupted run never leaves half a key pair.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rename, rm, access, chmod } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface CertPaths {
  cert: string;
  key: string;
  created: boolean;
}

/** Returns cert.pem/key.pem in `dir`, generating a self-signed pair for the given names when missing. */
export async function ensureDevCertificate(dir: string, hostNames: string[]): Promise<CertPaths> {
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  if ((await exists(cert)) && (await exists(key))) return { cert, key, created: false };

  await mkdir(dir, { recursive: true });
  const tmp = await mkdtemp(join(dir, ".tmp-"));
  try {
    const dns = [...new Set(["localhost", ...hostNames])].filter((h) => /^[A-Za-z0-9.*-]+$/.test(h));
    const san = [...dns.map((h) => `DNS:${h}`), "IP:127.0.0.1", "IP:::1"].join(",");
    await run("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", join(tmp, "key.pem"), "-out", join(tmp, "cert.pem"),
      "-days", "30", "-subj", "/CN=tonic example development certificate",
      "-addext", `subjectAltName=${san}`,
    ]);
    await chmod(join(tmp, "key.pem"), 0o600);
    await rename(join(tmp, "key.pem"), key);
    await rename(join(tmp, "cert.pem"), cert);
  } catch (err) {
    throw new Error(`could not create a development certificate in ${dir} with openssl: ${(err as Error).message}\n` +
      `fix: install openssl, or set "tls.cert" and "tls.key" in the config to an existing pair, or "tls.enabled": false`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return { cert, key, created: true };
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}
