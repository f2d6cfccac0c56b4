import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { iso } from "./serialize";

describe("iso()", () => {
  test("whole seconds end in Z with no fraction", () => {
    assert.equal(iso(new Date("2021-08-08T20:20:08.000Z")), "2021-08-08T20:20:08Z");
  });

  test("a non-zero fraction is written as microseconds", () => {
    assert.equal(iso(new Date("2021-08-08T20:20:08.123Z")), "2021-08-08T20:20:08.123000Z");
    assert.equal(iso(new Date("2021-08-08T20:20:08.005Z")), "2021-08-08T20:20:08.005000Z");
    assert.equal(iso(new Date("2021-08-08T20:20:08.100Z")), "2021-08-08T20:20:08.100000Z");
  });

  test("is always UTC, whatever offset the date was made with", () => {
    assert.equal(iso(new Date("2021-08-08T22:20:08+02:00")), "2021-08-08T20:20:08Z");
  });

  test("null stays null", () => {
    assert.equal(iso(null), null);
  });
});
