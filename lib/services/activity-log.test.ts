import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ADMIN, MEMBER } from "../auth/permissions";
import { LEVEL_INSUFFICIENT } from "../errors";
import { apiKeyOf, call, callAt, expectAppError, makeOrganization, sessionOf } from "../testing/fixtures";
import { listActivityLog } from "./activity-log";
import { updateOrganization } from "./organizations";
import { Page } from "./page";

const T0 = Date.parse("2031-03-01T10:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

/** An organization with three updates by its owner at T0+1, +2 and +3 minutes (after its own "created" entry). */
async function withHistory() {
  const made = await makeOrganization([ADMIN, MEMBER]);
  const owner = sessionOf(made.owner);
  for (const [minute, name] of [[1, "One"], [2, "Two"], [3, "Three"]] as const) {
    await callAt(updateOrganization, owner, { name }, made.org.id, at(minute));
  }
  return made;
}

type Entry = { scope: string; activity: string; item_id: string; created_at: string; detail: { name: string }; user: { uuid: string } | null; is_system: boolean };

async function list(principal: ReturnType<typeof sessionOf>, orgId: string, input: Record<string, string> = {}) {
  const page = await call(listActivityLog, principal, input, orgId);
  assert.ok(page instanceof Page);
  return page as Page<Entry>;
}

describe("listActivityLog", () => {
  test("admins and owners only: a member gets the level message", async () => {
    const { org, owner, members } = await withHistory();
    await expectAppError(call(listActivityLog, sessionOf(members[1]), {}, org.id), 403, "permission_denied", { detail: LEVEL_INSUFFICIENT });
    assert.ok((await list(sessionOf(members[0]), org.id)).count > 0);
    assert.ok((await list(sessionOf(owner), org.id)).count > 0);
    await expectAppError(call(listActivityLog, apiKeyOf(owner, ["organization:read"]), {}, org.id), 403, "permission_denied", {
      detail: "API key missing required scope 'activity_log:read'",
    });
  });

  test("newest first, with the entry's shape", async () => {
    const { org, owner } = await withHistory();
    const page = await list(sessionOf(owner), org.id, { scope: "Organization", activity: "updated" });
    assert.deepEqual(page.results.map((e) => e.detail.name), ["Three", "Two", "One"]);
    const [newest] = page.results;
    assert.equal(newest.created_at, "2031-03-01T10:03:00Z");
    assert.equal(newest.item_id, org.id);
    assert.equal(newest.user?.uuid, owner.uuid);
    assert.equal(newest.is_system, false);
  });

  test("only this organization's entries", async () => {
    const a = await withHistory();
    const b = await makeOrganization();
    const page = await list(sessionOf(a.owner), a.org.id);
    assert.ok(page.results.every((e) => e.item_id !== b.org.id));
    assert.equal((await list(sessionOf(b.owner), b.org.id)).results.every((e) => e.item_id !== a.org.id), true);
  });

  test("filters: scope, activity, item_id, user, after, before", async () => {
    const { org, owner, members } = await withHistory();
    const p = sessionOf(owner);
    const memberships = await list(p, org.id, { scope: "OrganizationMembership" });
    assert.equal(memberships.count, 2);
    assert.ok(memberships.results.every((e) => e.scope === "OrganizationMembership" && e.user === null && e.is_system));
    assert.equal((await list(p, org.id, { activity: "updated" })).count, 3);
    assert.equal((await list(p, org.id, { item_id: org.id })).count, 4);
    assert.equal((await list(p, org.id, { user: owner.uuid })).count, 4);
    assert.equal((await list(p, org.id, { user: members[0].uuid })).count, 0);
    const window = await list(p, org.id, { after: at(1).toISOString(), before: at(3).toISOString() });
    assert.deepEqual(window.results.map((e) => e.detail.name), ["Two"]);
    assert.deepEqual((await list(p, org.id, { after: "2031-03-01T10:02:30+00:00" })).results.map((e) => e.detail.name), ["Three"]);
  });

  test("invalid filters are 400 on the field", async () => {
    const { org, owner } = await withHistory();
    await expectAppError(call(listActivityLog, sessionOf(owner), { user: "nope" }, org.id), 400, "invalid_input", { attr: "user" });
    await expectAppError(call(listActivityLog, sessionOf(owner), { after: "yesterday" }, org.id), 400, "invalid_input", { attr: "after" });
  });

  test("limit/offset pagination keeps the total count", async () => {
    const { org, owner } = await withHistory();
    const p = sessionOf(owner);
    const all = await list(p, org.id, { activity: "updated" });
    const page = await list(p, org.id, { activity: "updated", limit: "2", offset: "1" });
    assert.equal(page.count, 3);
    assert.deepEqual(page.pagination, { limit: 2, offset: 1 });
    assert.deepEqual(page.results.map((e) => e.detail.name), ["Two", "One"]);
    assert.equal(all.pagination.limit, 100);
    const fallback = await list(p, org.id, { activity: "updated", limit: "abc", offset: "-1" });
    assert.deepEqual(fallback.pagination, { limit: 100, offset: 0 });
  });
});
