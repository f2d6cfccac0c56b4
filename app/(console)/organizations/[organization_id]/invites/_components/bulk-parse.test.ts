import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ADMIN, MEMBER, OWNER } from "@/lib/auth/permissions";
import { batchProblem, erroredIndex, parseBulk } from "./bulk-parse";

describe("parseBulk", () => {
  test("reads pasted addresses and CSV rows, naming levels by number, label or role", () => {
    const rows = parseBulk("email,level,first_name\na@x.test, b@x.test\nc@x.test,administrator,Cy\nd@x.test,8\ne@x.test,Owner", OWNER);
    assert.deepEqual(
      rows.map((r) => [r.line, r.target_email, r.level, r.first_name, r.error]),
      [
        [2, "a@x.test", MEMBER, "", null],
        [2, "b@x.test", MEMBER, "", null],
        [3, "c@x.test", ADMIN, "Cy", null],
        [4, "d@x.test", ADMIN, "", null],
        [5, "e@x.test", OWNER, "", null],
      ],
    );
  });

  test("marks rows above the viewer's level, unknown level words, bad addresses and repeats", () => {
    const rows = parseBulk("a@x.test,owner\nb@x.test,boss\nnot-an-email,member\nc@x.test\nC@x.test\nd@x.test,constructor", ADMIN);
    assert.deepEqual(
      rows.map((r) => r.error),
      [
        "Above your own level.",
        "Unknown level “boss”: use member, admin or owner.",
        "Enter a valid email address.",
        null,
        "Listed twice.",
        "Unknown level “constructor”: use member, admin or owner.",
      ],
    );
  });

  test("batch limits and the row a bulk error names", () => {
    assert.equal(batchProblem(0), "Add at least one valid address.");
    assert.equal(batchProblem(3), null);
    assert.equal(erroredIndex("__4__target_email"), 4);
    assert.equal(erroredIndex(null), null);
  });
});
