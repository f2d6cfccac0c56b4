import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AppError } from "../errors";
import { apiKeyOf, call, makeOrganization, makeUser, sessionOf } from "../testing/fixtures";
import { getOrganization, updateOrganization } from "./organizations";

async function rejects(promise: Promise<unknown>, status: number, code: string, detail?: string) {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof AppError, `expected AppError, got ${String(err)}`);
    assert.equal(err.status, status);
    assert.equal(err.body.code, code);
    if (detail) assert.equal(err.body.detail, detail);
    return true;
  });
}

describe("organization pipeline", () => {
  test("a member reads the organization through @current", async () => {
    const { org, owner } = await makeOrganization();
    const got = await call(getOrganization, sessionOf(owner), {}, "@current");
    assert.equal((got as { id: string }).id, org.id);
  });

  test("a non-member gets 403 and a malformed id 404", async () => {
    const { org } = await makeOrganization();
    const stranger = await makeUser("stranger");
    await rejects(call(getOrganization, sessionOf(stranger), {}, org.id), 403, "permission_denied");
    await rejects(call(getOrganization, sessionOf(stranger), {}, "not-a-uuid"), 404, "not_found", "Organization not found.");
  });

  test("a key without the scope is refused before membership is looked at", async () => {
    const { org, owner } = await makeOrganization();
    await rejects(
      call(updateOrganization, apiKeyOf(owner, ["organization:read"]), { name: "x" }, org.id),
      403,
      "permission_denied",
      "API key missing required scope 'organization:write'",
    );
  });
});
