import { test } from "node:test";
import assert from "node:assert/strict";
import { redactCredentials, resolveSubmoduleUrl, stripCredentials, validateGitUrl } from "../../src/vendor/git/url.js";
import { assertCommit, assertRef, pathProblem, refProblem } from "../../src/vendor/git/ref.js";
import { parseGitSpec } from "../../src/vendor/git/spec.js";
import { isVendorError } from "../../src/vendor/errors.js";

const refused = (fn: () => unknown, code: string) =>
  assert.throws(fn, (e: unknown) => isVendorError(e) && e.code === code && e.exitCode === 2);

test("accepts https, ssh, scp-like and file URLs", () => {
  assert.equal(validateGitUrl("https://github.com/o/r.git").protocol, "https");
  assert.equal(validateGitUrl("ssh://git@host.example/o/r.git").protocol, "ssh");
  assert.equal(validateGitUrl("git@github.com:o/r.git").protocol, "ssh");
  assert.equal(validateGitUrl("file:///tmp/repo").protocol, "file");
});

test("refuses transport helpers and other transports", () => {
  for (const u of ["ext::sh -c touch% /tmp/pwned", "fd::17", "foo::bar", "::x", "ftp://h/r", "rsync://h/r", "git://h/r", "http://h/r"]) {
    refused(() => validateGitUrl(u), "git-url-refused");
  }
});

test("plain http and git:// only to loopback and only behind TONIC_GIT_ALLOW_LOOPBACK", () => {
  const prev = process.env.TONIC_GIT_ALLOW_LOOPBACK;
  try {
    delete process.env.TONIC_GIT_ALLOW_LOOPBACK;
    refused(() => validateGitUrl("http://127.0.0.1:9/r.git"), "git-url-refused");
    process.env.TONIC_GIT_ALLOW_LOOPBACK = "1";
    assert.equal(validateGitUrl("http://127.0.0.1:9/r.git").protocol, "http");
    assert.equal(validateGitUrl("git://localhost/r.git").protocol, "git");
    refused(() => validateGitUrl("http://example.com/r.git"), "git-url-refused");
  } finally {
    if (prev === undefined) delete process.env.TONIC_GIT_ALLOW_LOOPBACK;
    else process.env.TONIC_GIT_ALLOW_LOOPBACK = prev;
  }
});

test("refuses anything that git or ssh would read as an option", () => {
  for (const u of [
    "-uhttps://x",
    "--upload-pack=touch /tmp/x",
    "ssh://-oProxyCommand=touch%20x/r",
    "-oProxyCommand=x:r",
    "git@-oProxyCommand=x:r",
    "host.example:-r",
    "https://host/-r",
    "file:///-rf",
  ]) {
    refused(() => validateGitUrl(u), "git-url-refused");
  }
});

test("refuses paths with '..' and control characters", () => {
  refused(() => validateGitUrl("file:///tmp/../etc"), "git-url-refused");
  refused(() => validateGitUrl("https://h/a/%2e%2e/b"), "git-url-refused");
  refused(() => validateGitUrl("host.example:a/../../b"), "git-url-refused");
  refused(() => validateGitUrl("https://h/r\nx"), "git-url-refused");
});

test("credentials are stripped for the lock and redacted from messages", () => {
  assert.equal(stripCredentials("https://user:tok@host/x"), "https://host/x");
  assert.equal(stripCredentials("https://tok@host/x.git"), "https://host/x.git");
  assert.equal(stripCredentials("ssh://git:pw@host/x"), "ssh://git@host/x");
  assert.equal(stripCredentials("ssh://git@host/x"), "ssh://git@host/x");
  assert.equal(validateGitUrl("https://user:tok@host/x").display, "https://host/x");
  assert.equal(validateGitUrl("https://user:tok@host/x").url, "https://user:tok@host/x");
  const msg = redactCredentials("fatal: unable to access 'https://user:s3cret@host/x/': 403");
  assert.equal(msg.includes("s3cret"), false);
  assert.equal(msg, "fatal: unable to access 'https://host/x/': 403");
  assert.equal(redactCredentials("ssh://git@host/x"), "ssh://git@host/x");
  const e = (() => {
    try {
      validateGitUrl("ext::https://user:s3cret@host/x");
    } catch (err) {
      return err as Error;
    }
    return undefined;
  })();
  assert.ok(e && !e.message.includes("s3cret"));
});

