import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { apiKeyOf, call, expectAppError, makeOrganization, sessionOf, uniqueEmail } from "../testing/fixtures";
import { verifyInviteToken } from "../auth/invite-token";
import { getDb } from "../../db/client";
import { getAuthSecret } from "./instance";
import { createInvite, getInviteLink } from "./invites";

describe("getInviteLink", () => {
  test("admins and the invite's creator get the accept link; other members, other organizations and API keys do not", async () => {
    const { org, owner, members } = await makeOrganization([1, 1]);
    const [creator, bystander] = members;
    const byOwner = await call(createInvite, sessionOf(owner), { target_email: uniqueEmail() }, org.id);
    const byMember = await call(createInvite, sessionOf(creator), { target_email: uniqueEmail() }, org.id);

    const { url } = await call(getInviteLink, sessionOf(owner), { id: byOwner.id }, org.id);
    const token = url.split("/invites/")[1];
    assert.equal(verifyInviteToken(await getAuthSecret(await getDb()), token)?.inviteId, byOwner.id);
    assert.match((await call(getInviteLink, sessionOf(creator), { id: byMember.id }, org.id)).url, /\/invites\/[\w-]+$/);

    await expectAppError(call(getInviteLink, sessionOf(creator), { id: byOwner.id }, org.id), 403, "permission_denied");
    await expectAppError(call(getInviteLink, sessionOf(bystander), { id: byMember.id }, org.id), 403, "permission_denied");
    await expectAppError(call(getInviteLink, apiKeyOf(owner, ["*"]), { id: byOwner.id }, org.id), 403, "permission_denied");
    await expectAppError(call(getInviteLink, sessionOf(owner), { id: randomUUID() }, org.id), 404, "not_found");
    const other = await makeOrganization();
    await expectAppError(call(getInviteLink, sessionOf(other.owner), { id: byOwner.id }, other.org.id), 404, "not_found");
  });
});
