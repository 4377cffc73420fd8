import { test } from "node:test";
import assert from "node:assert/strict";
import { inject } from "../../src/tonic/inject.js";
import { marshaled } from "../../src/tonic/marshaled.js";
import { TrieServeMux } from "../../src/tonic/router/mux.js";

test("inject calls a mux, a handler, or a marshaled function without a socket", async () => {
  const mux = new TrieServeMux().handle("POST", "/echo/{id}", marshaled({}, ({ body, params }) => ({ body: { body, id: params["id"] } })));
  const r = await inject(mux, { method: "POST", url: "/echo/9", payload: { a: 1 } });
  assert.equal(r.statusCode, 200);
  assert.deepEqual(r.json(), { body: { a: 1 }, id: "9" });
  const h = await inject(mux.handler, "/nothing");
  assert.equal(h.statusCode, 404);
});

test("a throwing handler under inject is answered like the server would: a 500", async () => {
  const logged: unknown[] = [];
  const r = await inject(() => {
    throw new Error("x");
  }, "/", { onError: (e) => logged.push(e) });
  assert.equal(r.statusCode, 500);
  assert.equal(logged.length, 1);
});
