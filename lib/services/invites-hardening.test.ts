import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { organizationInvites } from "../../db/schema";
import { signInviteToken } from "../auth/invite-token";
import type { AuthUser } from "../auth/principal";
import { call, expectAppError, makeOrganization, makeUser, sessionOf } from "../testing/fixtures";
import { getAuthSecret } from "./instance";
import { acceptInvite, inspectInvite } from "./invite-accept";
import { createInvite } from "./invites";
import { removeMember } from "./members";

const invite = (as: AuthUser, orgId: string, body: Record<string, unknown>) => call(createInvite, sessionOf(as), body, orgId);
const tokenFor = async (inviteId: string) => signInviteToken(await getAuthSecret(await getDb()), inviteId, 1);
const rowOf = async (id: string) => (await (await getDb()).select().from(organizationInvites).where(eq(organizationInvites.id, id)))[0];

describe("combine_pending_invites", () => {
  test("a member re-inviting with combine keeps a pending admin invite's level: the ceiling applies to the level asked for", async () => {
    const { org, owner, members: [member] } = await makeOrganization([1]);
    const email = `Combine-${Date.now()}@Example.test`;
    await invite(owner, org.id, { target_email: email, level: 8 });
    const combined = await invite(member, org.id, { target_email: email, combine_pending_invites: true });
    assert.equal(combined.level, 8);
    await expectAppError(invite(member, org.id, { target_email: email, level: 8 }), 403, "permission_denied");
  });
});

describe("input is trimmed before it is checked", () => {
  test("target_email, first_name and message lose surrounding whitespace; the email is canonical", async () => {
    const { org, owner } = await makeOrganization();
    const created = await invite(owner, org.id, { target_email: "  First!Last@Bücher.example ", first_name: `  ${"a".repeat(30)}  `, message: "  Hi  " });
    assert.equal(created.target_email, "first!last@xn--bcher-kva.example");
    assert.equal(created.first_name, "a".repeat(30));
    assert.equal(created.message, "Hi");
  });
});

describe("accepted invitations are kept", () => {
  async function acceptedThenLeft() {
    const { org, owner } = await makeOrganization();
    const invitee = await makeUser("kept");
    const first = await invite(owner, org.id, { target_email: invitee.email });
    const token = await tokenFor(first.id);
    await call(acceptInvite, sessionOf(invitee), { token });
    await call(removeMember, sessionOf(invitee), { user__uuid: "@me" }, org.id);
    return { org, owner, invitee, first, token };
  }

  test("re-inviting someone who accepted and left leaves the used link saying 'already used'", async () => {
    const { org, owner, invitee, first, token } = await acceptedThenLeft();
    await invite(owner, org.id, { target_email: invitee.email.toUpperCase() });
    assert.ok((await rowOf(first.id))?.acceptedAt);
    assert.equal((await inspectInvite(token)).state, "used");
    await expectAppError(call(acceptInvite, sessionOf(invitee), { token }), 400, "invalid_input", { detail: "This invitation has already been used." });
  });

  test("accepting a newer invitation of the same address keeps the earlier accepted one", async () => {
    const { org, owner, invitee, first, token } = await acceptedThenLeft();
    const second = await invite(owner, org.id, { target_email: invitee.email });
    await call(acceptInvite, sessionOf(invitee), { token: await tokenFor(second.id) });
    assert.ok((await rowOf(first.id))?.acceptedAt);
    assert.equal((await inspectInvite(token)).state, "used");
  });
});
