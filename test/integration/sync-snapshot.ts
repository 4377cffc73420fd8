// Helpers for sync tests: a byte-exact picture of a project (files, modes, optionally mtimes).
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export function snapshot(dir: string, withMtime = false, skip: (rel: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (skip(r)) continue;
      const p = join(abs, name);
      const st = lstatSync(p);
      const t = withMtime ? ` ${st.mtimeMs}` : "";
      if (st.isDirectory()) {
        out[`${r}/`] = `dir${withMtime ? t : ""}`;
        walk(p, r);
      } else out[r] = `${(st.mode & 0o777).toString(8)} ${readFileSync(p).toString("base64")}${t}`;
    }
  };
  walk(dir, "");
  return out;
}
