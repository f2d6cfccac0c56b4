import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { apiDocument } from "./document";
import { constraints, fieldsOf, operationsByTag, typeTokens } from "./schema-view";

const text = (tokens: { text: string }[]) => tokens.map((t) => t.text).join("");

describe("reading the document for the reference page", () => {
  test("type names follow references, unions, arrays, enums and formats", () => {
    assert.equal(text(typeTokens({ anyOf: [{ $ref: "#/components/schemas/UserBasic" }, { type: "null" }] })), "UserBasic | null");
    assert.deepEqual(typeTokens({ $ref: "#/components/schemas/UserBasic" }), [{ text: "UserBasic", component: "UserBasic" }]);
    assert.equal(text(typeTokens({ type: "array", items: { $ref: "#/components/schemas/OrganizationInvite" } })), "OrganizationInvite[]");
    assert.equal(text(typeTokens({ type: ["boolean", "null"] })), "boolean | null");
    assert.equal(text(typeTokens({ type: "string", enum: ["exact", "similar"] })), '"exact" | "similar"');
    assert.equal(text(typeTokens({ type: "string", format: "uuid" })), "string (uuid)");
    assert.equal(text(typeTokens({})), "any");
    assert.deepEqual(constraints({ type: "string", maxLength: 30, default: "" }), ['Default "".', "At most 30 characters."]);
  });

  test("fields resolve the schema's reference; every operation sits under its tag", () => {
    const doc = apiDocument();
    const fields = fieldsOf(doc, { $ref: "#/components/schemas/OrganizationInvite" });
    assert.deepEqual(fields.find((f) => f.name === "created_by"), {
      name: "created_by",
      schema: { anyOf: [{ $ref: "#/components/schemas/UserBasic" }, { type: "null" }] },
      required: true,
    });
    const groups = operationsByTag(doc);
    assert.equal(groups.reduce((n, g) => n + g.operations.length, 0), Object.values(doc.paths).flatMap(Object.keys).length);
    assert.deepEqual(groups.find((g) => g.name === "Invites")?.operations.map((o) => o.operation.operationId).slice(0, 2), ["invites_list", "invites_create"]);
  });
});
