import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { activityLog, organizationMemberships, sessions, users } from "../../db/schema";
import { expectAppError, makeOrganization, makeSession, makeUser, uniqueEmail } from "../testing/fixtures";
import { addMember, createUser, deactivateUser, findUserByEmail } from "./admin";

describe("admin: createUser", () => {
  test("lower-cases and trims the email, and keeps the names", async () => {
    const email = uniqueEmail("Mixed").replace("@example.test", "@Example.TEST");
    const user = await createUser(await getDb(), { email, first_name: " Ada ", last_name: "Lovelace" });
    assert.equal(user.email, email.toLowerCase());
    assert.equal(user.firstName, "Ada");
    assert.equal(user.lastName, "Lovelace");
    assert.equal(user.isActive, true);
    assert.ok(user.distinctId.length >= 16);
    assert.equal((await findUserByEmail(await getDb(), email.toUpperCase()))?.id, user.id);
  });

  test("refuses a duplicate email whatever its case: 400 unique on email", async () => {
    const email = uniqueEmail("dup");
    await createUser(await getDb(), { email });
    for (const again of [email, email.toUpperCase()]) {
      await expectAppError(createUser(await getDb(), { email: again }), 400, "unique", { attr: "email" });
    }
    const rows = await (await getDb()).select().from(users).where(eq(users.email, email));
    assert.equal(rows.length, 1);
  });

  test("refuses an invalid or missing email", async () => {
    await expectAppError(createUser(await getDb(), { email: "not-an-email" }), 400, "invalid_input", {
      detail: "Enter a valid email address.",
      attr: "email",
    });
    await expectAppError(createUser(await getDb(), {} as never), 400, "required", { attr: "email" });
  });

  test("writes a system audit entry", async () => {
    const user = await createUser(await getDb(), { email: uniqueEmail() });
    const [entry] = await (await getDb()).select().from(activityLog).where(and(eq(activityLog.itemId, user.uuid), eq(activityLog.scope, "User")));
    assert.equal(entry.activity, "created");
    assert.equal(entry.isSystem, true);
    assert.equal(entry.userId, null);
  });
});

describe("admin: deactivateUser", () => {
  test("marks the user inactive and deletes their sessions at once", async () => {
    const user = await makeUser();
    const bystander = await makeUser();
    await makeSession(user);
    await makeSession(user, { mfa: true });
    await makeSession(bystander);
    const db = await getDb();
    const updated = await deactivateUser(db, user.email.toUpperCase());
    assert.equal(updated.isActive, false);
    assert.equal((await db.select().from(sessions).where(eq(sessions.userId, user.id))).length, 0);
    assert.equal((await db.select().from(sessions).where(eq(sessions.userId, bystander.id))).length, 1);
    const [entry] = await db.select().from(activityLog).where(and(eq(activityLog.itemId, user.uuid), eq(activityLog.activity, "deactivated")));
    assert.ok(entry);
  });

  test("an unknown email is 400 on email", async () => {
    await expectAppError(deactivateUser(await getDb(), uniqueEmail("ghost")), 400, "invalid_input", { attr: "email" });
  });
});

describe("admin: addMember", () => {
  test("adds a member at a level; a second membership is refused", async () => {
    const { org } = await makeOrganization();
    const user = await makeUser();
    const db = await getDb();
    const added = await addMember(db, { organization_id: org.id, email: user.email, level: 8 });
    assert.equal(added.level, 8);
    assert.deepEqual(added.user, { uuid: user.uuid, email: user.email });
    await expectAppError(addMember(db, { organization_id: org.id, email: user.email.toUpperCase(), level: 1 }), 400, "invalid_input", {
      detail: "A user with this email address already belongs to the organization.",
    });
    const rows = await db
      .select()
      .from(organizationMemberships)
      .where(and(eq(organizationMemberships.organizationId, org.id), eq(organizationMemberships.userId, user.id)));
    assert.deepEqual(rows.map((r) => r.level), [8]);
  });

  test("refuses a level other than 1, 8 or 15, an unknown organization and an unknown user", async () => {
    const { org } = await makeOrganization();
    const user = await makeUser();
    const db = await getDb();
    for (const level of [3, "8", 0, null]) {
      await assert.rejects(addMember(db, { organization_id: org.id, email: user.email, level }), (err: { status?: number; body?: { attr: string } }) => {
        assert.equal(err.status, 400);
        assert.equal(err.body?.attr, "level");
        return true;
      });
    }
    for (const id of [randomUUID(), "nope"]) {
      await expectAppError(addMember(db, { organization_id: id, email: user.email, level: 1 }), 404, "not_found", { detail: "Organization not found." });
    }
    await expectAppError(addMember(db, { organization_id: org.id, email: uniqueEmail("ghost"), level: 1 }), 400, "invalid_input", { attr: "email" });
  });
});
