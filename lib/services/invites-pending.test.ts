import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { call, callAt, expectAppError, makeOrganization, sessionOf, uniqueEmail } from "../testing/fixtures";
import { createInvite, findPendingInvites } from "./invites";

const DAY = 86_400_000;

describe("findPendingInvites", () => {
  test("finds the still-valid invitations of the addresses asked for, whatever their case, and nothing else", async () => {
    const { org, owner, members } = await makeOrganization([1]);
    const [pending, other, old] = [uniqueEmail("pending"), uniqueEmail("other"), uniqueEmail("old")];
    const created = await call(createInvite, sessionOf(owner), { target_email: pending, first_name: "Pia" }, org.id);
    await call(createInvite, sessionOf(owner), { target_email: other }, org.id);
    await callAt(createInvite, sessionOf(owner), { target_email: old }, org.id, new Date(Date.now() - 4 * DAY));

    const found = await call(findPendingInvites, sessionOf(members[0]), { emails: [pending.toUpperCase(), old, uniqueEmail("never")] }, org.id);
    assert.deepEqual(found.map((i) => [i.id, i.target_email, i.first_name, i.is_expired]), [[created.id, pending, "Pia", false]]);
    assert.deepEqual(await call(findPendingInvites, sessionOf(owner), { emails: [] }, org.id), []);
  });

  test("another organization's invitations stay out of reach; a bad address is refused by name", async () => {
    const { org, owner } = await makeOrganization();
    const stranger = await makeOrganization();
    const email = uniqueEmail("theirs");
    await call(createInvite, sessionOf(owner), { target_email: email }, org.id);
    assert.deepEqual(await call(findPendingInvites, sessionOf(stranger.owner), { emails: [email] }, stranger.org.id), []);
    await expectAppError(call(findPendingInvites, sessionOf(stranger.owner), { emails: [email] }, org.id), 403, "permission_denied");
    await expectAppError(call(findPendingInvites, sessionOf(owner), { emails: ["not-an-email"] }, org.id), 400, "invalid_input", { attr: "emails__0" });
  });
});
