// The project files tonic-vendor owns, in a module with no imports so the cheapest paths (check --staged's
// first git requests) can name them before the parsers are loaded.
export const MANIFEST_FILE = "tonic-vendor.json";
export const LOCK_FILE = "tonic-vendor.lock";
