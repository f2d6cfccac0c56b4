import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { organizationMemberships } from "../../db/schema";
import { apiKeyOf, call, expectAppError, makeOrganization, sessionOf } from "../testing/fixtures";
import { addMember, createUser, deactivateUser } from "./admin";
import { listMembers } from "./members";

/** A member with chosen names; the email is `<local>-<random>@example.test`. */
async function member(orgId: string, first: string, last: string, local = "person", level = 1) {
  const db = await getDb();
  const user = await createUser(db, { email: `${local}-${randomBytes(4).toString("hex")}@example.test`, first_name: first, last_name: last });
  await addMember(db, { organization_id: orgId, email: user.email, level });
  return user;
}

async function setJoined(orgId: string, userId: number, joinedAt: Date, updatedAt = joinedAt) {
  await (await getDb())
    .update(organizationMemberships)
    .set({ joinedAt, updatedAt })
    .where(and(eq(organizationMemberships.organizationId, orgId), eq(organizationMemberships.userId, userId)));
}

type Listed = { results: Array<{ user: { email: string }; search_match_type?: string }>; count: number };
const emails = (page: Listed) => page.results.map((m) => m.user.email);

describe("listMembers", () => {
  test("lists every active member with the member object's fields and no search_match_type", async () => {
    const { org, owner, members } = await makeOrganization([8, 1]);
    const page = await call(listMembers, sessionOf(members[1]), {}, org.id);
    assert.equal(page.count, 3);
    const mine = page.results.find((m) => m.user.uuid === owner.uuid)!;
    assert.deepEqual(Object.keys(mine).sort(), ["has_social_auth", "id", "is_2fa_enabled", "is_suspended", "joined_at", "last_login", "level", "updated_at", "user"]);
    assert.equal(mine.level, 15);
    assert.equal(mine.is_2fa_enabled, false);
    assert.equal(mine.has_social_auth, false);
    assert.equal(mine.last_login, null);
    assert.deepEqual(mine.user, {
      id: owner.id,
      uuid: owner.uuid,
      distinct_id: owner.distinctId,
      first_name: owner.firstName,
      last_name: owner.lastName,
      email: owner.email,
      is_email_verified: owner.isEmailVerified,
      hedgehog_config: null,
      role_at_organization: owner.roleAtOrganization,
    });
    assert.deepEqual(page.results.map((m) => m.level).sort((a, b) => a - b), [1, 8, 15]);
  });

  test("hides deactivated users from the list and its count", async () => {
    const { org, owner, members } = await makeOrganization([1, 1]);
    await deactivateUser(await getDb(), members[0].email);
    const page = await call(listMembers, sessionOf(owner), {}, org.id);
    assert.equal(page.count, 2);
    assert.deepEqual(emails(page).sort(), [owner.email, members[1].email].sort());
  });

  test("orders by -joined_at by default, joined_at on request, and ignores any other value", async () => {
    const { org, owner, members } = await makeOrganization([1, 1]);
    const base = Date.parse("2024-01-01T00:00:00Z");
    await setJoined(org.id, owner.id, new Date(base));
    await setJoined(org.id, members[0].id, new Date(base + 60_000));
    await setJoined(org.id, members[1].id, new Date(base + 120_000));
    const newest = [members[1].email, members[0].email, owner.email];
    assert.deepEqual(emails(await call(listMembers, sessionOf(owner), {}, org.id)), newest);
    assert.deepEqual(emails(await call(listMembers, sessionOf(owner), { order: "-joined_at" }, org.id)), newest);
    assert.deepEqual(emails(await call(listMembers, sessionOf(owner), { order: "joined_at" }, org.id)), [...newest].reverse());
    for (const order of ["level", "-email", "joined_at;drop", ""]) {
      assert.deepEqual(emails(await call(listMembers, sessionOf(owner), { order }, org.id)), newest, order);
    }
  });

  test("paginates with limit and offset", async () => {
    const { org, owner } = await makeOrganization([1, 1, 1]);
    const first = await call(listMembers, sessionOf(owner), { limit: "2" }, org.id);
    const second = await call(listMembers, sessionOf(owner), { limit: "2", offset: "2" }, org.id);
    assert.equal(first.count, 4);
    assert.equal(first.results.length, 2);
    assert.equal(second.results.length, 2);
    assert.equal(new Set([...emails(first), ...emails(second)]).size, 4);
  });

  test("email filters on one exact address, case-insensitively; a partial address matches nothing", async () => {
    const { org, owner, members } = await makeOrganization([1, 8]);
    const exact = await call(listMembers, sessionOf(owner), { email: members[0].email.toUpperCase() }, org.id);
    assert.deepEqual(emails(exact), [members[0].email]);
    const partial = await call(listMembers, sessionOf(owner), { email: members[0].email.slice(0, 10) }, org.id);
    assert.equal(partial.count, 0);
  });

  test("updated_after keeps memberships updated strictly later", async () => {
    const { org, owner, members } = await makeOrganization([1, 1]);
    await setJoined(org.id, owner.id, new Date("2024-01-01T00:00:00Z"));
    await setJoined(org.id, members[0].id, new Date("2024-01-01T00:00:00Z"), new Date("2024-03-01T00:00:00Z"));
    await setJoined(org.id, members[1].id, new Date("2024-01-01T00:00:00Z"), new Date("2024-02-01T00:00:00Z"));
    const page = await call(listMembers, sessionOf(owner), { updated_after: "2024-02-01T00:00:00Z" }, org.id);
    assert.deepEqual(emails(page), [members[0].email]);
    const all = await call(listMembers, sessionOf(owner), { updated_after: "2023-12-31" }, org.id);
    assert.equal(all.count, 3);
  });

  test("a key needs organization_member:read; a non-member gets 403", async () => {
    const { org, owner } = await makeOrganization();
    const outsider = (await makeOrganization()).owner;
    await expectAppError(call(listMembers, apiKeyOf(owner, ["organization:read"]), {}, org.id), 403, "permission_denied", {
      detail: "API key missing required scope 'organization_member:read'",
    });
    assert.equal((await call(listMembers, apiKeyOf(owner, ["organization_member:read"]), {}, org.id)).count, 1);
    await expectAppError(call(listMembers, sessionOf(outsider), {}, org.id), 403, "permission_denied", {
      detail: "You do not have permission to perform this action.",
      attr: null,
    });
  });
});

