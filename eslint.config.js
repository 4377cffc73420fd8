// Lint config: typescript-eslint's recommended rules on our own sources only.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["node_modules/**", "dist/**", ".tmp/**", "**/.tmp-*", "fixtures/**", "examples/**/vendor/**", "examples/**/dist/**", "examples/**/lib/**", "bench/.work/**", "**/*.d.ts"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", setImmediate: "readonly", URL: "readonly", TextDecoder: "readonly", TextEncoder: "readonly", AbortController: "readonly", fetch: "readonly", performance: "readonly", queueMicrotask: "readonly", structuredClone: "readonly" },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-explicit-any": "off",
      "no-control-regex": "off",
    },
  },
  {
    // The launcher is CommonJS (bin/package.json), so a cold `check --staged` starts no ES module loader.
    files: ["bin/**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", __dirname: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
