import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { getDb } from "../../db/client";
import { signInviteToken } from "../auth/invite-token";
import { call, expectAppError, makeOrganization, makeUser, sessionOf } from "../testing/fixtures";
import { getAuthSecret } from "./instance";
import { acceptInvite } from "./invite-accept";
import { createInvite } from "./invites";
import { getMemberOrigin } from "./member-origin";

describe("getMemberOrigin", () => {
  test("the creator created it; someone added from the command line was added there", async () => {
    const { org, owner, members } = await makeOrganization([1]);
    assert.deepEqual(await call(getMemberOrigin, sessionOf(members[0]), { user__uuid: owner.uuid }, org.id), { source: "created", invitation: null });
    assert.deepEqual(await call(getMemberOrigin, sessionOf(owner), { user__uuid: "@me" }, org.id), { source: "created", invitation: null });
    assert.deepEqual(await call(getMemberOrigin, sessionOf(owner), { user__uuid: members[0].uuid }, org.id), { source: "cli", invitation: null });
  });

  test("an invited member accepted the invitation its sender made, which is kept after acceptance", async () => {
    const { org, owner } = await makeOrganization();
    const invitee = await makeUser("invitee");
    const invite = await call(createInvite, sessionOf(owner), { target_email: invitee.email }, org.id);
    await call(acceptInvite, sessionOf(invitee), { token: signInviteToken(await getAuthSecret(await getDb()), invite.id, 1) });
    const origin = await call(getMemberOrigin, sessionOf(invitee), { user__uuid: "@me" }, org.id);
    assert.equal(origin.source, "invite");
    assert.deepEqual(origin.invitation?.invited_by, { first_name: owner.firstName, last_name: owner.lastName, email: owner.email });
    assert.match(origin.invitation?.accepted_at ?? "", /^\d{4}-\d\d-\d\dT/);
  });

  test("someone who is not a member of this organization, or a malformed id, is not found; an outsider may not ask", async () => {
    const { org, owner } = await makeOrganization();
    const outsider = await makeUser("outsider");
    await expectAppError(call(getMemberOrigin, sessionOf(owner), { user__uuid: outsider.uuid }, org.id), 404, "not_found");
    await expectAppError(call(getMemberOrigin, sessionOf(owner), { user__uuid: "nope" }, org.id), 404, "not_found");
    await expectAppError(call(getMemberOrigin, sessionOf(outsider), { user__uuid: owner.uuid }, org.id), 403, "permission_denied");
  });
});
