import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { activityLog, jobs, organizationMemberships, users } from "../../db/schema";
import { ADMIN, MEMBER } from "../auth/permissions";
import { LEVEL_INSUFFICIENT } from "../errors";
import { apiKeyOf, call, expectAppError, makeOrganization, sessionOf } from "../testing/fixtures";
import { addMember } from "./admin";
import { DELETE_ORGANIZATION_JOB, purgeOrganization } from "./organization-delete";
import { createOrganization, deleteOrganization, getOrganization, updateOrganization } from "./organizations";

type Change = { type: string; field: string; action: string; before: unknown; after: unknown };

async function entries(organizationId: string, activity: string) {
  const db = await getDb();
  const rows = await db
    .select()
    .from(activityLog)
    .where(and(eq(activityLog.organizationId, organizationId), eq(activityLog.activity, activity)));
  return rows.map((r) => ({ ...r, detail: r.detail as { name: string; changes: Change[] } }));
}

describe("updateOrganization", () => {
  test("changes every setting and records each change with before and after", async () => {
    const { org, owner } = await makeOrganization();
    const slug = `renamed-${randomBytes(4).toString("hex")}`;
    const patch = {
      name: "Renamed",
      slug,
      enforce_2fa: true,
      members_can_invite: false,
      members_can_use_personal_api_keys: false,
      members_can_create_projects: true,
      is_member_join_email_enabled: false,
      is_ai_data_processing_approved: true,
    };
    const updated = await call(updateOrganization, sessionOf(owner, { mfa: true }), patch, org.id);
    for (const [field, value] of Object.entries(patch)) assert.equal(updated[field as keyof typeof updated], value, field);
    const again = await call(getOrganization, sessionOf(owner, { mfa: true }), {}, org.id);
    for (const [field, value] of Object.entries(patch)) assert.equal(again[field as keyof typeof again], value, field);

    const [entry] = await entries(org.id, "updated");
    assert.equal(entry.scope, "Organization");
    assert.equal(entry.itemId, org.id);
    assert.equal(entry.userId, owner.id);
    assert.equal(entry.detail.name, "Renamed");
    const byField = Object.fromEntries(entry.detail.changes.map((c) => [c.field, c]));
    assert.deepEqual(Object.keys(byField).sort(), Object.keys(patch).sort());
    assert.deepEqual(byField.name, { type: "Organization", field: "name", action: "changed", before: org.name, after: "Renamed" });
    assert.deepEqual(byField.slug, { type: "Organization", field: "slug", action: "changed", before: org.slug, after: slug });
    assert.deepEqual(byField.enforce_2fa, { type: "Organization", field: "enforce_2fa", action: "changed", before: null, after: true });
    assert.deepEqual(byField.members_can_invite, { type: "Organization", field: "members_can_invite", action: "changed", before: true, after: false });
  });

  test("is partial: only the supplied fields change and only they are recorded", async () => {
    const { org, owner } = await makeOrganization();
    const updated = await call(updateOrganization, sessionOf(owner), { members_can_invite: false }, org.id);
    assert.equal(updated.name, org.name);
    assert.equal(updated.slug, org.slug);
    assert.equal(updated.members_can_use_personal_api_keys, true);
    const [entry] = await entries(org.id, "updated");
    assert.deepEqual(entry.detail.changes.map((c) => c.field), ["members_can_invite"]);
  });

  test("no entry when nothing changed", async () => {
    const { org, owner } = await makeOrganization();
    await call(updateOrganization, sessionOf(owner), {}, org.id);
    await call(updateOrganization, sessionOf(owner), { name: org.name, members_can_invite: true }, org.id);
    assert.equal((await entries(org.id, "updated")).length, 0);
  });

  test("a nullable setting can be set back to null", async () => {
    const { org, owner } = await makeOrganization();
    await call(updateOrganization, sessionOf(owner), { is_ai_data_processing_approved: true }, org.id);
    const updated = await call(updateOrganization, sessionOf(owner), { is_ai_data_processing_approved: null }, org.id);
    assert.equal(updated.is_ai_data_processing_approved, null);
  });

  test("a slug taken by another organization is 400 unique on slug", async () => {
    const a = await makeOrganization();
    const b = await makeOrganization();
    await expectAppError(call(updateOrganization, sessionOf(b.owner), { slug: a.org.slug }, b.org.id), 400, "unique", { attr: "slug" });
    assert.equal((await call(getOrganization, sessionOf(b.owner), {}, b.org.id)).slug, b.org.slug);
  });

  test("an admin may update; a member may not", async () => {
    const { org, members } = await makeOrganization([ADMIN, MEMBER]);
    assert.equal((await call(updateOrganization, sessionOf(members[0]), { name: "By admin" }, org.id)).name, "By admin");
    assert.equal((await call(updateOrganization, sessionOf(members[0]), { name: "By admin" }, org.id)).membership_level, ADMIN);
    await expectAppError(call(updateOrganization, sessionOf(members[1]), { name: "x" }, org.id), 403, "permission_denied", { detail: LEVEL_INSUFFICIENT });
  });

  test("enforce_2fa from a session without a second factor is 400 two_factor_required on enforce_2fa", async () => {
    const { org, owner } = await makeOrganization();
    await expectAppError(call(updateOrganization, sessionOf(owner), { enforce_2fa: true }, org.id), 400, "two_factor_required", {
      detail: "Sign in with a second factor before requiring it for everyone.",
      attr: "enforce_2fa",
    });
    assert.equal((await call(getOrganization, sessionOf(owner), {}, org.id)).enforce_2fa, null);
    assert.equal((await call(updateOrganization, sessionOf(owner), { enforce_2fa: false }, org.id)).enforce_2fa, false);
    assert.equal((await call(updateOrganization, apiKeyOf(owner, ["*"]), { enforce_2fa: true }, org.id)).enforce_2fa, true);
  });
});

