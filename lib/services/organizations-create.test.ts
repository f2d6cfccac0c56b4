import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { activityLog, organizationMemberships, users } from "../../db/schema";
import { OWNER } from "../auth/permissions";
import { apiKeyOf, call, callAt, expectAppError, makeUser, sessionOf } from "../testing/fixtures";
import { createOrganization, listOrganizations } from "./organizations";

const hex = () => randomBytes(4).toString("hex");

async function userRow(id: number) {
  const [row] = await (await getDb()).select().from(users).where(eq(users.id, id));
  return row;
}

describe("createOrganization", () => {
  test("derives the slug from the name", async () => {
    const user = await makeUser();
    const tag = hex();
    const org = await call(createOrganization, sessionOf(user), { name: `  Acme Rockets ${tag}! ` });
    assert.equal(org.name, `Acme Rockets ${tag}!`);
    assert.equal(org.slug, `acme-rockets-${tag}`);
  });

  test("accents are dropped from the derived slug, not turned into hyphens", async () => {
    const user = await makeUser();
    const tag = hex();
    const org = await call(createOrganization, sessionOf(user), { name: `Crème Brûlée ${tag}` });
    assert.equal(org.slug, `creme-brulee-${tag}`);
  });

  test("a name with no usable character gets a slug all the same", async () => {
    const user = await makeUser();
    const org = await call(createOrganization, sessionOf(user), { name: "!!!" });
    assert.match(org.slug, /^organization(-[0-9a-f]{6})?$/);
  });

  test("a derived slug that is taken gets a random suffix", async () => {
    const user = await makeUser();
    const name = `Twin ${hex()}`;
    const first = await call(createOrganization, sessionOf(user), { name });
    const second = await call(createOrganization, sessionOf(user), { name });
    assert.equal(first.slug, name.toLowerCase().replace(" ", "-"));
    assert.match(second.slug, new RegExp(`^${first.slug}-[0-9a-f]{6}$`));
  });

  test("a long name's slug stays within 48 characters, suffix included", async () => {
    const user = await makeUser();
    const name = `${hex()}${"x".repeat(56)}`;
    const first = await call(createOrganization, sessionOf(user), { name });
    const second = await call(createOrganization, sessionOf(user), { name });
    assert.ok(first.slug.length <= 48 && second.slug.length <= 48, `${first.slug} / ${second.slug}`);
    assert.notEqual(first.slug, second.slug);
  });

  test("an explicit slug that is taken is 400 unique on slug", async () => {
    const user = await makeUser();
    const slug = `taken-${hex()}`;
    const org = await call(createOrganization, sessionOf(user), { name: "One", slug });
    assert.equal(org.slug, slug);
    await expectAppError(call(createOrganization, sessionOf(user), { name: "Two", slug }), 400, "unique", { attr: "slug" });
  });

  test("invalid input: name required, ≤64, slug lower-case [a-z0-9-] ≤48, booleans strict", async () => {
    const p = sessionOf(await makeUser());
    await expectAppError(call(createOrganization, p, {}), 400, "required", { attr: "name" });
    await expectAppError(call(createOrganization, p, { name: "   " }), 400, "blank", { attr: "name" });
    await expectAppError(call(createOrganization, p, { name: "x".repeat(65) }), 400, "max_length", { attr: "name" });
    await expectAppError(call(createOrganization, p, { name: "x", slug: "Upper" }), 400, "invalid_input", { attr: "slug" });
    await expectAppError(call(createOrganization, p, { name: "x", slug: "a".repeat(49) }), 400, "max_length", { attr: "slug" });
    await expectAppError(call(createOrganization, p, { name: "x", members_can_invite: "yes" }), 400, "invalid_input", {
      attr: "members_can_invite",
    });
  });

  test("the creator becomes owner and it becomes their current organization", async () => {
    const user = await makeUser();
    const org = await call(createOrganization, sessionOf(user), { name: `Mine ${hex()}` });
    assert.equal(org.membership_level, OWNER);
    assert.equal(org.member_count, 1);
    const db = await getDb();
    const [membership] = await db
      .select()
      .from(organizationMemberships)
      .where(and(eq(organizationMemberships.organizationId, org.id), eq(organizationMemberships.userId, user.id)));
    assert.equal(membership.level, OWNER);
    assert.equal((await userRow(user.id)).currentOrganizationId, org.id);
    const second = await call(createOrganization, apiKeyOf(user, ["organization:write"]), { name: `Next ${hex()}` });
    assert.equal((await userRow(user.id)).currentOrganizationId, second.id, "through an API key too");
  });

  test("from the admin CLI the current organization is not changed", async () => {
    const user = await makeUser();
    const org = await call(createOrganization, { kind: "cli", user }, { name: `Cli ${hex()}` });
    assert.equal(org.membership_level, OWNER);
    assert.equal((await userRow(user.id)).currentOrganizationId, null);
    const mine = await call(createOrganization, sessionOf(user), { name: `Own ${hex()}` });
    await call(createOrganization, { kind: "cli", user }, { name: `Cli ${hex()}` });
    assert.equal((await userRow(user.id)).currentOrganizationId, mine.id);
  });

  test("the response has the documented fields and defaults", async () => {
    const user = await makeUser();
    const org = await call(createOrganization, sessionOf(user), { name: `Shape ${hex()}`, members_can_invite: false });
    assert.deepEqual(Object.keys(org).sort(), [
      "allow_domain_discovery", "created_at", "enforce_2fa", "id", "is_ai_data_processing_approved", "is_member_join_email_enabled", "logo_media_id",
      "member_count", "members_can_create_projects", "members_can_invite", "members_can_use_personal_api_keys", "membership_level", "name", "slug", "updated_at",
    ]);
    assert.equal(org.members_can_invite, false);
    assert.equal(org.members_can_use_personal_api_keys, true);
    assert.equal(org.members_can_create_projects, false);
    assert.equal(org.allow_domain_discovery, false);
    assert.equal(org.is_member_join_email_enabled, true);
    assert.equal(org.enforce_2fa, null);
    assert.equal(org.logo_media_id, null);
    assert.match(org.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$/);
  });

  test("writes a created entry with every setting", async () => {
    const user = await makeUser();
    const org = await call(createOrganization, sessionOf(user), { name: `Audit ${hex()}` });
    const entries = await (await getDb()).select().from(activityLog).where(eq(activityLog.organizationId, org.id));
    assert.equal(entries.length, 1);
    assert.equal(entries[0].activity, "created");
    assert.equal(entries[0].scope, "Organization");
    assert.equal(entries[0].userId, user.id);
    const detail = entries[0].detail as { name: string; changes: Array<{ field: string; action: string; after: unknown }> };
    assert.equal(detail.name, org.name);
    assert.deepEqual(detail.changes.find((c) => c.field === "slug"), { type: "Organization", field: "slug", action: "created", before: null, after: org.slug });
  });

  test("listOrganizations returns only the caller's, oldest first, paginated", async () => {
    const user = await makeUser();
    // Created a second apart, so "oldest first" does not hang on ids.
    const a = await callAt(createOrganization, sessionOf(user), { name: `A ${hex()}` }, undefined, new Date(Date.now() - 2000));
    const b = await callAt(createOrganization, sessionOf(user), { name: `B ${hex()}` }, undefined, new Date(Date.now() - 1000));
    await call(createOrganization, sessionOf(await makeUser()), { name: `Other ${hex()}` });
    const page = await call(listOrganizations, sessionOf(user), {});
    assert.equal(page.count, 2);
    assert.deepEqual(page.results.map((o) => o.id), [a.id, b.id]);
    const second = await call(listOrganizations, sessionOf(user), { limit: "1", offset: "1" });
    assert.equal(second.count, 2);
    assert.deepEqual(second.results.map((o) => o.id), [b.id]);
  });
});
