import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadNpmOptions, parseNpmrc, registryFor, registryHost } from "../../src/vendor/npm-config.js";

async function withDirs(fn: (home: string, project: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), "tonic-npmrc-"));
  try {
    const { mkdir } = await import("node:fs/promises");
    await mkdir(join(root, "home"));
    await mkdir(join(root, "project"));
    await fn(join(root, "home"), join(root, "project"));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

test("parseNpmrc: comments, quotes, env expansion, sections", () => {
  const r = parseNpmrc(
    [
      "; comment",
      "# also a comment",
      "registry = https://r.example/",
      '@acme:registry="https://acme.example/npm/"',
      "//acme.example/npm/:_authToken=${TOKEN}",
      "//other.example/:_authToken=${MISSING}",
      "optional=${MISSING?}",
      "escaped=\\${TOKEN}",
      "[section]",
      "flag",
    ].join("\r\n"),
    { TOKEN: "s3cret" },
  );
  assert.equal(r["registry"], "https://r.example/");
  assert.equal(r["@acme:registry"], "https://acme.example/npm/");
  assert.equal(r["//acme.example/npm/:_authToken"], "s3cret");
  assert.equal(r["//other.example/:_authToken"], "${MISSING}");
  assert.equal(r["optional"], "");
  assert.equal(r["escaped"], "${TOKEN}");
  assert.equal(r["flag"], "true");
});

test("precedence: env over project .npmrc over user .npmrc; cache is npm's _cacache", () =>
  withDirs(async (home, project) => {
    await writeFile(join(home, ".npmrc"), "registry=https://user.example/\ncache=/var/cache/npm-user\n//user.example/:_authToken=user-token\nfetch-retries=7\n");
    await writeFile(join(project, ".npmrc"), "registry=https://project.example\n@acme:registry=https://acme.example/\nstrict-ssl=false\n");
    const o = await loadNpmOptions(project, { HOME: home });
    assert.equal(o["registry"], "https://project.example/");
    assert.equal(o["@acme:registry"], "https://acme.example/");
    assert.equal(o["//user.example/:_authToken"], "user-token");
    assert.equal(o["cache"], "/var/cache/npm-user/_cacache");
    assert.equal(o["fetchRetries"], 7);
    assert.equal(o["strictSsl"], false);
    assert.equal(o["ignoreScripts"], true);

    const withEnv = await loadNpmOptions(project, {
      HOME: home,
      npm_config_registry: "http://127.0.0.1:4873",
      npm_config_cache: join(home, "c"),
      npm_config_fetch_retry_mintimeout: "5",
      NPM_CONFIG_FETCH_TIMEOUT: "1234",
    });
    assert.equal(withEnv["registry"], "http://127.0.0.1:4873/");
    assert.equal(withEnv["cache"], join(home, "c", "_cacache"));
    assert.equal(withEnv["fetchRetryMintimeout"], 5);
    assert.equal(withEnv["timeout"], 1234);
  }));

test("npm_config_userconfig points at another user config; defaults when nothing is set", () =>
  withDirs(async (home, project) => {
    const other = join(home, "other.npmrc");
    await writeFile(other, "registry=https://other.example/\n");
    const o = await loadNpmOptions(project, { HOME: home, npm_config_userconfig: other });
    assert.equal(o["registry"], "https://other.example/");
    const d = await loadNpmOptions(project, { HOME: home });
    assert.equal(d["registry"], "https://registry.npmjs.org/");
    assert.equal(d["cache"], join(home, ".npm", "_cacache"));
    // npm's defaults: without them make-fetch-happen would retry 10 times.
    assert.equal(d["fetchRetries"], 2);
    assert.equal(d["fetchRetryMintimeout"], 10_000);
    assert.equal(d["timeout"], 300_000);
  }));

test("cafile is read into ca, as npm does", () =>
  withDirs(async (home, project) => {
    const pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----\n";
    await writeFile(join(home, "ca.pem"), pem);
    await writeFile(join(project, ".npmrc"), `cafile=${join(home, "ca.pem")}\n`);
    const o = await loadNpmOptions(project, { HOME: home });
    assert.deepEqual(o["ca"], ["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----"]);
    assert.equal(o["cafile"], undefined);
  }));

test("registryFor honours scopes; registryHost never shows credentials", () => {
  const o = { registry: "https://r.example/", "@acme:registry": "https://user:pw@acme.example:8443/npm/" };
  assert.equal(registryFor("semver", o), "https://r.example/");
  assert.equal(registryFor("@acme/x", o), "https://user:pw@acme.example:8443/npm/");
  assert.equal(registryHost(registryFor("@acme/x", o)), "acme.example:8443");
});
