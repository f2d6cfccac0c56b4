import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { organizationMemberships, users } from "../../../db/schema";
import { defaultAdapters } from "../../adapters";
import type { AuthUser, Principal } from "../../auth/principal";
import { createUser } from "../admin";
import { apiKeyOf, call, expectAppError, makeOrganization, makeUser, sessionOf } from "../../testing/fixtures";
import { createDomain, updateDomain, verifyDomain } from "../domains";
import { createInvite } from "../invites";
import { execute } from "../operation";
import { Page } from "../page";
import { createServiceAccount } from "../service-accounts/manage";
import { createCustomDirectoryRole } from "./roles";
import { assignDirectoryRole } from "./roles-assignments";
import { addDirectoryMember, listDirectoryMembers, MAX_SUBJECT_IDS, removeDirectoryMember } from "./members";
import { joinDirectoryOrganization, leaveDirectoryOrganization } from "./members-join";

async function membershipOf(orgId: string, user: AuthUser) {
  const [row] = await (await getDb())
    .select()
    .from(organizationMemberships)
    .where(and(eq(organizationMemberships.organizationId, orgId), eq(organizationMemberships.userId, user.id)));
  return row ?? null;
}

/** An organization with a domain of its own, verified (by a DNS answer given here) or not, JIT on or off. */
async function organizationWithDomain({ verified, jit }: { verified: boolean; jit: boolean }) {
  const made = await makeOrganization();
  const domain = `d${randomBytes(4).toString("hex")}.example.test`;
  const created = await call(createDomain, sessionOf(made.owner), { domain }, made.org.id);
  if (verified) {
    const dns = { txt: async () => [[created.verification_challenge]] };
    await execute(verifyDomain, { db: await getDb(), principal: sessionOf(made.owner), organizationId: made.org.id, input: { id: created.id }, adapters: { ...defaultAdapters(), dns } });
    if (jit) await call(updateDomain, sessionOf(made.owner), { id: created.id, jit_provisioning_enabled: true }, made.org.id);
  }
  return { ...made, domain };
}

async function userAt(domain: string, verifiedEmail = true) {
  const db = await getDb();
  const user = await createUser(db, { email: `p${randomBytes(4).toString("hex")}@${domain}` });
  if (verifiedEmail) return user;
  const [unverified] = await db.update(users).set({ isEmailVerified: false }).where(eq(users.id, user.id)).returning();
  return unverified;
}

const join = (principal: Principal, orgId: string) => call(joinDirectoryOrganization, principal, {}, orgId);

