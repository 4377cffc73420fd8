// The prefix of the project-style specifiers rewrite writes ("#vendor/semver"), in a module of its own so the
// check can recognise them without loading the rewrite engine.
export const VENDOR_PREFIX = "#vendor/";
