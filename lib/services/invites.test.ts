import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { eq, inArray } from "drizzle-orm";
import { getDb } from "../../db/client";
import { emailOutbox, organizationInvites, organizationMemberships, organizations } from "../../db/schema";
import type { AuthUser } from "../auth/principal";
import { apiKeyOf, call, callAt, expectAppError, makeOrganization, makeProject, sessionOf, uniqueEmail, withEnv } from "../testing/fixtures";
import { createInvite, deleteInvite, listInvites, resendInvite } from "./invites";

const HIGHER = "You cannot invite a user with a higher permission level than your own.";
const DAY = 86_400_000;

const invite = (as: AuthUser, orgId: string, body: Record<string, unknown>) => call(createInvite, sessionOf(as), body, orgId);
const list = async (as: AuthUser, orgId: string) => (await call(listInvites, sessionOf(as), {}, orgId)).results;
const outboxOf = async (inviteIds: string[]) =>
  (await getDb()).select().from(emailOutbox).where(inArray(emailOutbox.relatedId, inviteIds)).orderBy(emailOutbox.createdAt);

describe("createInvite: the invite object", () => {
  test("201 shape: lower-cased email, defaults, created_by, no write-only fields; the email is held without a transport", async () => {
    const { org, owner } = await makeOrganization();
    const email = uniqueEmail("InViTee");
    const created = await invite(owner, org.id, { target_email: email });
    assert.deepEqual(Object.keys(created).sort(), [
      "created_at", "created_by", "emailing_attempt_made", "first_name", "id", "is_expired", "level", "message", "private_project_access", "target_email", "updated_at",
    ]);
    assert.equal(created.target_email, email.toLowerCase());
    assert.equal(created.first_name, "");
    assert.equal(created.level, 1);
    assert.equal(created.message, null);
    assert.deepEqual(created.private_project_access, []);
    assert.equal(created.is_expired, false);
    assert.equal(created.emailing_attempt_made, false);
    assert.equal(created.created_by?.uuid, owner.uuid);
    assert.equal(created.created_by?.email, owner.email);
    const [mail] = await outboxOf([created.id]);
    assert.equal(mail.status, "held");
    assert.equal(mail.kind, "invite");
    assert.equal(mail.toAddress, email.toLowerCase());
    assert.equal(mail.replyTo, owner.email);
  });

  test("private_project_access null is stored empty and returned as []; first_name and message are kept", async () => {
    const { org, owner } = await makeOrganization();
    const created = await invite(owner, org.id, { target_email: uniqueEmail(), private_project_access: null, first_name: "Ann", message: "Welcome!" });
    assert.deepEqual(created.private_project_access, []);
    assert.equal(created.first_name, "Ann");
    assert.equal(created.message, "Welcome!");
    const [row] = await (await getDb()).select().from(organizationInvites).where(eq(organizationInvites.id, created.id));
    assert.deepEqual(row.privateProjectAccess, []);
  });

  test("with a transport configured, emailing_attempt_made is true and the message waits for delivery", async () => {
    const { org, owner } = await makeOrganization();
    const created = await withEnv({ SMTP_URL: "smtp://127.0.0.1:9" }, () => invite(owner, org.id, { target_email: uniqueEmail() }));
    const quiet = await withEnv({ SMTP_URL: "smtp://127.0.0.1:9" }, () => invite(owner, org.id, { target_email: uniqueEmail(), send_email: false }));
    try {
      assert.equal(created.emailing_attempt_made, true);
      assert.equal(quiet.emailing_attempt_made, false);
      const mails = await outboxOf([created.id, quiet.id]);
      assert.deepEqual(mails.map((m) => [m.relatedId, m.status]), [[created.id, "pending"]]);
    } finally {
      await (await getDb()).delete(emailOutbox).where(inArray(emailOutbox.relatedId, [created.id, quiet.id]));
    }
  });

  test("send_email false queues nothing", async () => {
    const { org, owner } = await makeOrganization();
    const created = await invite(owner, org.id, { target_email: uniqueEmail(), send_email: false });
    assert.equal(created.emailing_attempt_made, false);
    assert.equal((await outboxOf([created.id])).length, 0);
  });
});

