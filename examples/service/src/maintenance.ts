// Maintenance mode: operators switch the public API to 503 + Retry-After (health, version and the admin host
// keep answering), e.g. while a database migrates.
import * as v from "#vendor/valibot";
import { ServiceUnavailable } from "#tonic";

export class Maintenance {
  readonly schema = v.strictObject({
    enabled: v.boolean(),
    message: v.optional(v.pipe(v.string(), v.maxLength(200))),
  });
  private enabled = false;
  private message = "the service is under maintenance";

  set(enabled: boolean, message?: string): void {
    this.enabled = enabled;
    if (message !== undefined) this.message = message;
  }

  state(): { enabled: boolean; message: string } {
    return { enabled: this.enabled, message: this.message };
  }

  /** A when() predicate: throws 503 while enabled, otherwise lets the request through. */
  readonly gate = (): undefined => {
    if (this.enabled) throw new ServiceUnavailable(this.message, { headers: { "Retry-After": "120" } });
    return undefined;
  };
}
