// The tests of digest-hasher.test.ts again on the JS hasher (worker threads), which check uses wherever the native
// hasher (native/tree-hash.c) is not built or does not load.
process.env.TONIC_NATIVE = "0";
await import("./digest-hasher.test.js");