describe("createInvite: its checks in order, the first failure winning", () => {
  test("target_email missing is 400 required; null is refused too", async () => {
    const { org, members } = await makeOrganization([1]);
    await expectAppError(invite(members[0], org.id, { level: 8 }), 400, "required", { detail: "This field is required.", attr: "target_email" });
    await expectAppError(invite(members[0], org.id, { target_email: null }), 400, "null", { attr: "target_email" });
  });

  test("an invalid email is 400 invalid_input, before the level ceiling", async () => {
    const { org, members } = await makeOrganization([1]);
    for (const target_email of ["not-an-email", "a@", "@example.test", "a b@example.test"]) {
      await expectAppError(invite(members[0], org.id, { target_email, level: 15 }), 400, "invalid_input", {
        detail: "Enter a valid email address.",
        attr: "target_email",
      });
    }
  });

  test("an invalid level is 400 invalid_choice even when the ceiling would also refuse it", async () => {
    const { org, members } = await makeOrganization([1]);
    for (const level of [99, 2, "8"]) {
      await expectAppError(invite(members[0], org.id, { target_email: uniqueEmail(), level }), 400, "invalid_choice", {
        detail: `"${level}" is not a valid choice.`,
        attr: "level",
      });
    }
  });

  test("above the inviter's own level is 403 (member→admin, admin→owner); equal or lower is fine", async () => {
    const { org, owner, members } = await makeOrganization([1, 8]);
    const [member, admin] = members;
    await expectAppError(invite(member, org.id, { target_email: uniqueEmail(), level: 8 }), 403, "permission_denied", { detail: HIGHER, attr: null });
    await expectAppError(invite(admin, org.id, { target_email: uniqueEmail(), level: 15 }), 403, "permission_denied", { detail: HIGHER, attr: null });
    assert.equal((await invite(member, org.id, { target_email: uniqueEmail(), level: 1 })).level, 1);
    assert.equal((await invite(admin, org.id, { target_email: uniqueEmail(), level: 8 })).level, 8);
    assert.equal((await invite(owner, org.id, { target_email: uniqueEmail(), level: 15 })).level, 15);
    assert.equal((await list(owner, org.id)).length, 3);
  });

  test("the level ceiling comes before the project-access shape and the existing-member check", async () => {
    const { org, owner, members } = await makeOrganization([1]);
    await expectAppError(invite(members[0], org.id, { target_email: owner.email, level: 8, private_project_access: "bad" }), 403, "permission_denied", {
      detail: HIGHER,
    });
  });

  test("an existing member's address, in any case, is 400 with attr null", async () => {
    const { org, owner, members } = await makeOrganization([1]);
    for (const target_email of [members[0].email, members[0].email.toUpperCase(), owner.email]) {
      await expectAppError(invite(owner, org.id, { target_email }), 400, "invalid_input", {
        detail: "A user with this email address already belongs to the organization.",
        attr: null,
      });
    }
    assert.equal((await list(owner, org.id)).length, 0);
  });

  test("string limits: first_name 30, target_email 254, message 1,000 characters", async () => {
    const { org, owner } = await makeOrganization();
    await expectAppError(invite(owner, org.id, { target_email: uniqueEmail(), first_name: "f".repeat(31) }), 400, "max_length", {
      detail: "Ensure this field has no more than 30 characters.",
      attr: "first_name",
    });
    await expectAppError(invite(owner, org.id, { target_email: `${"a".repeat(64)}@${"b".repeat(190)}.test` }), 400, "max_length", { attr: "target_email" });
    await expectAppError(invite(owner, org.id, { target_email: uniqueEmail(), message: "m".repeat(1001) }), 400, "max_length", { attr: "message" });
    assert.equal((await invite(owner, org.id, { target_email: uniqueEmail(), first_name: "f".repeat(30), message: "m".repeat(1000) })).first_name.length, 30);
  });

  test("a key needs organization_member:write", async () => {
    const { org, owner } = await makeOrganization();
    await expectAppError(call(createInvite, apiKeyOf(owner, ["organization_member:read"]), { target_email: uniqueEmail() }, org.id), 403, "permission_denied", {
      detail: "API key missing required scope 'organization_member:write'",
    });
    assert.equal((await call(createInvite, apiKeyOf(owner, ["organization_member:write"]), { target_email: uniqueEmail() }, org.id)).level, 1);
  });
});

