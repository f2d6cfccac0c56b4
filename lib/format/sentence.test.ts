import assert from "node:assert/strict";
import { test } from "node:test";
import { endSentence } from "./sentence";

test("a sentence ending in a name gets one full stop, never two", () => {
  assert.equal(endSentence("You left Acme"), "You left Acme.");
  assert.equal(endSentence("You left Acme Inc."), "You left Acme Inc.");
  assert.equal(endSentence("Welcome to Yahoo!"), "Welcome to Yahoo!");
});