describe("listMembers search", () => {
  async function searchOrg() {
    const { org, owner } = await makeOrganization();
    const marguerite = await member(org.id, "Marguerite", "Okonkwo", "mo");
    const bart = await member(org.id, "Bartholomew", "Quint", "bq");
    const snake = await member(org.id, "Sam", "Lee", "snake_case");
    const percent = await member(org.id, "Growth", "100%", "gp");
    await setJoined(org.id, owner.id, new Date("2024-01-01T00:00:00Z"));
    return { org, owner, marguerite, bart, snake, percent };
  }
  const search = async (orgId: string, as: Parameters<typeof sessionOf>[0], query: string, extra: Record<string, string> = {}) =>
    (await call(listMembers, sessionOf(as), { search: query, ...extra }, orgId)) as unknown as Listed;

  test("a case-insensitive substring of the first name, last name, full name or email is an exact match", async () => {
    const { org, owner, marguerite } = await searchOrg();
    for (const q of ["MARGUER", "konkw", "guerite okon", marguerite.email.slice(0, 8).toUpperCase(), "  okonkwo  "]) {
      const page = await search(org.id, owner, q);
      assert.deepEqual(page.results.map((m) => [m.user.email, m.search_match_type]), [[marguerite.email, "exact"]], q);
      assert.equal(page.count, 1, q);
    }
  });

  test("a typo still finds the member, marked similar; unrelated members are not returned", async () => {
    const { org, owner, marguerite } = await searchOrg();
    const page = await search(org.id, owner, "Margeurite");
    assert.deepEqual(page.results.map((m) => [m.user.email, m.search_match_type]), [[marguerite.email, "similar"]]);
  });

  test("exact matches come before similar ones, whatever the order parameter says", async () => {
    const { org, owner } = await makeOrganization();
    const typo = await member(org.id, "Ada", "Okonkow", "ada");
    const exact = await member(org.id, "Marguerite", "Okonkwo", "mo");
    await setJoined(org.id, typo.id, new Date("2024-01-01T00:00:00Z"));
    await setJoined(org.id, exact.id, new Date("2024-06-01T00:00:00Z"));
    for (const order of ["joined_at", "-joined_at"]) {
      const page = await search(org.id, owner, "okonkwo", { order });
      assert.deepEqual(page.results.map((m) => [m.user.email, m.search_match_type]), [[exact.email, "exact"], [typo.email, "similar"]], order);
    }
  });

  test("whitespace-only or empty search is no filter, and the list carries no search_match_type", async () => {
    const { org, owner } = await searchOrg();
    for (const q of ["", "   ", "\t"]) {
      const page = await search(org.id, owner, q);
      assert.equal(page.count, 5, JSON.stringify(q));
      assert.ok(page.results.every((m) => !("search_match_type" in m)), JSON.stringify(q));
    }
  });

  test("more than 200 characters is 400 invalid_input on search; exactly 200 is allowed", async () => {
    const { org, owner } = await makeOrganization();
    await expectAppError(search(org.id, owner, "a".repeat(201)), 400, "invalid_input", {
      detail: "Search query must be 200 characters or fewer.",
      attr: "search",
    });
    assert.equal((await search(org.id, owner, "a".repeat(200))).count, 0);
  });

  test("LIKE wildcards % and _ are matched literally", async () => {
    const { org, owner, snake, percent } = await searchOrg();
    assert.deepEqual((await search(org.id, owner, "_")).results.map((m) => [m.user.email, m.search_match_type]), [[snake.email, "exact"]]);
    assert.deepEqual((await search(org.id, owner, "%")).results.map((m) => [m.user.email, m.search_match_type]), [[percent.email, "exact"]]);
    const hundred = await search(org.id, owner, "100%");
    assert.deepEqual(hundred.results.filter((m) => m.search_match_type === "exact").map((m) => m.user.email), [percent.email]);
    assert.equal((await search(org.id, owner, "M%e")).results.filter((m) => m.search_match_type === "exact").length, 0);
  });

  test("a NUL character is invalid input; quotes, backslashes and SQL-like input never fail", async () => {
    const { org, owner } = await searchOrg();
    for (const q of ["Margu\0erite", "\0"]) {
      await expectAppError(call(listMembers, sessionOf(owner), { search: q }, org.id), 400, "invalid_input", { detail: "Null characters are not allowed.", attr: "search" });
    }
    for (const q of ["'; drop table users; --", "\\", "\\%", "' or 1=1 --", '"', "<%", "%%%"]) {
      const page = await search(org.id, owner, q);
      assert.ok(Array.isArray(page.results), q);
    }
    assert.equal((await search(org.id, owner, "")).count, 5, "the table is still there");
  });

  test("search combines with the email filter", async () => {
    const { org, owner, marguerite, bart } = await searchOrg();
    assert.equal((await search(org.id, owner, "okonkwo", { email: bart.email })).count, 0);
    assert.deepEqual(emails(await search(org.id, owner, "okonkwo", { email: marguerite.email })), [marguerite.email]);
  });
});