test("relative submodule URLs resolve against the superproject and are validated", () => {
  const parent = validateGitUrl("https://host/org/lib.git");
  assert.equal(resolveSubmoduleUrl(parent, "../dep.git").url, "https://host/org/dep.git");
  assert.equal(resolveSubmoduleUrl(parent, "./sub.git").url, "https://host/org/lib.git/sub.git");
  refused(() => resolveSubmoduleUrl(parent, "../../../../x"), "git-url-refused");
  refused(() => resolveSubmoduleUrl(parent, "ext::sh -c x"), "git-url-refused");
  refused(() => resolveSubmoduleUrl(parent, "-x"), "git-url-refused");
});

test("refs follow git check-ref-format and never start with '-'", () => {
  for (const ok of ["main", "v1.2.0", "feature/x", "release-1", "refs/tags/v1"]) assert.equal(refProblem(ok), undefined, ok);
  for (const bad of ["-x", "--upload-pack=x", "a..b", "a b", "a~1", "a^", "a:b", "a?", "a*", "a[", "a\\b", "/a", "a/", "a//b", "a.", ".a", "a/.b", "a.lock", "a/b.lock/c", "@", "a@{1}", "", "a\u0001"]) {
    assert.ok(refProblem(bad), bad);
  }
  refused(() => assertRef("-x"), "git-ref-refused");
});

test("commits must be full 40- or 64-hex ids", () => {
  assert.equal(assertCommit("a".repeat(40)), "a".repeat(40));
  assert.equal(assertCommit("b".repeat(64)), "b".repeat(64));
  for (const bad of ["abc123", "A".repeat(40), "a".repeat(41), "-".repeat(40), undefined]) refused(() => assertCommit(bad), "git-commit-invalid");
});

test("paths: no '..', no leading '-', no .git, not absolute", () => {
  assert.equal(pathProblem("vendor/lib"), undefined);
  assert.equal(pathProblem("@scope/name"), undefined);
  for (const bad of ["../x", "a/../b", "-x", "a/-x", "/abs", "a//b", "a/./b", ".git", "a/.GIT/b", "C:/x", "a\\b", ""]) assert.ok(pathProblem(bad), bad);
});

test("specs in npm's grammar", () => {
  const gh = parseGitSpec("lib", "github:owner/repo#v1.2.0");
  assert.equal(gh.remote.url, "https://github.com/owner/repo.git");
  assert.equal(gh.ref, "v1.2.0");
  const sv = parseGitSpec("lib", "git+https://host/r.git#semver:^1.2");
  assert.equal(sv.range, "^1.2");
  assert.equal(sv.ref, "semver:^1.2");
  const ssh = parseGitSpec("lib", "git+ssh://git@host/r.git#main");
  assert.equal(ssh.remote.protocol, "ssh");
  assert.equal(ssh.committish, "main");
  const c = "0123456789abcdef0123456789abcdef01234567";
  assert.equal(parseGitSpec("lib", `git+file:///tmp/r#${c}`).committish, c);
  assert.equal(parseGitSpec("lib", "git+https://host/r.git").ref, "HEAD");
  const creds = parseGitSpec("lib", "git+https://u:tok@host/r.git#main");
  assert.equal(creds.remote.display, "https://host/r.git");
});

test("hostile specs are refused before anything runs", () => {
  refused(() => parseGitSpec("lib", "git+ext::sh -c touch% /tmp/pwned"), "git-url-refused");
  refused(() => parseGitSpec("lib", "git+https://host/r.git#--upload-pack=touch"), "git-ref-refused");
  refused(() => parseGitSpec("lib", "git+https://host/r.git#a..b"), "git-ref-refused");
  refused(() => parseGitSpec("lib", "git+file:///tmp/../etc/r"), "git-url-refused");
  refused(() => parseGitSpec("lib", "git+ftp://host/r.git"), "git-url-refused");
  assert.throws(() => parseGitSpec("lib", "^1.2.3"), (e: unknown) => isVendorError(e) && e.code === "git-spec-invalid");
});
