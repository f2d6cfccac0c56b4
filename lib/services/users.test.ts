import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { users } from "../../db/schema";
import { MEMBER } from "../auth/permissions";
import { apiKeyOf, call, expectAppError, makeOrganization, makeUser, sessionOf } from "../testing/fixtures";
import { addMember } from "./admin";
import { getOrganization } from "./organizations";
import { getMe, updateMe } from "./users";

async function fresh(id: number) {
  const [row] = await (await getDb()).select().from(users).where(eq(users.id, id));
  return row;
}

describe("users: @me", () => {
  test("answers for @me and the caller's own uuid only", async () => {
    const user = await makeUser();
    const other = await makeUser();
    assert.equal((await call(getMe, sessionOf(user), { user_id: "@me" })).uuid, user.uuid);
    assert.equal((await call(getMe, sessionOf(user), { user_id: user.uuid.toUpperCase() })).email, user.email);
    for (const id of [other.uuid, randomUUID(), "nope"]) {
      await expectAppError(call(getMe, sessionOf(user), { user_id: id }), 404, "not_found", { detail: "Not found." });
    }
  });

  test("set_current_organization switches @current to an organization the user belongs to", async () => {
    const first = await makeOrganization();
    const second = await makeOrganization();
    const user = await makeUser();
    const db = await getDb();
    await addMember(db, { organization_id: first.org.id, email: user.email, level: MEMBER });
    await addMember(db, { organization_id: second.org.id, email: user.email, level: MEMBER });
    const me = await call(updateMe, sessionOf(user), { user_id: "@me", set_current_organization: second.org.id });
    assert.equal(me.organization?.id, second.org.id);
    assert.deepEqual(me.organizations.map((o) => o.id), [first.org.id, second.org.id]);
    const row = await fresh(user.id);
    assert.equal(row.currentOrganizationId, second.org.id);
    assert.equal((await call(getOrganization, sessionOf(row), {}, "@current")).id, second.org.id);
  });

  test("set_current_organization to an organization the user is not in is 400 on that field", async () => {
    const { org } = await makeOrganization();
    const user = await makeUser();
    for (const target of [org.id, randomUUID(), "nope"]) {
      await expectAppError(call(updateMe, sessionOf(user), { user_id: "@me", set_current_organization: target }), 400, "invalid_input", {
        attr: "set_current_organization",
      });
    }
    assert.equal((await fresh(user.id)).currentOrganizationId, null);
  });

  test("set_current_organization longer than 1,000 characters is 400 max_length", async () => {
    const user = await makeUser();
    await expectAppError(call(updateMe, sessionOf(user), { user_id: "@me", set_current_organization: "a".repeat(1001) }), 400, "max_length", {
      detail: "Ensure this field has no more than 1000 characters.",
      attr: "set_current_organization",
    });
  });

  test("names are trimmed and limited to 150 characters; role_at_organization is a choice", async () => {
    const user = await makeUser();
    const me = await call(updateMe, sessionOf(user), { user_id: "@me", first_name: "  Grace ", role_at_organization: "engineering" });
    assert.equal(me.first_name, "Grace");
    assert.equal(me.role_at_organization, "engineering");
    await expectAppError(call(updateMe, sessionOf(user), { user_id: "@me", last_name: "x".repeat(151) }), 400, "max_length", { attr: "last_name" });
    await expectAppError(call(updateMe, sessionOf(user), { user_id: "@me", role_at_organization: "wizard" }), 400, "invalid_choice", {
      attr: "role_at_organization",
    });
  });

  test("keys need user:read / user:write", async () => {
    const user = await makeUser();
    await expectAppError(call(getMe, apiKeyOf(user, ["organization:read"]), { user_id: "@me" }), 403, "permission_denied", {
      detail: "API key missing required scope 'user:read'",
    });
    await expectAppError(call(updateMe, apiKeyOf(user, ["user:read"]), { user_id: "@me", first_name: "x" }), 403, "permission_denied", {
      detail: "API key missing required scope 'user:write'",
    });
    assert.equal((await call(updateMe, apiKeyOf(user, ["user:write"]), { user_id: "@me", first_name: "Key" })).first_name, "Key");
  });
});
