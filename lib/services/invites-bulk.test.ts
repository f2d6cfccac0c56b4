import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "../../db/client";
import { emailOutbox, organizationInvites, organizations } from "../../db/schema";
import type { AuthUser } from "../auth/principal";
import { call, callAt, expectAppError, makeOrganization, sessionOf, uniqueEmail } from "../testing/fixtures";
import { bulkCreateInvites, createInvite, delegateInvite, listInvites } from "./invites";

const DAY = 86_400_000;
const HIGHER = "You cannot invite a user with a higher permission level than your own.";
const NO_MEMBER_INVITES = "Your organization does not allow members to invite. Ask an admin to invite this person.";

const bulk = (as: AuthUser, orgId: string, body: unknown) => call(bulkCreateInvites, sessionOf(as), body, orgId);
const delegate = (as: AuthUser, orgId: string, body: Record<string, unknown>) => call(delegateInvite, sessionOf(as), body, orgId);

async function invitesOf(orgId: string) {
  return (await getDb()).select().from(organizationInvites).where(eq(organizationInvites.organizationId, orgId));
}
async function outboxOf(orgId: string) {
  return (await getDb()).select().from(emailOutbox).where(eq(emailOutbox.organizationId, orgId)).orderBy(emailOutbox.createdAt);
}

describe("bulkCreateInvites", () => {
  test("201 with an array of invite objects in input order, one email each", async () => {
    const { org, owner } = await makeOrganization();
    const items = [uniqueEmail("b1"), uniqueEmail("b2"), uniqueEmail("b3")].map((target_email, i) => ({ target_email, level: [1, 8, 15][i] }));
    const created = await bulk(owner, org.id, items);
    assert.deepEqual(created.map((c) => [c.target_email, c.level]), items.map((i) => [i.target_email, i.level]));
    assert.ok(created.every((c) => c.created_by?.uuid === owner.uuid && c.emailing_attempt_made === false));
    assert.equal((await outboxOf(org.id)).length, 3);
  });

  test("a body that is not an array is 400 with the exact message", async () => {
    const { org, owner } = await makeOrganization();
    for (const body of [{ target_email: uniqueEmail() }, "x", null, 3]) {
      await expectAppError(bulk(owner, org.id, body), 400, "invalid_input", {
        detail: "This endpoint needs an array of data for bulk invite creation.",
        attr: null,
      });
    }
  });

  test("20 items are accepted; 21 are 400 max_length and create nothing", async () => {
    const { org, owner } = await makeOrganization();
    const items = (n: number) => Array.from({ length: n }, () => ({ target_email: uniqueEmail("many") }));
    await expectAppError(bulk(owner, org.id, items(21)), 400, "max_length", {
      detail: "A maximum of 20 invites can be sent in a single request.",
      attr: null,
    });
    assert.equal((await invitesOf(org.id)).length, 0);
    assert.equal((await bulk(owner, org.id, items(20))).length, 20);
  });

  test("atomic: one invalid item (null email, bad project access, an existing member) creates nothing and queues nothing", async () => {
    const { org, owner, members } = await makeOrganization([1]);
    const bad: unknown[] = [{ target_email: null }, { target_email: uniqueEmail(), private_project_access: [{ id: 1 }] }, { target_email: members[0].email }];
    for (const item of bad) {
      await assert.rejects(bulk(owner, org.id, [{ target_email: uniqueEmail("ok1") }, { target_email: uniqueEmail("ok2") }, item]), (err: { status?: number }) => err.status === 400);
    }
    assert.equal((await invitesOf(org.id)).length, 0);
    assert.equal((await outboxOf(org.id)).length, 0);
  });

  test("atomic: one item above the inviter's level is 403 and creates nothing", async () => {
    const { org, members } = await makeOrganization([1]);
    const items = [{ target_email: uniqueEmail() }, { target_email: uniqueEmail(), level: 8 }];
    await expectAppError(bulk(members[0], org.id, items), 403, "permission_denied", { detail: HIGHER, attr: null });
    assert.equal((await invitesOf(org.id)).length, 0);
    assert.equal((await outboxOf(org.id)).length, 0);
  });

  test("an item's error names its field; the error code is the item's", async () => {
    const { org, owner } = await makeOrganization();
    await expectAppError(bulk(owner, org.id, [{ target_email: uniqueEmail() }, { target_email: "nope" }]), 400, "invalid_input", {
      detail: "Enter a valid email address.",
    });
    await expectAppError(bulk(owner, org.id, [{ target_email: uniqueEmail(), level: 3 }]), 400, "invalid_choice");
  });

  test("a rule that refuses an item while creating it names the item too (the console points at the row)", async () => {
    const { org, owner, members } = await makeOrganization([1]);
    await expectAppError(bulk(owner, org.id, [{ target_email: uniqueEmail() }, { target_email: uniqueEmail() }, { target_email: members[0].email }]), 400, "invalid_input", {
      detail: "A user with this email address already belongs to the organization.",
      attr: "__2",
    });
  });

  test("members_can_invite off: a member's bulk request is 403", async () => {
    const { org, members } = await makeOrganization([1]);
    await (await getDb()).update(organizations).set({ membersCanInvite: false }).where(eq(organizations.id, org.id));
    await expectAppError(bulk(members[0], org.id, [{ target_email: uniqueEmail() }]), 403, "permission_denied", { detail: NO_MEMBER_INVITES });
    assert.equal((await invitesOf(org.id)).length, 0);
  });
});

