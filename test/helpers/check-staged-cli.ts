// Stand-in for `tonic-vendor check --staged` in hook tests (the CLI is another part's): exit 1 on problems.
import { runCheck } from "../../src/vendor/check/index.js";

const report = await runCheck(process.cwd(), { staged: true });
for (const p of report.problems) process.stderr.write(`${p.file ?? ""}: ${p.message}\n  fix: ${p.fix}\n`);
process.exit(report.ok ? 0 : 1);