describe("joining through the directory", () => {
  test("a verified address at a verified domain with JIT on joins as a member (source directory); joining again changes nothing", async () => {
    const { org, domain } = await organizationWithDomain({ verified: true, jit: true });
    const person = await userAt(domain);
    assert.equal(await join(apiKeyOf(person, ["directory:write"]), org.id), null);
    const row = await membershipOf(org.id, person);
    assert.deepEqual([row?.level, row?.source], [1, "directory"]);
    assert.equal(await join(sessionOf(person), org.id), null);
    assert.equal((await membershipOf(org.id, person))?.id, row?.id);
  });

  test("joins based on unverified domains or emails are refused, naming the condition that failed", async () => {
    const unverified = await organizationWithDomain({ verified: false, jit: false });
    await expectAppError(join(sessionOf(await userAt(unverified.domain)), unverified.org.id), 403, "permission_denied", {
      detail: `You cannot join this organization: you have no pending invitation to it, and this organization has not verified ${unverified.domain}.`,
    });
    const noJit = await organizationWithDomain({ verified: true, jit: false });
    await expectAppError(join(sessionOf(await userAt(noJit.domain)), noJit.org.id), 403, "permission_denied", {
      detail: `You cannot join this organization: you have no pending invitation to it, and this organization does not let people at ${noJit.domain} join by themselves (just-in-time provisioning is off).`,
    });
    const open = await organizationWithDomain({ verified: true, jit: true });
    const unverifiedEmail = await userAt(open.domain, false);
    await expectAppError(join(sessionOf(unverifiedEmail), open.org.id), 403, "permission_denied", {
      detail: "You cannot join this organization: you have no pending invitation to it, and your email address is not verified.",
    });
    assert.equal(await membershipOf(open.org.id, unverifiedEmail), null);
    const stranger = await makeUser("stranger");
    await expectAppError(join(sessionOf(stranger), open.org.id), 403, "permission_denied", {
      detail: "You cannot join this organization: you have no pending invitation to it, and example.test is not a domain of this organization.",
    });
    // A parent domain is not the domain.
    const sub = await userAt(`sub.${open.domain}`);
    await expectAppError(join(sessionOf(sub), open.org.id), 403, "permission_denied");
  });

  test("a pending invitation is accepted (at its level); someone who left cannot walk back in by domain; service accounts and scopes are refused", async () => {
    const { org, owner, domain } = await organizationWithDomain({ verified: true, jit: true });
    const invited = await makeUser("invited");
    await call(createInvite, sessionOf(owner), { target_email: invited.email, level: 8, send_email: false }, org.id);
    await join(sessionOf(invited), org.id);
    const row = await membershipOf(org.id, invited);
    assert.deepEqual([row?.level, row?.source], [8, "invite"]);

    const person = await userAt(domain);
    await join(sessionOf(person), org.id);
    await call(leaveDirectoryOrganization, sessionOf(person), {}, org.id);
    assert.equal(await membershipOf(org.id, person), null);
    await expectAppError(join(sessionOf(person), org.id), 403, "permission_denied", {
      detail: "You cannot join this organization: you have no pending invitation to it, and you left or were removed from this organization, so only a new invitation lets you back.",
    });

    const account = await call(createServiceAccount, sessionOf(owner), { name: "Bot", permissions: ["org.directory.list"] }, org.id);
    const machine: Principal = { kind: "service_account", user: null, organizationId: org.id, serviceAccount: { id: account.id, name: "Bot", clientId: account.client_id, permissions: ["org.directory.list"] } };
    await expectAppError(join(machine, org.id), 403, "permission_denied");
    await expectAppError(join(apiKeyOf(await userAt(domain), ["directory:read"]), org.id), 403, "permission_denied", { detail: "API key missing required scope 'directory:write'" });
  });
});

