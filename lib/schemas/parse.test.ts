import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import { AppError } from "../errors";
import { jsonTypeName, parseInput } from "./parse";

/** The error body parseInput throws for this input, or a failure when it accepts it. */
function errorOf(schema: z.ZodType, input: unknown) {
  try {
    parseInput(schema, input);
  } catch (err) {
    assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`);
    assert.equal(err.status, 400);
    return err.body;
  }
  assert.fail(`expected ${JSON.stringify(input)} to be refused`);
}

const body = (code: string, detail: string, attr: string | null) => ({ type: "validation_error", code, detail, attr });

describe("parseInput: zod issues become the API's field errors", () => {
  const schema = z.object({
    name: z.string().min(1).max(5),
    flag: z.boolean().optional(),
    count: z.number().int().optional(),
    level: z.literal([1, 8, 15]).optional(),
    role: z.enum(["a", "b"]).optional(),
    email: z.email().optional(),
    id: z.uuid().optional(),
    tags: z.array(z.string()).min(1).max(2).optional(),
  });

  test("a missing field is required, with the field as attr", () => {
    assert.deepEqual(errorOf(schema, {}), body("required", "This field is required.", "name"));
  });

  test("null is the null code", () => {
    assert.deepEqual(errorOf(schema, { name: null }), body("null", "This field may not be null.", "name"));
  });

  test("a wrong JSON type is invalid_input with the field as attr", () => {
    assert.deepEqual(errorOf(schema, { name: 5 }), body("invalid_input", "Not a valid string.", "name"));
    assert.deepEqual(errorOf(schema, { name: "x", flag: "yes" }), body("invalid_input", "Must be a valid boolean.", "flag"));
    assert.deepEqual(errorOf(schema, { name: "x", flag: "1" }), body("invalid_input", "Must be a valid boolean.", "flag"));
    assert.deepEqual(errorOf(schema, { name: "x", count: "3" }), body("invalid_input", "A valid integer is required.", "count"));
    assert.deepEqual(errorOf(schema, { name: "x", count: 1.5 }), body("invalid_input", "A valid integer is required.", "count"));
  });

  test("a body of the wrong type names the Python type received", () => {
    assert.deepEqual(errorOf(schema, []), body("invalid_input", "Invalid data. Expected a dictionary, but got list.", null));
    assert.deepEqual(errorOf(schema, "text"), body("invalid_input", "Invalid data. Expected a dictionary, but got str.", null));
    assert.deepEqual(errorOf(schema, 3), body("invalid_input", "Invalid data. Expected a dictionary, but got int.", null));
    assert.deepEqual(
      errorOf(schema, { name: "x", tags: "a" }),
      body("invalid_input", 'Expected a list of items but got type "str".', "tags"),
    );
  });

  test("too long is max_length naming the maximum", () => {
    assert.deepEqual(errorOf(schema, { name: "abcdef" }), body("max_length", "Ensure this field has no more than 5 characters.", "name"));
    assert.deepEqual(
      errorOf(schema, { name: "x", tags: ["a", "b", "c"] }),
      body("max_length", "Ensure this field has no more than 2 elements.", "tags"),
    );
  });

  test("an empty required string is blank; an empty required list is invalid_input", () => {
    assert.deepEqual(errorOf(schema, { name: "" }), body("blank", "This field may not be blank.", "name"));
    assert.deepEqual(errorOf(z.object({ s: z.string().trim().min(1) }), { s: "   " }), body("blank", "This field may not be blank.", "s"));
    assert.deepEqual(errorOf(schema, { name: "x", tags: [] }), body("invalid_input", "This list may not be empty.", "tags"));
  });

  test("a value outside a literal or enum is invalid_choice quoting it", () => {
    assert.deepEqual(errorOf(schema, { name: "x", level: 3 }), body("invalid_choice", '"3" is not a valid choice.', "level"));
    assert.deepEqual(errorOf(schema, { name: "x", role: "z" }), body("invalid_choice", '"z" is not a valid choice.', "role"));
    const required = z.object({ kind: z.enum(["a", "b"]) });
    assert.deepEqual(errorOf(required, {}), body("required", "This field is required.", "kind"), "a missing choice is required");
  });

  test("formats: email and uuid", () => {
    assert.deepEqual(errorOf(schema, { name: "x", email: "nope" }), body("invalid_input", "Enter a valid email address.", "email"));
    assert.deepEqual(errorOf(schema, { name: "x", id: "nope" }), body("invalid_input", '"nope" is not a valid UUID.', "id"));
  });

  test("a custom issue keeps its message; params.code invalid_choice picks that code", () => {
    const custom = z.object({
      a: z.string().superRefine((v, ctx) => {
        if (v === "bad") ctx.addIssue({ code: "custom", message: "Bad value: bad" });
        if (v === "pick") ctx.addIssue({ code: "custom", message: "Pick another.", params: { code: "invalid_choice" } });
      }),
    });
    assert.deepEqual(errorOf(custom, { a: "bad" }), body("invalid_input", "Bad value: bad", "a"));
    assert.deepEqual(errorOf(custom, { a: "pick" }), body("invalid_choice", "Pick another.", "a"));
  });

  test("nested paths are joined with __", () => {
    const nested = z.object({ outer: z.object({ items: z.array(z.object({ label: z.string().max(3) })) }) });
    assert.equal(errorOf(nested, { outer: { items: [{ label: "ok" }, { label: "long" }] } }).attr, "outer__items__1__label");
    assert.equal(errorOf(nested, { outer: { items: [{}] } }).attr, "outer__items__0__label");
    assert.equal(errorOf(nested, { outer: [] }).detail, "Invalid data. Expected a dictionary, but got list.");
  });

  test("only the first problem is reported", () => {
    assert.equal(errorOf(schema, { flag: "no" }).attr, "name");
  });

  test("valid input is returned parsed", () => {
    assert.deepEqual(parseInput(schema, { name: "abc", flag: true, extra: 1 }), { name: "abc", flag: true });
  });
});

describe("jsonTypeName", () => {
  test("uses Python's names for JSON values", () => {
    assert.deepEqual(
      [null, [], "s", true, 1, 1.5, {}].map(jsonTypeName),
      ["NoneType", "list", "str", "bool", "int", "float", "dict"],
    );
  });
});