describe("delegateInvite", () => {
  test("an admin delegates: 201 invite at level 8, flagged as a delegation, with its own email", async () => {
    const { org, members } = await makeOrganization([8]);
    const [admin] = members;
    const email = uniqueEmail("Setup");
    const created = await delegate(admin, org.id, { target_email: email, message: "Please finish the setup", step_at_delegation: "billing" });
    assert.equal(created.level, 8);
    assert.equal(created.target_email, email.toLowerCase());
    assert.equal(created.message, "Please finish the setup");
    assert.equal(created.created_by?.uuid, admin.uuid);
    assert.equal(created.is_expired, false);
    const [row] = await invitesOf(org.id);
    assert.equal(row.isSetupDelegation, true);
    assert.equal(row.createdById, admin.id);
    const mails = await outboxOf(org.id);
    assert.deepEqual(mails.map((m) => [m.kind, m.relatedId, m.replyTo]), [["invite_delegation", created.id, admin.email]]);
  });

  test("a member gets the level-ceiling 403; with members_can_invite off, the members_can_invite 403", async () => {
    const { org, members } = await makeOrganization([1]);
    await expectAppError(delegate(members[0], org.id, { target_email: uniqueEmail() }), 403, "permission_denied", { detail: HIGHER, attr: null });
    await (await getDb()).update(organizations).set({ membersCanInvite: false }).where(eq(organizations.id, org.id));
    await expectAppError(delegate(members[0], org.id, { target_email: uniqueEmail() }), 403, "permission_denied", { detail: NO_MEMBER_INVITES });
    assert.equal((await invitesOf(org.id)).length, 0);
  });

  test("a new delegation to another address deletes the caller's older one, and nobody else's invites", async () => {
    const { org, owner, members } = await makeOrganization([8]);
    const [admin] = members;
    const first = await delegate(owner, org.id, { target_email: uniqueEmail("first") });
    const plain = await call(createInvite, sessionOf(owner), { target_email: uniqueEmail("plain") }, org.id);
    const adminsDelegation = await delegate(admin, org.id, { target_email: uniqueEmail("admins") });
    const second = await delegate(owner, org.id, { target_email: uniqueEmail("second") });
    const ids = (await invitesOf(org.id)).map((i) => i.id).sort();
    assert.deepEqual(ids, [plain.id, adminsDelegation.id, second.id].sort());
    assert.ok(!ids.includes(first.id));
  });

  test("the same address again returns the same invite (201) and queues its email again", async () => {
    const { org, owner } = await makeOrganization();
    const email = uniqueEmail("same");
    const first = await delegate(owner, org.id, { target_email: email });
    const again = await delegate(owner, org.id, { target_email: email.toUpperCase() });
    assert.equal(again.id, first.id);
    assert.equal((await invitesOf(org.id)).length, 1);
    const mails = await outboxOf(org.id);
    assert.deepEqual(mails.map((m) => [m.kind, m.relatedId]), [["invite_delegation", first.id], ["invite_delegation", first.id]]);
    assert.equal(mails[1].text, mails[0].text, "the same link and content");
  });

  test("an expired delegation to the same address is replaced by a new invite", async () => {
    const { org, owner } = await makeOrganization();
    const email = uniqueEmail("late");
    const old = await callAt(delegateInvite, sessionOf(owner), { target_email: email }, org.id, new Date(Date.now() - 4 * DAY));
    const fresh = await delegate(owner, org.id, { target_email: email });
    assert.notEqual(fresh.id, old.id);
    assert.deepEqual((await call(listInvites, sessionOf(owner), {}, org.id)).results.map((i) => [i.id, i.is_expired]), [[fresh.id, false]]);
  });

  test("validation: target_email required and valid, message at most 1,000 characters, existing members refused", async () => {
    const { org, owner, members } = await makeOrganization([1]);
    await expectAppError(delegate(owner, org.id, {}), 400, "required", { attr: "target_email" });
    await expectAppError(delegate(owner, org.id, { target_email: "x" }), 400, "invalid_input", { detail: "Enter a valid email address.", attr: "target_email" });
    await expectAppError(delegate(owner, org.id, { target_email: uniqueEmail(), message: "m".repeat(1001) }), 400, "max_length", {
      detail: "Ensure this field has no more than 1000 characters.",
      attr: "message",
    });
    assert.equal((await delegate(owner, org.id, { target_email: uniqueEmail(), message: "m".repeat(1000) })).message?.length, 1000);
    await expectAppError(delegate(owner, org.id, { target_email: members[0].email }), 400, "invalid_input", {
      detail: "A user with this email address already belongs to the organization.",
    });
    const rows = await (await getDb()).select().from(organizationInvites).where(and(eq(organizationInvites.organizationId, org.id), inArray(organizationInvites.level, [8])));
    assert.equal(rows.length, 1);
  });
});
