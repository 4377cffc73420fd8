import type { Handler } from "#tonic";

/** What app.ts applies to every public route (CORS, caching): given the handler and its pattern. */
export type RouteWrapper = (handler: Handler, pattern: string) => Handler;
