import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import { echo } from "../errors";
import { isoDateTime, MAX_LIMIT, paginationQuery, requiredText, text } from "./common";
import { parseInput } from "./parse";
import { createPersonalApiKeyInput } from "./personal-api-keys";

const errorOf = (schema: z.ZodType, input: unknown) => {
  try {
    parseInput(schema, input);
  } catch (err) {
    return (err as { body: unknown }).body;
  }
  throw new Error("expected the input to be refused");
};

describe("strings", () => {
  test("a NUL character is invalid input naming the field, in text and requiredText alike", () => {
    const nul = (attr: string) => ({ type: "validation_error", code: "invalid_input", detail: "Null characters are not allowed.", attr });
    assert.deepEqual(errorOf(z.object({ a: text() }), { a: "x\u0000y" }), nul("a"));
    assert.deepEqual(errorOf(z.object({ b: requiredText(5) }), { b: "\u0000" }), nul("b"));
  });

  test("the default maximum is 1,000 characters", () => {
    assert.equal(text().safeParse("x".repeat(1000)).success, true);
    assert.deepEqual(errorOf(z.object({ q: text() }), { q: "x".repeat(1001) }), {
      type: "validation_error",
      code: "max_length",
      detail: "Ensure this field has no more than 1000 characters.",
      attr: "q",
    });
  });
});

describe("paginationQuery", () => {
  test("a limit above 1,000 is 1,000; an invalid one is the default", () => {
    assert.equal(MAX_LIMIT, 1000);
    assert.deepEqual(paginationQuery.parse({ limit: "1000" }), { limit: 1000, offset: 0 });
    assert.deepEqual(paginationQuery.parse({ limit: "1001" }), { limit: 1000, offset: 0 });
    assert.deepEqual(paginationQuery.parse({ limit: "99999999999999999999" }), { limit: 100, offset: 0 });
    assert.deepEqual(paginationQuery.parse({ limit: "abc" }), { limit: 100, offset: 0 });
  });
});

describe("isoDateTime", () => {
  test("dates PostgreSQL and JavaScript both hold are accepted", () => {
    for (const v of ["0001-01-01", "2024-02-29", "2021-08-08T20:20:08Z", "2021-08-08T20:20:08.123+02:00", "9999-12-31T23:59:59Z"]) {
      assert.equal(isoDateTime.safeParse(v).success, true, v);
    }
  });

  test("year 0, days that do not exist, and moments before year 1 in UTC are refused", () => {
    for (const v of ["0000-01-01", "0000-12-31T23:59:59Z", "2021-02-30", "2023-02-29", "2021-13-01", "0001-01-01T00:30:00+01:00"]) {
      assert.equal(isoDateTime.safeParse(v).success, false, v);
    }
  });
});

describe("echo", () => {
  test("quotes at most 200 characters", () => {
    assert.equal(echo("x".repeat(1_000_000)), `${"x".repeat(199)}…`);
    assert.equal(echo("short"), "short");
    assert.equal(echo(8.5), "8.5");
    assert.equal(echo(null), "null");
  });

  test("does not recurse into deeply nested lists, nor call an object's own toString", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}1${"]".repeat(100_000)}`);
    assert.equal(echo(deep), "…");
    assert.equal(echo([1, [2, 3]]), String([1, [2, 3]]));
    assert.equal(echo({ toString: 1 }), "[object Object]");
  });
});

describe("personal API key scopes and organizations", () => {
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

  test("each scope and organization is kept once", () => {
    const parsed = createPersonalApiKeyInput.parse({ label: "k", scopes: ["*", "*", "user:read"], scoped_organizations: [id(1), id(1).toUpperCase()] });
    assert.deepEqual(parsed.scopes, ["*", "user:read"]);
    assert.deepEqual(parsed.scoped_organizations, [id(1)]);
  });

  test("more than 50 organizations is 400 max_length", () => {
    const many = Array.from({ length: 51 }, (_, i) => id(i));
    assert.deepEqual(errorOf(createPersonalApiKeyInput, { label: "k", scopes: ["*"], scoped_organizations: many }), {
      type: "validation_error",
      code: "max_length",
      detail: "Ensure this field has no more than 50 elements.",
      attr: "scoped_organizations",
    });
    assert.equal(createPersonalApiKeyInput.safeParse({ label: "k", scopes: ["*"], scoped_organizations: [...many.slice(0, 50), id(0)] }).success, true);
  });
});
