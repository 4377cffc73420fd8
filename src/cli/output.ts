// Everything the CLI prints goes through here: human text on stdout, progress on stderr (one redrawn line on
// a TTY, plain lines when not a TTY or when CI is set), JSON documents for --json, nothing extra for --quiet.
import type { VendorError } from "../vendor/errors.js";
import { write } from "./write.js";

export interface OutputOptions {
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

export class Output {
  private drawn = false;

  constructor(readonly opts: OutputOptions) {}

  // Decided on the first progress line: process.stderr builds a stream and node:tty loads net (~2-4 ms of a
  // cold process), which a quiet pre-commit `check --staged` never needs.
  private get live(): boolean {
    const live = process.getBuiltinModule("node:tty").isatty(2) && !process.env.CI && !this.opts.json && !this.opts.quiet;
    Object.defineProperty(this, "live", { value: live });
    return live;
  }

  /** A progress line from the engine. */
  progress = (line: string): void => {
    if (this.opts.quiet || (this.opts.json && !this.opts.verbose)) return;
    if (this.live && !this.opts.verbose) {
      const width = Math.max(20, (process.stderr.columns || 80) - 1);
      write(2, `\r\x1b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
      this.drawn = true;
    } else write(2, `${line}\n`);
  };

  private clear(): void {
    if (this.drawn) {
      write(2, "\r\x1b[K");
      this.drawn = false;
    }
  }

  /** A line of the command's human result. */
  info(line: string): void {
    this.clear();
    if (!this.opts.json && !this.opts.quiet) write(1, `${line}\n`);
  }

  /** Human output that --quiet still shows (problems the user must see). */
  important(line: string): void {
    this.clear();
    if (!this.opts.json) write(1, `${line}\n`);
  }

  json(doc: Record<string, unknown>): void {
    this.clear();
    if (this.opts.json) write(1, `${JSON.stringify(doc, null, 2)}\n`);
  }

  error(e: VendorError): void {
    this.clear();
    if (this.opts.json) write(1, `${JSON.stringify({ ok: false, error: e.toJSON() }, null, 2)}\n`);
    else write(2, `tonic-vendor: ${e.format()}\n`);
  }

  done(): void {
    this.clear();
  }
}