describe("leaving and removing", () => {
  test("leaving without a last-owner guard is impossible: the only owner gets 400 last_owner; owners cannot leave; members can", async () => {
    const { org, owner, members: [member, secondOwner] } = await makeOrganization([1, 15]);
    await expectAppError(call(leaveDirectoryOrganization, sessionOf(owner), {}, org.id), 400, "invalid_input", { detail: "Cannot leave the organization as its owner!" });
    await call(leaveDirectoryOrganization, sessionOf(member), {}, org.id);
    assert.equal(await membershipOf(org.id, member), null);
    const solo = await makeOrganization();
    await expectAppError(call(leaveDirectoryOrganization, sessionOf(solo.owner), {}, solo.org.id), 400, "last_owner", { detail: "An organization must keep at least one owner." });
    assert.ok(await membershipOf(solo.org.id, solo.owner));
    assert.ok(await membershipOf(org.id, secondOwner));
    await expectAppError(call(leaveDirectoryOrganization, sessionOf(member), {}, org.id), 403, "permission_denied", { detail: "Missing permission 'org.directory.list'." });
  });

  test("removal needs org.directory.members.delete, not the create permission, and follows the level rules", async () => {
    const { org, owner, members: [admin, member, other] } = await makeOrganization([8, 1, 1]);
    const creators = await call(createCustomDirectoryRole, sessionOf(owner), { name: "Adders", permissions: ["org.directory.members.create"] }, org.id);
    const memberRow = await membershipOf(org.id, member);
    await call(assignDirectoryRole, sessionOf(owner), { id: creators.id, membership_id: memberRow!.id }, org.id);
    const stranger = await makeUser("new");
    // The create permission adds...
    await call(addDirectoryMember, sessionOf(member), { subject_id: stranger.uuid }, org.id);
    assert.deepEqual([(await membershipOf(org.id, stranger))?.source], ["directory"]);
    // ...and never removes.
    await expectAppError(call(removeDirectoryMember, sessionOf(member), { subject_id: other.uuid }, org.id), 403, "permission_denied", { detail: "Missing permission 'org.directory.members.delete'." });
    const account = await call(createServiceAccount, sessionOf(owner), { name: "Adder", permissions: ["org.directory.members.create"] }, org.id);
    const adder: Principal = { kind: "service_account", user: null, organizationId: org.id, serviceAccount: { id: account.id, name: "Adder", clientId: account.client_id, permissions: ["org.directory.members.create"] } };
    await expectAppError(call(removeDirectoryMember, adder, { subject_id: other.uuid }, org.id), 403, "permission_denied", { detail: "Missing permission 'org.directory.members.delete'." });

    await expectAppError(call(removeDirectoryMember, sessionOf(admin), { subject_id: owner.uuid }, org.id), 403, "permission_denied", { detail: "You can only edit others with level lower or equal to you." });
    await call(removeDirectoryMember, sessionOf(admin), { subject_id: other.uuid }, org.id);
    assert.equal(await membershipOf(org.id, other), null);
    await expectAppError(call(removeDirectoryMember, sessionOf(admin), { subject_id: other.uuid }, org.id), 404, "not_found");
    await expectAppError(call(removeDirectoryMember, sessionOf(admin), { subject_id: "nope" }, org.id), 404, "not_found");
    await expectAppError(call(addDirectoryMember, sessionOf(admin), { subject_id: "00000000-0000-4000-8000-000000000000" }, org.id), 404, "not_found");
    // A service account with the removal permission acts as an administrator: never an owner.
    const remover: Principal = { ...adder, serviceAccount: { ...adder.serviceAccount, permissions: ["org.directory.members.delete"] } };
    await expectAppError(call(removeDirectoryMember, remover, { subject_id: owner.uuid }, org.id), 403, "permission_denied");
    await call(removeDirectoryMember, remover, { subject_id: stranger.uuid }, org.id);
    assert.equal(await membershipOf(org.id, stranger), null);
  });
});

describe("listing members", () => {
  test("subject ids, oldest first; expand=true pages member objects with roles and source; non-members refused", async () => {
    const { org, owner, members: [admin, member] } = await makeOrganization([8, 1]);
    const ids = await call(listDirectoryMembers, sessionOf(member), {}, org.id);
    assert.deepEqual(ids, [owner.uuid, admin.uuid, member.uuid]);
    const role = await call(createCustomDirectoryRole, sessionOf(owner), { name: "Auditors", permissions: ["org.directory.get"] }, org.id);
    await call(assignDirectoryRole, sessionOf(owner), { id: role.id, membership_id: (await membershipOf(org.id, admin))!.id }, org.id);
    const page = await call(listDirectoryMembers, sessionOf(member), { expand: "true", limit: "2", offset: "1" }, org.id);
    assert.ok(page instanceof Page);
    assert.equal(page.count, 3);
    assert.deepEqual(page.results.map((m) => [m.subject_id, m.email, m.roles, m.source]), [
      [admin.uuid, admin.email, ["admin", "Auditors"], "cli"],
      [member.uuid, member.email, ["member"], "cli"],
    ]);
    const stranger = (await makeOrganization()).owner;
    await expectAppError(call(listDirectoryMembers, sessionOf(stranger), {}, org.id), 403, "permission_denied", { detail: "Missing permission 'org.directory.list'." });
    assert.equal(MAX_SUBJECT_IDS, 10_000);
  });
});
