// The one place where the store's refusals become HTTP answers, so every version of the API says the same.
import { Conflict, HttpError, NotFound } from "#tonic";
import { StoreError } from "./store.js";

export async function orHttpError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    throw toHttpError(err);
  }
}

export function toHttpError(err: unknown): unknown {
  if (!(err instanceof StoreError)) return err;
  switch (err.code) {
    case "not_found":
      return new NotFound(err.message);
    case "insufficient_funds":
      return new Conflict(err.message, { name: "insufficient_funds" });
    case "currency_mismatch":
      return new HttpError(422, err.message, { name: "currency_mismatch" });
    case "already_settled":
      return new Conflict(err.message, { name: "already_settled" });
  }
}