describe("members_can_invite", () => {
  test("off: a member gets the exact 403 before any validation; admins and owners still invite", async () => {
    const { org, owner, members } = await makeOrganization([1, 8]);
    await (await getDb()).update(organizations).set({ membersCanInvite: false }).where(eq(organizations.id, org.id));
    const body = { type: "authentication_error", code: "permission_denied", detail: "Your organization does not allow members to invite. Ask an admin to invite this person.", attr: null };
    await expectAppError(invite(members[0], org.id, { target_email: uniqueEmail() }), 403, "permission_denied", body);
    await expectAppError(invite(members[0], org.id, {}), 403, "permission_denied", body);
    assert.equal((await invite(members[1], org.id, { target_email: uniqueEmail() })).level, 1);
    assert.equal((await invite(owner, org.id, { target_email: uniqueEmail() })).level, 1);
  });
});

describe("one invite per address", () => {
  test("re-inviting the same address three times (any case) leaves exactly the last invite", async () => {
    const { org, owner } = await makeOrganization();
    const email = uniqueEmail("again");
    const first = await invite(owner, org.id, { target_email: email, level: 8 });
    await invite(owner, org.id, { target_email: email.toUpperCase(), level: 15 });
    const third = await invite(owner, org.id, { target_email: email, first_name: "Third" });
    const invites = await list(owner, org.id);
    assert.deepEqual(invites.map((i) => [i.id, i.level, i.first_name]), [[third.id, 1, "Third"]]);
    assert.notEqual(first.id, third.id);
  });

  test("combine_pending_invites takes the highest level and unites project access: new entries first, admin outranking member", async () => {
    const { org, owner } = await makeOrganization();
    const [p1, p2, p3] = [await makeProject(org.id), await makeProject(org.id), await makeProject(org.id)];
    const email = uniqueEmail("combine");
    await invite(owner, org.id, { target_email: email, level: 8, private_project_access: [{ id: p1.id, level: "admin" }, { id: p2.id, level: "member" }] });
    const combined = await invite(owner, org.id, {
      target_email: email,
      level: 1,
      combine_pending_invites: true,
      private_project_access: [{ id: p1.id, level: "member" }, { id: p3.id, level: "member" }],
    });
    assert.equal(combined.level, 8);
    assert.deepEqual(combined.private_project_access, [{ id: p1.id, level: "admin" }, { id: p3.id, level: "member" }, { id: p2.id, level: "member" }]);
    const upgraded = await invite(owner, org.id, {
      target_email: email,
      combine_pending_invites: true,
      private_project_access: [{ id: p2.id, level: "admin" }],
    });
    assert.deepEqual(upgraded.private_project_access, [{ id: p2.id, level: "admin" }, { id: p1.id, level: "admin" }, { id: p3.id, level: "member" }]);
    assert.deepEqual((await list(owner, org.id)).map((i) => i.id), [upgraded.id]);
  });

  test("expired invites are not combined, but are still replaced", async () => {
    const { org, owner } = await makeOrganization();
    const email = uniqueEmail("expired");
    await callAt(createInvite, sessionOf(owner), { target_email: email, level: 15 }, org.id, new Date(Date.now() - 4 * DAY));
    const fresh = await invite(owner, org.id, { target_email: email, level: 1, combine_pending_invites: true });
    assert.equal(fresh.level, 1);
    assert.deepEqual((await list(owner, org.id)).map((i) => i.id), [fresh.id]);
  });

  test("without combine_pending_invites the new request alone decides", async () => {
    const { org, owner } = await makeOrganization();
    const email = uniqueEmail();
    await invite(owner, org.id, { target_email: email, level: 15 });
    assert.equal((await invite(owner, org.id, { target_email: email, level: 1 })).level, 1);
  });
});