describe("deleteOrganization", () => {
  test("removes the memberships, clears current organizations and keeps the audit entry", async () => {
    const { org, owner, members } = await makeOrganization([MEMBER]);
    const db = await getDb();
    await db.update(users).set({ currentOrganizationId: org.id }).where(eq(users.id, members[0].id));
    const result = await call(deleteOrganization, sessionOf(owner), {}, org.id);
    assert.equal(result, null);
    await expectAppError(call(getOrganization, sessionOf(members[0]), {}, org.id), 404, "not_found", { detail: "Organization not found." });
    const [job] = await db.select().from(jobs).where(eq(jobs.uniqueKey, `${DELETE_ORGANIZATION_JOB}:${org.id}`));
    assert.deepEqual(job.payload, { organization_id: org.id });
    for (const id of [owner.id, members[0].id]) {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      assert.equal(row.currentOrganizationId, null);
    }
    const [entry] = await entries(org.id, "deleted");
    assert.equal(entry.scope, "Organization");
    assert.equal(entry.detail.name, org.name);
    assert.ok(entry.detail.changes.some((c) => c.field === "slug" && c.action === "deleted" && c.before === org.slug));
    await expectAppError(call(getOrganization, sessionOf(owner), {}, org.id), 404, "not_found", { detail: "Organization not found." });
    await purgeOrganization(db, org.id);
    const memberships = await db.select().from(organizationMemberships).where(eq(organizationMemberships.organizationId, org.id));
    assert.equal(memberships.length, 0);
  });

  test("another organization's current users are left alone", async () => {
    const a = await makeOrganization();
    const b = await makeOrganization();
    await call(deleteOrganization, sessionOf(a.owner), {}, a.org.id);
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, b.owner.id));
    assert.equal(row.currentOrganizationId, b.org.id);
  });

  test("only an owner may delete: an admin gets the level message", async () => {
    const { org, members } = await makeOrganization([ADMIN]);
    await expectAppError(call(deleteOrganization, sessionOf(members[0]), {}, org.id), 403, "permission_denied", { detail: LEVEL_INSUFFICIENT });
    await addMember(await getDb(), { organization_id: org.id, email: (await makeOrganization()).owner.email, level: 15 });
    const coOwner = await call(getOrganization, sessionOf(members[0]), {}, org.id);
    assert.equal(coOwner.member_count, 3);
  });

  test("the slug is free again once the organization is gone", async () => {
    const { org, owner } = await makeOrganization();
    await call(deleteOrganization, sessionOf(owner), {}, org.id);
    const again = await call(createOrganization, sessionOf(owner), { name: "Again", slug: org.slug });
    assert.equal(again.slug, org.slug);
  });
});
