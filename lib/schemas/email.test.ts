import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import { canonicalEmail, emailAddress, emailInput } from "./common";
import { parseInput } from "./parse";

const schema = z.object({ target_email: emailInput });
const errorOf = (value: unknown) => {
  try {
    parseInput(schema, { target_email: value });
  } catch (err) {
    return (err as { body: unknown }).body;
  }
  return null;
};

describe("email addresses: one rule, one canonical form", () => {
  test("RFC 5322 dot-atom local parts are accepted and lower-cased; surrounding whitespace is dropped", () => {
    assert.equal(canonicalEmail("first!last@example.com"), "first!last@example.com");
    assert.equal(canonicalEmail("  O'Brien+Tag@Example.COM \n"), "o'brien+tag@example.com");
    assert.equal(canonicalEmail("a#b$c%d&e*f/g=h?i^j_k`l{m|n}o~p-q@example.com"), "a#b$c%d&e*f/g=h?i^j_k`l{m|n}o~p-q@example.com");
  });

  test("internationalised domains are stored in their IDNA ASCII form, whatever case or width was typed", () => {
    for (const typed of ["user@bücher.example", "USER@BÜCHER.EXAMPLE", "user@xn--bcher-kva.example", " user@Bücher.Example "]) {
      assert.equal(canonicalEmail(typed), "user@xn--bcher-kva.example", typed);
    }
    assert.equal(canonicalEmail("a@ｅｘａｍｐｌｅ.com"), "a@example.com");
  });

  test("not addresses: no domain dot, an IP, bad dots, quoted or non-ASCII local parts, ports, spaces, too long", () => {
    const bad = [
      "", "nope", "@example.com", "a@", "a@b", "a@localhost", "a@1.2.3.4", "a..b@example.com", ".a@example.com", "a.@example.com",
      "a@example.com.", "a@-x.example", "a@x_y.example", "a@exa mple.com", '"q"@example.com', "ü@example.com", "a@example.com:25",
      "a@example.com/x", "a@b@example.com", `${"a".repeat(65)}@example.com`, `a@${"b".repeat(64)}.com`, `a@${"b.".repeat(126)}com`,
    ];
    for (const value of bad) assert.equal(canonicalEmail(value), null, value);
  });

  test("the input schema: trimmed, then at most 254 characters, then valid; the API's messages", () => {
    assert.deepEqual(parseInput(schema, { target_email: "  Ann@Example.com " }), { target_email: "ann@example.com" });
    assert.deepEqual(errorOf("nope"), { type: "validation_error", code: "invalid_input", detail: "Enter a valid email address.", attr: "target_email" });
    assert.deepEqual(errorOf(`   ${"a".repeat(60)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.com   `), null);
    assert.deepEqual(errorOf(`${"a".repeat(250)}@x.com`), {
      type: "validation_error",
      code: "max_length",
      detail: "Ensure this field has no more than 254 characters.",
      attr: "target_email",
    });
    assert.deepEqual(errorOf(null), { type: "validation_error", code: "null", detail: "This field may not be null.", attr: "target_email" });
  });

  test("every canonical address passes the response schema", () => {
    for (const typed of ["first!last@example.com", "user@bücher.example", "x@a-b.example.test"]) {
      assert.ok(emailAddress.safeParse(canonicalEmail(typed)).success, typed);
    }
  });
});
