// plain-semver decides the common version/range shapes without loading semver or npm-package-arg; whatever it
// decides must be exactly what those libraries say. Generated inputs lean towards the edges: zeros, leading
// zeros, huge numbers, prereleases, the operators it knows and ones it must leave alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import npa from "npm-package-arg";
import semver from "semver";
import { isExactVersion, plainSatisfies, plainSpecType } from "../../src/vendor/plain-semver.js";

const part = fc.oneof(
  fc.constantFrom("0", "1", "2", "9", "10", "01", "00", "9007199254740991", "9007199254740992", "99999999999999999", "999999999999999", "1000000000000000", ""),
  fc.nat({ max: 30 }).map(String),
);
const version = fc.oneof(
  fc.tuple(part, part, part).map(([a, b, c]) => `${a}.${b}.${c}`),
  fc.tuple(part, part, part, fc.constantFrom("-0", "-01", "-alpha.1", "+build", "-rc.1+b", "-next-9.21", "-a..b", "-", "-x.01", "-1a", "-99999999999999999999", "--", "-Z.9")).map(([a, b, c, s]) => `${a}.${b}.${c}${s}`),
  fc.constantFrom("1.2", "v1.2.3", " 1.2.3", "1.2.3 ", "=1.2.3", "1.2.3.4", "x", ""),
);
const spec = fc.oneof(
  fc.tuple(fc.constantFrom("", "^", "~", ">=", "<", "=", "v", "~>", "^ "), version).map(([op, v]) => `${op}${v}`),
  fc.constantFrom("*", "", "latest", "1.x", "^1.2.3 || ^2.0.0", "1.2.3 - 2.0.0", "^0.0.0", "~0.0.0", "^0.0.1", "^0.1.0"),
);

test("isExactVersion agrees with semver.valid(v) === v", () => {
  fc.assert(
    fc.property(version, (v) => {
      assert.equal(isExactVersion(v), semver.valid(v) === v, v);
    }),
    { numRuns: 3000 },
  );
});

test("plainSatisfies, where it decides, agrees with semver.satisfies", () => {
  let decided = 0;
  fc.assert(
    fc.property(version, spec, (v, s) => {
      const mine = plainSatisfies(v, s);
      if (mine === undefined) return;
      decided++;
      assert.equal(mine, semver.satisfies(v, s), `${v} vs ${JSON.stringify(s)}`);
    }),
    { numRuns: 5000 },
  );
  assert.ok(decided > 150, `only ${decided} generated cases were decided by the fast path`);
});

test("plainSatisfies on hand-picked edges", () => {
  const cases: [string, string, boolean][] = [
    ["1.2.3", "^1.2.3", true],
    ["1.9.0", "^1.2.3", true],
    ["2.0.0", "^1.2.3", false],
    ["1.2.2", "^1.2.3", false],
    ["0.2.9", "^0.2.3", true],
    ["0.3.0", "^0.2.3", false],
    ["0.0.3", "^0.0.3", true],
    ["0.0.4", "^0.0.3", false],
    ["1.2.9", "~1.2.3", true],
    ["1.3.0", "~1.2.3", false],
    ["1.2.3", "1.2.3", true],
    ["1.2.4", "1.2.3", false],
    ["5.0.0", "*", true],
  ];
  for (const [v, s, want] of cases) {
    assert.equal(plainSatisfies(v, s), want, `${v} ${s}`);
    assert.equal(semver.satisfies(v, s), want, `semver: ${v} ${s}`);
  }
  assert.equal(plainSatisfies("1.2.3-rc.1", "^1.2.3"), undefined, "prereleases go to semver");
  assert.equal(plainSatisfies("1.2.3", ">=1.2.3"), undefined, "other operators go to semver");
});

const name = fc.oneof(
  fc.constantFrom("semver", "@scope/name", "JSONStream", "@Scope/X", "a", "node_modules", "favicon.ico", "Caps", ".dot", "_under", "a b", "@s/", "@/x", "x~y", "-x", "~x", "a".repeat(215), "ünï"),
  fc.stringMatching(/^(@[a-z0-9._~-]{1,5}\/)?[a-z0-9._~-]{1,8}$/),
);

test("plainSpecType, where it decides, agrees with npm-package-arg (which would not throw)", () => {
  let decided = 0;
  fc.assert(
    fc.property(name, spec, (n, s) => {
      const mine = plainSpecType(n, s);
      if (mine === undefined) return;
      decided++;
      assert.equal(mine, npa.resolve(n, s).type, `${n}@${JSON.stringify(s)}`);
    }),
    { numRuns: 5000 },
  );
  assert.ok(decided > 300, `only ${decided} generated cases were decided by the fast path`);
});