describe("listInvites and deleteInvite", () => {
  test("any member lists pending and expired invites, newest first; accepted ones are not listed", async () => {
    const { org, owner, members } = await makeOrganization([1]);
    const old = await callAt(createInvite, sessionOf(owner), { target_email: uniqueEmail("old") }, org.id, new Date(Date.now() - 4 * DAY));
    const mid = await callAt(createInvite, sessionOf(owner), { target_email: uniqueEmail("mid") }, org.id, new Date(Date.now() - DAY));
    const used = await invite(owner, org.id, { target_email: uniqueEmail("used") });
    const fresh = await invite(owner, org.id, { target_email: uniqueEmail("new") });
    await (await getDb()).update(organizationInvites).set({ acceptedAt: new Date() }).where(eq(organizationInvites.id, used.id));
    const page = await call(listInvites, sessionOf(members[0]), {}, org.id);
    assert.equal(page.count, 3);
    assert.deepEqual(page.results.map((i) => [i.id, i.is_expired]), [[fresh.id, false], [mid.id, false], [old.id, true]]);
  });

  test("an admin deletes an invite (204); a member gets 403; unknown, malformed, other org's and used ones are 404", async () => {
    const { org, owner, members } = await makeOrganization([1, 8]);
    const [member, admin] = members;
    const other = await makeOrganization();
    const mine = await invite(owner, org.id, { target_email: uniqueEmail() });
    const theirs = await invite(other.owner, other.org.id, { target_email: uniqueEmail() });
    const used = await invite(owner, org.id, { target_email: uniqueEmail() });
    await (await getDb()).update(organizationInvites).set({ acceptedAt: new Date() }).where(eq(organizationInvites.id, used.id));
    await expectAppError(call(deleteInvite, sessionOf(member), { id: mine.id }, org.id), 403, "permission_denied", {
      detail: "Your organization access level is insufficient.",
      attr: null,
    });
    for (const id of ["00000000-0000-4000-8000-000000000000", "nope", theirs.id, used.id]) {
      await expectAppError(call(deleteInvite, sessionOf(admin), { id }, org.id), 404, "not_found", { detail: "Not found." });
    }
    assert.equal(await call(deleteInvite, sessionOf(admin), { id: mine.id.toUpperCase() }, org.id), null);
    assert.equal((await list(owner, org.id)).length, 0);
    assert.equal((await list(other.owner, other.org.id)).length, 1);
  });
});

describe("resendInvite", () => {
  test("queues the email again with the same link; unknown ids are 404", async () => {
    const { org, owner } = await makeOrganization();
    const created = await invite(owner, org.id, { target_email: uniqueEmail() });
    const again = await call(resendInvite, sessionOf(owner), { id: created.id }, org.id);
    assert.equal(again.id, created.id);
    const mails = await outboxOf([created.id]);
    assert.equal(mails.length, 2);
    const link = (text: string) => text.match(/https?:\/\/\S+\/invites\/[\w-]+/)?.[0];
    assert.ok(link(mails[0].text));
    assert.equal(link(mails[1].text), link(mails[0].text));
    assert.notEqual(mails[1].messageId, mails[0].messageId);
    await expectAppError(call(resendInvite, sessionOf(owner), { id: "00000000-0000-4000-8000-000000000000" }, org.id), 404, "not_found");
    const [membership] = await (await getDb()).select().from(organizationMemberships).where(eq(organizationMemberships.organizationId, org.id));
    assert.equal(membership.level, 15, "resending changes no membership");
  });
});
