// Everything the CLI prints goes through here: human text on stdout, progress on stderr (one redrawn line on
// a TTY, plain lines when not a TTY or when CI is set), JSON documents for --json, nothing extra for --quiet.
import type { VendorError } from "../vendor/errors.js";

export interface OutputOptions {
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

export class Output {
  private live: boolean;
  private drawn = false;

  constructor(readonly opts: OutputOptions) {
    this.live = Boolean(process.stderr.isTTY) && !process.env.CI && !opts.json && !opts.quiet;
  }

  /** A progress line from the engine. */
  progress = (line: string): void => {
    if (this.opts.quiet || (this.opts.json && !this.opts.verbose)) return;
    if (this.live && !this.opts.verbose) {
      const width = Math.max(20, (process.stderr.columns || 80) - 1);
      process.stderr.write(`\r\x1b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
      this.drawn = true;
    } else process.stderr.write(`${line}\n`);
  };

  private clear(): void {
    if (this.drawn) {
      process.stderr.write("\r\x1b[K");
      this.drawn = false;
    }
  }

  /** A line of the command's human result. */
  info(line: string): void {
    this.clear();
    if (!this.opts.json && !this.opts.quiet) process.stdout.write(`${line}\n`);
  }

  /** Human output that --quiet still shows (problems the user must see). */
  important(line: string): void {
    this.clear();
    if (!this.opts.json) process.stdout.write(`${line}\n`);
  }

  json(doc: Record<string, unknown>): void {
    this.clear();
    if (this.opts.json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  }

  error(e: VendorError): void {
    this.clear();
    if (this.opts.json) process.stdout.write(`${JSON.stringify({ ok: false, error: e.toJSON() }, null, 2)}\n`);
    else process.stderr.write(`tonic-vendor: ${e.format()}\n`);
  }

  done(): void {
    this.clear();
  }
}
